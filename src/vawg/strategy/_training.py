"""Training coverage by tier: the registry metric ``training_coverage`` (staff who have completed a
course by a date over the eligible headcount counted on or before it; para 45: 6,987 completions by
26 January 2023) laid out for the report, with the headcount date beside each figure.

The figures come from the one registry definition (docs/metrics.md); this module only arranges them
per course and tier plus an "all" tier per course, which the metric gives only when every tier has a
headcount. The metric's interval is Wilson's; coverage is a census of the eligible staff, so it reads
as a process interval and is not shown in the sentence.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

COLUMNS = ["course", "tier", "completed", "eligible", "headcount_date", "coverage"]
METRIC_ID = "training_coverage"


def _rows(frame: pd.DataFrame, tier: str | None) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "course": frame["course"].astype(str),
            "tier": frame["tier"].astype(str) if tier is None else tier,
            "completed": frame["numerator"].astype(int),
            "eligible": frame["denominator"].astype("Int64").where(frame["denominator"] > 0),
            "coverage": frame["value"].astype(float),
        }
    )
    return out if tier is None else out[out["eligible"].notna()]


def training_coverage(con: Any, as_of: date, *, course: str | None = None) -> pd.DataFrame:
    """Per course and tier: distinct staff completed on or before ``as_of``, the latest eligible
    headcount on or before it, and their ratio (NaN without a headcount), from the registry metric
    ``training_coverage``; plus a total row per course (tier "all") when every tier has a headcount."""
    from vawg.metrics import compute

    tiers = compute(con, METRIC_ID, grain="all", by=("course", "tier"), end=as_of).frame
    totals = compute(con, METRIC_ID, grain="all", by=("course",), end=as_of).frame
    frame = pd.concat([_rows(tiers, None), _rows(totals, "all")], ignore_index=True)
    dates = con.execute(
        "SELECT course, tier::VARCHAR AS tier, max(as_of_date) AS headcount_date FROM training_eligible "
        "WHERE as_of_date <= ? GROUP BY ALL",
        [as_of],
    ).df()
    if len(dates):
        latest = dates.groupby("course", as_index=False)["headcount_date"].max().assign(tier="all")
        frame = frame.merge(pd.concat([dates, latest], ignore_index=True), on=["course", "tier"], how="left")
    else:
        frame["headcount_date"] = pd.NaT
    if course is not None:
        frame = frame[frame["course"] == course]
    frame["eligible"] = frame["eligible"].astype("Int64")
    order = frame["tier"].eq("all")
    frame = frame.assign(_all=order).sort_values(["course", "_all", "tier"], kind="stable", ignore_index=True)
    return frame[COLUMNS]
