"""The SQL of each person-summary section: one person ($p) as of a date ($d).

Each query repeats the rule of the work list it summarises (named in the section's definition), so a
person's summary agrees with the lists they appear on; the tests check that agreement.
"""

from __future__ import annotations

from vawg.operations._person_sections import RECENT_DAYS

# The areas of a person as of $d: every crime recorded on or before $d they are linked to (any role,
# link dated on or before $d) or were arrested for on or before $d. An officer may open the person
# when one of these is their own area.
AREAS = """
SELECT DISTINCT c.area FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
WHERE cp.person_id = $p AND c.recorded_date <= $d AND coalesce(cp.linked_date, c.recorded_date) <= $d
UNION
SELECT DISTINCT c.area FROM custody cu JOIN crimes c ON c.crime_id = cu.crime_id
WHERE cu.person_id = $p AND cu.arrest_date <= $d AND c.recorded_date <= $d
ORDER BY 1
"""

# The person's area for display: the lists' suspect area (their latest crime as a suspect).
AREA = """
SELECT arg_max(c.area, strftime(c.recorded_date, '%Y-%m-%d') || c.crime_id)
FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
WHERE cp.person_id = $p AND cp.role = 'suspect' AND c.recorded_date <= $d
  AND coalesce(cp.linked_date, c.recorded_date) <= $d
"""

CRIMES = """
WITH links AS (
  SELECT c.crime_id, CAST(c.offence_code AS VARCHAR) AS offence_code, r.vawg_category,
         coalesce(c.da_flag, false) AS da, c.area, c.recorded_date,
         greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) AS outstanding_since
  FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
  LEFT JOIN ref_offence r ON r.offence_code = CAST(c.offence_code AS VARCHAR)
  WHERE cp.person_id = $p AND cp.role = 'suspect' AND (coalesce(c.da_flag, false) OR r.vawg_category IS NOT NULL)
    AND c.recorded_date <= $d AND coalesce(cp.linked_date, c.recorded_date) <= $d
    AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = c.crime_id AND o.outcome_date <= $d)
    AND NOT EXISTS (SELECT 1 FROM custody a WHERE a.person_id = $p AND a.crime_id = c.crime_id
                    AND a.arrest_date <= $d)
),
status AS (
  SELECT crime_id, CAST(status AS VARCHAR) AS status, status_date FROM ({status}) s
  WHERE person_id = $p AND status_date <= $d
  QUALIFY row_number() OVER (PARTITION BY crime_id ORDER BY status_date DESC) = 1
)
SELECT l.crime_id, l.offence_code, l.vawg_category, l.da, l.area, l.recorded_date, l.outstanding_since,
       CAST($d - l.outstanding_since AS BIGINT) AS days_outstanding, s.status AS suspect_status, s.status_date
FROM links l LEFT JOIN status s ON s.crime_id = l.crime_id
ORDER BY l.outstanding_since, l.crime_id
"""

STATUS = """
SELECT crime_id, CAST(status AS VARCHAR) AS status, status_date FROM ({status}) s
WHERE person_id = $p AND status_date <= $d ORDER BY status_date DESC, crime_id
"""

# ``{conversion}``: vawg.operations._orders.CONVERSION_CTE, the orders-briefing list's 48-hour rule.
ORDERS = f"""
WITH mine AS (
  SELECT *, status = 'granted' AND (end_date IS NULL OR end_date >= $d) AS is_current FROM orders
  WHERE person_id = $p AND start_date <= $d
),
breaches AS (
  SELECT order_id, count(*) AS total, count(*) FILTER (WHERE breach_date > $d - 90) AS recent,
         max(breach_date) AS last_breach
  FROM order_breaches WHERE breach_date <= $d AND order_id IN (SELECT order_id FROM mine) GROUP BY order_id
),
{{conversion}}
SELECT m.order_id, CAST(m.order_type AS VARCHAR) AS order_type, CAST(m.status AS VARCHAR) AS status,
       CASE WHEN m.is_current THEN 'current' WHEN m.status = 'granted' THEN 'ended'
            ELSE CAST(m.status AS VARCHAR) END AS state,
       m.start_date, m.end_date, CAST(CASE WHEN m.is_current THEN m.end_date - $d END AS BIGINT) AS days_to_expiry,
       m.victim_person_id AS protected_person_id, coalesce(b.total, 0) AS breaches,
       coalesce(b.recent, 0) AS breaches_90d, b.last_breach AS last_breach_date,
       cv.dvpo_applied, cv.dvpo_hours, cv.dvpo_within_48h, cv.dvpo_basis
FROM mine m LEFT JOIN breaches b ON b.order_id = m.order_id LEFT JOIN conversion cv ON cv.order_id = m.order_id
WHERE m.is_current OR coalesce(m.end_date, m.start_date) > $d - {RECENT_DAYS}
ORDER BY m.is_current DESC, m.start_date DESC, m.order_id
"""

