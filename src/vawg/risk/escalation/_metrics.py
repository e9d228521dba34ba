"""Metrics of one probability score on one sample: what the escalation evaluation bootstraps.

Discrimination (AUC, average precision), Brier score, precision and recall among the top ``k``
people a team can work with, and logistic recalibration; plus the ROC and reliability curves.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.special import logit
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_curve

from vawg.equality import rank_auc

CAPACITIES = (50, 100, 200)
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


def reliability_table(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> pd.DataFrame:
    """Observed rate against mean predicted probability in bins of equal size (quantile bins)."""
    observed, predicted = calibration_curve(y, p, n_bins=n_bins, strategy="quantile")
    return pd.DataFrame({"mean_predicted": predicted, "observed": observed})


def roc_table(y: np.ndarray, p: np.ndarray, max_points: int = 200) -> pd.DataFrame:
    fpr, tpr, _ = roc_curve(y, p)
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(max_points, len(fpr))).round().astype(int))
    return pd.DataFrame({"fpr": fpr[keep], "tpr": tpr[keep]})


__all__ = [
    "CAPACITIES",
    "INTERVAL",
    "METRIC_TITLES",
    "CalibrationFit",
    "calibration_fit",
    "fast_auc",
    "fast_average_precision",
    "point_metrics",
    "reliability_table",
    "roc_table",
]
