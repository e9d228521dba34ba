"""The calibration / error-rate trade-off, stated in plain English with the audit's own numbers.

Kleinberg, Mullainathan and Raghavan (2016) and Chouldechova (2017): where groups have different
base rates, no imperfect score can be calibrated within every group *and* give every group equal
false positive and false negative rates. Chouldechova's identity makes it concrete: for a group
with base rate p, at positive predictive value PPV and true positive rate TPR,
``FPR = p / (1 - p) * (1 - PPV) / PPV * TPR``; equal PPV and TPR therefore force unequal FPRs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

REFERENCES = (
    "Kleinberg, Mullainathan and Raghavan (2016), 'Inherent trade-offs in the fair determination of "
    "risk scores'; Chouldechova (2017), 'Fair prediction with disparate impact'"
)


def implied_fpr(base_rate: float, ppv: float, tpr: float) -> float:
    """The false positive rate a group must have for the given PPV and TPR (Chouldechova 2017)."""
    if not 0 < base_rate < 1 or not 0 < ppv <= 1:
        return float("nan")
    return base_rate / (1 - base_rate) * (1 - ppv) / ppv * tpr


def _pct(value: float) -> str:
    if value is None or not np.isfinite(value):
        return "n/a"
    # Rare outcomes need two decimals, or different rates print the same.
    return f"{100 * value:.2f}%" if abs(value) < 0.1 else f"{100 * value:.1f}%"


def tradeoff_statement(
    by_group: pd.DataFrame, overall: dict[str, Any], *, outcome: str = "the outcome", min_n: int = 50
) -> str:
    """A paragraph for the board: base rates by group, what they imply, and the choice it leaves."""
    ppv, tpr = float(overall.get("precision", np.nan)), float(overall.get("tpr", np.nan))
    parts: list[str] = []
    implied: list[str] = []
    differ = False
    for dimension, rows in by_group.groupby("dimension", sort=False):
        readable = rows[~rows["small_group"]] if (~rows["small_group"]).sum() >= 2 else rows[rows["n"] > 0]
        if len(readable) < 2:
            continue
        readable = readable.sort_values("base_rate")
        low, high = readable.iloc[0], readable.iloc[-1]
        caveat = "" if (~rows["small_group"]).sum() >= 2 else " (small groups: read with care)"
        similar = _pct(low["base_rate"]) == _pct(high["base_rate"])
        parts.append(
            f"by {str(dimension).lower()}, {'about the same, ' if similar else 'from '}{_pct(low['base_rate'])} "
            f"({low['group']}, n = {int(low['n'])}) {'and' if similar else 'to'} {_pct(high['base_rate'])} "
            f"({high['group']}, n = {int(high['n'])}){caveat}"
        )
        differ = differ or not similar
        if np.isfinite(ppv) and np.isfinite(tpr):
            implied.append(
                f"{_pct(implied_fpr(low['base_rate'], ppv, tpr))} for {low['group']} and "
                f"{_pct(implied_fpr(high['base_rate'], ppv, tpr))} for {high['group']}"
            )
    if not parts:
        return (
            f"The groups are too small to compare base rates of {outcome}; the trade-off between "
            f"calibration and equal error rates ({REFERENCES}) cannot be quantified on these data."
        )
    text = (
        f"In the evaluation data the rate of {outcome} by group is: {'; '.join(parts)}. "
        "When base rates differ, no score that is less than perfect can be both calibrated within "
        "each group (a predicted 10% meaning 10% for everyone) and have equal false positive and "
        f"false negative rates across groups ({REFERENCES}). "
    )
    if implied and differ:
        text += (
            f"At the operating point the score's precision is {_pct(ppv)} and it finds {_pct(tpr)} of "
            "the people with the outcome; if every group had that precision and that detection rate, "
            "Chouldechova's identity FPR = p/(1-p) x (1-PPV)/PPV x TPR would force false positive "
            f"rates of {'; '.join(implied)}: the group with the higher base rate would carry more "
            "false positives. "
        )
    text += (
        "The force has to choose which property to hold. vawg reports calibration within groups and "
        "error rates side by side. Because the tool is used to offer safeguarding and diversion, not "
        "enforcement, the recommended priority is calibration within groups, with false positive "
        "rates monitored so that people flagged in error are offered support, never sanction."
    )
    return text


__all__ = ["REFERENCES", "implied_fpr", "tradeoff_statement"]
