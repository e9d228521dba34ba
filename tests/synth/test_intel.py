"""Intelligence about suspects, measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one


def test_intelligence_is_about_suspects_on_every_topic(force: duckdb.DuckDBPyConnection) -> None:
    topics = dict(force.sql("SELECT topic, count(*) FROM intelligence GROUP BY ALL").fetchall())
    assert set(topics) == {"drugs", "vawg", "weapons", "violence", "other"}
    not_suspects = one(
        force,
        """SELECT count(*) FROM intelligence WHERE person_id NOT IN
                                 (SELECT person_id FROM crime_persons WHERE role = 'suspect')""",
    )
    assert not_suspects == 0


def test_prolific_suspects_attract_more_intelligence(force: duckdb.DuckDBPyConnection) -> None:
    few, many = force.sql("""
        WITH n AS (SELECT person_id, count(*) AS crimes FROM crime_persons WHERE role = 'suspect' GROUP BY ALL),
             i AS (SELECT person_id, count(*) AS intel FROM intelligence GROUP BY ALL)
        SELECT avg(coalesce(intel, 0)) FILTER (WHERE crimes = 1), avg(coalesce(intel, 0)) FILTER (WHERE crimes >= 5)
        FROM n LEFT JOIN i USING (person_id)""").fetchall()[0]  # type: ignore[misc]
    assert many > 2 * few
