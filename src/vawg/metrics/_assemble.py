"""Turn aggregate query results into a metric's table: complete grid, value, interval, label.

Each query result becomes a :class:`Grid` once – a dense ``periods × combinations`` array per
aggregate column – and every metric reading that query slices it with numpy. (Pandas merges per
metric cost tens of milliseconds each on these tiny frames; a run over 67 metrics would spend
seconds there.) Dates stay datetime64 until the returned frame, whose ``period_start`` holds
python dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from vawg.metrics._intervals import poisson_interval, wilson_interval
from vawg.metrics._periods import ALL_START, TS, as_ts, labels, period_range, period_start_of, period_start_ts
from vawg.metrics._registry import Metric

Array = npt.NDArray[np.float64]


def _range(first: pd.Timestamp, last: pd.Timestamp, grain: str) -> npt.NDArray[np.datetime64]:
    return as_ts(period_range(first.date(), max(first, last).date(), grain)).to_numpy()


@dataclass
class Grid:
    """Dense values of some aggregate columns over every period × dimension combination."""

    periods: npt.NDArray[np.datetime64]  # sorted
    combos: pd.DataFrame  # one row per combination of the dimension columns, sorted
    values: dict[str, Array]  # column -> (len(periods), len(combos))

    @property
    def dims(self) -> list[str]:
        return list(self.combos.columns)

    @classmethod
    def build(
        cls,
        frame: pd.DataFrame,
        date_column: str,
        dims: list[str],
        columns: list[str],
        periods: npt.NDArray[np.datetime64],
        fill: dict[str, float] | None = None,
    ) -> Grid:
        combos = frame[dims].drop_duplicates().sort_values(dims).reset_index(drop=True) if dims else pd.DataFrame(
            index=[0]
        )  # fmt: skip
        grid = cls(periods, combos, {})
        rows, cols = grid._positions(frame, date_column)
        keep = rows >= 0
        for column in columns:
            base = (fill or {}).get(column, 0.0)
            values = np.full((len(periods), len(combos)), base, dtype=float)
            values[rows[keep], cols[keep]] = frame[column].to_numpy(dtype=float, na_value=np.nan)[keep]
            grid.values[column] = values
        return grid

    def _positions(
        self, frame: pd.DataFrame, date_column: str
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        dates = frame[date_column].to_numpy(dtype=TS)
        rows = np.searchsorted(self.periods, dates)
        rows[
            (rows >= len(self.periods)) | (self.periods[np.minimum(rows, len(self.periods) - 1)] != dates)
        ] = -1
        if self.dims:
            index = pd.MultiIndex.from_frame(self.combos)
            cols = index.get_indexer(pd.MultiIndex.from_frame(frame[self.dims]))
        else:
            cols = np.zeros(len(frame), dtype=np.intp)
        rows[cols < 0] = -1
        return rows, cols

    def collapse(self, keep: list[str]) -> Grid:
        """Sum the values over the dimension columns not in ``keep`` (counts are additive)."""
        if keep == self.dims:
            return self
        combos = self.combos[keep].drop_duplicates().sort_values(keep).reset_index(drop=True) if keep else (
            pd.DataFrame(index=[0])
        )  # fmt: skip
        if keep:
            codes = pd.MultiIndex.from_frame(combos).get_indexer(pd.MultiIndex.from_frame(self.combos[keep]))
        else:
            codes = np.zeros(len(self.combos), dtype=np.intp)
        out = Grid(self.periods, combos, {})
        for column, values in self.values.items():
            summed = np.zeros((len(self.periods), len(combos)))
            np.add.at(summed.T, codes, values.T)
            out.values[column] = summed
        return out

    def align(self, periods: npt.NDArray[np.datetime64], combos: pd.DataFrame, fill: float = 0.0) -> Grid:
        """This grid re-laid over (a superset of) its periods and combinations."""
        if np.array_equal(periods, self.periods) and combos.equals(self.combos):
            return self
        rows = np.searchsorted(periods, self.periods)
        if self.dims:
            cols = pd.MultiIndex.from_frame(combos).get_indexer(pd.MultiIndex.from_frame(self.combos))
        else:
            cols = np.zeros(1, dtype=np.intp)
        out = Grid(periods, combos, {})
        for column, values in self.values.items():
            wide = np.full((len(periods), len(combos)), fill, dtype=float)
            wide[np.ix_(rows, cols)] = values
            out.values[column] = wide
        return out


def union(a: Grid, b: Grid, grain: str) -> tuple[npt.NDArray[np.datetime64], pd.DataFrame]:
    """The periods (a full range) and combinations covering both grids."""
    if np.array_equal(a.periods, b.periods) and a.combos.equals(b.combos):
        return a.periods, a.combos
    both = np.concatenate([a.periods, b.periods])
    periods = _range(pd.Timestamp(both.min()), pd.Timestamp(both.max()), grain) if len(both) else a.periods
    if grain == "all":
        periods = np.unique(both)[:1]
    combos = a.combos
    if a.dims:
        combos = pd.concat([a.combos, b.combos]).drop_duplicates().sort_values(a.dims).reset_index(drop=True)
    return periods, combos


@lru_cache(maxsize=64)
def _period_columns(periods: bytes, grain: str) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Each period's start (python date) and label, worked out once per run for the periods most
    metrics share (read-only arrays: callers repeat them)."""
    starts = pd.Series(np.frombuffer(periods, dtype=TS))
    return starts.dt.date.to_numpy(dtype=object), labels(starts, grain).to_numpy(dtype=object)


