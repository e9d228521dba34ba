"""The planted RFSDI pilot effect: a difference-in-differences on the bundle finds a reduction."""

from __future__ import annotations

import duckdb

from vawg.synth import PILOT_AREAS, PILOT_START, PLANTED_PILOT_EFFECT


def test_repeat_da_offending_falls_in_the_pilot_areas_after_the_start(
    force: duckdb.DuckDBPyConnection,
) -> None:
    areas = ", ".join(f"'{a}'" for a in PILOT_AREAS)
    counts = {
        (pilot, post): repeats
        for pilot, post, repeats in force.sql(f"""
        WITH s AS (SELECT cp.person_id, c.crime_id, c.recorded_date AS d, c.area FROM crime_persons cp
                   JOIN crimes c USING (crime_id) WHERE cp.role = 'suspect' AND c.da_flag),
             r AS (SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY d, crime_id) AS nth FROM s)
        SELECT area IN ({areas}), d >= DATE '{PILOT_START}', count(*) FILTER (WHERE nth > 1) FROM r
        WHERE d >= DATE '{PILOT_START}' - INTERVAL 12 MONTH GROUP BY ALL""").fetchall()
    }
    ratio = (counts[True, True] / counts[True, False]) / (counts[False, True] / counts[False, False])
    # Repeat DA offending by known suspects, pilot vs other areas: near 1 - PLANTED_PILOT_EFFECT
    # (diluted a little: 5% of crimes happen outside the suspect's home area).
    assert 1 - PLANTED_PILOT_EFFECT - 0.04 < ratio < 1 - PLANTED_PILOT_EFFECT / 2
