"""Orders and breaches (para 29; domain facts §1), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb

from tests.synth.forcesql import one


def test_dvpos_follow_dvpns_and_most_are_granted(force: duckdb.DuckDBPyConnection) -> None:
    granted, orphans = force.sql("""
        SELECT avg((o.status = 'granted')::INT) FILTER (WHERE o.status <> 'pending'),
               count(*) FILTER (WHERE p.order_type IS DISTINCT FROM 'DVPN' OR p.person_id <> o.person_id)
        FROM orders o LEFT JOIN orders p ON p.order_id = o.parent_order_id
        WHERE o.order_type = 'DVPO'""").fetchall()[0]  # type: ignore[misc]
    assert abs(granted - 0.88) <= 0.03 and orphans == 0


def test_about_a_fifth_of_dvpos_are_breached(force: duckdb.DuckDBPyConnection) -> None:
    share = one(
        force,
        """SELECT avg((order_id IN (SELECT order_id FROM order_breaches))::INT) FROM orders
                          WHERE order_type = 'DVPO' AND status = 'granted'""",
    )
    assert 0.13 <= share <= 0.23  # type: ignore[operator]


def test_stalking_protection_orders_are_on_stalking_suspects_and_rising(
    force: duckdb.DuckDBPyConnection,
) -> None:
    by_year = dict(
        force.sql("""SELECT year(start_date), count(*) FROM orders WHERE order_type = 'SPO'
                                GROUP BY ALL""").fetchall()
    )
    assert by_year[2022] > by_year[2021]
    not_stalkers = one(
        force,
        """
        SELECT count(*) FROM orders o WHERE order_type IN ('SPO', 'ISPO') AND NOT EXISTS (
            SELECT 1 FROM crime_persons cp JOIN crimes c USING (crime_id)
            WHERE cp.person_id = o.person_id AND cp.role = 'suspect' AND c.offence_code = '8Q')""",
    )
    assert not_stalkers == 0


def test_stalking_clinic_actions_are_owned_by_teams_and_some_are_overdue(
    force: duckdb.DuckDBPyConnection,
) -> None:
    total, overdue, not_stalking = force.sql("""
        SELECT count(*), count(*) FILTER (WHERE done_date IS NULL AND due_date < DATE '2023-03-31'),
               count(*) FILTER (WHERE c.offence_code <> '8Q')
        FROM actions a JOIN crimes c USING (crime_id) WHERE a.forum = 'stalking_clinic'""").fetchall()[0]  # type: ignore[misc]
    assert total > 500 and 0 < overdue < total / 3 and not_stalking == 0
