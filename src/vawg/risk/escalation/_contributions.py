"""Each person's main contributing factors: how much each input moves their predicted probability.

For any of the three scorers (RFSDI recalibrated, logistic regression, gradient boosting) the same
model-agnostic measure is used: the change in the person's predicted probability when one input is
set to the cohort's typical (median) value, all others kept. A positive contribution means the
input raises this person's risk above what it would be were that input typical. It is not SHAP (no
interactions are shared out) but it is exact for what it says, cheap, and the same for every scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

TOP_FACTORS = 3


def occlusion_contributions(
    predict: Callable[[pd.DataFrame], np.ndarray], frame: pd.DataFrame, features: Sequence[str]
) -> pd.DataFrame:
    """Per person and input: p(person) − p(person with that input at the cohort median)."""
    base = np.asarray(predict(frame), dtype=float)
    out = {}
    for feature in features:
        typical = frame[feature].median()
        changed = frame.assign(**{feature: typical if pd.notna(typical) else frame[feature]})
        out[feature] = base - np.asarray(predict(changed), dtype=float)
    return pd.DataFrame(out, index=frame.index)


def main_factors(contributions: pd.DataFrame, top: int = TOP_FACTORS) -> list[str]:
    """For each person, the inputs that raise their probability most, e.g. "x (+0.031); y (+0.012)"."""
    texts = []
    for _, row in contributions.iterrows():
        raising = row[row > 1e-6].sort_values(ascending=False).head(top)
        texts.append(
            "; ".join(f"{name} ({value:+.3f})" for name, value in raising.items()) or "none above typical"
        )
    return texts


__all__ = ["TOP_FACTORS", "main_factors", "occlusion_contributions"]
