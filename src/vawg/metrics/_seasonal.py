"""Seasonal decomposition of a monthly series (statsmodels STL, period 12).

Recorded domestic abuse peaks every summer (board paper para 32, Fig. 3); STL splits the series
into trend, seasonal and remainder so the board sees whether demand is rising apart from the
summer peak. Strength of seasonality is Hyndman & Athanasopoulos' F_S = max(0, 1 − Var(R)/Var(S+R)).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from vawg.errors import MetricError

PERIOD = 12


@dataclass
class SeasonalTrend:
    """STL of a monthly series: ``frame`` has observed, trend, seasonal, remainder, adjusted."""

    frame: pd.DataFrame
    period: int
    seasonal_strength: float
    peak_month: int  # calendar month (1-12) with the largest average seasonal effect
    trough_month: int

    @property
    def trend_change(self) -> float:
        """Trend at the last point minus trend 12 points before (the change net of season)."""
        trend = self.frame["trend"].to_numpy()
        return float(trend[-1] - trend[-1 - self.period]) if len(trend) > self.period else float("nan")

    def to_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "seasonal_strength": self.seasonal_strength,
            "peak_month": self.peak_month,
            "trough_month": self.trough_month,
            "trend_change": self.trend_change,
            "points": self.frame.reset_index().astype({"period_start": str}).to_dict(orient="records"),
        }


def seasonal_trend(
    series: pd.Series | npt.ArrayLike, *, period: int = PERIOD, robust: bool = True, periodic: bool = False
) -> SeasonalTrend:
    """Decompose a monthly series (index: month starts, oldest first) with STL.

    Needs at least two full periods (24 months); missing values are not allowed (a month with no
    records is a 0, which :func:`vawg.metrics.compute` already fills in). ``periodic`` holds the
    seasonal effect of each calendar month fixed across years (R's ``s.window = "periodic"``: a
    seasonal smoother longer than the series). With only two or three years the default smoother
    lets the seasonal part follow each year's own noise, leaving an adjusted series as smooth as the
    trend, whose SPC limits would be far too narrow; the report's adjusted charts use ``periodic``.
    """
    s = series if isinstance(series, pd.Series) else pd.Series(np.asarray(series, dtype=float))
    s = s.astype(float)
    if s.isna().any():
        raise MetricError("seasonal_trend: the series has missing values; fill or drop them first")
    if len(s) < 2 * period:
        raise MetricError(
            f"seasonal_trend needs at least {2 * period} points (two full years); found {len(s)}",
            points=len(s),
        )
    from statsmodels.tsa.seasonal import STL  # here, not at import: it costs about a second

    # periodic: a smoother longer than the series, of degree 0 (a line through two years' points
    # of a calendar month would fit both exactly and leave no remainder); 7 is statsmodels' default.
    options = {"seasonal": 2 * len(s) + 1, "seasonal_deg": 0} if periodic else {"seasonal": 7}
    fit = STL(s.to_numpy(), period=period, robust=robust, **options).fit()
    index = pd.Index(s.index, name="period_start")
    frame = pd.DataFrame(
        {
            "observed": s.to_numpy(),
            "trend": fit.trend,
            "seasonal": fit.seasonal,
            "remainder": fit.resid,
        },
        index=index,
    )
    frame["adjusted"] = frame["observed"] - frame["seasonal"]
    detrended = frame["seasonal"] + frame["remainder"]
    var_sr = float(np.var(detrended))
    strength = max(0.0, 1.0 - float(np.var(frame["remainder"])) / var_sr) if var_sr > 0 else 0.0
    months = _calendar_months(s.index, len(s))
    by_month = frame["seasonal"].groupby(months).mean()
    labels = by_month.index.to_numpy()
    peak, trough = labels[int(by_month.to_numpy().argmax())], labels[int(by_month.to_numpy().argmin())]
    return SeasonalTrend(frame, period, strength, int(peak), int(trough))


def same_month_last_year(series: pd.Series) -> pd.DataFrame:
    """Each month against the same calendar month a year before (a seasonal series' fair comparison).

    ``series`` is indexed by month starts. Columns: ``value``, ``last_year`` (NaN when the month a
    year before is not in the series), ``change`` (difference) and ``relative_change`` (change ÷
    last year; NaN when last year is 0).
    """
    months = [pd.Timestamp(d) for d in series.index]
    lookup = {(m.year, m.month): float(v) for m, v in zip(months, series.to_numpy(dtype=float), strict=True)}
    last = np.array([lookup.get((m.year - 1, m.month), np.nan) for m in months], dtype=float)
    value = series.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(last > 0, (value - last) / last, np.nan)
    return pd.DataFrame(
        {"value": value, "last_year": last, "change": value - last, "relative_change": relative},
        index=pd.Index(series.index, name="period_start"),
    )


def _calendar_months(index: pd.Index, n: int) -> npt.NDArray[np.int64]:
    try:
        return np.asarray(pd.DatetimeIndex(pd.to_datetime(index)).month, dtype=np.int64)
    except (TypeError, ValueError):
        return np.arange(n, dtype=np.int64) % PERIOD + 1
