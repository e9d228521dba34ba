"""A newer extract is the truth about each crime it holds: its links and outcomes replace the stored.

Hand-worked cases on the small base force (docs/ingest.md "Guarantees", "What a correction does").
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.quality import quality_report
from vawg.store import connect


@pytest.fixture(autouse=True, params=["whole table", "narrowed"])
def _narrowing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case both ways: matched against the whole stored table, and against the stored rows
    narrowed to the file's keys first (what a small delta does on a big store; vawg.ingest._narrow)."""
    monkeypatch.setattr("vawg.ingest._narrow.NARROW_RATIO", 10**9 if request.param == "whole table" else 0)


NEWER = date(2023, 4, 30)


def _store_with_first_extract(tmp_path: Path, tables: dict[str, list[dict[str, str]]] | None = None):  # type: ignore[no-untyped-def]
    con = connect(tmp_path / "store.duckdb")
    ingest(write_bundle(tmp_path / "first", tables), con, progress=False)
    return con


def _outcomes(con, crime: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return con.execute(
        "SELECT outcome_code, CAST(outcome_date AS VARCHAR) FROM outcomes WHERE crime_id = ? ORDER BY 2",
        [crime],
    ).fetchall()


def test_outcome_corrected_to_an_earlier_date_and_other_code_leaves_only_the_correction(
    tmp_path: Path,
) -> None:
    con = _store_with_first_extract(tmp_path)
    assert con.execute("SELECT outcome_code FROM crime_outcome WHERE crime_id = 'C2'").fetchall() == [("1",)]
    tables = base_rows()
    # C2's charge (code 1, 2022-04-01) was keyed wrongly: it was outcome 16 on 2022-03-20.
    tables["outcomes"][2] = {"crime_id": "C2", "outcome_code": "16", "outcome_date": "2022-03-20"}
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert report.tables["outcomes"].rows_removed == 1 and report.exit_code == 0
    assert _outcomes(con, "C2") == [("16", "2022-03-20")]
    assert con.execute("SELECT outcome_code FROM crime_outcome WHERE crime_id = 'C2'").fetchall() == [("16",)]
    assert _outcomes(con, "C1") == [("16", "2022-02-01"), ("1", "2022-03-01")]  # unchanged
    # History: what changed and from which extract.
    row = con.execute(
        "SELECT h.record_key, h.change, h.row, l.extract_date, l.file FROM history h "
        "JOIN loads l ON l.load_id = h.superseded_by_load"
    ).fetchall()
    assert len(row) == 1
    key, change, old, extract, file = row[0]
    assert (key, change, extract) == ("C2|1|2022-04-01", "removed", NEWER)
    assert json.loads(old)["outcome_code"] == "1" and file.endswith("newer/outcomes.csv")


def test_a_crime_sent_with_no_outcomes_keeps_none(tmp_path: Path) -> None:
    """C2 is in the newer crimes file but the outcomes file holds none of its rows: its stored
    outcome was withdrawn (the crime's set of outcomes is now empty), even though the outcomes
    file never names C2."""
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["outcomes"] = [r for r in tables["outcomes"] if r["crime_id"] != "C2"]
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert report.exit_code == 0 and report.tables["outcomes"].rows_removed == 1
    assert _outcomes(con, "C2") == []
    assert _outcomes(con, "C1") == [("16", "2022-02-01"), ("1", "2022-03-01")]  # untouched


def test_outcome_corrected_to_another_code_on_the_same_date(tmp_path: Path) -> None:
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["outcomes"][1]["outcome_code"] = "2"  # C1's 2022-03-01 outcome was 2, not 1
    ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert _outcomes(con, "C1") == [("16", "2022-02-01"), ("2", "2022-03-01")]


def test_victim_link_corrected_to_suspect_does_not_leave_both(tmp_path: Path) -> None:
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["crime_persons"][2]["role"] = "suspect"  # C2-P3 was a suspect, not the victim
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert report.tables["crime_persons"].rows_removed == 1
    assert con.execute(
        "SELECT CAST(role AS VARCHAR) FROM crime_persons WHERE crime_id = 'C2'"
    ).fetchall() == [("suspect",)]
    assert con.execute("SELECT record_key, change FROM history").fetchall() == [("C2|P3|victim", "removed")]


def test_crimes_not_in_the_extract_keep_their_links_and_outcomes(tmp_path: Path) -> None:
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["crimes"] = tables["crimes"][:1]  # an extract holding only C1
    tables["crime_persons"] = tables["crime_persons"][:1]  # C1 now has its victim link only
    tables["outcomes"] = tables["outcomes"][:2]
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert report.tables["crime_persons"].rows_removed == 1  # C1's suspect link
    links = con.execute("SELECT crime_id, person_id FROM crime_persons ORDER BY ALL").fetchall()
    assert links == [("C1", "P1"), ("C2", "P3"), ("C3", "P4")]
    assert _outcomes(con, "C2") == [("1", "2022-04-01")]


def test_a_link_sent_again_but_quarantined_is_not_removed(tmp_path: Path) -> None:
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["crime_persons"][0]["linked_date"] = "2022-13-45"  # C1-P1 victim: a bad date this time
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert (
        report.tables["crime_persons"].rows_removed == 0
        and report.tables["crime_persons"].rows_quarantined == 1
    )
    assert con.execute("SELECT count(*) FROM crime_persons WHERE crime_id = 'C1'").fetchall() == [(2,)]


def test_a_link_sent_again_with_an_unreadable_role_is_not_removed(tmp_path: Path) -> None:
    con = _store_with_first_extract(tmp_path)
    tables = base_rows()
    tables["crime_persons"][2]["role"] = "vctim"  # C2-P3: the role is misspelt this time
    report = ingest(write_bundle(tmp_path / "newer", tables, extract=NEWER), con, progress=False)
    assert report.tables["crime_persons"].rows_removed == 0
    assert con.execute(
        "SELECT CAST(role AS VARCHAR) FROM crime_persons WHERE crime_id = 'C2'"
    ).fetchall() == [("victim",)]


def _open_quarantine(con) -> int:  # type: ignore[no-untyped-def]
    frame = quality_report(con).quarantine
    return int(frame["rows"].sum()) if len(frame) else 0


def test_quarantine_row_fixed_in_a_later_extract_is_resolved(tmp_path: Path) -> None:
    tables = base_rows()
    tables["crimes"].append({**tables["crimes"][1], "crime_id": "C8", "offence_code": "NOPE"})
    tables["persons"].append({"person_id": "P9", "sex": "Q"})  # a bad sex code
    con = _store_with_first_extract(tmp_path, tables)
    assert _open_quarantine(con) == 2
    fixed = base_rows()
    fixed["crimes"].append({**fixed["crimes"][1], "crime_id": "C8", "offence_code": "8L"})
    fixed["persons"].append({"person_id": "P9", "sex": "Q"})  # still bad
    ingest(write_bundle(tmp_path / "newer", fixed, extract=NEWER), con, progress=False)
    assert _open_quarantine(con) == 1  # only P9's, found again by the newer extract
    open_rows = quarantine_rows(con)
    assert open_rows[["table_name", "value"]].values.tolist() == [["persons", "Q"]]
    everything = quarantine_rows(con, include_resolved=True)
    # C8's resolved row, and P9's (persons.csv is byte-identical: its quarantine replaced, not doubled)
    assert sorted(everything["value"]) == ["NOPE", "Q"]
    crimes_load = con.execute(
        "SELECT load_id FROM loads WHERE table_name = 'crimes' AND file LIKE '%newer%'"
    ).fetchall()[0][0]
    resolved = con.execute(
        "SELECT value, resolved_by_load FROM quarantine WHERE table_name = 'crimes'"
    ).fetchall()
    assert resolved == [("NOPE", crimes_load)]
