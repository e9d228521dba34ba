"""Offence and outcome mixes of the synthetic force, and the code lists they index into.

Codes come from the contract's code sets (the reference data), never from a second copy: a mix that
names a code the reference data lacks fails at import.
"""

from __future__ import annotations

import numpy as np

from vawg.config import DEFAULT_POSITIVE_OUTCOMES
from vawg.contract import code_sets

OFFENCES: tuple[str, ...] = code_sets()["offence_code"]
OUTCOMES: tuple[str, ...] = code_sets()["outcome_code"]
_OFF = {c: i for i, c in enumerate(OFFENCES)}
_OUT = {c: i for i, c in enumerate(OUTCOMES)}


def off(*codes: str) -> np.ndarray:
    """Indexes of offence codes (KeyError for a code not in the reference data)."""
    return np.array([_OFF[c] for c in codes], dtype=np.int16)


def out(*codes: str) -> np.ndarray:
    """Indexes of outcome codes."""
    return np.array([_OUT[c] for c in codes], dtype=np.int8)


# Internal kinds of offending (never written: the bundle only carries codes and flags).
DA, STALKING, SEXUAL, GENERAL, ESCALATION = 0, 1, 2, 3, 4

# Domestic abuse is a flag, not a code: DA crimes span assault, damage, threats, harassment, stalking,
# coercive control. Shares are plausible for a metropolitan force, not measured.
DA_MIX = {
    "105A": 0.300, "8N": 0.115, "8U": 0.095, "8L": 0.110, "8Q": 0.130, "8R": 0.065, "58A": 0.090,
    "3B": 0.030, "9A": 0.040, "5D": 0.008, "8M": 0.005, "36": 0.002, "58C": 0.010,
}  # fmt: skip
# Non-domestic stalking and harassment: a series has a type; most of its offences are that type.
STALKING_TYPES = {"8Q": 0.33, "8L": 0.32, "8R": 0.32, "8M": 0.03}
STALKING_OTHER = {"8L": 0.4, "8R": 0.4, "8Q": 0.2}
# Sexual offences (about 10.5k a year, of which rape about a third).
SEXUAL_MIX = {
    "19C": 0.285, "19D": 0.048, "19E": 0.028, "19F": 0.019, "20A": 0.248, "20B": 0.038, "17A": 0.029,
    "17B": 0.010, "22A": 0.029, "22B": 0.076, "21": 0.048, "88E": 0.076, "71": 0.029, "88A": 0.019,
    "23": 0.010, "73": 0.008,
}  # fmt: skip
# Non-VAWG crime with suspects: what female detainees are mostly arrested for (para 41) is here.
GENERAL_MIX = {
    "46": 0.36, "49": 0.12, "105A": 0.20, "8N": 0.08, "58A": 0.03, "58C": 0.05, "58D": 0.04,
    "92D": 0.06, "9A": 0.04, "39": 0.02,
}  # fmt: skip
# Women's non-VAWG offending is mostly theft and low-level assault (board paper para 41).
GENERAL_MIX_FEMALE = {"46": 0.55, "49": 0.12, "105A": 0.22, "8N": 0.03, "58A": 0.02, "58D": 0.02, "92D": 0.02,
                      "9A": 0.02}  # fmt: skip
GENERAL_WITH_VICTIM = ("105A", "8N", "39", "58A")

# Victim constraints by sexual offence code: (female share, min age, max age) at the time of the crime.
SEXUAL_VICTIM = {
    "19C": (1.0, 16, 90), "19D": (1.0, 13, 15), "19E": (1.0, 4, 12), "19F": (0.0, 16, 90),
    "20A": (1.0, 13, 90), "20B": (1.0, 4, 12), "17A": (0.0, 13, 90), "17B": (0.0, 4, 12),
    "22A": (0.85, 16, 90), "22B": (0.8, 13, 15), "21": (0.75, 4, 12), "88E": (0.9, 12, 90),
    "71": (0.85, 12, 17), "88A": (0.85, 11, 15), "23": (0.75, 6, 17), "73": (0.8, 14, 17),
}  # fmt: skip

# Share of crimes committed wholly or partly online, by code.
ONLINE = {"8R": 0.80, "8Q": 0.35, "8L": 0.30, "8M": 0.25, "8U": 0.15, "88A": 0.70, "71": 0.20, "88E": 0.10,
          "3B": 0.10}  # fmt: skip
ONLINE_DEFAULT = 0.02

# Codes of the planted escalation (serious sexual offending). The stalking antecedents of the plant
# are vawg.reference.STALKING_ANTECEDENT_CODES (8Q, 8L, 8R); orders use the wider stalking and
# harassment codes below (a non-molestation or restraining order also follows 8M).
SERIOUS_SEXUAL = ("19C", "19D", "19E", "19F", "19G", "19H", "20A", "20B", "17A", "17B", "22A")
RAPE = ("19C", "19D", "19E", "19F", "19G", "19H")
STALKING_HARASSMENT_CODES = ("8Q", "8L", "8M", "8R")

# The default positive outcomes, not the settings: a seed gives the same force whatever VAWG_* says.
POSITIVE = DEFAULT_POSITIVE_OUTCOMES


def online_probability(offence: np.ndarray) -> np.ndarray:
    """Probability each crime (offence index) was committed online."""
    table = np.full(len(OFFENCES), ONLINE_DEFAULT)
    for code, p in ONLINE.items():
        table[_OFF[code]] = p
    return table[offence]


def mix_arrays(mix: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(offence indexes, normalised weights) of a mix."""
    w = np.array(list(mix.values()), dtype=float)
    return off(*mix), w / w.sum()
