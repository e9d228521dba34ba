"""Volumes and shapes of the default force's crime, measured by plain SQL over the bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one

FY = "CASE WHEN month(recorded_date) >= 4 THEN year(recorded_date) ELSE year(recorded_date) - 1 END"


def test_yearly_volumes_are_west_midlands_sized(force: duckdb.DuckDBPyConnection) -> None:
    rows = force.sql(f"""
        SELECT {FY} AS fy,
               count(*) FILTER (WHERE da_flag) AS da,
               count(*) FILTER (WHERE offence_code IN ('8Q','8L','8M','8R','8U')) AS stalking_harassment,
               count(*) FILTER (WHERE offence_code = '8Q') AS stalking,
               count(*) FILTER (WHERE offence_code IN (SELECT offence_code FROM vawg_codes
                   WHERE vawg_category IN ('rape','sexual_assault','other_sexual'))) AS sexual,
               count(*) FILTER (WHERE crime_id IN (SELECT crime_id FROM vawg_crimes)) AS vawg,
               count(*) FILTER (WHERE crime_id NOT IN (SELECT crime_id FROM vawg_crimes)) AS other
        FROM crimes GROUP BY fy ORDER BY fy""").fetchall()
    assert [r[0] for r in rows] == [2020, 2021, 2022]
    for _, da, sh, stalking, sexual, vawg, other in rows:
        assert 48_000 < da < 62_000
        assert 47_000 < sh < 59_000
        assert 15_000 <= stalking <= 20_000
        assert 9_500 < sexual < 11_500
        assert 90_000 < vawg < 110_000
        assert 15_000 < other < 25_000  # theft, shoplifting, non-domestic assault …


def test_da_victims_are_mostly_female(force: duckdb.DuckDBPyConnection) -> None:
    share = one(
        force,
        """SELECT avg((p.sex = 'F')::INT) FROM crime_persons cp
                          JOIN crimes c USING (crime_id) JOIN persons p USING (person_id)
                          WHERE cp.role = 'victim' AND c.da_flag""",
    )
    assert 0.74 <= share <= 0.77  # type: ignore[operator]


def test_repeat_victims_and_serial_perpetrators_are_heavy_tailed(force: duckdb.DuckDBPyConnection) -> None:
    top_decile_share, most = force.sql("""
        WITH v AS (SELECT person_id, count(*) AS n FROM crime_persons JOIN crimes USING (crime_id)
                   WHERE role = 'victim' AND da_flag GROUP BY person_id),
             d AS (SELECT n, ntile(10) OVER (ORDER BY n DESC) AS decile FROM v)
        SELECT sum(n) FILTER (WHERE decile = 1) / sum(n), max(n) FROM d""").fetchall()[0]  # type: ignore[misc]
    assert top_decile_share > 0.25 and most >= 10
    serial, suspects = force.sql("""
        WITH s AS (SELECT s.person_id, count(DISTINCT v.person_id) AS victims
                   FROM crime_persons s JOIN crimes c USING (crime_id)
                   JOIN crime_persons v ON v.crime_id = s.crime_id AND v.role = 'victim'
                   WHERE s.role = 'suspect' AND c.da_flag GROUP BY s.person_id)
        SELECT count(*) FILTER (WHERE victims >= 2), count(*) FROM s""").fetchall()[0]  # type: ignore[misc]
    assert 0.03 < serial / suspects < 0.15


def test_women_are_suspects_of_theft_and_low_level_assault(force: duckdb.DuckDBPyConnection) -> None:
    top = force.sql("""SELECT offence_code FROM crime_persons JOIN crimes USING (crime_id)
                       JOIN persons USING (person_id) WHERE role = 'suspect' AND sex = 'F'
                       GROUP BY offence_code ORDER BY count(*) DESC LIMIT 5""").fetchall()
    assert top[0][0] == "105A" and "46" in {r[0] for r in top}


def test_people_are_pseudonyms_with_realistic_gaps(force: duckdb.DuckDBPyConnection) -> None:
    not_stated, codes, groups, no_birth = force.sql("""
        SELECT avg((ethnicity IS NULL OR ethnicity = 'NS')::INT),
               count(*) FILTER (WHERE length(ethnicity) = 2 AND ethnicity <> 'NS'),
               count(*) FILTER (WHERE ethnicity IN ('Asian','Black','Mixed','White','Other')),
               avg((birth_year IS NULL)::INT)
        FROM persons""").fetchall()[0]  # type: ignore[misc]
    assert 0.15 < not_stated < 0.35 and codes > 0 and groups > 0 and 0.01 < no_birth < 0.10
    assert (
        one(force, "SELECT count(*) FROM persons WHERE NOT regexp_full_match(person_id, 'P[0-9]{7,}')") == 0
    )


def test_ages_agree_with_years_of_birth(force: duckdb.DuckDBPyConnection) -> None:
    bad = one(
        force,
        """
        SELECT count(*) FROM crime_persons cp JOIN crimes c USING (crime_id) JOIN persons p USING (person_id)
        WHERE cp.age IS NOT NULL AND (p.birth_year IS NULL OR cp.age < 0
              OR cp.age NOT IN (year(coalesce(c.committed_date, c.recorded_date)) - p.birth_year,
                                year(coalesce(c.committed_date, c.recorded_date)) - p.birth_year - 1))""",
    )
    assert bad == 0


def test_domestic_abuse_has_a_summer_peak(force: duckdb.DuckDBPyConnection) -> None:
    summer, winter = force.sql("""
        WITH m AS (SELECT date_trunc('month', recorded_date) AS mo, count(*) AS n FROM crimes
                   WHERE da_flag GROUP BY mo)
        SELECT avg(n) FILTER (WHERE month(mo) IN (6, 7, 8)), avg(n) FILTER (WHERE month(mo) IN (11, 12, 1, 2))
        FROM m""").fetchall()[0]  # type: ignore[misc]
    assert summer > 1.08 * winter
