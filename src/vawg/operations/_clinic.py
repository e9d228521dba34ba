"""stalking-clinic: open stalking cases, their clinic actions, missed clinics, EASI referrals."""

from __future__ import annotations

from datetime import date

import duckdb

from vawg.accounts import User
from vawg.operations._context import AREA_FILTER, params
from vawg.operations._parts import Parts

CLINIC_WITHIN_DAYS = 14  # a new stalking case should have a clinic action within two weeks
SECTIONS = ("action", "missed clinic", "EASI referral")

CASES = f"""
WITH cases AS (
  SELECT c.crime_id, c.area, c.recorded_date FROM crimes c
  WHERE c.offence_code = '8Q' AND c.recorded_date <= $d
    AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = c.crime_id AND o.outcome_date <= $d)
    AND {AREA_FILTER}
),
acts AS (
  SELECT a.action_id, a.crime_id, a.description, a.owner, a.set_date, a.due_date,
         CASE WHEN a.done_date <= $d THEN a.done_date END AS done_date
  FROM actions a JOIN cases k ON k.crime_id = a.crime_id WHERE a.set_date <= $d
)"""

ROWS = f"""{CASES},
action_rows AS (
  SELECT '{SECTIONS[0]}' AS section, k.crime_id, k.area, k.recorded_date, a.action_id, a.description,
         a.owner, a.set_date, a.due_date, a.done_date,
         CASE WHEN a.done_date IS NULL AND a.due_date < $d THEN 'overdue'
              WHEN a.done_date IS NULL THEN 'open'
              WHEN a.done_date > a.due_date THEN 'done late' ELSE 'done' END AS action_state,
         CAST(CASE WHEN a.done_date IS NULL THEN greatest($d - a.due_date, 0)
                   ELSE greatest(a.done_date - a.due_date, 0) END AS BIGINT) AS days_overdue,
         NULL::DATE AS first_action_date, NULL::VARCHAR AS person_id, NULL::DATE AS easi_referred,
         NULL::VARCHAR AS easi_status
  FROM acts a JOIN cases k ON k.crime_id = a.crime_id
),
missed AS (
  SELECT '{SECTIONS[1]}', k.crime_id, k.area, k.recorded_date, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, (SELECT min(a.set_date) FROM acts a WHERE a.crime_id = k.crime_id), NULL, NULL, NULL
  FROM cases k
  WHERE k.recorded_date <= $d - {CLINIC_WITHIN_DAYS}
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.crime_id = k.crime_id
                    AND a.set_date <= k.recorded_date + {CLINIC_WITHIN_DAYS})
),
easi AS (
  SELECT '{SECTIONS[2]}', k.crime_id, k.area, k.recorded_date, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, cp.person_id, i.referred_date,
         CASE WHEN i.completed_date <= $d THEN 'completed' ELSE 'referred' END
  FROM cases k JOIN crime_persons cp ON cp.crime_id = k.crime_id AND cp.role = 'suspect'
  JOIN interventions i ON i.person_id = cp.person_id AND upper(trim(i.programme)) = 'EASI'
  WHERE i.referred_date <= $d AND coalesce(cp.linked_date, k.recorded_date) <= $d
  QUALIFY row_number() OVER (PARTITION BY k.crime_id, cp.person_id ORDER BY i.referred_date DESC) = 1
)
SELECT * FROM (SELECT * FROM action_rows UNION ALL SELECT * FROM missed UNION ALL SELECT * FROM easi)
ORDER BY list_position(['{"', '".join(SECTIONS)}'], section), days_overdue DESC NULLS LAST,
         due_date NULLS LAST, recorded_date, crime_id, action_id NULLS LAST, person_id NULLS LAST
"""

SUMMARY = f"""{CASES}
SELECT owner, CAST(count(*) AS BIGINT) AS open_actions,
       CAST(count(*) FILTER (WHERE due_date < $d) AS BIGINT) AS overdue_actions
FROM acts WHERE done_date IS NULL GROUP BY owner ORDER BY overdue_actions DESC, open_actions DESC, owner
"""


def build(con: duckdb.DuckDBPyConnection, as_of: date, area: str | None, actor: User | str) -> Parts:
    frame = con.execute(ROWS, params(as_of, area)).df()
    summary = con.execute(SUMMARY, params(as_of, area)).df()
    return Parts(frame, summary=summary)


__all__ = ["SECTIONS", "build"]
