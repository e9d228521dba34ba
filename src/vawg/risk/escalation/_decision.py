"""Where officers act: calibration within the top k, and the net benefit of acting (decision curve).

With a rare outcome the whole operating range is the top of the list, so overall calibration says
little about the people a team works with. ``calibration_at_k`` compares the mean predicted
probability with the observed rate among the k highest scores (Wilson interval, statsmodels);
``decision_curve`` gives the net benefit of acting on everyone above a threshold t (Vickers and Elkin,
2006): TP/n − FP/n · t/(1 − t), beside "act on everyone" and "act on no one" (0).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from vawg.metrics import wilson_interval

DEFAULT_THRESHOLDS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3)


def _top(p: np.ndarray, k: int) -> np.ndarray:
    # Stable order: ties keep their input order, so the same scores always give the same top k.
    return np.argsort(-p, kind="stable")[:k]


def calibration_at_k(
    y: Sequence[int] | np.ndarray,
    p: Sequence[float] | np.ndarray,
    ks: Sequence[int],
    *,
    rank_by: Sequence[float] | np.ndarray | None = None,
) -> pd.DataFrame:
    """Per k: mean predicted probability and observed rate (with its 95% Wilson interval) in the top k.

    ``rank_by`` (default ``p``) picks the top k: recalibrated probabilities are compared with the
    original ones on the same people, ranked by the original score (isotonic steps create ties).
    """
    y_arr, p_arr = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    order_by = p_arr if rank_by is None else np.asarray(rank_by, dtype=float)
    rows = []
    for k in ks:
        top = _top(order_by, min(int(k), len(p_arr)))
        hits = int(y_arr[top].sum())
        low, high = wilson_interval(hits, len(top))
        rows.append(
            {"k": len(top), "mean_predicted": float(p_arr[top].mean()), "observed": hits / len(top),
             "observed_low": float(np.ravel(low)[0]), "observed_high": float(np.ravel(high)[0]), "outcomes": hits}
        )  # fmt: skip
    return pd.DataFrame(rows)


def decision_curve(
    y: Sequence[int] | np.ndarray,
    p: Sequence[float] | np.ndarray,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Net benefit of acting on people with p ≥ t, and of acting on everyone, per threshold t."""
    y_arr, p_arr = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    n, prevalence = len(y_arr), float(y_arr.mean())
    rows = []
    for t in thresholds:
        act = p_arr >= t
        tp, fp = int((act & (y_arr == 1)).sum()), int((act & (y_arr == 0)).sum())
        odds = t / (1 - t)
        rows.append(
            {"threshold": t, "acted_on": int(act.sum()), "net_benefit": tp / n - fp / n * odds,
             "net_benefit_all": prevalence - (1 - prevalence) * odds}
        )  # fmt: skip
    return pd.DataFrame(rows)


__all__ = ["DEFAULT_THRESHOLDS", "calibration_at_k", "decision_curve"]
