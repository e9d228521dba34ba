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
    series: pd.Series | npt.ArrayLike, *, period: int = PERIOD, robust: bool = True
) -> SeasonalTrend:
    """Decompose a monthly series (index: month starts, oldest first) with STL.

    Needs at least two full periods (24 months); missing values are not allowed (a month with no
    records is a 0, which :func:`vawg.metrics.compute` already fills in).
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

    fit = STL(s.to_numpy(), period=period, robust=robust).fit()
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


def _calendar_months(index: pd.Index, n: int) -> npt.NDArray[np.int64]:
    try:
        return np.asarray(pd.DatetimeIndex(pd.to_datetime(index)).month, dtype=np.int64)
    except (TypeError, ValueError):
        return np.arange(n, dtype=np.int64) % PERIOD + 1
