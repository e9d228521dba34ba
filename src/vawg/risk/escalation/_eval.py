"""Evaluation of probability scores: discrimination, calibration, precision at capacity, intervals.

Every metric has a percentile bootstrap interval from the same resamples of the test set (fixed
seed), so the models are compared *paired*: the difference in AUC between two models is computed on
each resample and its interval says whether one is really better or the gap is noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# The per-sample metrics live in _escalation_metrics; this module's __all__ re-exports them for callers.
from vawg.risk.escalation._metrics import (
    CAPACITIES,
    INTERVAL,
    METRIC_TITLES,
    CalibrationFit,
    calibration_fit,
    fast_auc,
    fast_average_precision,
    point_metrics,
    reliability_table,
    roc_table,
)

DEFAULT_BOOTSTRAP = 500
DEFAULT_SEED = 20230331


@dataclass
class Evaluation:
    """Metrics (model, metric, estimate, ci_low, ci_high), paired AUC differences, curves."""

    metrics: pd.DataFrame
    differences: pd.DataFrame
    roc: dict[str, pd.DataFrame] = field(default_factory=dict)
    reliability: dict[str, pd.DataFrame] = field(default_factory=dict)
    n: int = 0
    positives: int = 0
    n_boot: int = 0
    seed: int = DEFAULT_SEED

    def estimate(self, model: str, metric: str) -> float:
        row = self.metrics[(self.metrics["model"] == model) & (self.metrics["metric"] == metric)]
        return float(row["estimate"].iloc[0])

    def difference(self, model_a: str, model_b: str) -> pd.Series:
        d = self.differences
        return d[(d["model_a"] == model_a) & (d["model_b"] == model_b)].iloc[0]


def evaluate(
    y: np.ndarray,
    predictions: dict[str, np.ndarray],
    *,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    capacities: tuple[int, ...] = CAPACITIES,
) -> Evaluation:
    """Point estimates and paired percentile-bootstrap intervals for every model and metric."""
    y = np.asarray(y, dtype="int64")
    rng = np.random.default_rng(seed)
    tiebreak = rng.random(len(y))
    names = list(predictions)
    estimates = {m: point_metrics(y, predictions[m], tiebreak, capacities) for m in names}
    replicates: dict[str, list[dict[str, float]]] = {m: [] for m in names}
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        for m in names:
            replicates[m].append(point_metrics(y[idx], predictions[m][idx], tiebreak[idx], capacities))
    alpha = (1 - INTERVAL) / 2
    rows = []
    for m in names:
        boot = pd.DataFrame(replicates[m])
        for metric, value in estimates[m].items():
            low, high = _interval(boot[metric] if n_boot else pd.Series(dtype=float), alpha)
            rows.append({"model": m, "metric": metric, "estimate": value, "ci_low": low, "ci_high": high})
    for m in names:
        fit = calibration_fit(y, predictions[m])
        for metric, value, (low, high) in (
            ("calibration_intercept", fit.intercept, fit.intercept_ci),
            ("calibration_slope", fit.slope, fit.slope_ci),
        ):
            rows.append({"model": m, "metric": metric, "estimate": value, "ci_low": low, "ci_high": high})
    diffs = []
    # Each pair as (later, more complex model) minus (earlier one), in the order models were given.
    for i, second in enumerate(names):
        for first in names[i + 1 :]:
            boot_first = pd.Series([r["auc"] for r in replicates[first]], dtype=float)
            boot_second = pd.Series([r["auc"] for r in replicates[second]], dtype=float)
            low, high = _interval(boot_first - boot_second, alpha)
            diffs.append(
                {
                    "model_a": first,
                    "model_b": second,
                    "metric": "auc",
                    "difference": estimates[first]["auc"] - estimates[second]["auc"],
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    metrics = pd.DataFrame(rows)
    order = {metric: i for i, metric in enumerate(METRIC_TITLES)}
    metrics["_order"] = metrics["metric"].map(order)
    metrics["_model"] = metrics["model"].map({m: i for i, m in enumerate(names)})
    metrics = (
        metrics.sort_values(["_model", "_order"]).drop(columns=["_order", "_model"]).reset_index(drop=True)
    )
    return Evaluation(
        metrics=metrics,
        differences=pd.DataFrame(diffs),
        roc={m: roc_table(y, predictions[m]) for m in names},
        reliability={m: reliability_table(y, predictions[m]) for m in names},
        n=len(y),
        positives=int(y.sum()),
        n_boot=n_boot,
        seed=seed,
    )


def _interval(values: pd.Series, alpha: float) -> tuple[float, float]:
    values = values.dropna()
    if values.empty:
        return float("nan"), float("nan")
    return float(values.quantile(alpha)), float(values.quantile(1 - alpha))


@dataclass(frozen=True)
class Selection:
    """Which scorer the evaluation recommends, and why, in words a board can read."""

    model: str
    reason: str


SELECTION_RULE = (
    "A model is preferred over RFSDI only if its AUC is higher with a 95% paired-bootstrap interval "
    "of the difference above 0. Gradient boosting is chosen only if it is also better than logistic "
    "regression (interval above 0); where the interval for gradient boosting minus logistic "
    "regression includes 0, logistic regression is as good and is preferred as the simpler model to "
    "explain. If neither model beats RFSDI, RFSDI stays."
)


def _beats(diff: pd.Series) -> bool:
    return bool(diff["ci_low"] > 0)


def select_model(evaluation: Evaluation) -> Selection:
    """Apply :data:`SELECTION_RULE` to the paired AUC differences."""
    gbm_rfsdi = evaluation.difference("gbm", "rfsdi")
    lr_rfsdi = evaluation.difference("logistic", "rfsdi")
    gbm_lr = evaluation.difference("gbm", "logistic")

    def fmt(d: pd.Series) -> str:
        return f"{d['difference']:+.3f} (95% CI {d['ci_low']:+.3f} to {d['ci_high']:+.3f})"

    if _beats(gbm_rfsdi) and _beats(gbm_lr):
        return Selection(
            "gbm",
            f"Gradient boosting beats RFSDI by {fmt(gbm_rfsdi)} in AUC and logistic regression by "
            f"{fmt(gbm_lr)}: gradient boosting is preferred.",
        )
    if _beats(lr_rfsdi) and gbm_lr["ci_low"] <= 0:
        verdict = (
            "an interval below 0: logistic regression is better, and simpler to explain"
            if gbm_lr["ci_high"] < 0
            else "an interval that includes 0: logistic regression is as good and is preferred as simpler to explain"
        )
        return Selection(
            "logistic",
            f"Logistic regression beats RFSDI by {fmt(lr_rfsdi)} in AUC; gradient boosting minus "
            f"logistic regression is {fmt(gbm_lr)}, {verdict}.",
        )
    if _beats(gbm_rfsdi):
        return Selection(
            "gbm",
            f"Gradient boosting beats RFSDI by {fmt(gbm_rfsdi)} in AUC; logistic regression does not "
            f"beat RFSDI ({fmt(lr_rfsdi)}): gradient boosting is preferred.",
        )
    return Selection(
        "rfsdi",
        f"Neither model is shown to beat RFSDI (gradient boosting {fmt(gbm_rfsdi)}, logistic "
        f"regression {fmt(lr_rfsdi)}): keep RFSDI.",
    )


__all__ = [
    "CAPACITIES",
    "METRIC_TITLES",
    "SELECTION_RULE",
    "CalibrationFit",
    "Evaluation",
    "Selection",
    "calibration_fit",
    "evaluate",
    "fast_auc",
    "fast_average_precision",
    "point_metrics",
    "reliability_table",
    "roc_table",
    "select_model",
]
