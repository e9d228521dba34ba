"""Outcomes after an as-of date: what the features and scores are checked against.

Labels look forward from as-of into ``[as_of, as_of + horizon)`` by the crime's ``recorded_date``;
they are only for training and validation, never an input to a score. The population is the one
the features describe: persons who were suspects on a crime known before as-of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import duckdb
import pandas as pd

from vawg.risk.features._pointintime import check_dates, params, suspect_crimes_ctes

# Serious sexual offending (interfaces: "Risk features"): rape and sexual assault categories and 22A.
SERIOUS_SEXUAL_LABEL_CATEGORIES = ("rape", "sexual_assault")
SERIOUS_SEXUAL_LABEL_CODES = ("22A",)


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _future_sql(*, persons: bool) -> str:
    return f"""
WITH {suspect_crimes_ctes(persons=persons)},
pop AS (SELECT DISTINCT as_of, person_id FROM sc),
fut AS (
  SELECT d.as_of, cp.person_id, c.crime_id, c.da_flag AS is_da,
    (r.vawg_category IS NOT NULL OR c.da_flag OR coalesce(c.hba_flag, FALSE)) AS is_vawg,
    (r.vawg_category IN ({_quoted(SERIOUS_SEXUAL_LABEL_CATEGORIES)})
      OR CAST(c.offence_code AS VARCHAR) IN ({_quoted(SERIOUS_SEXUAL_LABEL_CODES)})) AS is_serious_sexual,
    coalesce(r.harm_days, 0.0) AS harm_days
  FROM crime_persons cp
  JOIN crimes c ON c.crime_id = cp.crime_id
  JOIN d ON c.recorded_date >= d.as_of AND c.recorded_date < d.as_of + CAST($horizon AS INTEGER)
  LEFT JOIN ref_offence r ON r.offence_code = CAST(c.offence_code AS VARCHAR)
  WHERE cp.role = 'suspect'
),
agg AS (
  SELECT as_of, person_id,
    count(*) FILTER (WHERE is_vawg) AS vawg_offences,
    count(*) FILTER (WHERE is_da) AS da_offences,
    count(*) FILTER (WHERE is_serious_sexual) AS serious_sexual_offences,
    coalesce(sum(harm_days) FILTER (WHERE is_vawg), 0.0) AS vawg_harm_days
  FROM fut GROUP BY as_of, person_id
)
SELECT pop.as_of, pop.person_id,
  coalesce(agg.vawg_offences, 0) AS vawg_offences, coalesce(agg.da_offences, 0) AS da_offences,
  coalesce(agg.serious_sexual_offences, 0) AS serious_sexual_offences,
  coalesce(agg.vawg_harm_days, 0.0) AS vawg_harm_days
FROM pop LEFT JOIN agg ON agg.as_of = pop.as_of AND agg.person_id = pop.person_id
ORDER BY pop.as_of, pop.person_id
"""


def future_offending(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Iterable[date],
    *,
    horizon_days: int = 365,
    persons: Sequence[str] | None = None,
) -> pd.DataFrame:
    """For each as-of date and each suspect known before it: offending as suspect in the horizon.

    Columns: as_of, person_id, vawg_offences, da_offences, serious_sexual_offences (counts of crimes
    recorded in ``[as_of, as_of + horizon_days)``) and vawg_harm_days (their summed harm weights).
    """
    dates = check_dates(as_of_dates)
    bound = {**params(dates, persons), "horizon": int(horizon_days)}
    frame = con.execute(_future_sql(persons=persons is not None), bound).df()
    frame["as_of"] = pd.to_datetime(frame["as_of"]).dt.date
    frame["person_id"] = frame["person_id"].astype("string")
    for col in ("vawg_offences", "da_offences", "serious_sexual_offences"):
        frame[col] = frame[col].astype("int64")
    frame["vawg_harm_days"] = frame["vawg_harm_days"].astype("float64")
    return frame


def serious_sexual_label(
    con: duckdb.DuckDBPyConnection, as_of: date, horizon_days: int = 365
) -> pd.DataFrame:
    """(person_id, label): 1 if suspect on a rape, sexual assault (20A, 20B, 17A, 17B) or 22A crime
    recorded in ``[as_of, as_of + horizon_days)``, else 0; one row per suspect known before as-of."""
    future = future_offending(con, [as_of], horizon_days=horizon_days)
    return pd.DataFrame(
        {
            "person_id": future["person_id"],
            "label": (future["serious_sexual_offences"] > 0).astype("int64"),
        }
    ).reset_index(drop=True)


__all__ = [
    "SERIOUS_SEXUAL_LABEL_CATEGORIES",
    "SERIOUS_SEXUAL_LABEL_CODES",
    "future_offending",
    "serious_sexual_label",
]