def _table(
    metric: Metric,
    periods: npt.NDArray[np.datetime64],
    combos: pd.DataFrame,
    num: Array,
    den: Array | None,
    value: Array | None,
    grain: str,
) -> pd.DataFrame:
    """The result frame for the combinations with any non-zero count; value and interval by kind."""
    active = (num != 0).any(axis=0)
    if den is not None and metric.kind != "share":  # a share's breakdown value exists if it is ever counted
        active |= (den != 0).any(axis=0)
    num = num[:, active]
    den = den[:, active] if den is not None else None
    combos = combos[active]
    n_p, n_c = num.shape
    flat_num = num.ravel()
    flat_den = den.ravel() if den is not None else np.full(flat_num.shape, np.nan)
    low = high = np.full(flat_num.shape, np.nan)
    if metric.kind in ("rate", "share"):
        with np.errstate(divide="ignore", invalid="ignore"):
            flat_value = np.where(flat_den > 0, flat_num / flat_den, np.nan)
        low, high = wilson_interval(flat_num, flat_den)
    elif metric.kind == "ratio":
        with np.errstate(divide="ignore", invalid="ignore"):
            flat_value = np.where(flat_den > 0, metric.scale * flat_num / flat_den, np.nan)
        low, high = poisson_interval(flat_num, flat_den)
        low, high = low * metric.scale, high * metric.scale
    elif metric.kind == "days":
        assert value is not None
        flat_value = value[:, active].ravel()
    else:
        flat_value = flat_num.astype(float)
    period_starts, period_labels = _period_columns(np.asarray(periods).astype(TS).tobytes(), grain)
    has_den = metric.kind in ("rate", "share", "ratio")
    # One constructor call, not a column at a time: compute_all assembles 67 of these.
    columns = {
        "period_start": np.repeat(period_starts, n_c),
        "period": np.repeat(period_labels, n_c),
        **{column: np.tile(combos[column].to_numpy(dtype=object), n_p) for column in combos.columns},
        "numerator": flat_num.astype(np.int64),
        "denominator": pd.array(
            flat_den.astype(np.int64) if has_den else [pd.NA] * len(flat_num), dtype="Int64"
        ),
        "value": flat_value.astype(float),
        "ci_low": np.asarray(low, dtype=float),
        "ci_high": np.asarray(high, dtype=float),
    }
    return pd.DataFrame(columns)


