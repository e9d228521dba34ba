"""Point-in-time person features: what the force knew about each suspect on an as-of date.

One DuckDB query computes every feature for every suspect and every as-of date at once (see
``_pointintime`` for which record counts on which date). Windows end the day before the as-of date:
"12 months" is ``[as_of − 12 months, as_of)``, "3 years" is ``[as_of − 36 months, as_of)``.

Definitions (all "as suspect" means a suspect link known before as-of, see ``_pointintime``):

* ``age``: as-of year − birth year (null if the birth year is unknown); ``sex``, ``ethnicity_group``.
* ``days_since_last_vawg``: days from the last VAWG crime's ``recorded_date`` to as-of (null: none).
  A VAWG crime has a VAWG category, the DA flag or the HBA flag.
* ``vawg_offences_12m`` / ``vawg_offences_3y``: VAWG crimes as suspect in the window.
* ``stalking_offences_total``: crimes with a stalking antecedent code as suspect, ever: 8Q, 8L or 8R
  (``vawg.reference.STALKING_ANTECEDENT_CODES``; 8M, racially or religiously aggravated harassment,
  is not one).
* ``distinct_victims_3y``: distinct victims (links known before as-of) of crimes as suspect in 3 years
  (any crime, as the synthetic force's planted escalation counts them).
* ``da_suspect_3y``: DA-flagged crimes as suspect in 3 years.
* ``harm_days_3y``: sum of ``ref_offence.harm_days`` over all crimes as suspect in 3 years.
* ``orders_total``: orders on the person started (issued or applied for) before as-of, any status
  (the status of an order can change after as-of, so it is not used).
* ``orders_breached``: breaches dated before as-of of those orders, ever.
* ``drug_intel_12m`` / ``other_intel_12m``: intelligence on the person, topic drugs / any other topic.
* ``arrests_12m``: custody records (arrests) of the person in 12 months.
* ``serious_sexual_prior``: crimes in category rape, sexual_assault or other_sexual as suspect, ever
  (a count; ``> 0`` is "has a serious sexual prior").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import duckdb
import pandas as pd

from vawg.risk.features._pointintime import (
    SERIOUS_SEXUAL_CATEGORIES,
    STALKING_CODES,
    check_dates,
    params,
    since,
    suspect_crimes_ctes,
    victims_cte,
)

FEATURE_COLUMNS = (
    "person_id",
    "as_of",
    "age",
    "sex",
    "ethnicity_group",
    "days_since_last_vawg",
    "vawg_offences_12m",
    "vawg_offences_3y",
    "stalking_offences_total",
    "distinct_victims_3y",
    "da_suspect_3y",
    "harm_days_3y",
    "orders_breached",
    "orders_total",
    "drug_intel_12m",
    "other_intel_12m",
    "arrests_12m",
    "serious_sexual_prior",
)
COUNT_COLUMNS = (
    "vawg_offences_12m",
    "vawg_offences_3y",
    "stalking_offences_total",
    "distinct_victims_3y",
    "da_suspect_3y",
    "orders_breached",
    "orders_total",
    "drug_intel_12m",
    "other_intel_12m",
    "arrests_12m",
    "serious_sexual_prior",
)


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _features_sql(*, persons: bool) -> str:
    # Every counted record of every source becomes one row of ``ev`` (as_of, person_id, src, ...), and
    # one GROUP BY computes the features: cheaper than joining one aggregate per source. Victims need
    # a distinct count, which is cheaper as its own aggregate.
    m12, m36 = since(12), since(36)
    return f"""