CUSTODY = f"""
WITH mine AS (
  SELECT cu.*, EXISTS (SELECT 1 FROM custody later WHERE later.person_id = cu.person_id
                       AND later.crime_id = cu.crime_id AND later.arrest_date > cu.arrest_date
                       AND later.arrest_date <= $d)
               OR EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = cu.crime_id AND o.outcome_date <= $d)
                 AS resolved
  FROM custody cu WHERE cu.person_id = $p AND cu.arrest_date <= $d
)
SELECT custody_id, crime_id, arrest_date, CAST(disposal AS VARCHAR) AS disposal,
       CASE WHEN disposal NOT IN ('bail', 'rui') THEN NULL WHEN resolved THEN 'resolved'
            WHEN disposal = 'rui' THEN 'released under investigation'
            WHEN bail_end_date IS NULL OR bail_end_date >= $d THEN 'on bail'
            ELSE 'bail ended - no further record' END AS state,
       CASE WHEN disposal = 'bail' THEN bail_end_date END AS bail_end_date,
       CAST(CASE WHEN disposal = 'bail' THEN bail_end_date - $d END AS BIGINT) AS days_to_bail_end,
       CASE WHEN disposal = 'bail' THEN bail_conditions END AS bail_conditions, referral
FROM mine
WHERE arrest_date > $d - {RECENT_DAYS} OR (disposal = 'bail' AND NOT resolved)
ORDER BY arrest_date DESC, custody_id
"""

CLINIC = """
WITH theirs AS (
  SELECT DISTINCT cp.crime_id FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
  WHERE cp.person_id = $p AND cp.role = 'suspect' AND c.recorded_date <= $d
    AND coalesce(cp.linked_date, c.recorded_date) <= $d
),
acts AS (
  SELECT a.action_id, a.crime_id, a.forum, a.description, a.owner, a.set_date, a.due_date,
         CASE WHEN a.done_date <= $d THEN a.done_date END AS done_date
  FROM actions a WHERE a.crime_id IN (SELECT crime_id FROM theirs) AND a.set_date <= $d
)
SELECT action_id, crime_id, forum, description, owner, set_date, due_date, done_date,
       CASE WHEN done_date IS NULL AND due_date < $d THEN 'overdue' WHEN done_date IS NULL THEN 'open'
            WHEN done_date > due_date THEN 'done late' ELSE 'done' END AS action_state,
       CAST(CASE WHEN done_date IS NULL THEN greatest($d - due_date, 0)
                 ELSE greatest(done_date - due_date, 0) END AS BIGINT) AS days_overdue
FROM acts ORDER BY days_overdue DESC, due_date, action_id
"""

INTERVENTIONS = """
SELECT programme, referred_date, CASE WHEN completed_date <= $d THEN completed_date END AS completed_date,
       CASE WHEN completed_date <= $d THEN 'completed' ELSE 'referred' END AS state
FROM interventions WHERE person_id = $p AND referred_date <= $d ORDER BY referred_date DESC, programme
"""

__all__ = [
    "AREA",
    "AREAS",
    "CLINIC",
    "CRIMES",
    "CUSTODY",
    "INTERVENTIONS",
    "ORDERS",
    "STATUS",
]
