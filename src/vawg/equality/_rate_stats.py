"""The statistics of a relative rate: raw (Katz log interval, Wald test), adjusted for offence
type (modified Poisson regression; Mantel–Haenszel as a check) and bounds for "not stated".

All from statsmodels: ``Table2x2`` for the raw rate, ``GLM`` (Poisson family, log link, robust
sandwich errors: Zou 2004's "modified Poisson") for the adjusted one, ``StratifiedTable`` for the
Mantel–Haenszel pooled risk ratio.

Speed (a web page waits for these): the model is fitted on plain arrays, not data frames (pandas
bookkeeping inside statsmodels cost more than the fit), and Mantel–Haenszel reads one pivot of the
cells per stage rather than filtering the cells once per group; and BLAS runs on one thread while
fitting, because OpenBLAS threads contending on a small shared machine made the many small
least-squares steps of the fit ten times slower than one thread.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

# statsmodels (with scipy.stats, about a second) is imported in the functions that use it: the web
# app imports this package for its page's names and should not pay for it at start.

Z95 = 1.959963984540054  # the 97.5th centile of the standard normal (scipy.stats.norm.ppf(0.975))


@dataclass(frozen=True)
class Ratio:
    """A relative rate with its 95% interval and the p-value of the test that it is 1."""

    rr: float
    low: float
    high: float
    p: float

    @staticmethod
    def missing() -> Ratio:
        return Ratio(math.nan, math.nan, math.nan, math.nan)


def relative_rate(events: int, base: int, ref_events: int, ref_base: int) -> Ratio:
    """Rate ``events/base`` over ``ref_events/ref_base``; interval on the log scale (Katz), Wald test.

    A group or reference with nobody at the stage has no interval (the log rate ratio is infinite).
    """
    if base <= 0 or ref_base <= 0 or ref_events <= 0:
        return Ratio.missing()
    if events == 0:
        return Ratio(0.0, math.nan, math.nan, math.nan)
    cells = np.array([[events, base - events], [ref_events, ref_base - ref_events]], dtype=float)
    from statsmodels.stats.contingency_tables import Table2x2

    table = Table2x2(cells, shift_zeros=False)  # a zero "not at the stage" cell is real, not to be shifted
    low, high = table.riskratio_confint(alpha=0.05)
    se = table.log_riskratio_se
    p = float(table.riskratio_pvalue()) if se > 0 else math.nan
    return Ratio(float(table.riskratio), float(low), float(high), p)


def stage_cells(events: pd.Series, groups: pd.Series, strata: pd.Series) -> pd.DataFrame:
    """People (``n``) and people at the stage (``events``) per group ``g`` and stratum ``s``."""
    frame = pd.DataFrame(
        {
            "y": events.astype(int).to_numpy(),
            "g": groups.astype(str).to_numpy(),
            "s": strata.fillna("?").astype(str).to_numpy(),
        }
    )
    return frame.groupby(["g", "s"], as_index=False).agg(events=("y", "sum"), n=("y", "size"))


def adjusted_rates(cells: pd.DataFrame, reference: str) -> dict[str, Ratio]:
    """Each group's relative rate to ``reference`` adjusted for the strata (offence type) of
    :func:`stage_cells`, by a Poisson GLM with log link and robust (HC0) errors on the person-level
    outcome (``log p = group + stratum``), fitted on the cells with frequency weights.

    Strata where nobody reached the stage carry no information about the ratio and are left out
    (as Mantel–Haenszel leaves them out); so is a group with nobody at the stage (ratio 0).
    """
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    cells = cells[cells.groupby("s")["events"].transform("sum") > 0]
    with_events = cells.groupby("g")["events"].sum()
    keep = list(with_events[with_events > 0].index)
    if reference not in keep:
        return {}
    cells = cells[cells["g"].isin(keep)]
    others = [g for g in keep if g != reference]
    if not others:
        return {}
    # Person-level binary rows, collapsed: one row per cell and outcome, weighted by its people.
    g = np.concatenate([cells["g"].to_numpy(), cells["g"].to_numpy()])
    st = np.concatenate([cells["s"].to_numpy(), cells["s"].to_numpy()])
    y = np.concatenate([np.ones(len(cells)), np.zeros(len(cells))])
    w = np.concatenate([cells["events"].to_numpy(), (cells["n"] - cells["events"]).to_numpy()]).astype(float)
    keep_rows = w > 0
    g, st, y, w = g[keep_rows], st[keep_rows], y[keep_rows], w[keep_rows]
    # Columns: constant, one indicator per non-reference group, one per stratum but the first (sorted).
    strata = sorted(set(st))[1:]
    columns = [np.ones(len(y))] + [(g == o).astype(float) for o in others]
    columns += [(st == s).astype(float) for s in strata]
    design = np.column_stack(columns)
    try:
        with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
            warnings.simplefilter("ignore")
            fit = GLM(y, design, family=Poisson(), freq_weights=w).fit(cov_type="HC0")
    except (ValueError, np.linalg.LinAlgError):  # a degenerate design: say nothing rather than guess
        return {}
    params, bse, pvalues = np.asarray(fit.params), np.asarray(fit.bse), np.asarray(fit.pvalues)
    out = {}
    for i, other in enumerate(others, start=1):
        beta, se = float(params[i]), float(bse[i])
        if not (math.isfinite(beta) and math.isfinite(se)) or se <= 0:
            continue
        out[other] = Ratio(
            math.exp(beta), math.exp(beta - Z95 * se), math.exp(beta + Z95 * se), float(pvalues[i])
        )
    return out


def mantel_haenszel_rr(cells: pd.DataFrame, group: str, reference: str) -> float:
    """The Mantel–Haenszel pooled risk ratio of ``group`` to ``reference`` over the strata where both
    are present (NaN when none, or when the reference has nobody at the stage)."""
    return CellPivot(cells).mantel_haenszel_rr(group, reference)


class CellPivot:
    """The cells of :func:`stage_cells` as two group × stratum arrays (people, people at the stage),
    so that every group's Mantel–Haenszel ratio reads rows rather than filtering the cells again."""

    def __init__(self, cells: pd.DataFrame) -> None:
        self.groups = {g: i for i, g in enumerate(pd.unique(cells["g"]))}
        strata = {s: j for j, s in enumerate(pd.unique(cells["s"]))}
        rows = cells["g"].map(self.groups).to_numpy(dtype=int)
        cols = cells["s"].map(strata).to_numpy(dtype=int)
        self.n = np.zeros((len(self.groups), len(strata)))
        self.events = np.zeros_like(self.n)
        self.n[rows, cols] = cells["n"].to_numpy()
        self.events[rows, cols] = cells["events"].to_numpy()

    def mantel_haenszel_rr(self, group: str, reference: str) -> float:
        if group not in self.groups or reference not in self.groups:
            return math.nan
        i, r = self.groups[group], self.groups[reference]
        both = (self.n[i] > 0) & (self.n[r] > 0)
        if not both.any():
            return math.nan
        a, an = self.events[i, both], self.n[i, both]
        c, cn = self.events[r, both], self.n[r, both]
        if c.sum() == 0:
            return math.nan
        stacked = np.array([[a, an - a], [c, cn - c]], dtype=float)  # 2 x 2 x strata
        from statsmodels.stats.contingency_tables import StratifiedTable

        return float(StratifiedTable(stacked).riskratio_pooled)


def not_stated_bounds(
    n: int, base: int, ref_n: int, ref_base: int, ns_n: int, ns_base: int, ref_ns_n: int, ref_ns_base: int
) -> tuple[float, float]:
    """How far a relative rate could move if the not-stated people belonged to the group or to the
    reference (in any mix, each like the not-stated people as a whole at this stage).

    The group's rate lies between its stated rate and its rate with all its not-stated pool added;
    the same for the reference; the bounds pair the extremes (an outer bound: the same not-stated
    person cannot be in both). ``ns_*`` is the group's not-stated pool, ``ref_ns_*`` the reference's
    (the same pool when only one dimension is analysed).
    """
    if base <= 0 or ref_base <= 0:
        return (math.nan, math.nan)
    g = (n / base, (n + ns_n) / (base + ns_base))
    r = (ref_n / ref_base, (ref_n + ref_ns_n) / (ref_base + ref_ns_base))
    if min(r) <= 0:
        return (math.nan, math.nan)
    return (min(g) / max(r), max(g) / min(r))


__all__ = [
    "Z95",
    "CellPivot",
    "Ratio",
    "adjusted_rates",
    "mantel_haenszel_rr",
    "not_stated_bounds",
    "relative_rate",
    "stage_cells",
]
