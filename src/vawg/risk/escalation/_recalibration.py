"""Recalibration on a validation period, and the operating point chosen from a team's capacity.

With a rare outcome a model's probabilities at the top of the list can be far from what happens
(the top 100 predicted 0.62, observed 0.33). The fix is fitted on data the model did not learn
from, and *before* the test period: the validation period is the last training as-of date, and the
model refitted on the earlier training rows whose whole label window ends by it (the same no-leakage
rule as the test split: a person's later rows share outcomes with the earlier ones). Its predictions
on the validation rows fit two recalibrations (scikit-learn): Platt scaling (a logistic regression
on logit p: an intercept and a slope) and isotonic regression (monotone, piecewise constant; it
needs more outcomes to be stable). Both are then applied to that model's test predictions, so
"before" and "after" are the same people scored by the same model.

The operating point is not a probability anyone picked: it is the k-th highest score, k being the
people the team can work with between two scorings (``vawg.config``: capacity per month × months
between scorings). Its net benefit (decision curve) is reported beside acting on everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import logit
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from vawg.risk.escalation._decision import DEFAULT_THRESHOLDS, calibration_at_k, decision_curve
from vawg.risk.escalation._metrics import calibration_fit
from vawg.risk.escalation._models import fit_models, single_threaded
from vawg.risk.escalation._panel import LABEL

RECALIBRATION_METHODS = ("platt", "isotonic")
_EPS = 1e-6
NO_VALIDATION = (
    "no recalibration: the validation period {validation} needs training rows whose {horizon}-day "
    "label window ends by it, with both outcomes, and outcomes on it ({fit_rows} earlier rows with "
    "{fit_positives} outcomes; {val_rows} validation rows with {val_positives})"
)


@dataclass(frozen=True)
class Recalibrator:
    """A fitted map from a model's probability to a recalibrated one."""

    method: str
    fitted: IsotonicRegression | LogisticRegression

    def transform(self, p: Sequence[float] | np.ndarray) -> np.ndarray:
        p_arr = np.asarray(p, dtype="float64")
        if isinstance(self.fitted, IsotonicRegression):
            return np.asarray(self.fitted.predict(p_arr), dtype="float64")
        return np.asarray(self.fitted.predict_proba(_logit_column(p_arr))[:, 1], dtype="float64")


def _logit_column(p: np.ndarray) -> np.ndarray:
    return np.asarray(logit(np.clip(p, _EPS, 1 - _EPS))).reshape(-1, 1)


def fit_recalibrator(
    y: Sequence[int] | np.ndarray, p: Sequence[float] | np.ndarray, method: str
) -> Recalibrator:
    """Platt (logistic regression on logit p, effectively unpenalised) or isotonic (clipped to [0, 1])."""
    y_arr, p_arr = np.asarray(y, dtype="int64"), np.asarray(p, dtype="float64")
    if method == "isotonic":
        fitted: Any = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
        fitted.fit(p_arr, y_arr)
    elif method == "platt":
        fitted = LogisticRegression(C=1e6, max_iter=1000).fit(_logit_column(p_arr), y_arr)
    else:
        raise ValueError(f"recalibration method must be one of {RECALIBRATION_METHODS}; found {method!r}")
    return Recalibrator(method, fitted)


def operating_point(y: np.ndarray, p: np.ndarray, k: int) -> dict[str, Any]:
    """Act on the top ``k``: the threshold (k-th highest p), who is acted on, and the net benefit there."""
    k = max(1, min(int(k), len(p)))
    threshold = float(np.sort(p)[::-1][k - 1])
    at = decision_curve(y, p, [threshold]).iloc[0]
    return {"k": k, "threshold": threshold, "acted_on": int(at["acted_on"]),
            "net_benefit": float(at["net_benefit"]), "net_benefit_all": float(at["net_benefit_all"])}  # fmt: skip


