"""The pilot's permutation (placebo-in-space) test on hand-made panels (issue 11, item 9)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from vawg.risk.rfsdi._placebo import placebo_in_space

AREAS = ("A", "B", "C", "D", "E", "F", "G")
MONTHS = [date(2022, m, 1) for m in range(1, 13)]


def _panel(reoffences: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """Seven areas, 12 months, go-live in July; (before, after) re-offences per month per area."""
    rows = [
        {"area": a, "month": m, "known_suspects": 1000, "reoffences": reoffences[a][m >= date(2022, 7, 1)],
         "pilot": a in ("A", "B"), "post": m >= date(2022, 7, 1)}
        for a in AREAS for m in MONTHS
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_a_drop_only_in_the_pilot_areas_is_the_most_extreme_of_all_21_pairs() -> None:
    # A and B halve; the other areas are flat, each at its own level. Any pair other than (A, B)
    # holds at most one halving area, so its DiD is smaller: the real pair is the unique extreme,
    # and the exact p-value is 1 / C(7, 2) = 1/21.
    levels = {"A": (100, 50), "B": (120, 60), "C": (90, 90), "D": (110, 110), "E": (95, 95),
              "F": (105, 105), "G": (115, 115)}  # fmt: skip
    test = placebo_in_space(_panel(levels))
    assert test.n_assignments == 21 and test.exhaustive
    assert test.p_value == pytest.approx(1 / 21)
    assert test.to_dict()["rate_ratio"] == pytest.approx(0.5, abs=1e-6)


def test_when_every_area_changes_alike_the_pilot_is_not_unusual() -> None:
    # Every area falls by 20%: every pair, the real one included, has a DiD of zero, so p = 1.
    levels = {a: (100 + 5 * i, round((100 + 5 * i) * 0.8)) for i, a in enumerate(AREAS)}
    test = placebo_in_space(_panel(levels))
    assert test.p_value > 0.5
