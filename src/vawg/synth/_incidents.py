"""Domestic abuse incidents, crimed or not.

Most DA crimes start as an incident reported the same day or a day or two before; as many incidents
again are not crimed. Recorded DA incidents are a calibration target (para 32, Fig. 3): stable over
the two years with a summer peak. Non-crimed incidents are drawn per month to make each month's total
``base × season`` exactly, whatever the crimed count of the month (the pilot lowers it a little).
"""

from __future__ import annotations

import numpy as np

from vawg.synth._arrays import Frame, weighted_pick
from vawg.synth._calendar import AREA_WEIGHTS, P0, month_index, month_start, period_months, season

CRIMED_SHARE = 0.88  # of DA crimes that come from an incident
INCIDENT_CRIME_RATIO = 0.55  # crimed share of DA incidents
SEASON_AMPLITUDE = 0.08
NOT_DA_SHARE = 0.04  # incidents first flagged DA, then not


def build_incidents(world_crimes: Frame, rng: np.random.Generator) -> Frame:
    """Incidents: reported day, area, da flag, crime row (-1 if not crimed)."""
    c = world_crimes
    da = np.flatnonzero(c["da"] & (rng.random(c.rows) < CRIMED_SHARE))
    back = weighted_pick(rng, np.array([0.70, 0.25, 0.05]), len(da)) + (rng.random(len(da)) < 0.05) * 3
    crimed = Frame(day=c["recorded"][da] - back, area=c["area"][da], da=np.ones(len(da), bool), crime=da)
    months = period_months()
    mid = np.array([month_start(m) + 14 for m in months])
    m = month_index(crimed["day"]) - months[0]
    crimed_per_month = np.bincount(m[(m >= 0) & (m < len(months))], minlength=len(months))
    base = crimed_per_month.sum() / INCIDENT_CRIME_RATIO / season(mid, SEASON_AMPLITUDE).sum()
    wobble = 1 + rng.normal(0, 0.02, len(months))  # months differ a little, as real months do
    target = np.round(base * season(mid, SEASON_AMPLITUDE) * wobble).astype(np.int64)
    extra = np.maximum(target - crimed_per_month, 0)
    month_of = np.repeat(months, extra)
    starts = month_of.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    ends = (month_of + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    n = int(extra.sum())
    not_crimed = Frame(day=starts + np.floor(rng.random(n) * (ends - starts)).astype(np.int64),
                       area=weighted_pick(rng, AREA_WEIGHTS, n).astype(np.int8), da=np.ones(n, bool),
                       crime=np.full(n, -1, np.int64))  # fmt: skip
    n_not_da = round(NOT_DA_SHARE * (crimed.rows + n))
    not_da = Frame(day=rng.integers(P0, month_start(months[-1] + 1), n_not_da),
                   area=weighted_pick(rng, AREA_WEIGHTS, n_not_da).astype(np.int8),
                   da=np.zeros(n_not_da, bool), crime=np.full(n_not_da, -1, np.int64))  # fmt: skip
    return Frame.concat([crimed, not_crimed, not_da])
