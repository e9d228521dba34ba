"""The metrics a fairness audit reads in each group, each from the library that defines it.

fairlearn's MetricFrame evaluates them group by group; sklearn supplies AUC, Brier and precision;
the proportions get the project's Wilson interval (:func:`vawg.metrics._intervals.wilson_interval`).
Scores become decisions at an operating point (:func:`operating_flags`); AUC and Brier get a
within-group percentile bootstrap (fixed seed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, false_positive_rate, selection_rate, true_positive_rate
from sklearn.metrics import brier_score_loss, precision_score, roc_auc_score

from vawg.metrics._intervals import wilson_interval

DEFAULT_CAPACITY = 100
DEFAULT_SEED = 20230331
DECISION_METRICS = ("selection_rate", "tpr", "fpr", "precision")
SCORE_METRICS = ("auc", "brier")


# fairlearn returns 0 for a true positive rate in a group with no positives; that is undefined,
# not zero, so these wrappers say NaN instead. Each wraps the library's own metric.
def tpr_or_nan(y: np.ndarray, pred: np.ndarray) -> float:
    return float(true_positive_rate(y, pred)) if np.any(y == 1) else float("nan")


def fpr_or_nan(y: np.ndarray, pred: np.ndarray) -> float:
    return float(false_positive_rate(y, pred)) if np.any(y == 0) else float("nan")


def precision_or_nan(y: np.ndarray, pred: np.ndarray) -> float:
    return float(precision_score(y, pred, zero_division=np.nan))


def auc_or_nan(y: np.ndarray, score: np.ndarray) -> float:
    return float(roc_auc_score(y, score)) if 0 < np.sum(y) < len(y) else float("nan")


def brier(y: np.ndarray, score: np.ndarray) -> float:
    return float(brier_score_loss(y, score, labels=[0, 1]))


def rank_auc(y: np.ndarray, score: np.ndarray) -> float:
    """AUC by the Mann-Whitney identity (ties count one half): what roc_auc_score gives, without its
    per-call validation, which would dominate a bootstrap loop (a test pins the equality)."""
    y = np.asarray(y)
    positives = int(np.sum(y))
    negatives = len(y) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    # Average ranks (1-based) of the scores, ties sharing their mean rank.
    _, inverse, counts = np.unique(score, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    ranks = (ends - (counts - 1) / 2.0)[inverse]
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def with_ci(name: str, value: float, count: int, nobs: int) -> dict[str, float]:
    """``{name, name_ci_low, name_ci_high}``: a proportion with its Wilson interval."""
    low, high = wilson_interval(count, nobs)
    return {name: float(value), f"{name}_ci_low": float(low[0]), f"{name}_ci_high": float(high[0])}


def operating_flags(
    score: np.ndarray,
    *,
    capacity: int | None = None,
    threshold: float | None = None,
    seed: int = DEFAULT_SEED,
) -> tuple[np.ndarray, float]:
    """(flags, threshold): the top ``capacity`` scores (ties broken at random, fixed seed) or score >= threshold."""
    score = np.asarray(score, dtype=float)
    if threshold is not None:
        return (score >= threshold).astype(int), float(threshold)
    k = min(capacity or DEFAULT_CAPACITY, len(score))
    tiebreak = np.random.default_rng(seed).random(len(score))
    chosen = np.lexsort((tiebreak, -score))[:k]
    flags = np.zeros(len(score), dtype=int)
    flags[chosen] = 1
    return flags, float(score[chosen].min()) if k else float("nan")


def bootstrap_group(
    y: np.ndarray, s: np.ndarray, rng: np.random.Generator, n_boot: int
) -> dict[str, tuple[float, float]]:
    """Percentile 95% intervals of AUC and Brier score within one group."""
    aucs, briers = [], []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        yy, ss = y[idx], s[idx]
        positives = int(yy.sum())
        if 0 < positives < len(yy):
            aucs.append(rank_auc(yy, ss))
        briers.append(float(np.mean((ss - yy) ** 2)))

    def q(values: list[float]) -> tuple[float, float]:
        return (
            (float(np.quantile(values, 0.025)), float(np.quantile(values, 0.975)))
            if values
            else (np.nan, np.nan)
        )

    return {"auc": q(aucs), "brier": q(briers)}


@dataclass
class MetricFrames:
    """fairlearn MetricFrames of one dimension: decisions (at the operating point) and scores."""

    decisions: MetricFrame
    scores: MetricFrame

    @property
    def by_group(self) -> pd.DataFrame:
        return pd.concat([self.decisions.by_group, self.scores.by_group], axis=1)

    def difference(self) -> pd.Series:
        return pd.concat([self.decisions.difference(), self.scores.difference()])

    def ratio(self) -> pd.Series:
        return pd.concat([self.decisions.ratio(), self.scores.ratio()])


def metric_frames(
    y: np.ndarray, flags: np.ndarray, score: np.ndarray, labels: np.ndarray, dimension: str
) -> MetricFrames:
    decisions = MetricFrame(
        metrics={
            "selection_rate": selection_rate,
            "tpr": tpr_or_nan,
            "fpr": fpr_or_nan,
            "precision": precision_or_nan,
        },
        y_true=y,
        y_pred=flags,
        sensitive_features=pd.Series(labels, name=dimension),
    )
    scores = MetricFrame(
        metrics={"auc": auc_or_nan, "brier": brier},
        y_true=y,
        y_pred=score,
        sensitive_features=pd.Series(labels, name=dimension),
    )
    return MetricFrames(decisions, scores)


__all__ = [
    "DECISION_METRICS",
    "DEFAULT_CAPACITY",
    "DEFAULT_SEED",
    "SCORE_METRICS",
    "MetricFrames",
    "auc_or_nan",
    "bootstrap_group",
    "brier",
    "fpr_or_nan",
    "metric_frames",
    "operating_flags",
    "precision_or_nan",
    "rank_auc",
    "tpr_or_nan",
    "with_ci",
]
