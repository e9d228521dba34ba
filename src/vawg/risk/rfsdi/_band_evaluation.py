"""Evaluating RFSDI's bands: how many people each band holds and how often they re-offend.

The configured bands are compared with the alternatives a force might choose (the old fixed
thresholds, a capacity band, a percentile band) on the same scored people and outcomes: for each
option and level, people (in all and per as-of date) and the re-offending rate with its 95% Wilson
interval. A band a team cannot work through, or whose rate overlaps the band below, informs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from vawg.metrics import wilson_interval
from vawg.risk.rfsdi._bands import Bands
from vawg.risk.rfsdi._scoring import levels_by_date

LEVELS = ("high", "medium", "standard")
# The rule before 1.1 (score >= 50 high, >= 30 medium): kept for comparison and as an option.
LEGACY_FIXED = Bands(method="fixed", high=50, medium=30)
PERCENTILE = Bands(method="percentile", high_percent=1, medium_percent=4)


def band_options(configured: Bands) -> dict[str, Bands]:
    """The configured bands first, then the alternatives not the same as it."""
    options = {
        "configured": configured,
        "fixed 50/30 (before 1.1)": LEGACY_FIXED,
        "top 1% / next 4%": PERCENTILE,
    }
    seen: list[Bands] = []
    out: dict[str, Bands] = {}
    for name, bands in options.items():
        if bands not in seen:
            seen.append(bands)
            out[name] = bands
    return out


def band_comparison(frame: pd.DataFrame, options: Mapping[str, Bands]) -> pd.DataFrame:
    """Per option and level: rule, people, people per as-of date, re-offended, rate (Wilson 95%)."""
    dates = max(int(frame["as_of"].nunique()), 1)
    rows = []
    for name, bands in options.items():
        level = levels_by_date(frame[["as_of", "score"]], bands)
        for lv in LEVELS:
            mask = level == lv
            n, k = int(mask.sum()), int(frame["reoffended"].to_numpy()[mask].sum())
            low, high = wilson_interval(k, n) if n else (np.array([np.nan]), np.array([np.nan]))
            rows.append(
                {"option": name, "rule": bands.describe(), "level": lv, "people": n, "per_date": n / dates,
                 "reoffended": k, "rate": k / n if n else float("nan"),
                 "ci_low": float(np.ravel(low)[0]), "ci_high": float(np.ravel(high)[0])}
            )  # fmt: skip
    return pd.DataFrame(rows)


__all__ = ["LEGACY_FIXED", "PERCENTILE", "band_comparison", "band_options"]
