"""Fairness audit of a risk score: error rates, discrimination and calibration by group.

The score is turned into a decision at an operating point (the top ``capacity`` people a team can
work with, or a probability threshold); fairlearn's MetricFrame gives each group's selection rate,
true and false positive rates and precision at that point, AUC and Brier score, with ``difference()``
and ``ratio()`` between groups. Intervals: Wilson for the proportions (they are counts over counts),
a within-group percentile bootstrap (fixed seed) for AUC and Brier. Small groups are flagged, never
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, false_positive_rate, selection_rate, true_positive_rate
from sklearn.metrics import brier_score_loss, precision_score, roc_auc_score
from statsmodels.stats.proportion import proportion_confint

from vawg.equality._groups import group_order
from vawg.equality._tradeoff import tradeoff_statement

MIN_GROUP_N = 50
MIN_GROUP_POSITIVES = 10
DEFAULT_CAPACITY = 100
DEFAULT_SEED = 20230331
SMALL_GROUP_WARNING = (
    "{dimension} = {group}: small group (n = {n}, {positives} with the outcome; thresholds n >= {min_n} "
    "and >= {min_pos} with the outcome): its rates are unstable, read them with their intervals."
)
DECISION_METRICS = ("selection_rate", "tpr", "fpr", "precision")
SCORE_METRICS = ("auc", "brier")


# fairlearn returns 0 for a true positive rate in a group with no positives; that is undefined,
# not zero, so these wrappers say NaN instead. Each wraps the library's own metric.
def _tpr(y: np.ndarray, pred: np.ndarray) -> float:
    return float(true_positive_rate(y, pred)) if np.any(y == 1) else float("nan")


def _fpr(y: np.ndarray, pred: np.ndarray) -> float:
    return float(false_positive_rate(y, pred)) if np.any(y == 0) else float("nan")


def _precision(y: np.ndarray, pred: np.ndarray) -> float:
    return float(precision_score(y, pred, zero_division=np.nan))


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    return float(roc_auc_score(y, score)) if 0 < np.sum(y) < len(y) else float("nan")


def _brier(y: np.ndarray, score: np.ndarray) -> float:
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


def _wilson(count: np.ndarray, nobs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    count, nobs = np.asarray(count, dtype=float), np.asarray(nobs, dtype=float)
    low, high = np.full(count.shape, np.nan), np.full(count.shape, np.nan)
    ok = nobs > 0
    if ok.any():
        low[ok], high[ok] = proportion_confint(count[ok], nobs[ok], alpha=0.05, method="wilson")
    return low, high


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


def _bootstrap_group(
    y: np.ndarray, s: np.ndarray, rng: np.random.Generator, n_boot: int
) -> dict[str, tuple[float, float]]:
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
class FairnessAudit:
    """By-group results of one score at one operating point."""

    by_group: pd.DataFrame
    summary: pd.DataFrame
    calibration: pd.DataFrame
    overall: dict[str, float]
    threshold: float
    capacity: int | None
    tradeoff: str
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (NaN as None), for the model registry and the ethics pack."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]

        return {
            "by_group": records(self.by_group),
            "summary": records(self.summary),
            "calibration": records(self.calibration),
            "overall": {k: _json_value(v) for k, v in self.overall.items()},
            "threshold": _json_value(self.threshold),
            "capacity": self.capacity,
            "tradeoff": self.tradeoff,
            "warnings": list(self.warnings),
        }


def _json_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def fairness_audit(
    y_true: np.ndarray | pd.Series,
    y_score: np.ndarray | pd.Series,
    groups: pd.DataFrame,
    *,
    capacity: int | None = DEFAULT_CAPACITY,
    threshold: float | None = None,
    n_boot: int = 200,
    seed: int = DEFAULT_SEED,
    min_n: int = MIN_GROUP_N,
    min_positives: int = MIN_GROUP_POSITIVES,
    outcome: str = "the outcome",
) -> FairnessAudit:
    """Audit ``y_score`` (probabilities) against ``y_true`` for each column (dimension) of ``groups``."""
    y = np.asarray(y_true, dtype=int)
    score = np.asarray(y_score, dtype=float)
    flags, cut = operating_flags(score, capacity=capacity, threshold=threshold, seed=seed)
    rng = np.random.default_rng(seed)
    rows, summaries, calibration, warnings = [], [], [], []
    bins = np.unique(np.quantile(score, np.linspace(0, 1, 6)))
    for dimension in groups.columns:
        labels = groups[dimension].astype(object).to_numpy()
        frames = _metric_frames(y, flags, score, labels, dimension)
        by = frames.by_group
        present = group_order(dimension, [str(g) for g in by.index])
        for group in present:
            mask = labels == group
            yy, ff, ss = y[mask], flags[mask], score[mask]
            n, positives, selected = int(mask.sum()), int(yy.sum()), int(ff.sum())
            tp, fp = int((ff & yy).sum()), int((ff & (1 - yy)).sum())
            small = n < min_n or positives < min_positives
            row: dict[str, Any] = {"dimension": dimension, "group": group, "n": n, "positives": positives}
            row.update(_with_ci("base_rate", positives / n, positives, n))
            row["selected"] = selected
            row.update(_with_ci("selection_rate", by.loc[group, "selection_rate"], selected, n))
            row.update(_with_ci("tpr", by.loc[group, "tpr"], tp, positives))
            row.update(_with_ci("fpr", by.loc[group, "fpr"], fp, n - positives))
            row.update(_with_ci("precision", by.loc[group, "precision"], tp, selected))
            boot = _bootstrap_group(yy, ss, rng, n_boot)
            for metric in SCORE_METRICS:
                row[metric] = float(by.loc[group, metric])
                row[f"{metric}_ci_low"], row[f"{metric}_ci_high"] = boot[metric]
            row["mean_predicted"] = float(ss.mean())
            row["observed_to_expected"] = float(yy.mean() / ss.mean()) if ss.mean() > 0 else float("nan")
            row["small_group"] = small
            if small:
                warnings.append(
                    SMALL_GROUP_WARNING.format(
                        dimension=dimension,
                        group=group,
                        n=n,
                        positives=positives,
                        min_n=min_n,
                        min_pos=min_positives,
                    )
                )
            rows.append(row)
            calibration.extend(_calibration_rows(dimension, group, yy, ss, bins))
        summaries.extend(_summary_rows(dimension, frames, rows))
    by_group = pd.DataFrame(rows)
    overall = {
        "n": float(len(y)),
        "positives": float(y.sum()),
        "base_rate": float(y.mean()),
        "selection_rate": float(flags.mean()),
        "tpr": _tpr(y, flags),
        "fpr": _fpr(y, flags),
        "precision": _precision(y, flags),
        "auc": _auc(y, score),
        "brier": _brier(y, score),
    }
    return FairnessAudit(
        by_group=by_group,
        summary=pd.DataFrame(summaries),
        calibration=pd.DataFrame(calibration),
        overall=overall,
        threshold=cut,
        capacity=None if threshold is not None else capacity,
        tradeoff=tradeoff_statement(by_group, overall, outcome=outcome, min_n=min_n),
        warnings=warnings,
    )


def _metric_frames(
    y: np.ndarray, flags: np.ndarray, score: np.ndarray, labels: np.ndarray, dimension: str
) -> Any:
    decisions = MetricFrame(
        metrics={"selection_rate": selection_rate, "tpr": _tpr, "fpr": _fpr, "precision": _precision},
        y_true=y,
        y_pred=flags,
        sensitive_features=pd.Series(labels, name=dimension),
    )
    scores = MetricFrame(
        metrics={"auc": _auc, "brier": _brier},
        y_true=y,
        y_pred=score,
        sensitive_features=pd.Series(labels, name=dimension),
    )
    return _Frames(decisions, scores)


@dataclass
class _Frames:
    decisions: MetricFrame
    scores: MetricFrame

    @property
    def by_group(self) -> pd.DataFrame:
        return pd.concat([self.decisions.by_group, self.scores.by_group], axis=1)

    def difference(self) -> pd.Series:
        return pd.concat([self.decisions.difference(), self.scores.difference()])

    def ratio(self) -> pd.Series:
        return pd.concat([self.decisions.ratio(), self.scores.ratio()])


def _summary_rows(dimension: str, frames: _Frames, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """fairlearn's difference() and ratio() across all groups, and the same across the groups large
    enough to read (max - min and min / max of their by-group values, as fairlearn defines them)."""
    large = [r for r in rows if r["dimension"] == dimension and not r["small_group"]]
    diff, ratio = frames.difference(), frames.ratio()
    out = []
    for metric in (*DECISION_METRICS, *SCORE_METRICS):
        values = np.array([r[metric] for r in large], dtype=float)
        values = values[np.isfinite(values)]
        high, low = (values.max(), values.min()) if len(values) >= 2 else (np.nan, np.nan)
        out.append(
            {
                "dimension": dimension,
                "metric": metric,
                "difference": float(diff[metric]),
                "ratio": float(ratio[metric]),
                "difference_large_groups": float(high - low),
                "ratio_large_groups": float(low / high) if high and np.isfinite(high) else float("nan"),
                "large_groups": len(large),
            }
        )
    return out


def _with_ci(name: str, value: float, count: int, nobs: int) -> dict[str, float]:
    low, high = _wilson(np.array([count]), np.array([nobs]))
    return {name: float(value), f"{name}_ci_low": float(low[0]), f"{name}_ci_high": float(high[0])}


def _calibration_rows(
    dimension: str, group: str, y: np.ndarray, score: np.ndarray, edges: np.ndarray
) -> list[dict[str, Any]]:
    """Observed rate against mean predicted in the overall score quintiles, within one group."""
    index = np.clip(np.searchsorted(edges, score, side="right") - 1, 0, max(len(edges) - 2, 0))
    out = []
    for b in np.unique(index):
        in_bin = index == b
        n, positives = int(in_bin.sum()), int(y[in_bin].sum())
        low, high = _wilson(np.array([positives]), np.array([n]))
        out.append(
            {
                "dimension": dimension,
                "group": group,
                "bin": int(b) + 1,
                "n": n,
                "mean_predicted": float(score[in_bin].mean()),
                "observed": positives / n,
                "observed_ci_low": float(low[0]),
                "observed_ci_high": float(high[0]),
            }
        )
    return out


__all__ = [
    "MIN_GROUP_N",
    "MIN_GROUP_POSITIVES",
    "SMALL_GROUP_WARNING",
    "FairnessAudit",
    "fairness_audit",
    "operating_flags",
    "rank_auc",
]
