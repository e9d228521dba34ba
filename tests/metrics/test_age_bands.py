"""Equal-width age bands after 18-24, from single years of age (hand-worked on the hand-made store)."""

from __future__ import annotations

import duckdb
import pytest

from vawg.errors import MetricError
from vawg.metrics import compute, equal_width_bands
from vawg.metrics._age_bands import band_of


@pytest.mark.parametrize(
    ("age", "width", "band"),
    [(17, 5, "0-17"), (18, 5, "18-24"), (24, 5, "18-24"), (25, 5, "25-29"), (34, 5, "30-34"),
     (34, 10, "25-34"), (74, 5, "70-74"), (75, 5, "75+"), (90, 10, "75+"), (70, 10, "65-74")],
)  # fmt: skip
def test_band_of(age: int, width: int, band: str) -> None:
    assert band_of(age, width) == band


def test_bands_of_the_handmade_victims(handmade: duckdb.DuckDBPyConnection) -> None:
    # FY2022/23 victims of VAWG crimes with age known: 22 x3 (C03, C05, C10), 27 (C02), 32 x2 (C01,
    # C08), 62 x2 (C04, C07): 8 in all.
    frame = compute(handmade, "victim_age_years", grain="fy", start="2022-04-01", end="2023-03-31").frame
    bands = equal_width_bands(frame, 5)
    assert list(zip(bands["band"], bands["numerator"], strict=True)) == [
        ("18-24", 3),
        ("25-29", 1),
        ("30-34", 2),
        ("60-64", 2),
    ]
    assert (bands["denominator"] == 8).all() and bands["value"].iloc[0] == pytest.approx(3 / 8)
    wide = equal_width_bands(frame, 10)  # 25-34 holds 27 and 32
    assert dict(zip(wide["band"], wide["numerator"], strict=True)) == {"18-24": 3, "25-34": 3, "55-64": 2}


def test_a_width_that_does_not_divide_fifty_years_is_refused(handmade: duckdb.DuckDBPyConnection) -> None:
    frame = compute(handmade, "victim_age_years", grain="all").frame
    with pytest.raises(MetricError, match="divides 50"):
        equal_width_bands(frame, 7)
