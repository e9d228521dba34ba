"""Delta extracts: only what changed, deletions explicit; the result equals a full load of the final state."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, count_rows, snapshot, write_bundle, write_csv
from vawg.contract import TABLES
from vawg.ingest import ingest, quarantine_rows, write_delta
from vawg.store import connect


@pytest.fixture(autouse=True, params=["whole table", "narrowed"])
def _narrowing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case both ways: matched against the whole stored table, and against the stored rows
    narrowed to the file's keys first (what a small delta does on a big store; vawg.ingest._narrow)."""
    monkeypatch.setattr("vawg.ingest._narrow.NARROW_RATIO", 10**9 if request.param == "whole table" else 0)


LATER = date(2023, 4, 30)


def _final_state() -> dict[str, list[dict[str, str]]]:
    """The force a month later: changes, a correction, a new crime, a deleted crime and its dependants."""
    tables = base_rows()
    tables["crimes"][1]["area"] = "Walsall"  # C2 changed
    tables["crimes"] = [c for c in tables["crimes"] if c["crime_id"] != "C3"]  # C3 deleted ...
    tables["crime_persons"] = [r for r in tables["crime_persons"] if r["crime_id"] != "C3"]
    tables["custody"] = [r for r in tables["custody"] if r["crime_id"] != "C3"]  # ... with its custody
    tables["outcomes"][1]["outcome_code"] = "2"  # C1's outcome corrected
    tables["crimes"].append({**tables["crimes"][0], "crime_id": "C5", "recorded_date": "2023-04-10"})
    tables["crime_persons"].append({"crime_id": "C5", "person_id": "P1", "role": "victim", "linked_date": "",
                                    "age": "32"})  # fmt: skip
    tables["persons"][0]["ethnicity"] = "B1"
    tables["intelligence"] = []
    return tables


def _data(con) -> dict[str, object]:  # type: ignore[no-untyped-def]
    state = snapshot(con)
    return {spec.name: state[spec.name] for spec in TABLES}


def test_delta_gives_the_same_store_as_a_full_load_of_the_final_state(tmp_path: Path) -> None:
    first = write_bundle(tmp_path / "first")
    final = tables_final = _final_state()
    full = write_bundle(tmp_path / "final", {k: v for k, v in tables_final.items() if v}, extract=LATER)
    write_csv(full / "intelligence.csv", [], header=["intel_id", "person_id", "submitted_date", "topic"])
    counts = write_delta(first, full, tmp_path / "delta")
    manifest = json.loads((tmp_path / "delta" / "manifest.json").read_text())
    assert manifest["kind"] == "delta" and manifest["extract_date"] == "2023-04-30"
    # Only what changed: crimes C2 and C5, each with all its links and outcomes; C1 (unchanged) with
    # its outcomes, one of which is corrected, but not its links.
    assert counts["crimes"] == 2 and counts["persons"] == 1
    assert counts["crime_persons"] == 2 and counts["outcomes"] == 3
    # C3, its link, K2, N1, and C1's outcome under its old key
    assert counts["incidents"] == 0 and counts["deletions"] == 5
    assert not (tmp_path / "delta" / "incidents.csv").exists()

    by_delta = connect(tmp_path / "delta.duckdb")
    ingest(first, by_delta, progress=False)
    report = ingest(tmp_path / "delta", by_delta, progress=False)
    assert report.kind == "delta" and report.exit_code == 0
    assert report.deleted == {"crimes": 1, "crime_persons": 1, "custody": 1, "intelligence": 1, "outcomes": 1}
    by_full = connect(tmp_path / "full.duckdb")
    ingest(full, by_full, progress=False)
    assert _data(by_delta) == _data(by_full)
    assert count_rows(by_delta, "crimes") == 3 and len(final["crimes"]) == 3
    changes = by_delta.execute("SELECT table_name, record_key, change FROM history ORDER BY ALL").fetchall()
    assert ("crimes", "C3", "deleted") in changes and ("outcomes", "C1|1|2022-03-01", "deleted") in changes


def test_a_delta_with_a_rejected_file_loads_nothing(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    ingest(write_bundle(tmp_path / "first"), con, progress=False)
    before = snapshot(con)
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "manifest.json").write_text(json.dumps({"extract_date": "2023-04-30", "kind": "delta"}))
    write_csv(delta / "crimes.csv", [{**base_rows()["crimes"][0], "area": "Walsall"}])
    (delta / "deletions.csv").write_text("table_name,record_key\ncrimes,C2\n")
    (delta / "actions.csv").write_bytes(b"action_id,crime_id\nA1,C1,\xe9\n")  # unreadable
    report = ingest(delta, con, progress=False)
    assert report.exit_code == 2 and not report.loaded and report.deleted == {}
    assert snapshot(con) == before


