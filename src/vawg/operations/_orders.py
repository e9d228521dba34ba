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
# 48 hours from a DVPN to the DVPO application (Crime and Security Act 2010 s.27): in hours from
# start_date + start_time when the DVPN and the application both carry a time of day (contract 1.1),
# else in whole days (the application dated no more than 2 days after the DVPN).
DVPO_HOURS = 48
DVPO_DAYS = 2

# Each DVPN of the CTE ``{people}`` (an order_id column) started on or before $d, with its DVPO
# applications on or before $d: the first one's date and hours after, whether any was in time, and
# on which basis (hours only when the DVPN and every application carry a time of day).
CONVERSION_CTE = f"""conversion AS (
  SELECT n.order_id, min(a.start_date) AS dvpo_applied,
         min(CASE WHEN n.start_time IS NOT NULL AND a.start_time IS NOT NULL
                  THEN round(epoch((a.start_date + a.start_time) - (n.start_date + n.start_time)) / 3600.0, 2)
             END) AS dvpo_hours,
         bool_or(CASE WHEN n.start_time IS NOT NULL AND a.start_time IS NOT NULL
                      THEN a.start_date + a.start_time <= n.start_date + n.start_time + INTERVAL {DVPO_HOURS} HOUR
                      ELSE a.start_date <= n.start_date + {DVPO_DAYS} END) AS dvpo_within_48h,
         CASE WHEN n.start_time IS NOT NULL AND bool_and(a.order_id IS NULL OR a.start_time IS NOT NULL)
              THEN 'hours' ELSE 'days' END AS dvpo_basis
  FROM orders n LEFT JOIN orders a ON a.parent_order_id = n.order_id AND a.order_type = 'DVPO'
    AND a.start_date <= $d
  WHERE n.order_type = 'DVPN' AND n.start_date <= $d AND n.order_id IN (SELECT order_id FROM {{people}})
  GROUP BY n.order_id, n.start_time
)"""
SECTIONS = ("expiring within 14 days", "current order", "DVPN not converted")

SQL = f"""
WITH subjects AS (SELECT DISTINCT person_id FROM orders WHERE start_date <= $d),
{SUSPECT_AREA_CTE.format(people="subjects")},
breaches AS (
  SELECT order_id, count(*) AS n FROM order_breaches
  WHERE breach_date <= $d AND breach_date > $d - {BREACH_DAYS} GROUP BY order_id
),
dvpns AS (SELECT order_id FROM orders WHERE order_type = 'DVPN' AND start_date > $d - {DVPN_LOOKBACK_DAYS}),
{CONVERSION_CTE.format(people="dvpns")},
current_orders AS (
  SELECT CASE WHEN o.end_date IS NOT NULL AND o.end_date <= $d + {EXPIRING_DAYS}
              THEN '{SECTIONS[0]}' ELSE '{SECTIONS[1]}' END AS section,
         o.person_id, a.area, o.order_id, CAST(o.order_type AS VARCHAR) AS order_type, o.start_date,
         o.end_date, CAST(o.end_date - $d AS BIGINT) AS days_to_expiry,
         o.victim_person_id AS protected_person_id, coalesce(b.n, 0) AS breaches_90d,
         NULL::DATE AS dvpo_due_by, NULL::DATE AS dvpo_applied, NULL::DOUBLE AS dvpo_hours,
         NULL::VARCHAR AS dvpo_basis
  FROM orders o LEFT JOIN suspect_area a ON a.person_id = o.person_id
  LEFT JOIN breaches b ON b.order_id = o.order_id
  WHERE o.status = 'granted' AND o.start_date <= $d AND (o.end_date IS NULL OR o.end_date >= $d)
),
unconverted AS (
  SELECT '{SECTIONS[2]}' AS section, o.person_id, a.area, o.order_id, 'DVPN' AS order_type, o.start_date,
         o.end_date, CAST(o.end_date - $d AS BIGINT) AS days_to_expiry,
         o.victim_person_id AS protected_person_id, coalesce(b.n, 0) AS breaches_90d,
         CAST(o.start_date + {DVPO_DAYS} AS DATE) AS dvpo_due_by, cv.dvpo_applied, cv.dvpo_hours,
         cv.dvpo_basis
  FROM orders o LEFT JOIN suspect_area a ON a.person_id = o.person_id
  LEFT JOIN breaches b ON b.order_id = o.order_id
  JOIN conversion cv ON cv.order_id = o.order_id
  WHERE o.order_type = 'DVPN' AND o.status = 'granted' AND o.start_date <= $d
    AND o.start_date > $d - {DVPN_LOOKBACK_DAYS} AND cv.dvpo_within_48h IS NOT TRUE
)
SELECT * FROM (SELECT * FROM current_orders UNION ALL SELECT * FROM unconverted)
WHERE {AREA_FILTER}
ORDER BY list_position(['{"', '".join(SECTIONS)}'], section), days_to_expiry NULLS LAST, person_id, order_id
"""


# How many of the list's DVPNs (granted, in the lookback, in the area) were judged in whole days.
BASIS_SQL = f"""
WITH dvpns AS (
  SELECT order_id, person_id FROM orders WHERE order_type = 'DVPN' AND status = 'granted'
    AND start_date <= $d AND start_date > $d - {DVPN_LOOKBACK_DAYS}
),
subjects AS (SELECT DISTINCT person_id FROM dvpns),
{SUSPECT_AREA_CTE.format(people="subjects")},
{CONVERSION_CTE.format(people="dvpns")}
SELECT count(*) FILTER (WHERE cv.dvpo_basis = 'days'), count(*)
FROM conversion cv JOIN dvpns d ON d.order_id = cv.order_id LEFT JOIN suspect_area a ON a.person_id = d.person_id
WHERE {AREA_FILTER}
"""


def build(con: duckdb.DuckDBPyConnection, as_of: date, area: str | None, actor: User | str) -> Parts:
    frame = con.execute(SQL, params(as_of, area)).df()
    in_days, total = con.execute(BASIS_SQL, params(as_of, area)).fetchall()[0]
    note = (
        f"DVPN to DVPO: the 48 hours are counted in hours from orders.start_time for {total - in_days} of "
        f"the {total} DVPNs issued in the {DVPN_LOOKBACK_DAYS} days to the date"
    )
    if in_days:
        note += (
            f"; for {in_days} a time of day is missing (on the DVPN or its application), so they are "
            f"counted in whole days - an application dated no more than {DVPO_DAYS} days after the DVPN "
            "is in time, which can pass one made up to 71 hours later (dvpo_basis 'days')"
        )
    return Parts(frame, notes=(note + ".",))


__all__ = ["CONVERSION_CTE", "SECTIONS", "build"]
