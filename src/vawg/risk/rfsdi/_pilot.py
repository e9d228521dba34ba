"""The RFSDI pilot evaluation (board paper para 36): pilot NPUs vs the rest, before vs after go-live.

Design: difference-in-differences on a monthly area panel. In each month and area, the *known
suspects* are the people who were suspects on a DA crime in the ``cohort_months`` before the month
(known before it), placed in the area of their latest such crime; the outcome is the DA crimes
those people are suspects on in the month (re-offending). The model is a Poisson GLM of re-offences
with log(known suspects) as offset, area and month fixed effects, and one term for "pilot area after
go-live":

    log E[re-offences] = log(known suspects) + area + month + β · pilot × post

exp(β) is the rate ratio the pilot is credited with, and 1 − exp(β) the relative reduction.
Standard errors are cluster-robust by area by default (re-offending in an area is correlated from
month to month), with t intervals on (areas − 1) degrees of freedom; with few areas this interval is
itself uncertain, so ``se="hc1"`` is offered for comparison. A weighted OLS on the rates gives the
same contrast on the absolute scale.

The assumption that carries the estimate is **parallel trends**: without the pilot, re-offending in
the pilot areas would have moved like the rest. It cannot be proved; the report shows the monthly
rates of both groups before go-live and tests for a differing pre-period trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

from vawg.errors import RiskError
from vawg.risk.features._pointintime import data_window
from vawg.risk.rfsdi._bootstrap import Interval
from vawg.risk.rfsdi._placebo import PlaceboTest, placebo_in_space
from vawg.risk.rfsdi._scoring import in_areas

# Defaults as in the board paper (and the synthetic force: vawg.synth.PILOT_AREAS / PILOT_START).
DEFAULT_PILOT_AREAS: tuple[str, ...] = ("Birmingham", "Wolverhampton")
DEFAULT_PILOT_START = date(2022, 6, 1)

PARALLEL_TRENDS = (
    "Parallel trends: had RFSDI not gone live, DA re-offending by known suspects in the pilot areas "
    "would have changed from month to month like that in the other areas. The pre-period rates and "
    "the test of a differing pre-period trend below are the evidence for it; they cannot prove it."
)

_PANEL_SQL = """
WITH months AS (
  SELECT CAST(unnest(generate_series(CAST($m0 AS DATE), CAST($m1 AS DATE), INTERVAL 1 MONTH)) AS DATE) AS m
),
da AS (
  SELECT DISTINCT cp.person_id, c.crime_id, c.recorded_date, c.area,
         greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) AS known
  FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
  WHERE cp.role = 'suspect' AND c.da_flag
),
cohort AS (
  SELECT months.m, da.person_id, arg_max(da.area, (da.recorded_date, da.crime_id)) AS area
  FROM months JOIN da ON da.known < months.m AND da.recorded_date >= {cohort_start}
  GROUP BY months.m, da.person_id
),
reoffences AS (
  SELECT cohort.m, cohort.person_id, count(DISTINCT da.crime_id) AS n
  FROM cohort JOIN da ON da.person_id = cohort.person_id
       AND da.recorded_date >= cohort.m AND da.recorded_date < CAST(cohort.m + INTERVAL 1 MONTH AS DATE)
  GROUP BY cohort.m, cohort.person_id
)
SELECT cohort.m AS month, cohort.area, count(*) AS known_suspects,
       count(r.n) AS reoffenders, CAST(coalesce(sum(r.n), 0) AS BIGINT) AS reoffences
