"""Intervals and comparisons a board can trust: every rate with its count and a Wilson interval.

Thin, vectorised wrappers over statsmodels (no hand-rolled formulas):

* :func:`wilson_interval` – ``proportion_confint(method="wilson")``;
* :func:`poisson_interval` – ``confint_poisson(method="exact-c")`` for counts per unit of exposure;
* :func:`compare_proportions` – difference of two proportions with a Newcombe (Wilson-score) interval
  and a score test (``confint_proportions_2indep`` / ``test_proportions_2indep``);
* :func:`compare_counts` – ratio of two Poisson counts (``test_poisson_2indep`` /
  ``confint_poisson_2indep``), for year-on-year change in a count such as recorded DA.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

# statsmodels is imported where it is used: it brings scipy.stats (about a second), which a count
# metric or `vawg metrics list` never needs.

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
        from statsmodels.stats.proportion import proportion_confint

        lo, hi = proportion_confint(kk, nn, alpha=alpha, method="wilson")
        low[ok], high[ok] = lo, hi
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
        from statsmodels.stats.rates import confint_poisson

        lo, hi = confint_poisson(
            np.broadcast_to(k, low.shape)[ok],
            np.broadcast_to(e, low.shape)[ok],
            method="exact-c",
            alpha=alpha,
        )
        low[ok], high[ok] = lo, hi
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
