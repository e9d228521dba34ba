"""The people of the synthetic force: pseudonymous, with sex, year of birth and self-defined ethnicity.

People are added pool by pool (domestic abuse suspects, their victims, stalkers …) and are numbered
in a random order when written, so a person id says nothing about the pool a person came from.
"""

from __future__ import annotations

import numpy as np

from vawg.contract import CENSUS_ETHNICITY_GROUP, ETHNICITY_GROUPS
from vawg.contract._codes import SEX
from vawg.synth._arrays import Frame, weighted_pick
from vawg.synth._calendar import day_of_year, year_of

SEXES = SEX  # draw_sex returns indexes into these: F, M, X, U

# West Midlands ethnic groups, Census 2021 (rounded): White 70%, Asian 18%, Black 6%, Mixed 4%, Other 2%.
GROUP_SHARE = {"White": 0.70, "Asian": 0.18, "Black": 0.06, "Mixed": 0.04, "Other": 0.02}
# The 18+1 codes within each group, with made-up but plausible shares (the mix, not the labels, matters).
CODE_SHARE = {
    "White": {"W1": 0.88, "W2": 0.02, "W3": 0.01, "W4": 0.09},
    "Asian": {"A1": 0.30, "A2": 0.45, "A3": 0.10, "A4": 0.05, "A5": 0.10},
    "Black": {"B1": 0.45, "B2": 0.40, "B3": 0.15},
    "Mixed": {"M1": 0.45, "M2": 0.10, "M3": 0.25, "M4": 0.20},
    "Other": {"O1": 0.40, "O2": 0.60},
}
assert all(CENSUS_ETHNICITY_GROUP[c] == g for g, m in CODE_SHARE.items() for c in m)
assert set(GROUP_SHARE) == set(ETHNICITY_GROUPS)
ETHNICITY_VALUES = np.array(["", "NS", *ETHNICITY_GROUPS, *(c for m in CODE_SHARE.values() for c in m)])


def draw_sex(rng: np.random.Generator, n: int, female: float, unknown: float = 0.01) -> np.ndarray:
    """Sex codes as indexes into SEXES: ``female`` share F, a few X and U, the rest M."""
    x = 0.002
    return weighted_pick(rng, np.array([female, 1 - female - x - unknown, x, unknown]), n).astype(np.int8)


def draw_ethnicity(rng: np.random.Generator, n: int, not_stated: float) -> np.ndarray:
    """Indexes into ETHNICITY_VALUES: not stated (blank or NS), else a 5+1 group word (30%) or an
    18+1 code (70%): forces hold a mix of the two."""
    out = np.empty(n, dtype=np.int16)
    u = rng.random(n)
    blank = u < not_stated * 0.6
    ns = (u >= not_stated * 0.6) & (u < not_stated)
    out[blank], out[ns] = 0, 1
    stated = np.flatnonzero(u >= not_stated)
    groups = weighted_pick(rng, np.array(list(GROUP_SHARE.values())), len(stated))
    as_word = rng.random(len(stated)) < 0.30
    values = list(ETHNICITY_VALUES)
    for g, name in enumerate(GROUP_SHARE):
        in_group = stated[groups == g]
        word = as_word[groups == g]
        out[in_group[word]] = values.index(name)
        codes = CODE_SHARE[name]
        picks = weighted_pick(rng, np.array(list(codes.values())), int((~word).sum()))
        out[in_group[~word]] = np.array([values.index(c) for c in codes])[picks]
    return out


def birth_from_age(
    rng: np.random.Generator, age: np.ndarray, on_day: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(birth_year, birth day-of-year) of people aged exactly ``age`` on ``on_day``."""
    bdoy = rng.integers(0, 365, len(age))
    had_birthday = day_of_year(on_day) >= bdoy
    return (year_of(on_day) - age - (~had_birthday)).astype(np.int32), bdoy.astype(np.int16)


def age_on(birth_year: np.ndarray, birth_doy: np.ndarray, on_day: np.ndarray) -> np.ndarray:
    """Age in whole years on ``on_day`` (-1 where the year of birth is unknown)."""
    age = year_of(on_day) - birth_year - (day_of_year(on_day) < birth_doy)
    return np.where(birth_year > 0, age, -1)


class People:
    """Grows pool by pool; ``frame`` holds sex, birth_year (0 = unknown), birth_doy, ethnicity, home
    area, the pool a person came from and ``age_min`` (see :meth:`add`)."""

    def __init__(self) -> None:
        self.frame = Frame(
            sex=np.zeros(0, np.int8), birth_year=np.zeros(0, np.int32), birth_doy=np.zeros(0, np.int16),
            ethnicity=np.zeros(0, np.int16), area=np.zeros(0, np.int8), pool=np.zeros(0, np.int8),
            age_min=np.zeros(0, np.int8),
        )  # fmt: skip

    @property
    def count(self) -> int:
        return self.frame.rows

    def add(
        self,
        rng: np.random.Generator,
        *,
        pool: int,
        area: np.ndarray,
        female: float,
        age: np.ndarray,
        on_day: np.ndarray,
        not_stated: float,
        birth_unknown: float,
        age_min: int = 0,
    ) -> np.ndarray:
        """Add ``len(area)`` people aged ``age`` on ``on_day``; return their indexes.

        ``age_min`` > 0 marks victims whose age is set later by the age-profile calibration (no
        younger than ``age_min``); 0 keeps ``age`` as given.
        """
        n = len(area)
        by, bdoy = birth_from_age(rng, np.asarray(age), np.asarray(on_day))
        by[rng.random(n) < birth_unknown] = 0
        part = Frame(
            sex=draw_sex(rng, n, female), birth_year=by, birth_doy=bdoy,
            ethnicity=draw_ethnicity(rng, n, not_stated), area=np.asarray(area, np.int8),
            pool=np.full(n, pool, np.int8), age_min=np.full(n, age_min, np.int8),
        )  # fmt: skip
        start = self.count
        self.frame = Frame.concat([self.frame, part]) if start else part
        return np.arange(start, start + n)


# Pools (internal: which generator made a person).
DA_SUSPECT, DA_VICTIM, STALKER, STALKING_VICTIM, SEX_OFFENDER, SEXUAL_VICTIM = 0, 1, 2, 3, 4, 5
GENERAL_SUSPECT, GENERAL_VICTIM, ESCALATION_VICTIM = 6, 7, 8
