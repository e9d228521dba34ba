"""The stalking antecedent codes: which recorded offences make someone part of the escalation cohort.

The board paper (para 52) asks for a model "predicting serious sexual offending based on a
perpetrator's stalking antecedents". Which offences are *stalking antecedents* is a decision about the
model, so it is stated once, as data (``data/stalking_antecedents.csv``): every code of the Home Office
subgroup "Stalking and harassment", each marked ``yes`` or ``no`` with the reason and the source.
Stalking 8Q, harassment 8L and malicious communications 8R are antecedents; racially or religiously
aggravated harassment 8M (a hate crime) and controlling or coercive behaviour 8U (domestic abuse, which
the DA features count) are not.

The list is part of the model's definition, so it is always the shipped file: a force's
``VAWG_REFERENCE_DIR`` does not replace it (a different list is a different model). The synthetic
force plants its escalation on the same list, so the two cannot drift apart.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

from vawg.errors import ReferenceDataError

_FILE = "stalking_antecedents.csv"
_COLUMNS = ("offence_code", "antecedent", "reason", "source")
_SUBGROUP = "Stalking and harassment"


def _shipped(name: str) -> pd.DataFrame:
    with resources.files("vawg.reference").joinpath("data", name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def stalking_antecedents() -> pd.DataFrame:
    """Every code of the Home Office subgroup "Stalking and harassment": offence_code, description,
    antecedent (True/False), reason, source; checked against the shipped offence codes."""
    frame = _shipped(_FILE)
    where = f"vawg/reference/data/{_FILE}"
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ReferenceDataError(
            f"{where}: expected columns {', '.join(_COLUMNS)}; missing {', '.join(missing)}"
        )
    bad = frame.loc[~frame["antecedent"].isin(("yes", "no"))]
    if len(bad):
        row = int(bad.index[0]) + 2  # the header is line 1
        raise ReferenceDataError(
            f"{where}, row {row}, column antecedent: expected yes or no; found {bad['antecedent'].iloc[0]!r}"
        )
    codes = _shipped("offence_codes.csv")
    subgroup = set(codes.loc[codes["offence_subgroup"] == _SUBGROUP, "offence_code"])
    listed = set(frame["offence_code"])
    if listed != subgroup or len(listed) != len(frame):
        raise ReferenceDataError(
            f"{where}: must list each code of the subgroup '{_SUBGROUP}' once "
            f"({', '.join(sorted(subgroup))}); lists {', '.join(frame['offence_code'])}"
        )
    described = frame.merge(codes[["offence_code", "description"]], on="offence_code", how="left")
    described["antecedent"] = described["antecedent"] == "yes"
    return described[["offence_code", "description", "antecedent", "reason", "source"]]


STALKING_ANTECEDENT_CODES: tuple[str, ...] = tuple(
    stalking_antecedents().loc[lambda f: f["antecedent"], "offence_code"]
)
"""The stalking antecedent codes (8Q, 8L, 8R): the escalation cohort is everyone recorded as a suspect
on one of them before the as-of date."""
