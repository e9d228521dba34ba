"""Training coverage by tier: staff who have completed a course by a date, against the eligible
headcount counted on or before it (para 45: 6,987 completions by 26 January 2023).

Coverage is a census of the whole eligible population, not a sample, so it carries no confidence
interval; what it needs is the headcount date beside it, which the frame gives.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

COLUMNS = ["course", "tier", "completed", "eligible", "headcount_date", "coverage"]


def training_coverage(con: Any, as_of: date, *, course: str | None = None) -> pd.DataFrame:
    """Per course and tier: distinct staff completed on or before ``as_of``, the latest eligible
    headcount on or before ``as_of``, and their ratio (NaN without a headcount). Plus a total row
    per course ("all" tiers) when every tier has a headcount."""
    params: list[Any] = [as_of, as_of]
    where = ""
    if course is not None:
        where = " WHERE course = ?"
        params.append(course)
    frame = con.execute(
        f"""
        WITH done AS (
          SELECT course, tier::VARCHAR AS tier, count(DISTINCT staff_id) AS completed
          FROM training_completions WHERE completed_date <= ? GROUP BY ALL),
        counted AS (
          SELECT course, tier::VARCHAR AS tier, arg_max(headcount, as_of_date) AS eligible,
                 max(as_of_date) AS headcount_date
          FROM training_eligible WHERE as_of_date <= ? GROUP BY ALL),
        joined AS (
          SELECT coalesce(d.course, c.course) AS course, coalesce(d.tier, c.tier) AS tier,
                 coalesce(d.completed, 0) AS completed, c.eligible, c.headcount_date
          FROM done d FULL JOIN counted c ON d.course = c.course AND d.tier = c.tier)
        SELECT * FROM joined{where} ORDER BY course, tier
        """,
        params,
    ).df()
    frame["eligible"] = frame["eligible"].astype("Int64")
    totals = []
    for name, group in frame.groupby("course", sort=True):
        if group["eligible"].notna().all():
            totals.append(
                {
                    "course": name,
                    "tier": "all",
                    "completed": int(group["completed"].sum()),
                    "eligible": int(group["eligible"].sum()),
                    "headcount_date": group["headcount_date"].max(),
                }
            )
    if totals:
        frame = pd.concat([frame, pd.DataFrame(totals)], ignore_index=True)
    frame["eligible"] = frame["eligible"].astype("Int64")
    frame["coverage"] = frame["completed"] / frame["eligible"].astype("Float64")
    return frame[COLUMNS]
