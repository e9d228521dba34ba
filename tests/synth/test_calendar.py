"""The force's speed of work: outstanding DA suspects fall to a 12-month low (para 28, Fig. 1)."""

from __future__ import annotations

import duckdb
import numpy as np

from tests.synth.forcesql import one
from vawg.synth._calendar import P1, after_work, day_of_year, month_index, year_of


def test_outstanding_da_suspects_fall_to_a_twelve_month_low(force: duckdb.DuckDBPyConnection) -> None:
    counts = force.sql("""
        WITH ends AS (SELECT last_day(m) AS d FROM range(DATE '2022-04-01', DATE '2023-04-01', INTERVAL 1 MONTH) t(m)),
             links AS (SELECT cp.crime_id, cp.person_id, c.recorded_date,
                              coalesce(cp.linked_date, c.recorded_date) AS linked
                       FROM crime_persons cp JOIN crimes c USING (crime_id) WHERE cp.role = 'suspect' AND c.da_flag),
             first_outcome AS (SELECT crime_id, min(outcome_date) AS d FROM outcomes GROUP BY crime_id),
             first_arrest AS (SELECT crime_id, person_id, min(arrest_date) AS d FROM custody
                              WHERE crime_id IS NOT NULL GROUP BY ALL)
        SELECT e.d, count(*) FROM ends e JOIN links l ON l.recorded_date <= e.d AND l.linked <= e.d
        LEFT JOIN first_outcome o ON o.crime_id = l.crime_id
        LEFT JOIN first_arrest a ON a.crime_id = l.crime_id AND a.person_id = l.person_id
        WHERE (o.d IS NULL OR o.d > e.d) AND (a.d IS NULL OR a.d > e.d)
        GROUP BY e.d ORDER BY e.d""").fetchall()
    values = [n for _, n in counts]
    assert len(values) == 12
    assert min(values) in values[-2:]  # the lowest point is February or March 2023
    assert values[-1] <= 0.85 * values[0]


def test_work_takes_no_time_when_there_is_none_and_never_runs_backwards() -> None:
    start = np.array([P1 - 500, P1 - 500, P1 - 100])
    assert list(after_work(start, np.zeros(3))) == list(start)
    lags = np.array([0.0, 10.0, 40.0, 200.0])
    done = after_work(np.full(4, P1 - 300), lags)
    assert np.all(np.diff(done) > 0)


def test_calendar_lookups_match_numpy() -> None:
    days = np.arange(-25_000, 25_000, 37)
    as_dates = days.astype("datetime64[D]")
    assert np.array_equal(year_of(days), as_dates.astype("datetime64[Y]").astype(int) + 1970)
    assert np.array_equal(month_index(days), as_dates.astype("datetime64[M]").astype(int))
    jan1 = as_dates.astype("datetime64[Y]").astype("datetime64[D]").astype(int)
    assert np.array_equal(day_of_year(days), days - jan1)


def test_no_crime_is_recorded_after_the_extract(force: duckdb.DuckDBPyConnection) -> None:
    assert one(force, "SELECT max(recorded_date) FROM crimes").isoformat() == "2023-03-31"  # type: ignore[union-attr]
    assert one(force, "SELECT min(recorded_date) FROM crimes").isoformat() == "2020-04-01"  # type: ignore[union-attr]