FROM cohort LEFT JOIN reoffences r ON r.m = cohort.m AND r.person_id = cohort.person_id
GROUP BY cohort.m, cohort.area
ORDER BY month, cohort.area
"""


# An area is in the pilot if it is a pilot NPU or a part of one ("Birmingham East"), as ``--area`` matches.
is_pilot_area = in_areas


def pilot_panel(
    con: duckdb.DuckDBPyConnection,
    *,
    pilot_areas: Sequence[str] = DEFAULT_PILOT_AREAS,
    pilot_start: date = DEFAULT_PILOT_START,
    cohort_months: int = 12,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """The monthly area panel: month, area, pilot, post, known_suspects, reoffenders, reoffences, rate.

    Months run from the first with a full ``cohort_months`` of data before it (or ``start``) to the
    last complete month of the extract (or ``end``).
    """
    first, extract = data_window(con)
    m0 = start or date(first.year, first.month, 1) + relativedelta(months=cohort_months + (first.day > 1))
    last_full = date(extract.year, extract.month, 1) + relativedelta(months=1) - relativedelta(days=1)
    m1 = end or date(extract.year, extract.month, 1) - relativedelta(months=0 if last_full == extract else 1)
    cohort_start = f"CAST(months.m - INTERVAL {int(cohort_months)} MONTH AS DATE)"
    panel = con.execute(_PANEL_SQL.format(cohort_start=cohort_start), {"m0": m0, "m1": m1}).df()
    panel["month"] = pd.to_datetime(panel["month"]).dt.date
    panel["area"] = panel["area"].astype("string")
    panel = panel[panel["known_suspects"] > 0].reset_index(drop=True)
    panel["pilot"] = is_pilot_area(panel["area"], pilot_areas)
    panel["post"] = panel["month"] >= pilot_start
    panel["treated"] = (panel["pilot"] & panel["post"]).astype("int64")
    panel["rate"] = panel["reoffences"] / panel["known_suspects"]
    return panel


@dataclass(frozen=True)
class PilotReport:
    pilot_areas: tuple[str, ...]
    pilot_start: date
    cohort_months: int
    se: str
    rate_ratio: Interval
    relative_reduction: Interval
    absolute_difference: Interval  # re-offences per known suspect per month (weighted OLS)
    p_value: float
    n_areas: int
    n_months_pre: int
    n_months_post: int
    pre_trend_ratio_per_month: Interval
    pre_trend_p_value: float
    two_by_two: pd.DataFrame
    monthly: pd.DataFrame
    panel: pd.DataFrame
    assumption: str = PARALLEL_TRENDS
    placebo: PlaceboTest | None = None  # the permutation (placebo-in-space) test, beside the DiD

    def to_dict(self) -> dict[str, Any]:
        monthly = self.monthly.assign(month=self.monthly["month"].map(lambda d: d.isoformat()))
        return {
            "design": "difference-in-differences, monthly area panel, Poisson GLM with area and month effects",
            "outcome": "DA crimes as suspect in the month by known suspects (DA suspects in the previous "
            f"{self.cohort_months} months), per known suspect",
            "pilot_areas": list(self.pilot_areas),
            "pilot_start": self.pilot_start.isoformat(),
            "standard_errors": self.se,
            "rate_ratio": self.rate_ratio.to_dict(),
            "relative_reduction": self.relative_reduction.to_dict(),
            "absolute_difference_per_known_suspect_month": self.absolute_difference.to_dict(),
            "p_value": self.p_value,
            "n_areas": self.n_areas,
            "n_months_pre": self.n_months_pre,
            "n_months_post": self.n_months_post,
            "parallel_trends_assumption": self.assumption,
            "pre_trend_ratio_per_month": self.pre_trend_ratio_per_month.to_dict(),
            "pre_trend_p_value": self.pre_trend_p_value,
            "two_by_two": self.two_by_two.to_dict(orient="records"),
            "monthly_rates": monthly.to_dict(orient="records"),
            "placebo_in_space": self.placebo.to_dict() if self.placebo else None,
        }


def _fit(formula: str, data: pd.DataFrame, se: str, *, poisson: bool) -> Any:
    import statsmodels.api as sm  # imported here: statsmodels takes seconds to import
    import statsmodels.formula.api as smf

    groups = pd.factorize(data["area"])[0]
    cov: dict[str, Any] = (
        {"cov_type": "cluster", "cov_kwds": {"groups": groups}, "use_t": True}
        if se == "cluster"
        else {"cov_type": "HC1"}
    )
    if poisson:
        model = smf.glm(
            formula, data=data, family=sm.families.Poisson(), offset=np.log(data["known_suspects"])
        )
    else:
        model = smf.wls(formula, data=data, weights=data["known_suspects"])
    return model.fit(**cov)


def _interval(fit: Any, term: str, transform: Any = float) -> Interval:
    low, high = fit.conf_int().loc[term]
    return Interval(transform(fit.params[term]), transform(low), transform(high))


def _two_by_two(panel: pd.DataFrame) -> pd.DataFrame:
    g = panel.groupby(["pilot", "post"]).agg(
        known_suspect_months=("known_suspects", "sum"), reoffences=("reoffences", "sum")
    )
    g = g.reset_index()
    g["group"] = np.where(g["pilot"], "pilot areas", "other areas")
    g["period"] = np.where(g["post"], "after go-live", "before go-live")
    g["rate"] = g["reoffences"] / g["known_suspect_months"]
    return g[["group", "period", "known_suspect_months", "reoffences", "rate"]]


def evaluate_pilot(
    con: duckdb.DuckDBPyConnection,
    *,
    pilot_areas: Sequence[str] = DEFAULT_PILOT_AREAS,
    pilot_start: date = DEFAULT_PILOT_START,
    cohort_months: int = 12,
    se: Literal["cluster", "hc1"] = "cluster",
    permutation: bool = True,
) -> PilotReport:
    """Difference-in-differences estimate of the pilot's effect on DA re-offending by known suspects,
    with the permutation (placebo-in-space) test over areas beside it (``permutation``)."""
    if se not in ("cluster", "hc1"):
        raise RiskError(f"se must be 'cluster' or 'hc1'; found {se!r}", found=se)
    panel = pilot_panel(con, pilot_areas=pilot_areas, pilot_start=pilot_start, cohort_months=cohort_months)
    cells = panel.groupby(["pilot", "post"]).size()
    if len(cells) < 4:
        raise RiskError(
            f"the pilot evaluation needs pilot and other areas both before and after {pilot_start}; the "
            f"panel has {', '.join(f'pilot={p} post={q}' for p, q in cells.index)} "
            f"(pilot areas: {', '.join(pilot_areas)}; areas found: {', '.join(sorted(panel['area'].unique()))})",
            pilot_areas=list(pilot_areas),
        )
    data = panel.assign(month_label=panel["month"].map(lambda d: d.isoformat()))
    did = _fit("reoffences ~ C(area) + C(month_label) + treated", data, se, poisson=True)
    ols = _fit("rate ~ C(area) + C(month_label) + treated", data, se, poisson=False)
    rr = _interval(did, "treated", lambda b: float(np.exp(b)))
    pre = data[~data["post"]].copy()
    pre["trend"] = pre["pilot"].astype("int64") * (pd.factorize(pre["month_label"], sort=True)[0])
    pre_fit = _fit("reoffences ~ C(area) + C(month_label) + trend", pre, se, poisson=True)
    monthly = (
        panel.assign(group=np.where(panel["pilot"], "pilot areas", "other areas"))
        .groupby(["month", "group"])
        .agg(known_suspects=("known_suspects", "sum"), reoffences=("reoffences", "sum"))
        .reset_index()
    )
    monthly["rate"] = monthly["reoffences"] / monthly["known_suspects"]
    return PilotReport(
        pilot_areas=tuple(pilot_areas),
        pilot_start=pilot_start,
        cohort_months=cohort_months,
        se="cluster-robust by area (t, areas − 1 df)" if se == "cluster" else "HC1 heteroskedasticity-robust",
        rate_ratio=rr,
        relative_reduction=Interval(1 - rr.estimate, 1 - rr.high, 1 - rr.low),
        absolute_difference=_interval(ols, "treated"),
        p_value=float(did.pvalues["treated"]),
        n_areas=int(panel["area"].nunique()),
        n_months_pre=int(panel.loc[~panel["post"], "month"].nunique()),
        n_months_post=int(panel.loc[panel["post"], "month"].nunique()),
        pre_trend_ratio_per_month=_interval(pre_fit, "trend", lambda b: float(np.exp(b))),
        pre_trend_p_value=float(pre_fit.pvalues["trend"]),
        two_by_two=_two_by_two(panel),
        monthly=monthly,
        panel=panel,
        placebo=placebo_in_space(panel) if permutation else None,
    )


__all__ = [
    "DEFAULT_PILOT_AREAS",
    "DEFAULT_PILOT_START",
    "PARALLEL_TRENDS",
    "PilotReport",
    "evaluate_pilot",
    "pilot_panel",
]
