"""new-chance: female detainees eligible for a New Chance referral and not referred in the window."""

from __future__ import annotations

from datetime import date

import duckdb

from vawg.accounts import User
from vawg.operations._context import AREA_FILTER
from vawg.operations._eligibility import NewChanceEligibility, load_eligibility
from vawg.operations._parts import Parts

# Eligible custody records of women by $d (parameters: the eligibility lists and numbers).
ELIGIBLE = """
eligible AS (
  SELECT cu.custody_id, cu.person_id, cu.crime_id, c.area, cu.arrest_date,
         CAST(cu.disposal AS VARCHAR) AS disposal, CAST(c.offence_code AS VARCHAR) AS offence_code,
         r.offence_subgroup, CAST(coalesce(cp.age, year(cu.arrest_date) - p.birth_year) AS BIGINT) AS age,
         lower(trim(coalesce(cu.referral, ''))) = 'new_chance' AS referred_in_custody
  FROM custody cu JOIN persons p ON p.person_id = cu.person_id
  LEFT JOIN crimes c ON c.crime_id = cu.crime_id
  LEFT JOIN ref_offence r ON r.offence_code = CAST(c.offence_code AS VARCHAR)
  LEFT JOIN (
    SELECT crime_id, person_id, max(age) AS age FROM crime_persons
    WHERE role = 'suspect' AND (linked_date IS NULL OR linked_date <= $d) GROUP BY crime_id, person_id
  ) cp ON cp.crime_id = cu.crime_id AND cp.person_id = cu.person_id
  WHERE p.sex = 'F' AND cu.arrest_date <= $d AND list_contains(CAST($disposals AS VARCHAR[]), CAST(cu.disposal AS VARCHAR))
    AND (list_contains(CAST($groups AS VARCHAR[]), r.offence_group) OR list_contains(CAST($subgroups AS VARCHAR[]), r.offence_subgroup)
         OR list_contains(CAST($codes AS VARCHAR[]), CAST(c.offence_code AS VARCHAR)))
    AND coalesce(cp.age, year(cu.arrest_date) - p.birth_year) >= $min_age
),
referrals AS (
  SELECT person_id, referred_date FROM interventions
  WHERE upper(trim(programme)) = 'NEW_CHANCE' AND referred_date <= $d
)"""

SQL = f"""
WITH {ELIGIBLE}
SELECT CASE WHEN CAST(e.arrest_date + $window AS DATE) < $d THEN 'missed' ELSE 'open' END AS state,
       e.person_id, e.custody_id, e.crime_id, e.area, e.arrest_date, e.age, e.offence_code,
       e.offence_subgroup, e.disposal, CAST(e.arrest_date + $window AS DATE) AS refer_by,
       (SELECT min(r.referred_date) FROM referrals r WHERE r.person_id = e.person_id
        AND r.referred_date > e.arrest_date + $window) AS late_referral
FROM eligible e
WHERE NOT e.referred_in_custody AND e.arrest_date > $d - $lookback
  AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = e.person_id
                  AND r.referred_date BETWEEN e.arrest_date AND e.arrest_date + $window)
  AND {AREA_FILTER}
ORDER BY state = 'open', e.arrest_date, e.custody_id
"""


def eligibility_params(rules: NewChanceEligibility) -> dict[str, object]:
    return {
        "disposals": list(rules.disposals),
        "groups": list(rules.offence_groups),
        "subgroups": list(rules.offence_subgroups),
        "codes": list(rules.offence_codes),
        "min_age": rules.min_age,
        "window": rules.referral_window_days,
        "lookback": rules.list_lookback_days,
    }


def build(
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    area: str | None,
    actor: User | str,
    rules: NewChanceEligibility | None = None,
) -> Parts:
    rules = rules or load_eligibility()
    frame = con.execute(SQL, {"d": as_of, "area": area, **eligibility_params(rules)}).df()
    note = f"Eligibility from {rules.source} (referral window {rules.referral_window_days} days)."
    return Parts(frame, notes=(note,), facts={"eligibility": rules.source})


__all__ = ["build", "eligibility_params"]
