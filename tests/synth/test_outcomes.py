"""Outcome calibration targets (paras 31-32), measured by plain SQL over the default bundle."""

from __future__ import annotations

import duckdb
import pytest

from tests.synth.forcesql import POSITIVE, one


def _da_cohort(force: duckdb.DuckDBPyConnection, start: str, end: str) -> tuple[float, float]:
    """(positive outcome rate, share of outcome 1 among positives) of DA crimes recorded in [start, end]."""
    rate, share1 = force.sql(f"""
        SELECT avg(coalesce(o.outcome_code IN {POSITIVE}, false)::INT),
               sum((o.outcome_code = '1')::INT) / sum(coalesce(o.outcome_code IN {POSITIVE}, false)::INT)
        FROM crimes c LEFT JOIN current_outcome o USING (crime_id)
        WHERE c.da_flag AND c.recorded_date BETWEEN DATE '{start}' AND DATE '{end}'""").fetchall()[0]  # type: ignore[misc]
    return rate, share1


@pytest.mark.parametrize(("start", "end", "target"), [("2021-04-01", "2022-03-31", 0.033),
                                                      ("2022-04-01", "2023-03-31", 0.044)])  # fmt: skip
def test_da_positive_outcome_rate(
    force: duckdb.DuckDBPyConnection, start: str, end: str, target: float
) -> None:
    rate, _ = _da_cohort(force, start, end)
    assert abs(rate - target) <= 0.003


def test_three_quarters_of_da_positive_outcomes_are_charges(force: duckdb.DuckDBPyConnection) -> None:
    _, share1 = _da_cohort(force, "2022-04-01", "2023-03-31")
    assert abs(share1 - 0.76) <= 0.03


def test_stalking_positive_outcome_rate_rises_three_months_running(force: duckdb.DuckDBPyConnection) -> None:
    rates = force.sql(f"""
        WITH rec AS (SELECT date_trunc('month', recorded_date) AS m, count(*) AS n FROM crimes
                     WHERE offence_code = '8Q' GROUP BY m),
             pos AS (SELECT date_trunc('month', o.outcome_date) AS m, count(*) AS p
                     FROM crimes c JOIN current_outcome o USING (crime_id)
                     WHERE c.offence_code = '8Q' AND o.outcome_code IN {POSITIVE} GROUP BY m)
        SELECT p / n FROM rec JOIN pos USING (m)
        WHERE m BETWEEN DATE '2022-12-01' AND DATE '2023-03-01' ORDER BY m""").fetchall()
    values = [r[0] for r in rates]
    assert len(values) == 4 and values == sorted(values) and len(set(values)) == 4


def test_da_crimes_mostly_close_with_the_victim_not_supporting(force: duckdb.DuckDBPyConnection) -> None:
    shares = dict(
        force.sql("""
        SELECT coalesce(o.outcome_code, 'open'), count(*) / sum(count(*)) OVER ()
        FROM crimes c LEFT JOIN current_outcome o USING (crime_id) WHERE c.da_flag GROUP BY ALL""").fetchall()
    )
    assert shares["16"] + shares.get("14", 0) > 0.4
    assert shares["15"] > 0.1 and 0 < shares["open"] < 0.1


def test_some_crimes_have_an_outcome_history(force: duckdb.DuckDBPyConnection) -> None:
    reopened = one(
        force,
        """
        SELECT count(*) FROM (SELECT crime_id FROM outcomes GROUP BY crime_id
                              HAVING count(*) > 1 AND arg_max(outcome_code, outcome_date) = '1'
                                 AND arg_min(outcome_code, outcome_date) = '21')""",
    )
    assert reopened > 0  # type: ignore[operator]
    same_day = one(
        force,
        """SELECT count(*) FROM (SELECT crime_id FROM outcomes GROUP BY crime_id
                                                HAVING count(*) > 1 AND count(DISTINCT outcome_date) < count(*))""",
    )
    assert same_day == 0  # the latest row is always unambiguous


def test_outcome_lags_are_spread(force: duckdb.DuckDBPyConnection) -> None:
    p10, p50, p90 = force.sql("""SELECT quantile_cont(d, [0.1, 0.5, 0.9]) FROM (
        SELECT (o.outcome_date - c.recorded_date) AS d FROM crimes c JOIN current_outcome o USING (crime_id)
        WHERE c.da_flag)""").fetchall()[0][0]  # type: ignore[index]
    assert p10 < 10 < p50 < 60 < p90
