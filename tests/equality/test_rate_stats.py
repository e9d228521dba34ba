"""The statistics of a relative rate, hand-worked on tiny tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from vawg.equality import adjusted_rates, mantel_haenszel_rr, not_stated_bounds, relative_rate, stage_cells


def _people(spec: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """Person rows from (group, stratum, people at the stage, people) cells."""
    rows = []
    for group, stratum, events, n in spec:
        rows += [(group, stratum, i < events) for i in range(n)]
    return pd.DataFrame(rows, columns=["g", "s", "y"])


# Simpson's paradox by construction: in each offence stratum group G's rate is half the
# reference R's, but G is mostly in the low-rate stratum B, so the raw ratio is far below 0.5.
SIMPSON = [("G", "A", 10, 50), ("R", "A", 80, 200), ("G", "B", 10, 200), ("R", "B", 5, 50)]


def test_adjusted_rate_removes_the_offence_mix() -> None:
    people = _people(SIMPSON)
    cells = stage_cells(people["y"], people["g"], people["s"])
    raw = relative_rate(20, 250, 85, 250)  # 0.08 / 0.34
    assert raw.rr == pytest.approx(20 / 85)
    adjusted = adjusted_rates(cells, "R")["G"]
    assert adjusted.rr == pytest.approx(0.5, rel=1e-6)  # the within-stratum ratio, exactly
    assert adjusted.low < 0.5 < adjusted.high and adjusted.p < 0.05
    # Mantel–Haenszel: sum(a·n0/N) / sum(c·n1/N) = (10·200/250 + 10·50/250) / (80·50/250 + 5·200/250) = 10/20
    assert mantel_haenszel_rr(cells, "G", "R") == pytest.approx(0.5)


def test_strata_without_events_and_groups_without_events() -> None:
    people = _people([*SIMPSON, ("G", "C", 0, 30), ("R", "C", 0, 30), ("Z", "A", 0, 40)])
    cells = stage_cells(people["y"], people["g"], people["s"])
    adjusted = adjusted_rates(cells, "R")
    assert adjusted["G"].rr == pytest.approx(0.5, rel=1e-6) and "Z" not in adjusted


def test_katz_interval_and_zero_cells() -> None:
    ratio = relative_rate(8, 21, 15, 30)  # (8/21)/(15/30); se = sqrt(1/8 - 1/21 + 1/15 - 1/30)
    se = math.sqrt(1 / 8 - 1 / 21 + 1 / 15 - 1 / 30)
    assert ratio.rr == pytest.approx(0.761905, abs=1e-6)
    assert ratio.low == pytest.approx(0.761905 * math.exp(-1.959964 * se), abs=1e-5)
    assert relative_rate(0, 10, 5, 10).rr == 0.0
    assert math.isnan(relative_rate(3, 10, 0, 10).rr)
    assert relative_rate(8, 8, 5, 15).rr == pytest.approx(3.0)  # no shifting of the zero cell


def test_bounds_by_hand() -> None:
    # Group 10/100, reference 30/100; 50 not stated of whom 5 reached the stage.
    low, high = not_stated_bounds(10, 100, 30, 100, 5, 50, 5, 50)
    # Group rate 0.1 either way ((10+5)/150 = 0.1); reference 0.3 or 35/150.
    assert (low, high) == pytest.approx((0.1 / 0.3, 0.1 / (35 / 150)))
    assert all(math.isnan(v) for v in not_stated_bounds(10, 100, 0, 100, 5, 50, 0, 50))  # reference rate 0
