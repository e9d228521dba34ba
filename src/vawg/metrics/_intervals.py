"""Intervals and comparisons a board can trust: every rate with its count and a Wilson interval.

Vectorised intervals with statsmodels' definitions:

* :func:`wilson_interval` – the Wilson score interval, as ``proportion_confint(method="wilson")``;
* :func:`poisson_interval` – the exact central (Garwood) interval, as
  ``confint_poisson(method="exact-c")``, for counts per unit of exposure;
* :func:`compare_proportions` – difference of two proportions with a Newcombe (Wilson-score) interval
  and a score test (``confint_proportions_2indep`` / ``test_proportions_2indep``);
* :func:`compare_counts` – ratio of two Poisson counts (``test_poisson_2indep`` /
  ``confint_poisson_2indep``), for year-on-year change in a count such as recorded DA.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

# The two intervals every rate carries are closed forms over library quantiles (the normal from the
# standard library's statistics, the gamma from scipy.special), not statsmodels calls: statsmodels
# imports scipy.stats, about 0.8 s of a cold `vawg metrics show` that must take under a second
# (D-metrics-9). The tests hold them to statsmodels' results over a grid of counts. The
# comparisons below still call statsmodels.

ArrayLike = npt.ArrayLike


def wilson_interval(
    count: ArrayLike, nobs: ArrayLike, alpha: float = 0.05
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Wilson score interval of ``count / nobs``; NaN where ``nobs`` is 0 or ``count`` exceeds it.

    (A closure-basis rate can exceed 1 in a month: outcomes assigned then are of crimes recorded
    earlier, so it is not a binomial proportion and gets no interval.)
    """
    k = np.atleast_1d(np.asarray(count, dtype=float))
    n = np.atleast_1d(np.asarray(nobs, dtype=float))
    low = np.full(np.broadcast(k, n).shape, np.nan)
    high = low.copy()
    ok = (n > 0) & (k >= 0) & (k <= n) & ~np.isnan(k) & ~np.isnan(n)
    if ok.any():
        kk, nn = np.broadcast_to(k, low.shape)[ok], np.broadcast_to(n, low.shape)[ok]
        z = NormalDist().inv_cdf(1 - alpha / 2)  # the normal quantile; statsmodels' norm.isf(alpha / 2)
        p = kk / nn
        shrink = 1 + z * z / nn
        centre = (p + z * z / (2 * nn)) / shrink
        half = z * np.sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / shrink
        # At 0 of n (n of n) the bound is exactly 0 (1); rounding would leave a trace of 1e-18.
        low[ok] = np.where(kk == 0, 0.0, np.clip(centre - half, 0, 1))
        high[ok] = np.where(kk == nn, 1.0, np.clip(centre + half, 0, 1))
    return low, high


def poisson_interval(
    count: ArrayLike, exposure: ArrayLike, alpha: float = 0.05
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Exact (central) Poisson interval of the rate ``count / exposure``; NaN where exposure is 0."""
    k = np.atleast_1d(np.asarray(count, dtype=float))
    e = np.atleast_1d(np.asarray(exposure, dtype=float))
    low = np.full(np.broadcast(k, e).shape, np.nan)
    high = low.copy()
    ok = (e > 0) & (k >= 0) & ~np.isnan(k) & ~np.isnan(e)
    if ok.any():
        from scipy.special import gammainccinv, gammaincinv

        kk, ee = np.broadcast_to(k, low.shape)[ok], np.broadcast_to(e, low.shape)[ok]
        # Garwood: the alpha/2 quantile of Gamma(k) (0 when k is 0) and the upper alpha/2 of Gamma(k+1).
        with np.errstate(invalid="ignore"):
            lo = np.where(kk > 0, gammaincinv(kk, alpha / 2), 0.0)
        low[ok], high[ok] = lo / ee, gammainccinv(kk + 1, alpha / 2) / ee
    return low, high


@dataclass(frozen=True)
class Comparison:
    """A change between two periods: estimate of the difference (or ratio) with interval and test."""

    measure: str  # "difference" (of proportions) or "ratio" (of counts)
    value_1: float
    value_2: float
    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    significant: bool
    alpha: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def describe(self) -> str:
        word = "significant" if self.significant else "not significant"
        if self.measure == "difference":
            return (
                f"{self.value_1:.1%} vs {self.value_2:.1%}: change {self.estimate * 100:+.1f} pp "
                f"(95% CI {self.ci_low * 100:+.1f} to {self.ci_high * 100:+.1f} pp; p = {self.p_value:.3g}; {word})"
            )
        return (
            f"{self.value_1:,.0f} vs {self.value_2:,.0f}: ratio {self.estimate:.3f} "
            f"(95% CI {self.ci_low:.3f} to {self.ci_high:.3f}; p = {self.p_value:.3g}; {word})"
        )


def compare_proportions(count1: int, nobs1: int, count2: int, nobs2: int, alpha: float = 0.05) -> Comparison:
    """Is ``count1/nobs1`` (e.g. this year) different from ``count2/nobs2`` (last year)?

    Difference p1 − p2 with Newcombe's hybrid score interval and the score test, both statsmodels.
    """
    if nobs1 <= 0 or nobs2 <= 0:
        raise ValueError("compare_proportions needs both denominators above zero")
    from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

    low, high = confint_proportions_2indep(
        count1, nobs1, count2, nobs2, method="newcomb", compare="diff", alpha=alpha
    )
    test = test_proportions_2indep(count1, nobs1, count2, nobs2, method="score", compare="diff")
    p = float(test.pvalue)
    return Comparison(
        "difference",
        count1 / nobs1,
        count2 / nobs2,
        count1 / nobs1 - count2 / nobs2,
        float(low),
        float(high),
        p,
        bool(p < alpha),
        alpha,
    )


def compare_counts(
    count1: int, count2: int, exposure1: float = 1.0, exposure2: float = 1.0, alpha: float = 0.05
) -> Comparison:
    """Is a count (e.g. recorded DA this year) different from another (last year)?

    Ratio of two Poisson rates (count / exposure) with the score interval and the score test.
    """
    from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

    test = test_poisson_2indep(count1, exposure1, count2, exposure2, method="score", compare="ratio")
    low, high = confint_poisson_2indep(
        count1, exposure1, count2, exposure2, method="score", compare="ratio", alpha=alpha
    )
    p = float(test.pvalue)
    ratio = (count1 / exposure1) / (count2 / exposure2) if count2 > 0 else float("inf")
    return Comparison("ratio", float(count1), float(count2), ratio, float(low), float(high), p, bool(p < alpha),
                      alpha)  # fmt: skip
