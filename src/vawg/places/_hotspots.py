"""Hotspots with significance: Getis-Ord Gi* with a false-discovery-rate correction, and trends.

For each spatial unit (an H3 cell or an LSOA) Gi* (``esda.G_Local`` with ``star=True`` on binary
weights that include the unit itself) gives a z-score: how far the count in the unit and its
neighbours lies above (hot) or below (cold) what the whole study area would give them at random.
Its two-sided normal p-values are corrected across all units with Benjamini-Hochberg
(``statsmodels.stats.multitest.multipletests``, ``fdr_bh``), so at most about 5% of the cells called
significant at q < 0.05 are expected to be false discoveries, however many cells are tested.

Emerging hotspots: each unit's monthly counts get a Mann-Kendall trend test (``pymannkendall``),
also FDR-corrected; a hot spot whose count is rising is "new or intensifying".
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from libpysal.weights import W

# (label, q below which a z-score counts) from the most to the least confident; ArcGIS-like bins.
CONFIDENCE = ((0.01, "99%"), (0.05, "95%"), (0.10, "90%"))
ALPHA = 0.05  # significant: q < ALPHA
MIN_MONTHS_FOR_TREND = 8
MIN_COUNT_FOR_TREND = 10


def gi_star(counts: np.ndarray, weights: W) -> tuple[np.ndarray, np.ndarray]:
    """(z, two-sided p) of Gi* for ``counts`` aligned with ``weights.id_order``."""
    from esda import G_Local

    y = np.asarray(counts, dtype=float)
    if len(y) < 3 or y.sum() == 0 or np.all(y == y[0]):
        return np.zeros(len(y)), np.ones(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a unit with no neighbours: z from itself
        warnings.simplefilter("ignore", UserWarning)  # "not fully connected": a study area in parts is fine
        g = G_Local(y, weights, transform="B", star=True, permutations=0)
    z = np.nan_to_num(np.asarray(g.Zs, dtype=float), nan=0.0)
    p = np.clip(2 * np.asarray(g.p_norm, dtype=float), 0, 1)  # esda's p_norm is one-sided
    return z, np.where(np.isnan(p), 1.0, p)


def fdr(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg q-values (adjusted p-values)."""
    from statsmodels.stats.multitest import multipletests

    if len(p) == 0:
        return np.zeros(0)
    return np.asarray(multipletests(p, alpha=ALPHA, method="fdr_bh")[1], dtype=float)


def z_class(z: float, q: float) -> str:
    """ "Hot spot 99%", …, "Cold spot 90%", or "Not significant"."""
    for limit, label in CONFIDENCE:
        if q < limit:
            return f"{'Hot' if z > 0 else 'Cold'} spot {label}"
    return "Not significant"


def mann_kendall(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per unit (rows of ``monthly``, months as columns): trend, Sen's slope, p and FDR q.

    Only units with at least ``MIN_COUNT_FOR_TREND`` crimes over at least ``MIN_MONTHS_FOR_TREND``
    months are tested (a handful of crimes cannot show a trend, and fewer tests leave the FDR
    correction more power for those that can); the others read "not tested".
    """
    import pymannkendall as mk

    values = monthly.to_numpy(float)
    n = len(values)
    trend = np.full(n, "not tested", dtype=object)
    slope, p, q = np.zeros(n), np.ones(n), np.ones(n)
    tested = np.flatnonzero(values.sum(axis=1) >= MIN_COUNT_FOR_TREND)
    if values.shape[1] < MIN_MONTHS_FOR_TREND:
        tested = tested[:0]
    for i in tested:
        result = mk.original_test(values[i])
        slope[i], p[i] = float(result.slope), float(result.p)
        trend[i] = "increasing" if result.s > 0 else "decreasing"
    if len(tested):
        q[tested] = fdr(p[tested])
        trend[tested] = np.where(q[tested] < ALPHA, trend[tested], "no trend")
    return pd.DataFrame({"trend": trend, "slope": slope, "trend_p": p, "trend_q": q}, index=monthly.index)


def emerging_label(z_label: str, trend: str) -> str:
    """What a unit is over time: a new or intensifying, persistent or diminishing hot spot, a rising
    unit that is not (yet) a hot spot, or "" (nothing to say, or too few crimes to test a trend)."""
    if z_label.startswith("Hot spot") and z_label.endswith(("99%", "95%")):
        return {
            "increasing": "new or intensifying hot spot",
            "decreasing": "diminishing hot spot",
            "no trend": "persistent hot spot",
        }.get(trend, "")
    return "rising (not a hot spot)" if trend == "increasing" else ""


@dataclass(frozen=True)
class Significance:
    """Gi* per unit, in the order given: z, p, q, class."""

    z: np.ndarray
    p: np.ndarray
    q: np.ndarray
    label: list[str]


def significance(counts: np.ndarray, weights: W) -> Significance:
    """Gi* z and FDR-corrected q for every unit, with its class."""
    z, p = gi_star(counts, weights)
    q = fdr(p)
    return Significance(z, p, q, [z_class(a, b) for a, b in zip(z, q, strict=True)])


__all__ = [
    "ALPHA",
    "CONFIDENCE",
    "Significance",
    "emerging_label",
    "fdr",
    "gi_star",
    "mann_kendall",
    "significance",
    "z_class",
]