def test_bad_deletions_line_rejects_the_delta_naming_the_line(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    ingest(write_bundle(tmp_path / "first"), con, progress=False)
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "manifest.json").write_text(json.dumps({"extract_date": "2023-04-30", "kind": "delta"}))
    (delta / "deletions.csv").write_text("table_name,record_key\ncrimes,C2\noutcomes,C1|16\n")
    report = ingest(delta, con, progress=False)
    assert report.exit_code == 2 and count_rows(con, "crimes") == 3
    (rejected,) = report.rejected
    assert "line 3" in rejected.found and "crime_id|outcome_code|outcome_date" in rejected.expected


def test_a_delta_resolves_the_quarantine_of_the_records_it_fixes(tmp_path: Path) -> None:
    tables = base_rows()
    tables["crimes"] += [{**tables["crimes"][1], "crime_id": "C8", "offence_code": "NOPE"},
                         {**tables["crimes"][1], "crime_id": "C9", "area": "", "offence_code": "NOPE"}]  # fmt: skip
    con = connect(tmp_path / "s.duckdb")
    ingest(write_bundle(tmp_path / "first", tables), con, progress=False)
    assert len(quarantine_rows(con)) == 3
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "manifest.json").write_text(json.dumps({"extract_date": "2023-04-30", "kind": "delta"}))
    write_csv(delta / "crimes.csv", [{**tables["crimes"][1], "crime_id": "C8"}])  # C8 fixed; C9 not sent
    ingest(delta, con, progress=False)
    open_rows = quarantine_rows(con)
    assert sorted(open_rows["column_name"]) == ["area", "offence_code"]  # C9's two problems stay open
    assert set(open_rows["raw"].map(lambda r: json.loads(r)["crime_id"])) == {"C9"}


def test_a_delta_killed_mid_load_leaves_the_store_as_it_was_and_loads_again(tmp_path: Path) -> None:
    from tests.ingest._kill import ingest_killed_at

    first = write_bundle(tmp_path / "first")
    full = write_bundle(tmp_path / "final", {k: v for k, v in _final_state().items() if v}, extract=LATER)
    write_csv(full / "intelligence.csv", [], header=["intel_id", "person_id", "submitted_date", "topic"])
    write_delta(first, full, tmp_path / "delta")
    store = tmp_path / "s.duckdb"
    ingest(first, store, progress=False)
    con = connect(store)
    before = snapshot(con)
    con.close()
    ingest_killed_at("ingest.bundle.written", tmp_path / "delta", store)
    con = connect(store)
    assert snapshot(con) == before  # deletions and files: none of it committed
    assert ingest(tmp_path / "delta", con, progress=False).exit_code == 0
    by_full = connect(":memory:")
    ingest(full, by_full, progress=False)
    assert _data(con) == _data(by_full)


@pytest.mark.parametrize("persons_file", [False, True])
def test_a_record_deleted_by_a_delta_is_gone_before_its_other_files_are_checked(
    tmp_path: Path, persons_file: bool
) -> None:
    """Deletions come first: a link to a person, or an outcome of a crime, that the same delta deletes
    is quarantined as an unknown reference (whether or not the deleted table has a file of its own,
    which decides when its deletions run), and so is a new order whose parent order is deleted."""
    rows = base_rows()
    con = connect(tmp_path / "s.duckdb")
    ingest(write_bundle(tmp_path / "first", rows), con, progress=False)
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "manifest.json").write_text(json.dumps({"extract_date": "2023-04-30", "kind": "delta"}))
    (delta / "deletions.csv").write_text(
        "table_name,record_key\npersons,P3\ncrimes,C2\norders,O2\norders,O1\norder_breaches,O2|2023-03-20\n"
    )
    if persons_file:
        write_csv(delta / "persons.csv", [{**rows["persons"][0], "ethnicity": "B1"}])
    write_csv(
        delta / "crime_persons.csv", [{**rows["crime_persons"][0], "person_id": "P3", "role": "suspect"}]
    )
    write_csv(
        delta / "outcomes.csv", [{"crime_id": "C2", "outcome_code": "16", "outcome_date": "2023-04-01"}]
    )
    write_csv(delta / "orders.csv", [{**rows["orders"][1], "order_id": "O3", "parent_order_id": "O1"}])
    report = ingest(delta, con, progress=False)
    assert report.loaded, report.rejected
    assert report.deleted == {"persons": 1, "crimes": 1, "crime_persons": 1, "outcomes": 1, "orders": 2,
                              "order_breaches": 1}  # fmt: skip
    broken = quarantine_rows(con)
    assert sorted(zip(broken["table_name"], broken["column_name"], broken["rule"], strict=True)) == [
        ("crime_persons", "person_id", "unknown_reference"),
        ("orders", "parent_order_id", "unknown_reference"),
        ("outcomes", "crime_id", "unknown_reference"),
    ]
    assert con.execute("SELECT count(*) FROM persons WHERE person_id = 'P3'").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM crime_persons WHERE crime_id = 'C2'").fetchall() == [(0,)]
