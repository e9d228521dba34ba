"""Work lists benchmark: each list through ``vawg.operations.compute_list`` beside the same list
written as one hand-written DuckDB query (the floor), warm, on the same store and as-of date.

The floor queries are independent translations of the definitions in docs/operations.md (the New
Chance rules of the shipped eligibility file written out again); the run fails unless both give the
same rows (the identifying columns, in the same order). RFSDI is not scored here: the bench store
has no approved version, so the outstanding list's risk columns are empty on both sides.

    python bench/lists_bench.py [--scales 1] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from metrics_bench import _timed, ensure_store

# The identifying columns each list is compared on, in the list's order.
KEYS = {
    "outstanding-suspects": ["person_id", "outstanding_crimes"],
    "orders-briefing": ["section", "order_id", "area"],
    "stalking-clinic": ["section", "crime_id", "action_id", "person_id"],
    "bail": ["section", "custody_id"],
    "new-chance": ["state", "custody_id"],
}

FLOOR = {
    "outstanding-suspects": """
SELECT cp.person_id, count(*) AS outstanding_crimes, $d - min(greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date))) AS days
FROM crime_persons cp JOIN crimes c USING (crime_id)
WHERE cp.role = 'suspect' AND c.da_flag AND c.recorded_date <= $d AND coalesce(cp.linked_date, c.recorded_date) <= $d
  AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = c.crime_id AND o.outcome_date <= $d)
  AND NOT EXISTS (SELECT 1 FROM custody k WHERE k.person_id = cp.person_id AND k.crime_id = c.crime_id AND k.arrest_date <= $d)
GROUP BY cp.person_id ORDER BY days DESC, cp.person_id""",
    "orders-briefing": """
WITH area AS (
  SELECT cp.person_id, arg_max(c.area, strftime(c.recorded_date, '%Y-%m-%d') || c.crime_id) AS area
  FROM crime_persons cp JOIN crimes c USING (crime_id)
  WHERE cp.role = 'suspect' AND c.recorded_date <= $d AND coalesce(cp.linked_date, c.recorded_date) <= $d
    AND cp.person_id IN (SELECT person_id FROM orders) GROUP BY ALL)
SELECT section, order_id, area FROM (
  SELECT CASE WHEN end_date <= $d + 14 THEN 0 ELSE 1 END AS s, CASE WHEN end_date <= $d + 14
         THEN 'expiring within 14 days' ELSE 'current order' END AS section, order_id, person_id, end_date - $d AS dte
  FROM orders WHERE status = 'granted' AND start_date <= $d AND (end_date IS NULL OR end_date >= $d)
  UNION ALL
  SELECT 2, 'DVPN not converted', o.order_id, o.person_id, o.end_date - $d FROM orders o
  WHERE o.order_type = 'DVPN' AND o.status = 'granted' AND o.start_date <= $d AND o.start_date > $d - 28
    AND NOT EXISTS (SELECT 1 FROM orders a WHERE a.parent_order_id = o.order_id AND a.order_type = 'DVPO'
                    AND a.start_date <= $d
                    AND CASE WHEN o.start_time IS NULL OR a.start_time IS NULL THEN a.start_date <= o.start_date + 2
                             ELSE a.start_date + a.start_time <= o.start_date + o.start_time + INTERVAL 48 HOUR END))
  LEFT JOIN area USING (person_id)
ORDER BY s, dte NULLS LAST, person_id, order_id""",
    "stalking-clinic": """
WITH k AS (SELECT crime_id, recorded_date FROM crimes c WHERE offence_code = '8Q' AND recorded_date <= $d
           AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = c.crime_id AND o.outcome_date <= $d)),
a AS (SELECT a.*, CASE WHEN done_date <= $d THEN done_date END AS done FROM actions a JOIN k USING (crime_id)
      WHERE set_date <= $d)
SELECT section, crime_id, action_id, person_id FROM (
  SELECT 0 AS s, 'action' AS section, crime_id, action_id, NULL AS person_id, recorded_date,
         CASE WHEN done IS NULL THEN greatest($d - due_date, 0) ELSE greatest(done - due_date, 0) END AS late, due_date
  FROM a JOIN k USING (crime_id)
  UNION ALL
  SELECT 1, 'missed clinic', crime_id, NULL, NULL, recorded_date, NULL, NULL FROM k
  WHERE recorded_date <= $d - 14 AND NOT EXISTS (SELECT 1 FROM a WHERE a.crime_id = k.crime_id AND a.set_date <= k.recorded_date + 14)
  UNION ALL
  SELECT DISTINCT 2, 'EASI referral', k.crime_id, NULL, cp.person_id, k.recorded_date, NULL, NULL
  FROM k JOIN crime_persons cp ON cp.crime_id = k.crime_id AND cp.role = 'suspect'
  JOIN interventions i ON i.person_id = cp.person_id AND upper(trim(i.programme)) = 'EASI' AND i.referred_date <= $d
  WHERE coalesce(cp.linked_date, k.recorded_date) <= $d)
