"""Set a force's VAWG offence categories beside every other force's, quarter by quarter (DuckDB SQL).

Each column of the result is a measure of ``COMPARISON_MEASURES``; this module is the one place they
are computed, for the CLI and the board report alike.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from vawg.errors import ReportError
from vawg.national._measures import COMPARISON_MEASURES, category_map
from vawg.national._table import NATIONAL_TABLE, has_national_data

_COMPARE_SQL = f"""
WITH rows AS (
  SELECT n.*, r.vawg_category
  FROM {NATIONAL_TABLE} n LEFT JOIN ref_offence r ON r.offence_code = n.offence_code
),
force_period AS (
  SELECT period_start, financial_year, financial_quarter, period, calendar_quarter,
         force_name, force_kind, is_territorial, sum(offences) AS force_total
  FROM rows GROUP BY ALL
),
present AS (  -- only categories with at least one offence code in the national table
  SELECT DISTINCT m.category, m.category_title, m.category_order
  FROM rows JOIN _national_category_map m USING (vawg_category)
),
category_counts AS (
  SELECT r.period_start, r.force_name, m.category, sum(r.offences) AS count
  FROM rows r JOIN _national_category_map m USING (vawg_category) GROUP BY ALL
),
grid AS (
  SELECT f.*, p.category, p.category_title, p.category_order, coalesce(c.count, 0) AS count,
         CASE WHEN f.force_total > 0 THEN coalesce(c.count, 0) / f.force_total END AS share
  FROM force_period f CROSS JOIN present p
  LEFT JOIN category_counts c
    ON c.period_start = f.period_start AND c.force_name = f.force_name AND c.category = p.category
),
ranked AS (
  SELECT *,
    CASE WHEN is_territorial THEN rank() OVER (
      PARTITION BY period_start, category, is_territorial ORDER BY count DESC) END AS rank_count,
    CASE WHEN is_territorial THEN rank() OVER (
      PARTITION BY period_start, category, is_territorial ORDER BY share DESC NULLS LAST) END AS rank_share,
    count(*) FILTER (WHERE is_territorial) OVER q AS forces_ranked,
    sum(count) FILTER (WHERE is_territorial) OVER q AS national_total,
    median(share) FILTER (WHERE is_territorial) OVER q AS national_median_share,
    lag(count) OVER f AS previous_count,
    lag(period_start) OVER f AS previous_start
  FROM grid
  WINDOW q AS (PARTITION BY period_start, category),
         f AS (PARTITION BY force_name, category ORDER BY period_start)
)
SELECT financial_year, financial_quarter, period, calendar_quarter, period_start,
       category, category_title, force_name, force_kind, is_territorial,
       count, force_total, share, rank_count, rank_share, forces_ranked,
       CASE WHEN previous_start = period_start - INTERVAL 3 MONTH THEN count - previous_count END AS change,
       CASE WHEN previous_start = period_start - INTERVAL 3 MONTH AND previous_count <> 0
            THEN (count - previous_count) / previous_count END AS change_pct,
       national_total, national_median_share
FROM ranked
ORDER BY period_start, category_order, force_name
"""

_KEY_COLUMNS = [
    "financial_year",
    "financial_quarter",
    "period",
    "calendar_quarter",
    "period_start",
    "category",
    "category_title",
    "force_name",
    "force_kind",
    "is_territorial",
]
MEASURE_COLUMNS = [m.id for m in COMPARISON_MEASURES]


@dataclass(frozen=True)
class NationalComparison:
    """Every force's measures (``national``) and the chosen force's rows (``force_rows``)."""

    force: str
    national: pd.DataFrame
    force_rows: pd.DataFrame

    @property
    def latest_period(self) -> str:
        return str(self.force_rows.sort_values("period_start")["period"].iloc[-1])

    def latest(self) -> pd.DataFrame:
        """The force's rows for the latest quarter loaded, one per category."""
        last = self.force_rows["period_start"].max()
        return self.force_rows[self.force_rows["period_start"] == last].reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the measure catalogue and the force's rows."""
        rows = self.force_rows.astype(object).where(self.force_rows.notna(), None)
        records = rows.to_dict(orient="records")
        for record in records:
            record["period_start"] = str(record["period_start"])[:10]
        return {
            "force": self.force,
            "measures": [vars(m) for m in COMPARISON_MEASURES],
            "rows": records,
        }


def compare_forces(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every force × quarter × category with every comparison measure (see ``COMPARISON_MEASURES``)."""
    if not has_national_data(con):
        raise ReportError(
            "no national data in this store: load the Home Office table with "
            "`vawg national load FILE --db PATH`"
        )
    con.register("_national_category_map", category_map())
    try:
        frame = con.execute(_COMPARE_SQL).df()
    finally:
        con.unregister("_national_category_map")
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    for column in (
        "rank_count",
        "rank_share",
        "change",
        "count",
        "force_total",
        "forces_ranked",
        "national_total",
    ):
        frame[column] = frame[column].astype("Int64")
    return frame[_KEY_COLUMNS + MEASURE_COLUMNS]


def compare_force(con: duckdb.DuckDBPyConnection, force: str) -> NationalComparison:
    """The national comparison for ``force`` (its name as the Home Office spells it)."""
    national = compare_forces(con)
    forces = sorted(national["force_name"].unique())
    if force not in forces:
        close = difflib.get_close_matches(force, forces, n=3, cutoff=0.5)
        hint = (
            f"did you mean {', '.join(repr(c) for c in close)}?" if close else f"forces: {', '.join(forces)}"
        )
        raise ReportError(
            f"force {force!r} is not in the national data; {hint}",
            force=force,
            close=close,
        )
    rows = national[national["force_name"] == force].reset_index(drop=True)
    return NationalComparison(force=force, national=national, force_rows=rows)


__all__ = ["MEASURE_COLUMNS", "NationalComparison", "compare_force", "compare_forces"]
