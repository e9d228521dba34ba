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

from vawg.equality._group_metrics import (
    DECISION_METRICS,
    DEFAULT_CAPACITY,
    DEFAULT_SEED,
    SCORE_METRICS,
    MetricFrames,
    auc_or_nan,
    bootstrap_group,
    brier,
    fpr_or_nan,
    metric_frames,
    operating_flags,
    precision_or_nan,
    tpr_or_nan,
    with_ci,
)
from vawg.equality._groups import group_order
from vawg.equality._tradeoff import tradeoff_statement
from vawg.metrics._intervals import wilson_interval

MIN_GROUP_N = 50
MIN_GROUP_POSITIVES = 10
SMALL_GROUP_WARNING = (
    "{dimension} = {group}: small group (n = {n}, {positives} with the outcome; thresholds n >= {min_n} "
    "and >= {min_pos} with the outcome): its rates are unstable, read them with their intervals."
)


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
        frames = metric_frames(y, flags, score, labels, dimension)
        by: Any = frames.by_group  # fairlearn values, all float (pandas types .loc as any scalar)
        present = group_order(dimension, [str(g) for g in by.index])
        for group in present:
            mask = labels == group
            yy, ff, ss = y[mask], flags[mask], score[mask]
            n, positives, selected = int(mask.sum()), int(yy.sum()), int(ff.sum())
            tp, fp = int((ff & yy).sum()), int((ff & (1 - yy)).sum())
            small = n < min_n or positives < min_positives
            row: dict[str, Any] = {"dimension": dimension, "group": group, "n": n, "positives": positives}
            row.update(with_ci("base_rate", positives / n, positives, n))
            row["selected"] = selected
            row.update(with_ci("selection_rate", by.loc[group, "selection_rate"], selected, n))
            row.update(with_ci("tpr", by.loc[group, "tpr"], tp, positives))
            row.update(with_ci("fpr", by.loc[group, "fpr"], fp, n - positives))
            row.update(with_ci("precision", by.loc[group, "precision"], tp, selected))
            boot = bootstrap_group(yy, ss, rng, n_boot)
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
        "tpr": tpr_or_nan(y, flags),
        "fpr": fpr_or_nan(y, flags),
        "precision": precision_or_nan(y, flags),
        "auc": auc_or_nan(y, score),
        "brier": brier(y, score),
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


def _summary_rows(dimension: str, frames: MetricFrames, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def _calibration_rows(
    dimension: str, group: str, y: np.ndarray, score: np.ndarray, edges: np.ndarray
) -> list[dict[str, Any]]:
    """Observed rate against mean predicted in the overall score quintiles, within one group."""
    index = np.clip(np.searchsorted(edges, score, side="right") - 1, 0, max(len(edges) - 2, 0))
    out = []
    for b in np.unique(index):
        in_bin = index == b
        n, positives = int(in_bin.sum()), int(y[in_bin].sum())
        low, high = wilson_interval(positives, n)
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
]
