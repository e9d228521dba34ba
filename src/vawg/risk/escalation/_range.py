"""Error rates by group over the whole score range, not only at one cut-off.

A single operating point hides how the errors move as a team takes more or fewer people. For each
cut-off (act on the top 1%, 2%, 5%, … of the list, ranked by the score, and at the team's capacity)
and each group: people, outcomes, selected, and the true positive rate, false positive rate and
precision (PPV), from fairlearn's MetricFrame, each with its 95% Wilson interval. A rate with no
denominator (no outcomes in a group, nobody selected) is undefined (NaN), not 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, count, false_positive_rate, true_positive_rate
from sklearn.metrics import precision_score

from vawg.metrics import wilson_interval

DEFAULT_SHARES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def _interval(hits: int, n: int) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    low, high = wilson_interval(hits, n)
    return float(np.ravel(low)[0]), float(np.ravel(high)[0])


def _top_flags(p: np.ndarray, k: int) -> np.ndarray:
    flags = np.zeros(len(p), dtype="int64")
    flags[np.argsort(-p, kind="stable")[:k]] = 1
    return flags


def error_rates_by_range(
    y: Sequence[int] | np.ndarray,
    p: Sequence[float] | np.ndarray,
    groups: pd.DataFrame,
    *,
    shares: Sequence[float] = DEFAULT_SHARES,
    capacity: int | None = None,
) -> pd.DataFrame:
    """One row per (cut-off, dimension, group): counts, TPR, FPR, precision with Wilson intervals."""
    y_arr, p_arr = np.asarray(y, dtype="int64"), np.asarray(p, dtype="float64")
    cuts = [(f"top {share:.0%}", max(1, round(share * len(p_arr)))) for share in shares]
    if capacity is not None:
        cuts.append((f"capacity (top {capacity})", min(capacity, len(p_arr))))
    metrics: dict[str, Any] = {
        "n": count,
        "tpr": true_positive_rate,
        "fpr": false_positive_rate,
        "precision": partial(precision_score, zero_division=np.nan),
    }
    rows: list[dict[str, Any]] = []
    for cut, k in cuts:
        flags = _top_flags(p_arr, k)
        for dimension in groups.columns:
            labels = groups[dimension].astype(str).to_numpy()
            frame: Any = MetricFrame(metrics=metrics, y_true=y_arr, y_pred=flags, sensitive_features=labels)
            for group, by in frame.by_group.iterrows():
                mask = labels == group
                n, positives, selected = int(mask.sum()), int(y_arr[mask].sum()), int(flags[mask].sum())
                tp = int((flags[mask] & y_arr[mask]).sum())
                fp = selected - tp
                row: dict[str, Any] = {"cut": cut, "k": k, "dimension": dimension, "group": str(group),
                                       "n": n, "positives": positives, "selected": selected}  # fmt: skip
                for name, value, hits, total in (
                    ("tpr", by["tpr"], tp, positives),
                    ("fpr", by["fpr"], fp, n - positives),
                    ("precision", by["precision"], tp, selected),
                ):
                    row[name] = float(value) if total else float("nan")
                    row[f"{name}_ci_low"], row[f"{name}_ci_high"] = _interval(hits, total)
                rows.append(row)
    return pd.DataFrame(rows)


__all__ = ["DEFAULT_SHARES", "error_rates_by_range"]
