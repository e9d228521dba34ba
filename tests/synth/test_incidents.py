"""Domestic abuse incidents (para 32, Fig. 3), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one


def test_da_incidents_are_stable_with_a_summer_peak(force: duckdb.DuckDBPyConnection) -> None:
    rows = force.sql("""
        WITH m AS (SELECT date_trunc('month', reported_date) AS mo, count(*) AS n FROM incidents
                   WHERE da_flag AND reported_date >= DATE '2021-04-01' GROUP BY mo)
        SELECT CASE WHEN month(mo) >= 4 THEN year(mo) ELSE year(mo) - 1 END AS fy, sum(n),
               avg(n) FILTER (WHERE month(mo) IN (6, 7, 8)), avg(n) FILTER (WHERE month(mo) IN (11, 12, 1, 2))
        FROM m GROUP BY fy ORDER BY fy""").fetchall()
    (_, total_21, summer_21, winter_21), (_, total_22, summer_22, winter_22) = rows
    assert abs(total_22 / total_21 - 1) <= 0.05
    assert summer_21 >= 1.08 * winter_21 and summer_22 >= 1.08 * winter_22


def test_incidents_are_crimed_or_not(force: duckdb.DuckDBPyConnection) -> None:
    crimed = one(force, "SELECT avg((crime_id IS NOT NULL)::INT) FROM incidents WHERE da_flag")
    assert 0.4 < crimed < 0.7  # type: ignore[operator]
    assert (
        one(
            force,
            """SELECT count(*) FROM incidents i JOIN crimes c USING (crime_id)
                         WHERE i.reported_date > c.recorded_date OR NOT c.da_flag""",
        )
        == 0
    )
    assert one(force, "SELECT count(*) FROM incidents WHERE NOT da_flag") > 0  # type: ignore[operator]