ORDER BY s, late DESC NULLS LAST, due_date NULLS LAST, recorded_date, crime_id, action_id NULLS LAST, person_id NULLS LAST""",
    "bail": """
SELECT section, custody_id FROM (
  SELECT CASE WHEN k.disposal = 'rui' THEN 2 WHEN k.bail_end_date IS NULL OR k.bail_end_date >= $d THEN 0 ELSE 1 END AS s,
         CASE WHEN k.disposal = 'rui' THEN 'released under investigation' WHEN k.bail_end_date IS NULL
              OR k.bail_end_date >= $d THEN 'on bail' ELSE 'bail ended - no further record' END AS section,
         k.custody_id, k.arrest_date, CASE WHEN k.disposal = 'bail' THEN k.bail_end_date - $d END AS dte
  FROM custody k JOIN crimes c USING (crime_id)
  WHERE c.da_flag AND k.arrest_date <= $d AND (
    (k.disposal = 'bail'
     AND NOT EXISTS (SELECT 1 FROM custody l WHERE l.person_id = k.person_id AND l.crime_id = k.crime_id
                     AND l.arrest_date > k.arrest_date AND l.arrest_date <= $d)
     AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.crime_id = k.crime_id AND o.outcome_date <= $d))
    OR (k.disposal = 'rui' AND k.arrest_date > $d - 28)))
ORDER BY s, dte NULLS LAST, arrest_date DESC, custody_id""",
    "new-chance": """
SELECT CASE WHEN k.arrest_date + 28 < $d THEN 'missed' ELSE 'open' END AS state, k.custody_id
FROM custody k JOIN persons p USING (person_id) LEFT JOIN crimes c USING (crime_id)
LEFT JOIN ref_offence r ON r.offence_code = c.offence_code::VARCHAR
LEFT JOIN (SELECT crime_id, person_id, max(age) AS age FROM crime_persons WHERE role = 'suspect'
           AND (linked_date IS NULL OR linked_date <= $d) GROUP BY ALL) a USING (crime_id, person_id)
WHERE p.sex = 'F' AND k.arrest_date <= $d AND k.arrest_date > $d - 90
  AND k.disposal IN ('caution', 'community_resolution', 'nfa')
  AND (r.offence_group = 'Theft offences' OR r.offence_subgroup = 'Violence without injury')
  AND coalesce(a.age, year(k.arrest_date) - p.birth_year) >= 18
  AND lower(trim(coalesce(k.referral, ''))) <> 'new_chance'
  AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.person_id = k.person_id AND upper(trim(i.programme)) = 'NEW_CHANCE'
                  AND i.referred_date <= $d AND i.referred_date BETWEEN k.arrest_date AND k.arrest_date + 28)
ORDER BY state = 'open', k.arrest_date, k.custody_id""",
}


def floor_rows(con: duckdb.DuckDBPyConnection, list_id: str, as_of: date) -> list[tuple[Any, ...]]:
    return [tuple(r[: len(KEYS[list_id])]) for r in con.execute(FLOOR[list_id], {"d": as_of}).fetchall()]


def vawg_rows(con: duckdb.DuckDBPyConnection, list_id: str, as_of: date) -> list[tuple[Any, ...]]:
    from vawg.operations import compute_list

    frame = compute_list(con, list_id, as_of, actor="bench").frame[KEYS[list_id]].astype(object)
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]


def run(workdir: Path, scales: list[float]) -> list[dict[str, Any]]:
    from vawg.store import connect

    rows: list[dict[str, Any]] = []
    for scale in scales:
        con = connect(ensure_store(workdir, scale), read_only=True)
        crimes = con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]
        as_of = con.execute("SELECT max(recorded_date) FROM crimes").fetchall()[0][0]
        for list_id in FLOOR:
            vawg_rows(con, list_id, as_of)  # warm: the file cache and DuckDB's
            t_vawg, cpu_vawg, got = _timed(lambda c=con, i=list_id, d=as_of: vawg_rows(c, i, d), 3)
            t_sql, cpu_sql, want = _timed(lambda c=con, i=list_id, d=as_of: floor_rows(c, i, d), 3)
            if got != want:
                raise AssertionError(
                    f"scale {scale} {list_id}: vawg and the floor disagree ({len(got)} vs {len(want)} rows)"
                )
            rows.append({"stage": f"list {list_id}", "scale": scale, "rows": int(crimes),
                         "seconds": round(t_vawg, 3), "ratio_to_sql": round(t_vawg / t_sql, 2),
                         "cpu_seconds": round(cpu_vawg, 3), "cpu_ratio_to_sql": round(cpu_vawg / max(cpu_sql, 1e-9), 2),
                         "note": f"{len(got):,} list rows as of {as_of}; floor {t_sql:.3f} s (one SQL query)"})  # fmt: skip
        con.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",")]):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
