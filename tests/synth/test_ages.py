"""Victims' age profile (para 54), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb


def test_victims_aged_18_to_24_and_18_to_34(force: duckdb.DuckDBPyConnection) -> None:
    young, young_adult, n = force.sql("""
        SELECT avg((cp.age BETWEEN 18 AND 24)::INT), avg((cp.age BETWEEN 18 AND 34)::INT), count(*)
        FROM crime_persons cp JOIN vawg_crimes c USING (crime_id)
        WHERE cp.role = 'victim' AND cp.age IS NOT NULL
          AND c.recorded_date BETWEEN DATE '2022-04-01' AND DATE '2023-03-31'""").fetchall()[0]  # type: ignore[misc]
    assert n > 50_000
    assert abs(young - 0.188) <= 0.005
    assert abs(young_adult - 0.495) <= 0.005


def test_child_offence_codes_have_child_victims(force: duckdb.DuckDBPyConnection) -> None:
    # Under 13 when the abuse began; a series can run on past a birthday.
    p95, oldest = force.sql("""SELECT quantile_cont(cp.age, 0.95), max(cp.age) FROM crime_persons cp
                               JOIN crimes c USING (crime_id)
                               WHERE cp.role = 'victim' AND c.offence_code IN ('19E', '20B', '17B')""").fetchall()[0]
    assert p95 <= 12 and oldest <= 14


def test_da_victims_are_adults_or_16_and_over(force: duckdb.DuckDBPyConnection) -> None:
    youngest = force.sql("""SELECT min(cp.age) FROM crime_persons cp JOIN crimes c USING (crime_id)
                            WHERE cp.role = 'victim' AND c.da_flag""").fetchall()[0]
    assert youngest is not None and youngest[0] >= 16
