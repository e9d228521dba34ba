"""Dates, areas and seasonality of the synthetic force, and the day arithmetic every module shares.

Dates are held as ``int32`` days since 1970-01-01 (numpy ``datetime64[D]`` as integers) so that every
table is a handful of numpy columns and no Python loop runs per row.
"""

from __future__ import annotations

from datetime import date

import numpy as np

# The force's seven local authorities (NPUs), with mid-2021 population shares (ONS estimates,
# rounded): crimes and people are spread in proportion.
AREAS: tuple[str, ...] = (
    "Birmingham",
    "Coventry",
    "Dudley",
    "Sandwell",
    "Solihull",
    "Walsall",
    "Wolverhampton",
)
AREA_WEIGHTS = np.array([0.395, 0.120, 0.111, 0.118, 0.075, 0.099, 0.091])
AREA_WEIGHTS = AREA_WEIGHTS / AREA_WEIGHTS.sum()

PILOT_AREAS: tuple[str, ...] = ("Birmingham", "Wolverhampton")
PILOT_START = date(2022, 6, 1)  # RFSDI risk tool live on the pilot NPUs (board paper para 36)
BAIL_CHANGE = date(2022, 10, 28)  # Police, Crime, Sentencing and Courts Act 2022 bail changes in force
PERIOD_START = date(2020, 4, 1)
EXTRACT_DATE = date(2023, 3, 31)
BURN_IN_START = date(2018, 4, 1)  # offending before the extract window shapes who is active in it


def day(d: date) -> int:
    """Days since 1970-01-01."""
    return int(np.datetime64(d, "D").astype(np.int64))


P0, P1, BURN0 = day(PERIOD_START), day(EXTRACT_DATE), day(BURN_IN_START)
PILOT_DAY, BAIL_DAY = day(PILOT_START), day(BAIL_CHANGE)
PILOT_AREA_IDS = np.array([AREAS.index(a) for a in PILOT_AREAS])


# Calendar lookups by day (numpy's datetime64 unit conversions are slow on millions of values).
_T0 = day(date(1900, 1, 1))
_TDAYS = np.arange(_T0, day(date(2100, 1, 1)), dtype=np.int64).astype("datetime64[D]")
_TMONTH = _TDAYS.astype("datetime64[M]").astype(np.int64)
_TYEAR = _TDAYS.astype("datetime64[Y]").astype(np.int64) + 1970
_TDOY = _TDAYS.astype(np.int64) - _TDAYS.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def _lookup(table: np.ndarray, days: np.ndarray) -> np.ndarray:
    return table[np.asarray(days, dtype=np.int64) - _T0]


def month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of each day (``int64``)."""
    return _lookup(_TMONTH, days)


def month_start(month: int) -> int:
    """First day (days since 1970) of month index ``month``."""
    return int(np.datetime64(int(month), "M").astype("datetime64[D]").astype(np.int64))


def calendar_month(days: np.ndarray) -> np.ndarray:
    """Calendar month 1–12 of each day."""
    return month_index(days) % 12 + 1


def year_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of each day."""
    return _lookup(_TYEAR, days)


def day_of_year(days: np.ndarray) -> np.ndarray:
    """0-based day of the year of each day."""
    return _lookup(_TDOY, days)


def period_months() -> np.ndarray:
    """Month indexes of April 2020 … March 2023."""
    return np.arange(month_index(np.array([P0]))[0], month_index(np.array([P1]))[0] + 1)


def season(days: np.ndarray, amplitude: float) -> np.ndarray:
    """Seasonal multiplier peaking in July (domestic abuse's summer peak, board paper Fig. 3)."""
    m = calendar_month(days)
    return 1.0 + amplitude * np.cos(2 * np.pi * (m - 7) / 12)


def work_clock() -> tuple[np.ndarray, np.ndarray]:
    """(days, cumulative work) of the force's investigative capacity from the burn-in to beyond the extract.

    Investigations progress in *work days*: one per calendar day normally, slower through 2021/22
    (a backlog of outstanding suspects builds), then faster and faster through 2022/23 as the force
    "tackles outstanding suspects" (board paper para 28). Lags are drawn in work days and mapped back
    to calendar dates with :func:`after_work`, so a falling stock of outstanding suspects emerges from
    the speed of work rather than from editing counts.
    """
    days = np.arange(BURN0, P1 + 3 * 365, dtype=np.int64)
    speed = np.ones(len(days))
    slow0, slow1 = day(date(2021, 6, 1)), day(date(2022, 4, 1))
    ramp = (days >= slow0) & (days < slow1)
    speed[ramp] = 1.0 - 0.15 * (days[ramp] - slow0) / (slow1 - slow0)
    fast = days >= slow1
    speed[fast] = 0.85 + 0.95 * np.clip((days[fast] - slow1) / (P1 - slow1), 0, 1)
    return days, np.concatenate([[0.0], np.cumsum(speed)[:-1]])


_CLOCK = work_clock()


def after_work(start: np.ndarray, work_days: np.ndarray) -> np.ndarray:
    """Calendar day on which ``work_days`` of work started on ``start`` are done."""
    days, cum = _CLOCK
    w0 = cum[np.asarray(start, dtype=np.int64) - days[0]]  # whole days: read the clock directly
    out = np.interp(w0 + np.asarray(work_days, dtype=np.float64), cum, days)
    return np.ceil(out - 1e-9).astype(np.int64)