WITH {suspect_crimes_ctes(persons=persons)},
ev AS (
  SELECT as_of, person_id, 'crime' AS src, recorded_date AS day, is_vawg, is_da, offence_code,
         vawg_category, harm_days, NULL AS other
  FROM sc
  UNION ALL
  SELECT d.as_of, o.person_id, 'order', o.start_date, NULL, NULL, NULL, NULL, NULL, NULL
  FROM orders o JOIN d ON o.start_date < d.as_of
  UNION ALL
  SELECT d.as_of, o.person_id, 'breach', b.breach_date, NULL, NULL, NULL, NULL, NULL, NULL
  FROM order_breaches b JOIN orders o ON o.order_id = b.order_id
  JOIN d ON b.breach_date < d.as_of AND o.start_date < d.as_of
  UNION ALL
  SELECT d.as_of, i.person_id, 'intel', i.submitted_date, NULL, NULL, NULL, NULL, NULL, CAST(i.topic AS VARCHAR)
  FROM intelligence i JOIN d ON i.submitted_date < d.as_of AND i.submitted_date >= {since(12, "d.as_of")}
  UNION ALL
  SELECT d.as_of, k.person_id, 'arrest', k.arrest_date, NULL, NULL, NULL, NULL, NULL, NULL
  FROM custody k JOIN d ON k.arrest_date < d.as_of AND k.arrest_date >= {since(12, "d.as_of")}
),
agg AS (
  SELECT as_of, person_id,
    CAST(as_of - max(day) FILTER (WHERE src = 'crime' AND is_vawg) AS BIGINT) AS days_since_last_vawg,
    count(*) FILTER (WHERE src = 'crime' AND is_vawg AND day >= {m12}) AS vawg_offences_12m,
    count(*) FILTER (WHERE src = 'crime' AND is_vawg AND day >= {m36}) AS vawg_offences_3y,
    count(*) FILTER (WHERE src = 'crime' AND offence_code IN ({_sql_list(STALKING_CODES)}))
      AS stalking_offences_total,
    count(*) FILTER (WHERE src = 'crime' AND is_da AND day >= {m36}) AS da_suspect_3y,
    coalesce(sum(harm_days) FILTER (WHERE src = 'crime' AND day >= {m36}), 0.0) AS harm_days_3y,
    count(*) FILTER (WHERE src = 'breach') AS orders_breached,
    count(*) FILTER (WHERE src = 'order') AS orders_total,
    count(*) FILTER (WHERE src = 'intel' AND other = 'drugs') AS drug_intel_12m,
    count(*) FILTER (WHERE src = 'intel' AND other <> 'drugs') AS other_intel_12m,
    count(*) FILTER (WHERE src = 'arrest') AS arrests_12m,
    count(*) FILTER (WHERE src = 'crime' AND vawg_category IN ({_sql_list(SERIOUS_SEXUAL_CATEGORIES)}))
      AS serious_sexual_prior
  FROM ev GROUP BY as_of, person_id
  HAVING count(*) FILTER (WHERE src = 'crime') > 0
),
{victims_cte(offences="all", window_months=36)}
SELECT a.person_id, a.as_of,
  CAST(year(a.as_of) - p.birth_year AS BIGINT) AS age,
  CAST(p.sex AS VARCHAR) AS sex, CAST(p.ethnicity_group AS VARCHAR) AS ethnicity_group,
  a.days_since_last_vawg, a.vawg_offences_12m, a.vawg_offences_3y, a.stalking_offences_total,
  coalesce(vic.victims, 0) AS distinct_victims_3y, a.da_suspect_3y, a.harm_days_3y, a.orders_breached, a.orders_total,
  a.drug_intel_12m, a.other_intel_12m, a.arrests_12m, a.serious_sexual_prior
FROM agg a LEFT JOIN persons p ON p.person_id = a.person_id
LEFT JOIN vic ON vic.as_of = a.as_of AND vic.person_id = a.person_id
ORDER BY a.as_of, a.person_id
"""


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["as_of"] = pd.to_datetime(out["as_of"]).dt.date
    for col in ("age", "days_since_last_vawg"):
        out[col] = out[col].astype("Int64")
    for col in COUNT_COLUMNS:
        out[col] = out[col].astype("int64")
    out["harm_days_3y"] = out["harm_days_3y"].astype("float64")
    for col in ("person_id", "sex", "ethnicity_group"):
        out[col] = out[col].astype("string")
    return out[list(FEATURE_COLUMNS)].reset_index(drop=True)


def person_features_panel(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Iterable[date],
    *,
    persons: Sequence[str] | None = None,
) -> pd.DataFrame:
    """:func:`person_features` for several as-of dates at once: one row per (as_of, suspect)."""
    dates = check_dates(as_of_dates)
    frame = con.execute(_features_sql(persons=persons is not None), params(dates, persons)).df()
    return _typed(frame)


def person_features(
    con: duckdb.DuckDBPyConnection, as_of: date, *, persons: Sequence[str] | None = None
) -> pd.DataFrame:
    """Features of every person who was a suspect on a crime recorded before ``as_of``.

    Computed only from records dated before ``as_of`` (module docstring: the columns). ``persons``
    restricts the rows to those ids (a person who was not yet a suspect gets no row).
    """
    return person_features_panel(con, [as_of], persons=persons)


__all__ = ["COUNT_COLUMNS", "FEATURE_COLUMNS", "person_features", "person_features_panel"]
