"""The derived tables (crime_base, crime_links): built at ingest, kept in step by deltas and
corrections, added to an older store on a read-write open, and ignored when out of step."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.ingest._helpers import base_rows, write_bundle, write_csv
from vawg.ingest import ingest, write_delta
from vawg.store import connect, derived_current

LATER = date(2023, 4, 30)
BASE_COLUMNS = "crime_id, area, vawg_category, is_vawg, is_da, is_stalking, outcome_code::VARCHAR, outcome_date, first_outcome_date"
LINK_COLUMNS = "crime_id, person_id, role::VARCHAR, area, is_da, first_outcome_date"


def _base(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT {BASE_COLUMNS} FROM crime_base ORDER BY crime_id").fetchall()


def _links(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT {LINK_COLUMNS} FROM crime_links ORDER BY ALL").fetchall()


def test_ingest_builds_the_crime_base_and_links_worked_by_hand(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    ingest(write_bundle(tmp_path / "b"), con, progress=False)
    assert derived_current(con)
    d = date.fromisoformat
    # C1 (8Q stalking, DA): outcomes 16 then 1 -> current 1 on 2022-03-01, first 2022-02-01.
    # C2 (19C rape, not DA): VAWG by its category; outcome 1. C3 (105A, DA): no category of its own.
    # C3 has no outcome.
    assert _base(con) == [
        ("C1", "Birmingham", "stalking", True, True, True, "1", d("2022-03-01"), d("2022-02-01")),
        ("C2", "Coventry", "rape", True, False, False, "1", d("2022-04-01"), d("2022-04-01")),
        ("C3", "Dudley", "other_offence", True, True, False, None, None, None),
    ]
    assert _links(con) == [
        ("C1", "P1", "victim", "Birmingham", True, d("2022-02-01")),
        ("C1", "P2", "suspect", "Birmingham", True, d("2022-02-01")),
        ("C2", "P3", "victim", "Coventry", False, d("2022-04-01")),
        ("C3", "P4", "suspect", "Dudley", True, None),
    ]


def _final_state() -> dict[str, list[dict[str, str]]]:
    tables = base_rows()
    tables["crimes"][1]["area"] = "Walsall"  # C2 changed
    tables["crimes"] = [c for c in tables["crimes"] if c["crime_id"] != "C3"]  # C3 deleted with its link
    tables["crime_persons"] = [r for r in tables["crime_persons"] if r["crime_id"] != "C3"]
    tables["custody"] = [r for r in tables["custody"] if r["crime_id"] != "C3"]
    tables["outcomes"][1]["outcome_code"] = "2"  # C1's current outcome corrected
    tables["crimes"].append({**tables["crimes"][0], "crime_id": "C5", "recorded_date": "2023-04-10"})
    tables["crime_persons"].append({"crime_id": "C5", "person_id": "P1", "role": "victim", "linked_date": "",
                                    "age": "32"})  # fmt: skip
    tables["intelligence"] = []
    return tables


@pytest.mark.parametrize("share", [0.2, 10.0], ids=["rebuilt-whole", "rebuilt-in-place"])
def test_a_delta_keeps_them_in_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: float) -> None:
    # Share 10: every delta updates the touched crimes in place (the path a large force takes);
    # share 0.2: this delta touches 4 of 3 crimes, so the tables are rebuilt whole.
    monkeypatch.setattr("vawg.store._derived._REBUILD_SHARE", share)
    first = write_bundle(tmp_path / "first")
    full = write_bundle(tmp_path / "final", {k: v for k, v in _final_state().items() if v}, extract=LATER)
    write_csv(full / "intelligence.csv", [], header=["intel_id", "person_id", "submitted_date", "topic"])
    write_delta(first, full, tmp_path / "delta")
    con = connect(tmp_path / "delta.duckdb")
    ingest(first, con, progress=False)
    ingest(tmp_path / "delta", con, progress=False)
    assert derived_current(con)
    d = date.fromisoformat
    assert _base(con) == [
        ("C1", "Birmingham", "stalking", True, True, True, "2", d("2022-03-01"), d("2022-02-01")),
        ("C2", "Walsall", "rape", True, False, False, "1", d("2022-04-01"), d("2022-04-01")),
        ("C5", "Birmingham", "stalking", True, True, True, None, None, None),
    ]
    assert _links(con) == [
        ("C1", "P1", "victim", "Birmingham", True, d("2022-02-01")),
        ("C1", "P2", "suspect", "Birmingham", True, d("2022-02-01")),
        ("C2", "P3", "victim", "Walsall", False, d("2022-04-01")),
        ("C5", "P1", "victim", "Birmingham", True, None),
    ]
    by_full = connect(tmp_path / "full.duckdb")
    ingest(full, by_full, progress=False)
    assert _base(con) == _base(by_full) and _links(con) == _links(by_full)


def test_an_edit_outside_ingest_makes_them_stale_and_readers_use_the_base_tables(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = connect(path)
    ingest(write_bundle(tmp_path / "b"), con, progress=False)
    con.execute("DELETE FROM outcomes WHERE crime_id = 'C2'")
    assert not derived_current(con)
    from vawg.metrics import compute

    # Two positive outcomes in the derived table, one in the data: the data wins.
    result = compute(con, "vawg_positive_outcome_rate", grain="all")
    assert int(result.frame["numerator"].sum()) == 1


def test_an_older_store_gets_them_on_a_read_write_open(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = connect(path)
    ingest(write_bundle(tmp_path / "b"), con, progress=False)
    expected = _base(con), _links(con)
    con.execute("DROP TABLE crime_base")
    con.execute("DROP TABLE crime_links")
    con.execute("DELETE FROM meta WHERE key = 'derived_tables'")
    con.close()
    old = tmp_path / "old.duckdb"
    shutil.copy(path, old)
    read_only = connect(old, read_only=True)
    assert not derived_current(read_only)  # read-only: still read, from the base tables
    read_only.close()
    upgraded = connect(old)
    assert derived_current(upgraded)
    assert (_base(upgraded), _links(upgraded)) == expected


def test_tables_of_another_definition_are_rebuilt_on_a_read_write_open(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = connect(path)
    ingest(write_bundle(tmp_path / "b"), con, progress=False)
    expected = _base(con)
    con.execute("UPDATE crime_base SET area = 'Nowhere'")  # as an older definition might have made it
    con.execute("UPDATE meta SET value = replace(value, ?, 'older') WHERE key = 'derived_tables'",
                [json.loads(con.execute("SELECT value FROM meta WHERE key = 'derived_tables'").fetchall()[0][0])["definition"]])  # fmt: skip
    con.close()
    with connect(path, read_only=True) as read_only:
        assert not derived_current(read_only)
    with connect(path) as upgraded:
        assert derived_current(upgraded) and _base(upgraded) == expected
