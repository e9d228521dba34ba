"""Loading again changes nothing; a newer extract updates records and keeps their history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.ingest._helpers import base_rows, count_rows, snapshot, write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.store import connect

NEWER = date(2023, 4, 30)


def test_loading_the_same_bundle_twice_changes_nothing(tmp_path: Path) -> None:
    tables = base_rows()
    tables["crimes"].append({**tables["crimes"][0], "crime_id": "C8", "offence_code": "NOPE"})
    bundle = write_bundle(tmp_path / "b", tables)
    con = connect(tmp_path / "store.duckdb")
    first = ingest(bundle, con, progress=False)
    before = snapshot(con)
    second = ingest(bundle, con, progress=False)
    assert snapshot(con) == before  # same rows, same history (none), same quarantine (not doubled)
    for name, counts in second.tables.items():
        assert counts.rows_loaded == 0 and counts.rows_updated == 0
        assert counts.rows_unchanged == first.tables[name].rows_loaded
        assert counts.rows_quarantined == first.tables[name].rows_quarantined
    assert len(quarantine_rows(con)) == 1
    assert count_rows(con, "loads") == 2 * len(tables)  # the loads log records both attempts


def _newer_bundle(folder: Path) -> Path:
    """An extract a month later: one crime and one person changed, new records, new outcome."""
    old = base_rows()
    crimes = [dict(old["crimes"][1], offence_code="8L"), dict(old["crimes"][0]),
              {**old["crimes"][2], "crime_id": "C4", "recorded_date": "2023-04-20"}]  # fmt: skip
    tables = {
        "persons": [dict(old["persons"][0], ethnicity="B1"), {"person_id": "P5", "sex": "F"}],
        "crimes": crimes,
        # P1 and P2 are only in the store (loaded from the earlier extract): references resolve there.
        # The extract is the truth about each crime it holds: C1 and C2 come with all their links
        # and outcomes (C3 is not in it: its stored links and outcomes stay).
        "crime_persons": [
            *old["crime_persons"][:3],
            {"crime_id": "C4", "person_id": "P1", "role": "victim"},
            {"crime_id": "C4", "person_id": "P5", "role": "suspect"},
            {"crime_id": "C1", "person_id": "P5", "role": "suspect"},
        ],
        "outcomes": [*old["outcomes"], {"crime_id": "C2", "outcome_code": "2", "outcome_date": "2023-04-15"}],
    }
    return write_bundle(folder, tables, extract=NEWER)


def test_newer_extract_updates_records_and_keeps_history(tmp_path: Path) -> None:
    con = connect(tmp_path / "store.duckdb")
    ingest(write_bundle(tmp_path / "old"), con, progress=False)
    report = ingest(_newer_bundle(tmp_path / "new"), con, progress=False)
    assert report.exit_code == 0
    crimes = report.tables["crimes"]
    assert (crimes.rows_read, crimes.rows_loaded, crimes.rows_updated, crimes.rows_unchanged) == (3, 2, 1, 1)
    assert con.execute("SELECT offence_code FROM crimes WHERE crime_id = 'C2'").fetchone() == ("8L",)
    assert count_rows(con, "crimes") == 4  # C3 was not in the newer extract: kept
    history = con.execute("SELECT table_name, record_key, row FROM history ORDER BY 1").fetchall()
    assert [(t, k) for t, k, _ in history] == [("crimes", "C2"), ("persons", "P1")]
    old_crime = json.loads(history[0][2])
    assert old_crime["offence_code"] == "19C" and old_crime["crime_id"] == "C2"
    assert con.execute(
        "SELECT ethnicity, ethnicity_group FROM persons WHERE person_id = 'P1'"
    ).fetchone() == (
        "B1",
        "Black",
    )
    # Outcomes are keyed by (crime, code, date): the new outcome is added and wins as the latest.
    assert con.execute("SELECT count(*) FROM outcomes WHERE crime_id = 'C2'").fetchone() == (2,)
    assert con.execute("SELECT outcome_code FROM crime_outcome WHERE crime_id = 'C2'").fetchone() == ("2",)
    assert count_rows(con, "crime_persons") == 7
    assert con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchone() == ("2023-04-30",)


def test_an_older_extract_does_not_move_the_extract_date_back(tmp_path: Path) -> None:
    con = connect(":memory:")
    ingest(_newer_bundle(tmp_path / "new"), connect(":memory:"), progress=False)
    ingest(write_bundle(tmp_path / "old", extract=NEWER), con, progress=False)
    ingest(write_bundle(tmp_path / "older"), con, progress=False)
    assert con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchone() == ("2023-04-30",)
