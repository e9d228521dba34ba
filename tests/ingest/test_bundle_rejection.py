"""A required table rejected mid-load stops the whole bundle: nothing of it committed, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, count_rows, snapshot, write_bundle
from vawg.ingest import ingest
from vawg.store import connect


def _bundle_with_bad_byte(folder: Path, table: str, *, newer: bool = False) -> Path:
    """The table's file has 25 rows, and a byte that is not UTF-8 on line 21."""
    tables = base_rows()
    if newer:  # a newer extract: a person and a crime changed
        tables["persons"][0]["ethnicity"] = "B1"
        tables["crimes"][0]["area"] = "Walsall"
    rows = tables[table]
    while len(rows) < 25:
        extra = dict(rows[0])
        key = next(iter(extra))
        extra[key] = f"{extra[key]}X{len(rows)}"
        rows.append(extra)
    bundle = write_bundle(folder, tables)
    path = bundle / f"{table}.csv"
    lines = path.read_bytes().split(b"\n")
    lines[20] = lines[20].replace(b",", b",\xe9", 1)  # line 21 (the header is line 1)
    path.write_bytes(b"\n".join(lines))
    return bundle


@pytest.mark.parametrize("table", ["persons", "crimes", "crime_persons", "outcomes"])
def test_required_table_rejected_mid_load_commits_nothing(tmp_path: Path, table: str) -> None:
    con = connect(tmp_path / "store.duckdb")
    report = ingest(_bundle_with_bad_byte(tmp_path / "b", table), con, progress=False)
    assert report.exit_code == 2 and not report.loaded
    assert [r.table for r in report.rejected] == [table]
    assert "line 21" in report.rejected[0].found
    for name in ("persons", "crimes", "crime_persons", "outcomes", "incidents", "actions"):
        assert count_rows(con, name) == 0, name  # not persons committed, nothing quarantined dangling
    assert count_rows(con, "quarantine") == 0
    assert con.execute("SELECT table_name, status FROM loads").fetchall() == [(table, "rejected")]
    statuses = {name: counts.status for name, counts in report.tables.items()}
    assert statuses[table] == "rejected"
    assert set(statuses.values()) <= {"rejected", "not_loaded_bundle_rejected"}


def test_rejected_newer_extract_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    con = connect(tmp_path / "store.duckdb")
    ingest(write_bundle(tmp_path / "first"), con, progress=False)
    before = snapshot(con)
    report = ingest(_bundle_with_bad_byte(tmp_path / "b", "crime_persons", newer=True), con, progress=False)
    assert report.exit_code == 2
    assert snapshot(con) == before
