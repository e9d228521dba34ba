"""Seasonal decomposition: the STL wrapper, its summary and its guards."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.seasonal import STL

from vawg.errors import MetricError
from vawg.metrics import seasonal_trend


def monthly(values: np.ndarray, start: str = "2020-04-01") -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def summer_series(n: int = 36, slope: float = 0.0) -> pd.Series:
    months = pd.date_range("2020-04-01", periods=n, freq="MS").month.to_numpy()
    season = 100 * np.cos(2 * np.pi * (months - 7) / 12)  # peaks in July, lowest in January
    noise = np.random.default_rng(1).normal(0, 5, n)
    return monthly(7000 + slope * np.arange(n) + season + noise)


def test_finds_the_summer_peak_and_a_flat_trend() -> None:
    result = seasonal_trend(summer_series())
    assert result.peak_month == 7 and result.trough_month == 1
    assert result.seasonal_strength > 0.8
    assert abs(result.trend_change) < 30  # flat apart from the season (noise sd 5)
    frame = result.frame
    assert np.allclose(frame["trend"] + frame["seasonal"] + frame["remainder"], frame["observed"])
    assert np.allclose(frame["adjusted"], frame["observed"] - frame["seasonal"])


def test_is_statsmodels_stl_period_12() -> None:
    series = summer_series(slope=10)
    expected = STL(series.to_numpy(), period=12, robust=True).fit()
    result = seasonal_trend(series)
    assert np.allclose(result.frame["trend"], expected.trend)
    assert np.allclose(result.frame["seasonal"], expected.seasonal)
    # A rising trend of 10 a month shows as about +120 over 12 months.
    assert result.trend_change == pytest.approx(120, abs=15)


def test_guards() -> None:
    with pytest.raises(MetricError, match="at least 24"):
        seasonal_trend(summer_series(n=20))
    with pytest.raises(MetricError, match="missing"):
        seasonal_trend(monthly(np.r_[np.ones(30), np.nan]))
    # Pure noise: STL finds some "season" in 3 years of noise, but much less than a real one.
    noise = monthly(np.random.default_rng(3).normal(100, 10, 36))
    assert seasonal_trend(noise).seasonal_strength < seasonal_trend(summer_series()).seasonal_strength - 0.2


def test_same_month_last_year_compares_calendar_months() -> None:
    import numpy as np

    from vawg.metrics import same_month_last_year

    index = [d.date() for d in pd.date_range("2021-04-01", periods=14, freq="MS")]
    values = pd.Series([100.0] * 12 + [90.0, 0.0], index=index)
    values.iloc[0], values.iloc[1] = 80.0, 0.0  # April 2021 80, May 2021 0
    out = same_month_last_year(values)
    # April 2022 (row 12): 90 against 80 -> +10, +12.5%; May 2022: 0 against 0 -> no relative change
    assert out.iloc[12].tolist() == [90.0, 80.0, 10.0, 0.125]
    assert out.iloc[13, :3].tolist() == [0.0, 0.0, 0.0] and np.isnan(out.iloc[13]["relative_change"])
    assert out["last_year"].iloc[:12].isna().all()