def flow_periods(
    frame: pd.DataFrame, grain: str, start: date | None, end: date | None
) -> npt.NDArray[np.datetime64]:
    """The periods a flow query's result is laid over: start to end, else the range it covers."""
    seen = frame["period_start"]
    if grain == "all":
        first = frame["_first_date"].min() if len(frame) else None
        stamp = (
            pd.Timestamp(start)
            if start
            else (pd.Timestamp(first) if first is not None else pd.Timestamp(ALL_START))
        )
        return as_ts([stamp]).to_numpy()
    if not len(seen) and not (start and end):
        return as_ts([]).to_numpy()
    first = pd.Timestamp(period_start_of(start, grain)) if start else seen.min()
    last = pd.Timestamp(period_start_of(end, grain)) if end else seen.max()
    return _range(first, last, grain)


def flow(metric: Metric, num_grid: Grid, num_alias: str, den_grid: Grid | None, den_alias: str | None,
         grain: str) -> pd.DataFrame:  # fmt: skip
    """A flow metric (count, rate, ratio, share, days) from the grids of its aggregates."""
    if metric.kind == "days":
        return _table(metric, num_grid.periods, num_grid.combos, num_grid.values[f"{num_alias}_n"], None,
                      num_grid.values[num_alias], grain)  # fmt: skip
    num = num_grid.values[num_alias]
    if metric.kind == "share":
        # The denominator of each breakdown value is the total over the breakdown in its group.
        groups = [d for d in num_grid.dims if d != metric.breakdown]
        if groups:
            codes, _ = pd.MultiIndex.from_frame(num_grid.combos[groups]).factorize()
        else:
            codes = np.zeros(len(num_grid.combos), dtype=np.intp)
        totals = np.zeros((num.shape[0], int(codes.max()) + 1 if len(codes) else 0))
        np.add.at(totals.T, codes, num.T)
        return _table(metric, num_grid.periods, num_grid.combos, num, totals[:, codes], None, grain)
    if den_grid is None or den_alias is None:
        return _table(metric, num_grid.periods, num_grid.combos, num, None, None, grain)
    periods, combos = union(num_grid, den_grid, grain)
    num_grid, den_grid = num_grid.align(periods, combos), den_grid.align(periods, combos)
    return _table(
        metric, periods, combos, num_grid.values[num_alias], den_grid.values[den_alias], None, grain
    )


def stock(metric: Metric, events: Grid, alias: str, grain: str, start: date | None,
          end: date | None) -> pd.DataFrame:  # fmt: skip
    """A stock metric valued at each period's end: running sum of the monthly +1/−1 events."""
    months = events.periods
    running = np.cumsum(events.values[alias], axis=0)
    keep = np.ones(len(months), dtype=bool)
    if start is not None:
        keep &= months >= np.datetime64(period_start_of(start, "month"), "s")
    if end is not None:
        keep &= months <= np.datetime64(end, "s")
    months, running = months[keep], running[keep]
    if start is None:
        # The series starts at the first month anything is outstanding (the query may hold rows of
        # other stocks that start earlier): compute and compute_all then agree.
        nonzero = np.flatnonzero((running != 0).any(axis=1))
        first = nonzero[0] if len(nonzero) else len(months)
        months, running = months[first:], running[first:]
    if not len(months):
        return _table(metric, months, events.combos, running, None, None, grain)
    periods = period_start_ts(pd.Series(months).astype(TS), grain, start).to_numpy()
    if grain == "all" and start is None:
        periods[:] = months[0]
    # The value of a quarter or year is the stock at its last month end (within the data).
    last = np.r_[periods[1:] != periods[:-1], True]
    return _table(metric, periods[last], events.combos, running[last], None, None, grain)


def stock_months(frame: pd.DataFrame, end: date | None) -> npt.NDArray[np.datetime64]:
    """Month starts from the first event to ``end`` (or the last event): where a stock is valued."""
    if not len(frame):
        return as_ts([]).to_numpy()
    first = frame["month"].min()
    last = pd.Timestamp(period_start_of(end, "month")) if end else frame["month"].max()
    return _range(first, last, "month")
