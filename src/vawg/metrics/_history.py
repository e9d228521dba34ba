"""How much history and follow-up each period of a result has: warm-up and outcome maturity.

* **Warm-up.** Repeat victims/suspects look back 12 months and serial perpetrators 3 years; in a
  period less than that after the first record, earlier crimes are missing (left-censoring), so the
  figure rises only because the data starts. Such metrics declare ``lookback_days``; their results
  get ``full_lookback`` (every day of the period has that much history in the data) and
  ``compute(…, exclude_warm_up=True)`` drops the periods without it.
* **Maturity.** A cohort-basis rate counts outcomes *so far*: a period's latest crimes have had only
  ``follow_up_days`` (extract date − period end) to reach one. Cohort metrics' results get
  ``follow_up_days`` and ``mature`` (at least ``settings.outcome_follow_up_days``, default 90), so
  an immature period is never headlined or signalled.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from vawg.metrics._periods import next_period
from vawg.metrics._registry import Metric


def _period_end(start: date, grain: str, end: date | None, data_end: date | None) -> date | None:
    last = (end or data_end) if grain == "all" else next_period(start, grain) - timedelta(days=1)
    if last is None:
        return None
    return min(last, end) if end else last


def add_history_columns(
    frame: pd.DataFrame,
    metric: Metric,
    grain: str,
    *,
    end: date | None,
    history_start: date | None,
    data_end: date | None,
    follow_up_days: int,
) -> pd.DataFrame:
    """``frame`` with ``full_lookback`` (look-back metrics) and ``follow_up_days``/``mature`` (cohort)."""
    if metric.lookback_days and len(frame):
        enough = None if history_start is None else history_start + timedelta(days=metric.lookback_days)
        frame["full_lookback"] = [
            bool(enough and pd.Timestamp(s).date() >= enough) for s in frame["period_start"]
        ]
    if metric.basis in ("cohort", "follow_up") and len(frame):
        days = []
        for start in frame["period_start"]:
            last = _period_end(pd.Timestamp(start).date(), grain, end, data_end)
            days.append(None if last is None or data_end is None else (data_end - last).days)
        frame["follow_up_days"] = pd.array(days, dtype="Int64")
        needed = metric.follow_up_days or follow_up_days  # a fixed-follow-up rate is final after its N days
        frame["mature"] = (frame["follow_up_days"] >= needed).fillna(False).astype(bool)
    return frame


__all__ = ["add_history_columns"]
