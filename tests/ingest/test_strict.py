"""--strict: nothing loads when any row is bad; what was found is still recorded."""

from __future__ import annotations

from pathlib import Path

from tests.ingest._helpers import base_rows, count_rows, snapshot, write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.store import connect


def test_strict_loads_nothing_when_a_row_is_bad(tmp_path: Path) -> None:
    con = connect(tmp_path / "store.duckdb")
    ingest(write_bundle(tmp_path / "first"), con, progress=False)
    before = {k: v for k, v in snapshot(con).items() if k != "quarantine"}
    tables = base_rows()
    tables["persons"][0]["ethnicity"] = "B1"  # a change that would load...
    tables["actions"].append(
        {**tables["actions"][0], "action_id": "A2", "due_date": "2020-01-01"}
    )  # ...but this
    report = ingest(write_bundle(tmp_path / "second", tables), con, progress=False, strict=True)
    assert not report.loaded and report.exit_code == 2
    assert {k: v for k, v in snapshot(con).items() if k != "quarantine"} == before
    rows = quarantine_rows(con)
    assert list(zip(rows["table_name"], rows["rule"], rows["line"], strict=True)) == [
        ("actions", "end_before_start", 3)
    ]
    # The counts say what the load would have done; every table is marked as not loaded.
    assert report.tables["persons"].rows_updated == 1 and report.tables["actions"].rows_quarantined == 1
    assert {c.status for c in report.tables.values()} == {"not_loaded_strict"}
    statuses = con.execute("SELECT status, count(*) FROM loads GROUP BY 1 ORDER BY 1").fetchall()
    n = len(base_rows())  # the tables in the bundle (the optional Our Behaviours tables are absent)
    assert statuses == [("loaded", n), ("not_loaded_strict", n)]


def test_strict_loads_a_clean_bundle(tmp_path: Path) -> None:
    con = connect(":memory:")
    report = ingest(write_bundle(tmp_path / "b"), con, progress=False, strict=True)
    assert report.loaded and report.exit_code == 0
    assert count_rows(con, "crimes") == 3 and count_rows(con, "quarantine") == 0


def test_strict_with_a_rejected_file_loads_nothing(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "incidents.csv").write_bytes(b"incident_id;reported_date\n")
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False, strict=True)
    assert report.exit_code == 2 and not report.loaded
    assert count_rows(con, "crimes") == 0
