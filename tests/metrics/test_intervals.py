"""Intervals and comparisons are statsmodels' (Wilson, Newcombe, Poisson), wrapped for arrays."""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.proportion import proportion_confint

from vawg.metrics import compare_counts, compare_proportions, poisson_interval, wilson_interval


def test_wilson_matches_statsmodels_and_guards_impossible_cells() -> None:
    low, high = wilson_interval([5, 0, 3, 7], [100, 50, 0, 5])
    expected_low, expected_high = proportion_confint(5, 100, method="wilson")
    assert low[0] == pytest.approx(expected_low) and high[0] == pytest.approx(expected_high)
    assert low[1] == 0.0 and 0 < high[1] < 0.1  # 0 of 50: the interval still has width
    assert math.isnan(low[2]) and math.isnan(high[2])  # no denominator
    assert math.isnan(low[3])  # 7 "of" 5 (a closure-basis rate above 100%) is not a proportion


def test_wilson_and_poisson_agree_with_statsmodels_over_a_grid() -> None:
    # The intervals are closed forms over scipy.special (D-metrics-9); statsmodels is the oracle.
    from statsmodels.stats.rates import confint_poisson

    nobs = np.array([1, 2, 3, 7, 10, 31, 100, 997, 52_000])
    count = np.concatenate([np.array([0, 1, n // 3, n // 2, n - 1, n]) for n in nobs])
    denominator = np.repeat(nobs, 6)
    for alpha in (0.05, 0.01, 0.2):
        low, high = wilson_interval(count, denominator, alpha=alpha)
        expected_low, expected_high = proportion_confint(count, denominator, alpha=alpha, method="wilson")
        np.testing.assert_allclose(low, expected_low, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(high, expected_high, rtol=1e-12, atol=1e-15)
        exposure = denominator * 1.7
        low, high = poisson_interval(count, exposure, alpha=alpha)
        expected_low, expected_high = confint_poisson(count, exposure, method="exact-c", alpha=alpha)
        np.testing.assert_allclose(low, expected_low, rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(high, expected_high, rtol=1e-10, atol=1e-15)


def test_the_intervals_do_not_import_scipy_stats() -> None:
    # A cold `vawg metrics show` of a rate stays under a second only without scipy.stats (D-metrics-9).
    import subprocess
    import sys

    code = (
        "import sys; from vawg.metrics import wilson_interval, poisson_interval; "
        "wilson_interval([3], [10]); poisson_interval([3], [10]); print('scipy.stats' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_poisson_interval_brackets_the_rate() -> None:
    low, high = poisson_interval([30], [100])
    assert low[0] < 0.3 < high[0]
    assert math.isnan(poisson_interval([3], [0])[0][0])


def test_compare_proportions_paper_scale() -> None:
    # The board paper's DA positive outcome rate, 4.4% vs 3.3% on about 52k and 55k crimes.
    change = compare_proportions(2305, 52382, 1816, 55006)
    assert change.estimate == pytest.approx(2305 / 52382 - 1816 / 55006)
    assert change.ci_low < change.estimate < change.ci_high
    assert change.significant and change.p_value < 0.001
    assert "pp" in change.describe() and "significant" in change.describe()
    # The same rates on 100 crimes each: not significant, the interval spans 0.
    small = compare_proportions(4, 100, 3, 100)
    assert not small.significant and small.ci_low < 0 < small.ci_high
    with pytest.raises(ValueError):
        compare_proportions(1, 0, 1, 10)


def test_compare_counts_poisson() -> None:
    stable = compare_counts(84972, 85987)  # DA incidents FY22/23 vs FY21/22 at scale 1
    assert stable.estimate == pytest.approx(84972 / 85987)
    assert stable.ci_low < stable.estimate < stable.ci_high
    doubled = compare_counts(200, 100)
    assert doubled.significant and doubled.ci_low > 1
    assert not compare_counts(105, 100).significant
    assert np.isfinite(doubled.p_value)
