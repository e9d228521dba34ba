"""Protected-characteristic groups, labelled the same way in every group analysis.

Unknown values are a group of their own, "Not stated", and are never dropped: people whose
ethnicity, sex or age was not recorded are often treated differently, and dropping them hides it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vawg.contract._codes import ETHNICITY_GROUPS, ETHNICITY_NOT_STATED

# One definition of the age bands: the victim age profile's, so the tables line up.
from vawg.metrics import AGE_BANDS

NOT_STATED = ETHNICITY_NOT_STATED

SEX_LABELS = {"F": "Female", "M": "Male", "X": "Other (X)", "U": NOT_STATED}

# Dimension name -> the order its groups are shown in ("Not stated" last).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "Sex": ("Female", "Male", "Other (X)", NOT_STATED),
    "Age band": (*(band for band, _, _ in AGE_BANDS), NOT_STATED),
    "Ethnicity": (*ETHNICITY_GROUPS, NOT_STATED),
}


def age_band(age: pd.Series) -> pd.Series:
    """The age band of each age; "Not stated" where the age is unknown or negative."""
    values = pd.to_numeric(age, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(values), NOT_STATED, dtype=object)
    for label, low, high in AGE_BANDS:
        upper = np.inf if high is None else high
        out[(values >= low) & (values <= upper)] = label
    return pd.Series(out, index=age.index, name="Age band")


def sex_group(sex: pd.Series) -> pd.Series:
    labels = sex.astype(object).map(
        lambda v: SEX_LABELS.get(str(v).upper(), NOT_STATED) if pd.notna(v) else NOT_STATED
    )
    return pd.Series(labels.to_numpy(dtype=object), index=sex.index, name="Sex")


def ethnicity_group(values: pd.Series) -> pd.Series:
    known = set(ETHNICITY_GROUPS)
    labels = values.astype(object).map(lambda v: v if isinstance(v, str) and v in known else NOT_STATED)
    return pd.Series(labels.to_numpy(dtype=object), index=values.index, name="Ethnicity")


def protected_groups(
    frame: pd.DataFrame, *, sex: str = "sex", age: str = "age", ethnicity: str = "ethnicity_group"
) -> pd.DataFrame:
    """Columns "Sex", "Age band", "Ethnicity" for each row of ``frame`` (unknowns as "Not stated")."""
    return pd.DataFrame(
        {
            "Sex": sex_group(frame[sex]),
            "Age band": age_band(frame[age]),
            "Ethnicity": ethnicity_group(frame[ethnicity]),
        },
        index=frame.index,
    )


def group_order(dimension: str, present: list[str]) -> list[str]:
    """``present`` groups in the standard order of ``dimension`` (unlisted groups after, sorted)."""
    standard = DIMENSIONS.get(dimension, ())
    known = [g for g in standard if g in present]
    return known + sorted(g for g in present if g not in standard)


__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "NOT_STATED",
    "SEX_LABELS",
    "age_band",
    "ethnicity_group",
    "group_order",
    "protected_groups",
    "sex_group",
]
