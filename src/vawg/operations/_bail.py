"""bail: DA suspects on pre-charge bail (and when it ends), bail ended with nothing after, recent RUI."""

from __future__ import annotations

from datetime import date

import duckdb

from vawg.accounts import User
from vawg.operations._context import AREA_FILTER, params
from vawg.operations._parts import Parts

RUI_REVIEW_DAYS = 28
SECTIONS = ("on bail", "bail ended - no further record", "released under investigation")

# Custody records of DA crimes by $d; "resolved": a later custody record of the same person for the
# same crime, or an outcome on the crime, by $d (bail then no longer needs a decision).
SQL = f"""
WITH da AS (
  SELECT cu.custody_id, cu.person_id, cu.crime_id, c.area, cu.arrest_date, CAST(cu.disposal AS VARCHAR) AS disposal,
         cu.bail_end_date, cu.bail_conditions,
         EXISTS (SELECT 1 FROM custody later WHERE later.person_id = cu.person_id
                 AND later.crime_id = cu.crime_id AND later.arrest_date > cu.arrest_date
                 AND later.arrest_date <= $d)
         OR EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = cu.crime_id AND o.outcome_date <= $d)
           AS resolved
  FROM custody cu JOIN crimes c ON c.crime_id = cu.crime_id
  WHERE coalesce(c.da_flag, false) AND cu.arrest_date <= $d AND cu.disposal IN ('bail', 'rui')
),
rows AS (
  SELECT CASE WHEN disposal = 'rui' THEN '{SECTIONS[2]}'
              WHEN bail_end_date IS NULL OR bail_end_date >= $d THEN '{SECTIONS[0]}'
              ELSE '{SECTIONS[1]}' END AS section,
         person_id, crime_id, custody_id, area, arrest_date,
         CASE WHEN disposal = 'bail' THEN bail_end_date END AS bail_end_date,
         CAST(CASE WHEN disposal = 'bail' THEN bail_end_date - $d END AS BIGINT) AS days_to_bail_end,
         bail_conditions, disposal, resolved
  FROM da
)
SELECT section, person_id, crime_id, custody_id, area, arrest_date, bail_end_date, days_to_bail_end,
       CASE WHEN section <> '{SECTIONS[0]}' THEN NULL
            WHEN days_to_bail_end IS NULL THEN 'no end date'
            WHEN days_to_bail_end <= 7 THEN '7 days' WHEN days_to_bail_end <= 14 THEN '14 days'
            WHEN days_to_bail_end <= 28 THEN '28 days' ELSE 'over 28 days' END AS ends_within,
       CASE WHEN disposal = 'bail' THEN bail_conditions END AS bail_conditions
FROM rows
WHERE {AREA_FILTER}
  AND ((disposal = 'bail' AND NOT resolved) OR (disposal = 'rui' AND arrest_date > $d - {RUI_REVIEW_DAYS}))
ORDER BY list_position(['{"', '".join(SECTIONS)}'], section), days_to_bail_end NULLS LAST, arrest_date DESC,
         custody_id
"""


def build(con: duckdb.DuckDBPyConnection, as_of: date, area: str | None, actor: User | str) -> Parts:
    return Parts(con.execute(SQL, params(as_of, area)).df())


__all__ = ["SECTIONS", "build"]