def _group_rows(
    y: np.ndarray, before: np.ndarray, after: np.ndarray, groups: pd.DataFrame, top: np.ndarray
) -> list[dict[str, Any]]:
    """Per dimension and group, over everyone and within the top k: n, outcomes, mean predicted before/after."""
    from vawg.metrics import wilson_interval

    rows = []
    for where, mask in (("all", np.ones(len(y), dtype=bool)), ("top_k", top)):
        for dimension in groups.columns:
            labels = groups[dimension].astype(str).to_numpy()
            for group in sorted(set(labels[mask])):
                m = mask & (labels == group)
                hits, n = int(y[m].sum()), int(m.sum())
                low, high = wilson_interval(hits, n)
                rows.append(
                    {"where": where, "dimension": dimension, "group": group, "n": n, "outcomes": hits,
                     "observed": hits / n, "observed_low": float(np.ravel(low)[0]),
                     "observed_high": float(np.ravel(high)[0]),
                     "mean_predicted_before": float(before[m].mean()), "mean_predicted_after": float(after[m].mean())}
                )  # fmt: skip
    return rows


def _summary(y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    fit = calibration_fit(y, p)
    return {"brier": float(np.mean((p - y) ** 2)), "mean_predicted": float(p.mean()),
            "calibration_intercept": fit.intercept, "calibration_slope": fit.slope}  # fmt: skip


def recalibration_study(
    train: pd.DataFrame,
    test: pd.DataFrame,
    *,
    selected: str,
    horizon_days: int,
    rfsdi_fn: Callable[[pd.DataFrame], pd.Series],
    seed: int,
    method: str,
    capacity_k: int,
    groups: pd.DataFrame,
    ks: Sequence[int],
) -> dict[str, Any]:
    """Fit on the rows before the validation period, recalibrate on it, compare on the test rows."""
    as_of = pd.to_datetime(train["as_of"])
    validation = as_of.max()
    fit = train[as_of + pd.Timedelta(days=horizon_days) <= validation].reset_index(drop=True)
    val = train[as_of == validation].reset_index(drop=True)
    counts = {"validation": str(validation.date()), "horizon": horizon_days, "fit_rows": len(fit),
              "fit_positives": int(fit[LABEL].sum()), "val_rows": len(val), "val_positives": int(val[LABEL].sum())}  # fmt: skip
    if fit[LABEL].nunique() < 2 or counts["val_positives"] == 0:
        return {"skipped": NO_VALIDATION.format(**counts), **counts}
    with single_threaded():
        models = fit_models(fit, rfsdi_fn(fit), seed=seed)
        p_val = models.predict(val, rfsdi_fn(val))[selected]
        before = models.predict(test, rfsdi_fn(test))[selected]
    y = test[LABEL].to_numpy(dtype="int64")
    after = {
        m: fit_recalibrator(val[LABEL].to_numpy(), p_val, m).transform(before) for m in RECALIBRATION_METHODS
    }
    chosen = after[method]
    # Within the top k *of the model's ranking*: the same people before and after (isotonic ties).
    top = np.zeros(len(y), dtype=bool)
    top[np.argsort(-before, kind="stable")[: min(capacity_k, len(y))]] = True
    ks = sorted({*ks, capacity_k})
    return {
        **counts,
        "scorer": selected,
        "method": method,
        "methods": list(RECALIBRATION_METHODS),
        "at_k": {
            "before": calibration_at_k(y, before, ks).to_dict("records"),
            **{m: calibration_at_k(y, after[m], ks, rank_by=before).to_dict("records") for m in after},
        },
        "overall": {"before": _summary(y, before), **{m: _summary(y, after[m]) for m in after}},
        "by_group": _group_rows(y, before, chosen, groups, top),
        "operating_point": operating_point(y, chosen, capacity_k),
        "decision_curve": decision_curve(
            y, chosen, sorted({*DEFAULT_THRESHOLDS, operating_point(y, chosen, capacity_k)["threshold"]})
        ).to_dict("records"),
    }


__all__ = [
    "RECALIBRATION_METHODS",
    "Recalibrator",
    "fit_recalibrator",
    "operating_point",
    "recalibration_study",
]
