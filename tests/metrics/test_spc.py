"""SPC (NHS Making Data Count XmR): limits, each rule and its edge cases, icons, assurance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vawg.errors import MetricError
from vawg.metrics import spc
from vawg.metrics._spc import shift_flags, trend_flags, two_in_three_flags

# NHSRplotthedots' own test data (tests/testthat/test-ptd_spc.R): R's set.seed(123); rnorm(20),
# with its snapshot (tests/testthat/_snaps/ptd_spc.md): mean 0.142, lpl -3.01, upl 3.29, 20 points
# of common cause; faceted into two halves of 10: (0.0746, -2.60, 2.75) and (0.209, -3.28, 3.70).
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


def flagged(column: pd.Series) -> list[int]:
    return [int(i) for i in np.flatnonzero(column.to_numpy())]


@pytest.mark.parametrize(
    ("values", "mean", "lpl", "upl"),
    [
        (RNORM_123, 0.142, -3.01, 3.29),
        (RNORM_123[:10], 0.0746, -2.60, 2.75),
        (RNORM_123[10:], 0.209, -3.28, 3.70),
    ],
)
def test_reproduces_nhsrplotthedots_published_example(values: list[float], mean: float, lpl: float,
                                                      upl: float) -> None:  # fmt: skip
    result = spc(pd.Series(values), higher_is_better=True)
    assert result.mean == pytest.approx(mean, abs=0.0006)
    assert result.lpl == pytest.approx(lpl, abs=0.006)
    assert result.upl == pytest.approx(upl, abs=0.006)
    assert (result.frame["point_type"] == "common_cause").all()
    assert result.variation == "common_cause"


def test_limits_are_mean_plus_minus_2_66_mean_moving_range() -> None:
    # 1, 3, 2, 4: mean 2.5; moving ranges 2, 1, 2 -> mean 5/3; limits 2.5 ± 2.66 × 5/3.
    result = spc([1, 3, 2, 4])
    assert result.mean == pytest.approx(2.5)
    assert result.mean_moving_range == pytest.approx(5 / 3)
    assert result.upl == pytest.approx(2.5 + 2.66 * 5 / 3)
    assert result.notes  # fewer than 12 points: a warning note


def test_screening_drops_huge_moving_ranges_from_the_limits() -> None:
    # Twenty 9/11 alternations (moving range 2) then 20: its range 9 is >= 3.267 x mean(2.35)
    # so it is screened out: the mean moving range stays 2.
    values = [9, 11] * 10 + [20]
    assert spc(values).mean_moving_range == pytest.approx(2.0)
    assert spc(values, screen_outliers=False).mean_moving_range == pytest.approx((19 * 2 + 9) / 20)


def test_rule_1_point_outside_the_limits() -> None:
    result = spc([9, 11] * 10 + [20], higher_is_better=False)
    # mean 220/21 = 10.476, upl = 10.476 + 2.66 x 2 = 15.80: only the last point is outside.
    assert flagged(result.frame["outside_limits"]) == [20]
    assert flagged(result.frame["special_cause"]) == [20]
    assert result.frame["point_type"].iloc[-1] == "special_cause_concern"  # high is bad here
    assert result.variation == "concern_high"
    assert spc([9, 11] * 10 + [20], higher_is_better=True).variation == "improvement_high"
    assert spc([9, 11] * 10 + [20], higher_is_better=None).variation == "neutral_high"
    assert spc([11, 9] * 10 + [0], higher_is_better=True).variation == "concern_low"


def test_rule_2_run_of_seven_on_one_side() -> None:
    # 0/4 alternating around a mean of 2, then seven 3s (above): the 4 before them joins the run.
    values = [0, 4] * 4 + [3] * 7 + [-4]
    result = spc(values, higher_is_better=True)
    assert flagged(result.frame["shift"]) == list(range(7, 15))
    assert result.frame.loc[7:14, "point_type"].eq("special_cause_improvement").all()


def test_rule_2_a_point_on_the_mean_breaks_the_run() -> None:
    # The same with the middle 3 replaced by 2: the sum is 32 over 16 points, mean exactly 2,
    # so that point is ON the mean and splits the run into 4 and 3.
    values = [0, 4] * 4 + [3, 3, 3, 2, 3, 3, 3] + [-4]
    result = spc(values, higher_is_better=True)
    assert result.mean == 2.0
    assert result.frame["relative_to_mean"].iloc[11] == 0
    assert flagged(result.frame["shift"]) == []
    assert not result.special_cause


def test_rule_2_six_is_not_enough() -> None:
    assert flagged(pd.Series(shift_flags([1] * 6 + [-1]))) == []
    assert flagged(pd.Series(shift_flags([1] * 8 + [-1]))) == list(range(8))
    assert flagged(pd.Series(shift_flags([-1] * 7))) == list(range(7))


def test_rule_3_seven_rising() -> None:
    # Alternating 4/6, then 1..7 rising across the mean (4.53): six rising steps, seven points.
    result = spc([4, 6] * 4 + [1, 2, 3, 4, 5, 6, 7], higher_is_better=True)
    assert flagged(result.frame["trend"]) == list(range(8, 15))
    assert flagged(result.frame["shift"]) == []


def test_rule_3_seven_falling() -> None:
    result = spc([4, 6] * 4 + [7, 6, 5, 4, 3, 2, 1], higher_is_better=True)
    assert flagged(result.frame["trend"]) == list(range(8, 15))
    # Falling with higher-is-better: the points below the mean are concern.
    assert result.frame["point_type"].iloc[-1] == "special_cause_concern"


def test_rule_3_a_tie_breaks_the_trend() -> None:
    result = spc([4, 6] * 4 + [1, 2, 3, 3, 4, 5, 6], higher_is_better=True)
    assert flagged(result.frame["trend"]) == []
    # NHSRplotthedots' vectors: 1:6 no trend; 1:7 a trend; 2, 1:7, 3 a trend of the middle 7.
    assert flagged(pd.Series(trend_flags(range(1, 7)))) == []
    assert flagged(pd.Series(trend_flags(range(1, 8)))) == list(range(7))
    assert flagged(pd.Series(trend_flags([2, *range(1, 8), 3]))) == list(range(1, 8))
    assert flagged(pd.Series(trend_flags([1, 2, 3, 3, 4, 5, 6]))) == []


def test_rule_4_two_of_three_near_a_limit() -> None:
    # Limits fixed on the first 20 points (9/11): mean 10, mR 2, upl 15.32, near-limit 13.55.
    # 14, 10.5, 14: two of three beyond 13.55 and all three above the mean.
    result = spc([9, 11] * 10 + [14, 10.5, 14, 9, 11], higher_is_better=True, baseline=20)
    assert result.upl == pytest.approx(15.32)
    assert flagged(result.frame["two_in_three"]) == [20, 22]  # the near points, not the middle
    assert flagged(result.frame["outside_limits"]) == []


def test_rule_4_needs_all_three_on_one_side() -> None:
    # 14, 9.5, 14: the middle point is below the mean -> no signal (NHSRplotthedots issue #143).
    result = spc([9, 11] * 10 + [14, 9.5, 14, 9, 11], higher_is_better=True, baseline=20)
    assert flagged(result.frame["close_to_limits"]) == [20, 22]
    assert flagged(result.frame["two_in_three"]) == []
    # Two near points four apart are not 2 of 3.
    spread = spc([9, 11] * 10 + [14, 10.5, 10.5, 14, 9, 11], baseline=20)
    assert flagged(spread.frame["two_in_three"]) == []
    # The rule's own vectors (NHSRplotthedots' two-in-three tests): 1,0,1 all above -> all near flagged.
    assert list(two_in_three_flags([1, 0, 1], [1, 1, 1])) == [True, False, True]
    assert list(two_in_three_flags([1, 0, 0, 1], [1, 1, 1, 1])) == [False] * 4


@pytest.mark.parametrize(
    ("target", "higher_is_better", "expected"),
    [
        (20.0, True, "fail"),  # target above the upper limit: the process cannot reach it
        (20.0, False, "pass"),  # lower is better and the process always stays under it
        (0.0, True, "pass"),
        (0.0, False, "fail"),
        (10.0, True, "hit_and_miss"),
        (10.0, None, None),  # no direction: no assurance
    ],
)
def test_assurance(target: float, higher_is_better: bool | None, expected: str | None) -> None:
    result = spc([9, 11] * 10, higher_is_better=higher_is_better, target=target)  # limits 4.68 – 15.32
    assert result.assurance == expected


def test_no_target_no_assurance_and_bad_input() -> None:
    assert spc([9, 11] * 10, higher_is_better=True).assurance is None
    with pytest.raises(MetricError, match="at least 2 points"):
        spc([1.0])
    # Missing values are dropped (an XmR chart has no gaps).
    assert len(spc(pd.Series([1.0, np.nan, 3.0, 2.0])).frame) == 3


def _monthly(values: list[float], first: str = "2021-04-01") -> pd.Series:
    return pd.Series(values, index=[d.date() for d in pd.date_range(first, periods=len(values), freq="MS")])


def test_a_change_point_recalculates_the_limits_like_nhsrplotthedots_rebase() -> None:
    from datetime import date

    # NHSRplotthedots' published halves of rnorm(20) are the two phases: a change dated 1 Feb 2022
    # (the 11th month from April 2021) splits the series there.
    result = spc(_monthly(RNORM_123), higher_is_better=True, phases=[date(2022, 1, 15)])
    assert result.phase_starts == [date(2022, 2, 1)]
    first, second = result.frame.iloc[0], result.frame.iloc[-1]
    assert (first["phase"], second["phase"]) == (1, 2)
    assert (first["mean"], first["lpl"], first["upl"]) == pytest.approx((0.0746, -2.60, 2.75), abs=0.006)
    assert (result.mean, result.lpl, result.upl) == pytest.approx((0.209, -3.28, 3.70), abs=0.006)


def test_a_step_change_flags_every_point_without_phases_and_none_with_them() -> None:
    from datetime import date

    # 10 months alternating 10/12, then 10 alternating 30/32 (the bail change). One phase: mean
    # 21, moving ranges 2 (x18) and 18 (screened: 18 >= 3.267 x 2.84) -> limits 21 ± 5.32, so every
    # point lies outside them. Two phases: means 11 and 31, moving ranges 2 within each (the step
    # 12 -> 30 crosses the boundary and counts in neither): limits ±5.32, all common cause.
    values = [10, 12] * 5 + [30, 32] * 5
    one = spc(_monthly(values), higher_is_better=False)
    assert one.mean == pytest.approx(21) and one.frame["outside_limits"].all()
    two = spc(_monthly(values), higher_is_better=False, phases=[date(2022, 2, 1)])
    assert list(two.frame["mean"]) == [11.0] * 10 + [31.0] * 10
    assert two.mean_moving_range == pytest.approx(2.0)
    assert (two.upl, two.lpl) == pytest.approx((31 + 2.66 * 2, 31 - 2.66 * 2))
    assert not two.special_cause and two.variation == "common_cause"
    assert len(two.notes) == 2 and "phase 2 (from 2022-02-01)" in two.notes[1]


def test_a_change_point_outside_the_series_leaves_one_phase() -> None:
    from datetime import date

    result = spc(_monthly([1, 3, 2, 4]), phases=[date(2020, 1, 1), date(2030, 1, 1)])
    assert result.phase_starts == [] and set(result.frame["phase"]) == {1}


def test_assurance_can_use_the_targets_own_direction() -> None:
    # neutral metric (no direction): a target "at most 100" below the lower limit fails
    values = [200, 202] * 8
    assert spc(values, None, target=100).assurance is None
    assert spc(values, None, target=100, target_higher_is_better=False).assurance == "fail"


@pytest.mark.parametrize("value", [0.1, 0.2, 20.0])
def test_a_constant_series_is_common_cause_despite_floating_point_means(value: float) -> None:
    # sum([0.1] * 7) / 7 is 0.09999999999999999: without a tolerance every point was "above the mean"
    result = spc([value] * 12)
    assert result.variation == "common_cause" and not result.special_cause


def test_periodic_seasonal_effect_is_the_same_each_year() -> None:
    from vawg.metrics import seasonal_trend

    # two years of 100 a month with a summer (June-August) 12 higher: a fixed effect per calendar
    # month, so the adjusted series is flat at about 100 and each June's effect is the same
    index = [d.date() for d in pd.date_range("2021-04-01", periods=24, freq="MS")]
    values = pd.Series([112.0 if d.month in (6, 7, 8) else 100.0 for d in index], index=index)
    fit = seasonal_trend(values, periodic=True).frame
    assert fit["seasonal"].iloc[2] == pytest.approx(fit["seasonal"].iloc[14])
    assert fit["seasonal"].iloc[2] - fit["seasonal"].iloc[0] == pytest.approx(12, abs=0.5)
    assert fit["adjusted"].to_numpy() == pytest.approx(np.full(24, fit["adjusted"].mean()), abs=0.6)
