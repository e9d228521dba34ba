"""orders-briefing: who is subject to an order today, which orders expire soon, DVPNs to convert."""

from __future__ import annotations

from datetime import date

import duckdb

from vawg.accounts import User
from vawg.operations._context import AREA_FILTER, SUSPECT_AREA_CTE, params
from vawg.operations._parts import Parts

EXPIRING_DAYS = 14
BREACH_DAYS = 90
DVPN_LOOKBACK_DAYS = 28
# 48 hours from a DVPN to the DVPO hearing (Crime and Security Act 2010 s.27), in whole days
# because the contract's dates carry no time of day.
DVPO_DAYS = 2
SECTIONS = ("expiring within 14 days", "current order", "DVPN not converted")

SQL = f"""
WITH subjects AS (SELECT DISTINCT person_id FROM orders WHERE start_date <= $d),
{SUSPECT_AREA_CTE.format(people="subjects")},
breaches AS (
  SELECT order_id, count(*) AS n FROM order_breaches
  WHERE breach_date <= $d AND breach_date > $d - {BREACH_DAYS} GROUP BY order_id
),
applications AS (
  SELECT parent_order_id, min(start_date) AS first_application FROM orders
  WHERE order_type = 'DVPO' AND parent_order_id IS NOT NULL AND start_date <= $d GROUP BY parent_order_id
),
current_orders AS (
  SELECT CASE WHEN o.end_date IS NOT NULL AND o.end_date <= $d + {EXPIRING_DAYS}
              THEN '{SECTIONS[0]}' ELSE '{SECTIONS[1]}' END AS section,
         o.person_id, a.area, o.order_id, CAST(o.order_type AS VARCHAR) AS order_type, o.start_date,
         o.end_date, CAST(o.end_date - $d AS BIGINT) AS days_to_expiry,
         o.victim_person_id AS protected_person_id, coalesce(b.n, 0) AS breaches_90d,
         NULL::DATE AS dvpo_due_by, NULL::DATE AS dvpo_applied
  FROM orders o LEFT JOIN suspect_area a ON a.person_id = o.person_id
  LEFT JOIN breaches b ON b.order_id = o.order_id
  WHERE o.status = 'granted' AND o.start_date <= $d AND (o.end_date IS NULL OR o.end_date >= $d)
),
unconverted AS (
  SELECT '{SECTIONS[2]}' AS section, o.person_id, a.area, o.order_id, 'DVPN' AS order_type, o.start_date,
         o.end_date, CAST(o.end_date - $d AS BIGINT) AS days_to_expiry,
         o.victim_person_id AS protected_person_id, coalesce(b.n, 0) AS breaches_90d,
         CAST(o.start_date + {DVPO_DAYS} AS DATE) AS dvpo_due_by, ap.first_application AS dvpo_applied
  FROM orders o LEFT JOIN suspect_area a ON a.person_id = o.person_id
  LEFT JOIN breaches b ON b.order_id = o.order_id
  LEFT JOIN applications ap ON ap.parent_order_id = o.order_id
  WHERE o.order_type = 'DVPN' AND o.status = 'granted' AND o.start_date <= $d
    AND o.start_date > $d - {DVPN_LOOKBACK_DAYS}
    AND (ap.first_application IS NULL OR ap.first_application > o.start_date + {DVPO_DAYS})
)
SELECT * FROM (SELECT * FROM current_orders UNION ALL SELECT * FROM unconverted)
WHERE {AREA_FILTER}
ORDER BY list_position(['{"', '".join(SECTIONS)}'], section), days_to_expiry NULLS LAST, person_id, order_id
"""


def build(con: duckdb.DuckDBPyConnection, as_of: date, area: str | None, actor: User | str) -> Parts:
    frame = con.execute(SQL, params(as_of, area)).df()
    return Parts(frame)


__all__ = ["SECTIONS", "build"]
