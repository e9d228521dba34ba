"""Offending as series: a suspect offends against a victim again and again, then stops.

A *series* (a dyad: one suspect, one victim) starts on a random day and produces a heavy-tailed number
of offences separated by exponential gaps. Most series are one offence; a few run to dozens, so a
minority of victims and suspects account for many crimes (repeat victimisation and serial offending
arise from the structure rather than being painted on). Suspects own one or more series: those with
two or more are the serial perpetrators MATAC looks for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from vawg.synth._arrays import heavy_counts, repeat_index, weighted_pick
from vawg.synth._calendar import AREA_WEIGHTS, BURN0, P0, P1, calendar_month, season, year_of

Thinning = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class SeriesShape:
    """How one kind of offending unfolds (counts are 1 + Poisson(Gamma(shape, scale)))."""

    series_per_suspect: tuple[float, float]
    offences_per_series: tuple[float, float]
    gap_days: float  # mean days between offences in a series (varies by series, log-sd 0.6)
    season_amplitude: float
    trend_per_year: float = 0.0  # relative growth a year (e.g. rising stalking recording)


@dataclass
class Offending:
    """The offences of kept suspects that fall in the extract window (events), and their series."""

    suspect: np.ndarray  # per series: suspect slot 0..n_suspects-1
    suspect_area: np.ndarray  # per suspect slot: home area (index into AREAS)
    series_start: np.ndarray
    event_series: np.ndarray  # per event: series index
    event_day: np.ndarray
    event_repeat: np.ndarray  # the suspect had an earlier offence of this kind (a "known suspect")
    n_suspects: int


def _seasonal_weight(days: np.ndarray, shape: SeriesShape) -> np.ndarray:
    years = (days - P0) / 365.25
    trend = 1.0 + shape.trend_per_year * years
    top = (1.0 + shape.season_amplitude) * (1.0 + max(shape.trend_per_year, 0) * 3.0)
    return season(days, shape.season_amplitude) * trend / top


def simulate(
    rng: np.random.Generator,
    shape: SeriesShape,
    target: int,
    *,
    thin: Thinning | None = None,
) -> Offending:
    """Suspects, series and offences such that exactly about ``target`` offences fall in the window.

    Suspects are generated in batches and kept in order until the window holds ``target`` offences
    (the suspect that crosses the target is the last one kept), so the volume is controlled without
    favouring any kind of suspect. ``thin(event_day, event_area, repeat) -> keep probability`` lets a
    caller remove offences (the planted pilot effect).
    """
    n_guess = max(16, int(target / 1.2))
    while True:
        off = _draw(rng, shape, n_guess)
        keep_p = _seasonal_weight(off.event_day, shape)
        if thin is not None:
            area = off.suspect_area[off.suspect[off.event_series]]
            keep_p = keep_p * thin(off.event_day, area, off.event_repeat)
        kept = (rng.random(len(keep_p)) < keep_p) & (off.event_day >= P0) & (off.event_day <= P1)
        per_suspect = np.bincount(off.suspect[off.event_series[kept]], minlength=off.n_suspects)
        cum = np.cumsum(per_suspect)
        if cum[-1] >= target:
            last = int(np.searchsorted(cum, target))
            n_keep = last + 1
            series_keep = off.suspect < n_keep
            new_index = np.cumsum(series_keep) - 1
            ev = kept & series_keep[off.event_series]
            return Offending(
                suspect=off.suspect[series_keep],
                suspect_area=off.suspect_area[:n_keep],
                series_start=off.series_start[series_keep],
                event_series=new_index[off.event_series[ev]],
                event_day=off.event_day[ev],
                event_repeat=off.event_repeat[ev],
                n_suspects=n_keep,
            )
        n_guess = int(n_guess * max(1.5, 1.2 * target / max(cum[-1], 1)))


def _draw(rng: np.random.Generator, shape: SeriesShape, n_suspects: int) -> Offending:
    k = heavy_counts(rng, n_suspects, *shape.series_per_suspect)
    suspect = repeat_index(k)
    n_series = len(suspect)
    start = rng.integers(BURN0, P1 + 1, n_series)
    size = heavy_counts(rng, n_series, *shape.offences_per_series)
    gap = shape.gap_days * rng.lognormal(0.0, 0.6, n_series)
    owner = repeat_index(size)
    first = np.r_[0, np.cumsum(size)[:-1]]
    step = rng.exponential(1.0, len(owner)) * gap[owner]
    step[first] = 0.0
    cum = np.cumsum(step)
    day = start[owner] + np.floor(cum - cum[first][owner]).astype(np.int64)
    # A suspect's offence is a repeat if they offended (in any of their series) before it. Events
    # are grouped by suspect (series are numbered suspect by suspect), so a reduceat finds the first.
    event_suspect = suspect[owner]
    block = np.flatnonzero(np.r_[True, event_suspect[1:] != event_suspect[:-1]])
    first_day = np.minimum.reduceat(day, block)
    repeat = day > np.repeat(first_day, np.diff(np.r_[block, len(day)]))
    day = np.minimum(day, P1 + 1)  # anything later is outside the window, whatever its date
    area = weighted_pick(rng, AREA_WEIGHTS, n_suspects).astype(np.int8)
    return Offending(suspect, area, start, owner, day, repeat, n_suspects)


def years_active(days: np.ndarray) -> np.ndarray:
    """Financial year (2020 = FY2020/21) of each day."""
    y = year_of(days)
    return y - (calendar_month(days) < 4)
