"""RFSDI bands by capacity, percentile or fixed thresholds, hand-worked (issue 11, item 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from vawg.risk.rfsdi._bands import Bands
from vawg.risk.rfsdi._scoring import levels_by_date

SCORES = np.array([10.0, 8.0, 8.0, 5.0, 0.0, 0.0])


def test_capacity_bands_by_hand() -> None:
    bands = Bands(method="capacity", high_count=1, medium_count=2)
    # High: the top 1 (score 10). High or medium: the top 3, down to the 3rd score, 8.
    assert bands.cutoffs(SCORES) == (10.0, 8.0)
    assert bands.level(SCORES).tolist() == ["high", "medium", "medium", "standard", "standard", "standard"]


def test_people_tied_on_the_last_score_of_a_band_are_all_in_it() -> None:
    bands = Bands(method="capacity", high_count=2, medium_count=0)
    assert bands.level(SCORES).tolist()[:3] == ["high", "high", "high"]


def test_percentile_bands_by_hand_and_a_zero_score_is_standard() -> None:
    bands = Bands(method="percentile", high_percent=20, medium_percent=50)
    # High: ceil(20% of 6) = 2 people, down to 8 (so both 8s). High or medium: ceil(70% of 6) = 5,
    # down to the 5th score, 0, but nobody with nothing on record is above standard.
    assert bands.level(SCORES).tolist() == ["high", "high", "high", "medium", "standard", "standard"]


def test_fixed_thresholds_remain_an_option() -> None:
    bands = Bands(method="fixed", high=9, medium=5)
    assert bands.level(SCORES).tolist() == ["high", "medium", "medium", "medium", "standard", "standard"]
    assert Bands(high=50, medium=30).method == "fixed"  # a force's file without a method keeps its rule
    assert bands.describe() == "high at 9, medium at 5"


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"method": "capacity", "high_count": 5}, "needs medium_count"),
        ({"method": "percentile", "high_percent": 60, "medium_percent": 50}, "at most 100"),
        ({"method": "fixed", "high": 30, "medium": 50}, "must be below high"),
    ],
)
def test_incomplete_or_impossible_bands_are_refused(kwargs: dict[str, object], says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        Bands(**kwargs)  # type: ignore[arg-type]


def test_each_date_gets_its_own_cutoffs() -> None:
    frame = pd.DataFrame({"as_of": ["a", "a", "b", "b"], "score": [9.0, 1.0, 3.0, 2.0]})
    levels = levels_by_date(frame, Bands(method="capacity", high_count=1, medium_count=0))
    assert levels.tolist() == ["high", "standard", "high", "standard"]


def test_band_comparison_by_hand() -> None:
    from vawg.risk.rfsdi._band_evaluation import band_comparison

    # Two dates of three people. Top 1 high, next 1 medium: date a high 9 (re-offended), medium 5
    # (not); date b high 7 (re-offended), medium 6 (re-offended).
    frame = pd.DataFrame(
        {"as_of": ["a", "a", "a", "b", "b", "b"], "score": [9.0, 5.0, 1.0, 7.0, 6.0, 2.0],
         "reoffended": [1, 0, 0, 1, 1, 0]}
    )  # fmt: skip
    got = band_comparison(frame, {"cap": Bands(method="capacity", high_count=1, medium_count=1)}).set_index(
        "level"
    )
    assert got.loc["high", ["people", "per_date", "reoffended", "rate"]].tolist() == [2, 1.0, 2, 1.0]
    assert got.loc["medium", ["people", "reoffended", "rate"]].tolist() == [2, 1, 0.5]
    assert got.loc["standard", ["people", "reoffended"]].tolist() == [2, 0]
    # Wilson 95% interval of 1 of 2: 0.0945 to 0.9055.
    assert got.loc["medium", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0945, 0.9055], abs=1e-4)


def test_the_configured_bands_are_compared_with_the_old_fixed_rule() -> None:
    from vawg.risk.rfsdi._band_evaluation import LEGACY_FIXED, band_options
    from vawg.risk.rfsdi._config import load_config

    options = band_options(load_config().bands)
    assert next(iter(options)) == "configured" and options["configured"].method == "capacity"
    assert LEGACY_FIXED in options.values()
    assert len(band_options(LEGACY_FIXED)) == 2  # the fixed rule configured is not listed twice
