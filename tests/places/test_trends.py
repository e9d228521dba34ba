"""Counts by area and by day and hour, as published: small counts withheld."""

from __future__ import annotations

from datetime import date

import pandas as pd

from vawg.places import Points, area_counts, hour_weekday_counts, night_time_share, published_grid


def _pts(rows: list[tuple[str, date, int | None, int | None]]) -> Points:
    frame = pd.DataFrame(rows, columns=["area", "month", "hour", "weekday"]).assign(
        latitude=52.5, longitude=-1.9, lsoa_code=None
    )
    return Points("t", "test", frame, 0, date(2022, 1, 1), date(2022, 12, 31))


def test_area_counts_withhold_small_counts_and_their_halves() -> None:
    early, late = date(2022, 2, 1), date(2022, 11, 1)
    rows = [("A", early, None, None)] * 12 + [("A", late, None, None)] * 8 + [("B", early, None, None)] * 6
    rows += [("B", late, None, None)] * 3 + [("C", late, None, None)] * 2 + [("D", late, None, None)] * 4
    out = area_counts(_pts(rows)).set_index("area")
    assert out.loc["A"].tolist() == [20, 12, 8, -4]
    assert out.loc["B", "count"] == 9 and out.loc["B", "count_later"] is None  # 3 in a half: withheld
    assert out.loc["B", "change"] is None and out.loc["B", "count_earlier"] is None
    assert out.loc["C", "count"] is None and out.loc["D", "count"] is None  # 2 and 4: withheld together


def test_day_hour_grid_and_night_time_share() -> None:
    # Friday 23:00 x6, Saturday 01:00 x5 (Friday night), Monday 10:00 x2, Sunday 02:00 x7 (Saturday night).
    rows = [("A", date(2022, 3, 1), 23, 4)] * 6 + [("A", date(2022, 3, 1), 1, 5)] * 5
    rows += [("A", date(2022, 3, 1), 10, 0)] * 2 + [("A", date(2022, 3, 1), 2, 6)] * 7
    grid = hour_weekday_counts(_pts(rows))
    assert (
        grid is not None
        and grid.loc["Fri", 23] == 6
        and grid.loc["Sun", 2] == 7
        and int(grid.sum().sum()) == 20
    )
    assert night_time_share(_pts(rows)) == (18, 20)
    bands = published_grid(grid, bands=6)
    assert bands.loc["Sat", "00-03"] == 5 and bands.loc["Fri", "20-23"] == 6
    assert bands.loc["Mon", "08-11"] is None  # 2: withheld
    assert hour_weekday_counts(_pts([("A", date(2022, 3, 1), None, None)])) is None
