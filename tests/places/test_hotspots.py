"""Hotspots: Gi* against the textbook formula, planted clusters found, a uniform control left alone."""

from __future__ import annotations

from datetime import date

import h3
import numpy as np
import pandas as pd
import pytest
from libpysal.weights import W

from vawg.places import Points, analyse_points, gi_star, mann_kendall

CENTRE = (52.4800, -1.9000)
BOX = (52.43, 52.53, -1.98, -1.82)  # about 11 km by 11 km


def _points(lat: np.ndarray, lon: np.ndarray, months: np.ndarray) -> Points:
    frame = pd.DataFrame({
        "latitude": lat, "longitude": lon, "month": [date(2021 + m // 12, m % 12 + 1, 1) for m in months],
        "area": "A", "lsoa_code": None, "hour": None, "weekday": None,
    })  # fmt: skip
    return Points("test", "test points", frame, 0, date(2021, 1, 1), date(2022, 12, 1))


def _uniform(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return rng.uniform(BOX[0], BOX[1], n), rng.uniform(BOX[2], BOX[3], n), rng.integers(0, 24, n)


def test_gi_star_matches_the_getis_ord_formula_worked_by_hand() -> None:
    # Five units in a line, counts 0 0 10 0 0, each unit's neighbourhood itself and the units beside it.
    # Getis & Ord (1992) Gi*: z = (sum_j w_ij y_j - ybar W_i) / (s sqrt((n W_i - W_i^2) / (n - 1))),
    # with ybar = 2 and s^2 = 100/5 - 4 = 16. Middle unit: W_i = 3, sum = 10:
    # z = (10 - 6) / (4 sqrt((15 - 9) / 4)) = 4 / (4 * 1.2247) = 0.8165.
    # End unit 0: W_i = 2, sum = 0: z = (0 - 4) / (4 sqrt((10 - 4) / 4)) = -0.8165.
    w = W({0: [1], 1: [0, 2], 2: [1, 3], 3: [2, 4], 4: [3]})
    z, p = gi_star(np.array([0, 0, 10, 0, 0]), w)
    assert z[2] == pytest.approx(0.8165, abs=1e-4)
    assert z[0] == pytest.approx(-0.8165, abs=1e-4)
    assert p[2] == pytest.approx(0.4142, abs=1e-3)  # two-sided: 2 * (1 - Phi(0.8165))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_hotspot_on_a_uniform_random_control(seed: int) -> None:
    rng = np.random.default_rng(seed)
    result = analyse_points(_points(*_uniform(rng, 3000)))
    assert len(result.table) > 150  # the study area is tiled, empty cells included
    assert result.significant("Hot").empty
    assert result.significant("Cold").empty
    assert (result.table["emerging"] == "").all()


@pytest.mark.parametrize("seed", [1, 2])
def test_a_planted_rising_hotspot_is_found_where_it_was_planted(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lat, lon, month = _uniform(rng, 3000)
    # 200 extra crimes within about 150 m of CENTRE, more of them each month (none at first).
    growth = np.arange(24) ** 2
    months = rng.choice(24, size=200, p=growth / growth.sum())
    lat = np.r_[lat, rng.normal(CENTRE[0], 0.0013, 200)]
    lon = np.r_[lon, rng.normal(CENTRE[1], 0.0020, 200)]
    result = analyse_points(_points(lat, lon, np.r_[month, months]))
    planted = h3.latlng_to_cell(*CENTRE, 8)
    hot = set(result.significant("Hot")["unit"])
    assert planted in hot
    assert hot <= set(h3.grid_disk(planted, 1))  # nothing significant away from the plant
    assert result.hot_clusters() == 1  # one place, however many hot cells
    row = result.table.set_index("unit").loc[planted]
    assert row["label"] == "Hot spot 99%"
    assert row["trend"] == "increasing" and row["emerging"] == "new or intensifying hot spot"
    assert row["change"] > 0


def test_mann_kendall_finds_a_rise_and_not_noise() -> None:
    months = pd.period_range("2021-01", periods=24, freq="M")
    rising = np.arange(24) // 2  # 0 0 1 1 2 2 … 11 11
    flat = np.array([3, 4] * 12)
    few = np.r_[np.zeros(23), 5]  # 5 crimes: not enough to test
    table = mann_kendall(pd.DataFrame([rising, flat, few], index=["r", "f", "x"], columns=months))
    assert table.loc["r", "trend"] == "increasing" and table.loc["r", "slope"] == pytest.approx(0.5)
    assert table.loc["f", "trend"] == "no trend"
    assert table.loc["x", "trend"] == "not tested"


def test_small_counts_are_not_published() -> None:
    rng = np.random.default_rng(7)
    result = analyse_points(_points(*_uniform(rng, 400)))
    small = result.table[(result.table["count"] > 0) & (result.table["count"] < 5)]
    assert len(small) > 10
    published = result.published().set_index("unit")
    assert published.loc[small["unit"], "count"].isna().all()
    assert published.loc[small["unit"], "z"].isna().all()  # a z-score would give the count away
    shown = published[published["count"].notna()]
    assert (shown["count"].astype(int).isin([0]) | (shown["count"].astype(int) >= 5)).all()
    assert all(u["count"] is None or u["count"] == 0 or u["count"] >= 5 for u in result.to_dict()["units"])


@pytest.mark.parametrize("planted", [False, True])
def test_lsoa_hotspots_with_nearest_neighbour_weights(planted: bool) -> None:
    rng = np.random.default_rng(11)
    lat, lon, month = _uniform(rng, 3000)
    if planted:
        lat = np.r_[lat, rng.normal(CENTRE[0], 0.0013, 200)]
        lon = np.r_[lon, rng.normal(CENTRE[1], 0.0020, 200)]
        month = np.r_[month, rng.integers(0, 24, 200)]
    pts = _points(lat, lon, month)
    # LSOA-like units: one code per H3 resolution-8 cell (as the synthetic force does).
    pts.frame["lsoa_code"] = ["L" + h3.latlng_to_cell(a, o, 8) for a, o in zip(lat, lon, strict=True)]
    result = analyse_points(pts, unit="lsoa")
    hot = set(result.significant("Hot")["unit"])
    if planted:
        assert "L" + h3.latlng_to_cell(*CENTRE, 8) in hot
        assert result.resolution is None and result.unit == "lsoa"
    else:
        assert not hot and result.significant("Cold").empty
