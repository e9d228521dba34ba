"""Closed code sets of the contract. Offence and outcome codes come from the reference data."""

from __future__ import annotations

from functools import lru_cache

from vawg.contract._tables_behaviours import BEHAVIOUR_CODE_SETS
from vawg.reference import load_reference

SEX = ("F", "M", "X", "U")
ROLE = ("victim", "suspect")
DISPOSAL = ("charged", "bail", "rui", "nfa", "caution", "community_resolution", "other")
ORDER_TYPE = ("DVPN", "DVPO", "DAPN", "DAPO", "SPO", "ISPO", "SRO", "SHPO", "RO", "NMO")
ORDER_STATUS = ("granted", "refused", "withdrawn", "pending")
INTERVENTION_STATUS = ("referred", "started", "completed", "withdrawn")
INTEL_TOPIC = ("drugs", "vawg", "weapons", "violence", "other")
# Contract 1.1 (optional suspect_status table): where the hunt for an outstanding suspect stands.
SUSPECT_STATUS = ("wanted", "circulated", "arrest_ready", "interviewed_voluntarily", "other")

# 2021 Census ethnicity: 18+1 codes mapped to the 5+1 groups. Blank or NS = not stated.
CENSUS_ETHNICITY_GROUP: dict[str, str] = {
    **{f"A{i}": "Asian" for i in range(1, 6)},
    **{f"B{i}": "Black" for i in range(1, 4)},
    **{f"M{i}": "Mixed" for i in range(1, 5)},
    **{f"W{i}": "White" for i in range(1, 5)},
    "O1": "Other",
    "O2": "Other",
}
ETHNICITY_GROUPS = ("Asian", "Black", "Mixed", "White", "Other")
ETHNICITY_NOT_STATED = "Not stated"
ETHNICITY = (*CENSUS_ETHNICITY_GROUP, *ETHNICITY_GROUPS, "NS")


@lru_cache(maxsize=1)
def code_sets() -> dict[str, tuple[str, ...]]:
    """Every closed code set by name, in canonical spelling."""
    ref = load_reference()
    return {
        "offence_code": tuple(ref.offence_codes["offence_code"]),
        "outcome_code": tuple(ref.outcome_types["outcome_code"]),
        "sex": SEX,
        "role": ROLE,
        "disposal": DISPOSAL,
        "order_type": ORDER_TYPE,
        "order_status": ORDER_STATUS,
        "intervention_status": INTERVENTION_STATUS,
        "intel_topic": INTEL_TOPIC,
        "suspect_status": SUSPECT_STATUS,
        "ethnicity": ETHNICITY,
        **BEHAVIOUR_CODE_SETS,
    }


def ethnicity_group(value: str | None) -> str:
    """The 5+1 group of an ethnicity value as the contract allows it; "Not stated" when blank/NS."""
    if value is None or value.strip() == "" or value.strip().upper() == "NS":
        return ETHNICITY_NOT_STATED
    v = value.strip()
    if v.upper() in CENSUS_ETHNICITY_GROUP:
        return CENSUS_ETHNICITY_GROUP[v.upper()]
    for group in ETHNICITY_GROUPS:
        if v.lower() == group.lower():
            return group
    raise ValueError(f"not an ethnicity code: {value!r}")
