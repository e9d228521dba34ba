"""Equal-width age bands from single years of age, so "the largest age group" compares like with like.

The national return's bands (0-17, 18-24, 25-34, …) have unequal widths: a ten-year band beats a
seven-year one by width alone, which is how a report came to call 25–34 the largest group against
the board paper's 18–24. The paper's way: under 18, 18–24, then bands of equal width (5 years:
25–29, 30–34, …) up to an open top band. The counts come from ``victim_age_years``; the width is
``settings.age_band_width`` (``VAWG_AGE_BAND_WIDTH``, default 5).
"""

from __future__ import annotations

import pandas as pd

from vawg.errors import MetricError
from vawg.metrics._intervals import wilson_interval

FIRST = 25  # the equal-width bands start after 18-24, as the paper's do
TOP = 75  # open top band: 75+


def band_of(age: int, width: int) -> str:
    """The band label of ``age``: 0-17, 18-24, then ``width``-year bands from 25, and 75+."""
    if age < 18:
        return "0-17"
    if age < FIRST:
        return "18-24"
    if age >= TOP:
        return f"{TOP}+"
    low = FIRST + (age - FIRST) // width * width
    return f"{low}-{min(low + width, TOP) - 1}"


def equal_width_bands(frame: pd.DataFrame, width: int | None = None) -> pd.DataFrame:
    """A ``victim_age_years`` frame (one period, no other breakdown) grouped into bands.

    Returns band, numerator, denominator, value, ci_low, ci_high (Wilson), youngest band first.
    """
    from vawg.config import get_settings

    width = width or get_settings().age_band_width
    if width < 1 or (TOP - FIRST) % width:
        raise MetricError(f"age band width {width}: expected a width that divides {TOP - FIRST} years "
                          "(1, 2, 5, 10, 25 or 50)", width=width)  # fmt: skip
    if frame["period"].nunique() > 1:
        raise MetricError("equal_width_bands: give one period's rows")
    ages = frame["age"].astype(int)
    bands = ages.map(lambda a: band_of(int(a), width))
    grouped = (
        frame.assign(band=bands, low=ages)
        .groupby("band", as_index=False)
        .agg(numerator=("numerator", "sum"), low=("low", "min"))
    )
    total = int(frame["denominator"].max()) if len(frame) else 0
    grouped = grouped.sort_values("low").drop(columns="low").reset_index(drop=True)
    grouped["denominator"] = total
    grouped["value"] = grouped["numerator"] / total if total else float("nan")
    low, high = wilson_interval(grouped["numerator"].to_numpy(), grouped["denominator"].to_numpy())
    grouped["ci_low"], grouped["ci_high"] = low, high
    return grouped


__all__ = ["band_of", "equal_width_bands"]
