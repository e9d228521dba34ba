"""Programmes (para 31, 41; MATAC), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one


def test_63_suspects_completed_easi(force: duckdb.DuckDBPyConnection) -> None:
    done = one(
        force,
        """SELECT count(DISTINCT person_id) FROM interventions
                         WHERE programme = 'EASI' AND completed_date <= DATE '2023-03-31'""",
    )
    assert done == 63
    not_stalkers = one(
        force,
        """
        SELECT count(*) FROM interventions i WHERE programme = 'EASI' AND NOT EXISTS (
            SELECT 1 FROM crime_persons cp JOIN crimes c USING (crime_id)
            WHERE cp.person_id = i.person_id AND cp.role = 'suspect' AND c.offence_code = '8Q')""",
    )
    assert not_stalkers == 0


def test_matac_takes_serial_perpetrators(force: duckdb.DuckDBPyConnection) -> None:
    non_serial = one(
        force,
        """
        WITH serial AS (SELECT s.person_id FROM crime_persons s JOIN crimes c USING (crime_id)
                        JOIN crime_persons v ON v.crime_id = s.crime_id AND v.role = 'victim'
                        WHERE s.role = 'suspect' AND c.da_flag GROUP BY s.person_id
                        HAVING count(DISTINCT v.person_id) >= 2)
        SELECT count(*) FROM interventions WHERE programme = 'MATAC'
          AND person_id NOT IN (SELECT person_id FROM serial)""",
    )
    assert non_serial == 0 and one(force, "SELECT count(*) FROM interventions WHERE programme = 'MATAC'") > 50  # type: ignore[operator]


def test_new_chance_referrals_come_from_custody(force: duckdb.DuckDBPyConnection) -> None:
    orphans = one(
        force,
        """
        SELECT count(*) FROM interventions i WHERE programme = 'NEW_CHANCE' AND NOT EXISTS (
            SELECT 1 FROM custody c WHERE c.person_id = i.person_id AND c.arrest_date = i.referred_date
              AND c.referral = 'new_chance')""",
    )
    assert orphans == 0
    statuses = {r[0] for r in force.sql("SELECT DISTINCT status FROM interventions").fetchall()}
    assert statuses == {"referred", "started", "completed", "withdrawn"}
