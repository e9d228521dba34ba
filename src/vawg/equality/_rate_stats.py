"""The statistics of a relative rate: raw (Katz log interval, Wald test), adjusted for offence
type (modified Poisson regression; Mantel–Haenszel as a check) and bounds for "not stated".

All from statsmodels: ``Table2x2`` for the raw rate, ``GLM`` (Poisson family, log link, robust
sandwich errors: Zou 2004's "modified Poisson") for the adjusted one, ``StratifiedTable`` for the
Mantel–Haenszel pooled risk ratio.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2

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
    yes = cells.assign(y=1.0, w=cells["events"])
    no = cells.assign(y=0.0, w=cells["n"] - cells["events"])
    rows = pd.concat([yes, no], ignore_index=True)
    rows = rows[rows["w"] > 0]
    design = pd.concat(
        [
            pd.get_dummies(rows["g"]).reindex(columns=others, fill_value=False),
            pd.get_dummies(rows["s"], drop_first=True, prefix="s"),
        ],
        axis=1,
    ).astype(float)
    design = sm.add_constant(design, has_constant="add")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = sm.GLM(
                rows["y"].to_numpy(), design, family=sm.families.Poisson(), freq_weights=rows["w"].to_numpy()
            )
            fit = model.fit(cov_type="HC0")
    except (ValueError, np.linalg.LinAlgError):  # a degenerate design: say nothing rather than guess
        return {}
    out = {}
    for g in others:
        beta, se = float(fit.params[g]), float(fit.bse[g])
        if not (math.isfinite(beta) and math.isfinite(se)) or se <= 0:
            continue
        out[g] = Ratio(
            math.exp(beta), math.exp(beta - Z95 * se), math.exp(beta + Z95 * se), float(fit.pvalues[g])
        )
    return out


def mantel_haenszel_rr(cells: pd.DataFrame, group: str, reference: str) -> float:
    """The Mantel–Haenszel pooled risk ratio of ``group`` to ``reference`` over the strata where both
    are present (NaN when none, or when the reference has nobody at the stage)."""
    a = cells[cells["g"] == group].set_index("s")
    c = cells[cells["g"] == reference].set_index("s")
    both = a.index.intersection(c.index)
    if not len(both):
        return math.nan
    a, c = a.loc[both], c.loc[both]
    stacked = np.array(
        [[a["events"], a["n"] - a["events"]], [c["events"], c["n"] - c["events"]]], dtype=float
    )  # 2 x 2 x strata
    if stacked[1, 0, :].sum() == 0:
        return math.nan
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
    "Ratio",
    "adjusted_rates",
    "mantel_haenszel_rr",
    "not_stated_bounds",
    "relative_rate",
    "stage_cells",
]
