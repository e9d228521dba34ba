"""Arrests and bail (paras 33-34, 41), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one


def _monthly(force: duckdb.DuckDBPyConnection, disposal: str) -> dict[str, int]:
    return dict(
        force.sql(f"""
        SELECT strftime(cu.arrest_date, '%Y-%m'), count(*) FROM custody cu JOIN crimes c USING (crime_id)
        WHERE c.da_flag AND cu.disposal = '{disposal}' GROUP BY ALL""").fetchall()
    )


def test_da_suspects_bailed_each_month_before_and_after_the_bail_changes(
    force: duckdb.DuckDBPyConnection,
) -> None:
    bailed = _monthly(force, "bail")
    before = [
        f"{y}-{m:02d}" for y, m in [(2021, m) for m in range(4, 13)] + [(2022, m) for m in range(1, 10)]
    ]
    after = ["2022-11", "2022-12", "2023-01", "2023-02", "2023-03"]
    assert all(130 <= bailed[m] <= 150 for m in before), {m: bailed[m] for m in before}
    assert all(380 <= bailed[m] <= 455 for m in after), {m: bailed[m] for m in after}


def test_rui_falls_after_the_bail_changes(force: duckdb.DuckDBPyConnection) -> None:
    rui = _monthly(force, "rui")
    assert max(rui[m] for m in ("2022-11", "2022-12", "2023-01", "2023-02")) < min(
        rui[m] for m in ("2022-05", "2022-06", "2022-07", "2022-08")
    )


def test_about_a_third_of_da_crimes_lead_to_an_arrest(force: duckdb.DuckDBPyConnection) -> None:
    per_100 = one(
        force,
        """SELECT 100 * (SELECT count(*) FROM custody JOIN crimes USING (crime_id) WHERE da_flag)
                                / (SELECT count(*) FROM crimes WHERE da_flag)""",
    )
    assert 28 <= per_100 <= 38  # type: ignore[operator]


def test_charged_in_custody_means_a_charge_outcome(force: duckdb.DuckDBPyConnection) -> None:
    bad = one(
        force,
        """SELECT count(*) FROM custody cu JOIN current_outcome o USING (crime_id)
                        WHERE cu.disposal = 'charged' AND o.outcome_code NOT IN ('1', '1A')""",
    )
    assert bad == 0


def test_female_detainees_are_held_for_low_level_assault_and_theft(force: duckdb.DuckDBPyConnection) -> None:
    top = force.sql("""SELECT c.offence_code FROM custody cu JOIN persons p USING (person_id)
                       JOIN crimes c USING (crime_id) WHERE p.sex = 'F'
                       GROUP BY ALL ORDER BY count(*) DESC LIMIT 4""").fetchall()
    assert {"105A", "46"} <= {r[0] for r in top}
    referred = one(
        force,
        """SELECT count(*) FROM custody JOIN persons USING (person_id)
                             WHERE referral = 'new_chance' AND sex <> 'F'""",
    )
    assert referred == 0 and one(force, "SELECT count(*) FROM custody WHERE referral = 'new_chance'") > 0  # type: ignore[operator]
