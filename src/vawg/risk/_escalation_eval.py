"""Evaluation of probability scores: discrimination, calibration, precision at capacity, intervals.

Every metric has a percentile bootstrap interval from the same resamples of the test set (fixed
seed), so the models are compared *paired*: the difference in AUC between two models is computed on
each resample and its interval says whether one is really better or the gap is noise.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.special import logit
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_curve

from vawg.equality import rank_auc

CAPACITIES = (50, 100, 200)
DEFAULT_BOOTSTRAP = 500
DEFAULT_SEED = 20230331
INTERVAL = 0.95
_EPS = 1e-6


@dataclass(frozen=True)
class CalibrationFit:
    """Logistic recalibration of predicted probabilities, with statsmodels' 95% Wald intervals."""

    intercept: float
    intercept_ci: tuple[float, float]
    slope: float
    slope_ci: tuple[float, float]


_NAN_PAIR = (float("nan"), float("nan"))


def calibration_fit(y: np.ndarray, p: np.ndarray) -> CalibrationFit:
    """Calibration slope and intercept of ``p`` (statsmodels GLM, binomial).

    Slope: logit P(y) = a + b·logit(p); 1 is ideal, below 1 means predictions too extreme.
    Intercept (calibration-in-the-large): logit P(y) = a + logit(p) (slope fixed at 1); 0 is ideal,
    above 0 means the model under-predicts on average.
    """
    lp = logit(np.clip(p, _EPS, 1 - _EPS))
    with warnings.catch_warnings():
        # A sample with (near) separation gives no usable fit: report it as missing, not a warning.
        warnings.simplefilter("ignore")
        try:
            slope_fit = sm.GLM(
                y, sm.add_constant(lp, has_constant="add"), family=sm.families.Binomial()
            ).fit()
            large = sm.GLM(y, np.ones((len(y), 1)), family=sm.families.Binomial(), offset=lp).fit()
        except (ValueError, np.linalg.LinAlgError, sm.tools.sm_exceptions.PerfectSeparationError):
            return CalibrationFit(float("nan"), _NAN_PAIR, float("nan"), _NAN_PAIR)
    params = np.r_[slope_fit.params, large.params]
    # Non-convergence or runaway estimates (|log-odds| > 50) mean the fit is not usable.
    if not (slope_fit.converged and large.converged) or not np.all(np.abs(params) < 50):
        return CalibrationFit(float("nan"), _NAN_PAIR, float("nan"), _NAN_PAIR)
    large_ci = np.asarray(large.conf_int(1 - INTERVAL))[0]
    slope_ci = np.asarray(slope_fit.conf_int(1 - INTERVAL))[1]
    return CalibrationFit(
        float(large.params[0]),
        (float(large_ci[0]), float(large_ci[1])),
        float(slope_fit.params[1]),
        (float(slope_ci[0]), float(slope_ci[1])),
    )


# The bootstrap calls these thousands of times. They compute exactly what sklearn's roc_auc_score,
# average_precision_score and brier_score_loss do (a test pins the equality), without sklearn's
# per-call input validation, which costs ~3 ms a call and would make the intervals take minutes.
def fast_auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve by the Mann-Whitney identity (ties count one half)."""
    return rank_auc(y, p)


def fast_average_precision(y: np.ndarray, p: np.ndarray) -> float:
    """Step-wise area under the precision-recall curve over distinct thresholds (as sklearn)."""
    total = int(y.sum())
    if total == 0 or total == len(y):
        return float("nan")
    order = np.argsort(-p, kind="mergesort")
    ys, ps = y[order], p[order]
    last_of_tie = np.r_[np.flatnonzero(np.diff(ps)), len(ps) - 1]
    tp = np.cumsum(ys)[last_of_tie]
    precision = tp / (last_of_tie + 1)
    recall = tp / total
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def _ranked_top(p: np.ndarray, k: int, tiebreak: np.ndarray) -> np.ndarray:
    """Indices of the ``k`` highest scores, best first.

    Equal scores (RFSDI points tie often) are broken by a fixed random order, not by row order,
    which would smuggle in information from how the data were sorted. Only the candidates at or
    above the k-th score are sorted (a full sort per bootstrap resample dominated the run time).
    """
    k = min(k, len(p))
    if k == 0:
        return np.empty(0, dtype=np.int64)
    kth = np.partition(p, len(p) - k)[len(p) - k]
    candidates = np.flatnonzero(p >= kth)
    order = candidates[np.lexsort((tiebreak[candidates], -p[candidates]))]
    return order[:k]


def point_metrics(
    y: np.ndarray, p: np.ndarray, tiebreak: np.ndarray, capacities: tuple[int, ...] = CAPACITIES
) -> dict[str, float]:
    """The bootstrapped metrics of one scorer on one sample (NaN where undefined)."""
    positives = int(y.sum())
    out: dict[str, float] = {
        "auc": fast_auc(y, p),
        "average_precision": fast_average_precision(y, p),
        "brier": float(np.mean((p - y) ** 2)),
    }
    ranked = _ranked_top(p, max(capacities, default=0), tiebreak)
    for k in capacities:
        chosen = ranked[:k]
        hits = float(y[chosen].sum())
        out[f"precision_at_{k}"] = hits / len(chosen) if len(chosen) else float("nan")
        out[f"recall_at_{k}"] = hits / positives if positives else float("nan")
    return out


METRIC_TITLES = {
    "auc": "AUC (ROC)",
    "average_precision": "Average precision (PR)",
    "brier": "Brier score (lower is better)",
    "calibration_intercept": "Calibration intercept (0 ideal)",
    "calibration_slope": "Calibration slope (1 ideal)",
    **{f"precision_at_{k}": f"Precision in top {k}" for k in CAPACITIES},
    **{f"recall_at_{k}": f"Recall in top {k}" for k in CAPACITIES},
}


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


def reliability_table(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> pd.DataFrame:
    """Observed rate against mean predicted probability in bins of equal size (quantile bins)."""
    observed, predicted = calibration_curve(y, p, n_bins=n_bins, strategy="quantile")
    return pd.DataFrame({"mean_predicted": predicted, "observed": observed})


def roc_table(y: np.ndarray, p: np.ndarray, max_points: int = 200) -> pd.DataFrame:
    fpr, tpr, _ = roc_curve(y, p)
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(max_points, len(fpr))).round().astype(int))
    return pd.DataFrame({"fpr": fpr[keep], "tpr": tpr[keep]})


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
        rows.append(
            {
                "model": m,
                "metric": "calibration_intercept",
                "estimate": fit.intercept,
                "ci_low": fit.intercept_ci[0],
                "ci_high": fit.intercept_ci[1],
            }
        )
        rows.append(
            {
                "model": m,
                "metric": "calibration_slope",
                "estimate": fit.slope,
                "ci_low": fit.slope_ci[0],
                "ci_high": fit.slope_ci[1],
            }
        )
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
