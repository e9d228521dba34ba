"""Whole files: rejected when they cannot be read as their table; the bundle folder's layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.ingest._helpers import EXTRACT, base_rows, count_rows, snapshot, write_bundle, write_csv
from vawg.errors import FileRejected, IngestError
from vawg.ingest import ingest, quarantine_rows
from vawg.quality import quality_report
from vawg.store import connect, extract_date_source


def _rejected_only(report, table: str) -> FileRejected:  # type: ignore[no-untyped-def]
    assert [r.table for r in report.rejected] == [table]
    assert report.exit_code == 2
    return report.rejected[0]


def test_wrong_delimiter_says_what_it_found(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    text = (bundle / "crimes.csv").read_text().replace(",", ";")
    (bundle / "crimes.csv").write_text(text)
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    rejected = _rejected_only(report, "crimes")
    assert "columns crime_id, recorded_date, offence_code, area, da_flag" in rejected.expected
    assert rejected.found.startswith("crime_id;recorded_date;offence_code")
    assert "(is the delimiter ';'?)" in rejected.found
    assert "crimes.csv" in str(rejected)
    # A required table rejected: nothing loads, not even the persons before it.
    assert not report.loaded and count_rows(con, "persons") == 0
    assert con.execute("SELECT status FROM loads").fetchall() == [("rejected",)]


def test_missing_required_column_names_it(tmp_path: Path) -> None:
    tables = base_rows()
    for row in tables["crimes"]:
        del row["area"]
    con = connect(":memory:")
    rejected = _rejected_only(ingest(write_bundle(tmp_path / "b", tables), con, progress=False), "crimes")
    assert rejected.found.endswith("missing area")
    assert "columns crime_id, recorded_date" in rejected.found


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf\n\n", "empty file"),
        (b"\xff\xfei\x00n\x00c\x00", "UTF-16"),
        (b"incident_id,reported_date,area,da_flag,caf\xe9\nI1,2022-01-01,A,true,x\n", "not UTF-8"),
    ],
    ids=["empty", "bom-only", "utf16", "latin1-header"],
)
def test_unreadable_optional_file_is_rejected_and_the_rest_loads(
    tmp_path: Path, content: bytes, found: str
) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "incidents.csv").write_bytes(content)
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    rejected = _rejected_only(report, "incidents")
    assert found in rejected.found
    assert report.loaded and count_rows(con, "incidents") == 0
    assert count_rows(con, "crimes") == 3 and report.tables["incidents"].status == "rejected"


def test_bytes_not_utf8_in_the_body_reject_the_file(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    with (bundle / "incidents.csv").open("ab") as fh:
        fh.write(b"I3,2022-03-01,Caf\xe9 Quarter,true,\n")
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    rejected = _rejected_only(report, "incidents")
    assert "not UTF-8" in rejected.found and rejected.expected == "UTF-8 text"
    assert count_rows(con, "incidents") == 0  # the whole file, not only the bad row
    assert count_rows(con, "actions") == 1  # files after it still load


def test_corrupt_parquet_is_rejected(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "intelligence.csv").unlink()
    (bundle / "intelligence.parquet").write_bytes(b"PAR1 this is not really parquet")
    con = connect(":memory:")
    rejected = _rejected_only(ingest(bundle, con, progress=False), "intelligence")
    assert rejected.expected == "a Parquet file"
    assert "cannot read as Parquet" in rejected.found


def test_two_files_for_one_table_are_rejected(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "Intelligence.CSV").write_text((bundle / "intelligence.csv").read_text())
    (bundle / "intelligence.csv").rename(bundle / "intelligence.parquet")
    rejected = _rejected_only(ingest(bundle, connect(":memory:"), progress=False), "intelligence")
    assert "both" in rejected.found


def test_bom_and_header_case_and_spaces_are_accepted(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    lines = (bundle / "crimes.csv").read_text().splitlines()
    header = ",".join(
        f"  {name.upper()} " if i % 2 else name.title() for i, name in enumerate(lines[0].split(","))
    )
    (bundle / "crimes.csv").write_bytes(b"\xef\xbb\xbf" + "\n".join([header, *lines[1:]]).encode() + b"\n")
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    assert report.exit_code == 0 and count_rows(con, "crimes") == 3
    assert con.execute("SELECT crime_id FROM crimes ORDER BY 1").fetchall() == [("C1",), ("C2",), ("C3",)]


def test_extra_columns_are_kept_in_extra(tmp_path: Path) -> None:
    tables = base_rows()
    for i, row in enumerate(tables["crimes"]):
        row["Beat Code"] = f"B{i}"
        row["niche_ref"] = "" if i else "N-77"
    con = connect(":memory:")
    assert ingest(write_bundle(tmp_path / "b", tables), con, progress=False).exit_code == 0
    extra = dict(con.execute("SELECT crime_id, extra FROM crimes").fetchall())
    assert json.loads(extra["C1"]) == {"Beat Code": "B0", "niche_ref": "N-77"}
    assert json.loads(extra["C2"]) == {"Beat Code": "B1", "niche_ref": None}
    assert con.execute("SELECT extra FROM persons LIMIT 1").fetchone() == (None,)


def test_optional_tables_may_be_missing_and_unknown_files_are_ignored(tmp_path: Path) -> None:
    tables = {k: v for k, v in base_rows().items() if k in ("persons", "crimes", "crime_persons", "outcomes")}
    bundle = write_bundle(tmp_path / "b", tables)
    (bundle / "truth").mkdir()
    write_csv(bundle / "truth" / "crimes.csv", [{"junk": "1"}])  # a subfolder is not part of the bundle
    (bundle / "README.txt").write_text("not a table")
    (bundle / "suspects.csv").write_text("not,a,contract,table\n")
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    assert report.exit_code == 0 and not report.rejected
    assert set(report.tables) == set(tables)
    assert count_rows(con, "crimes") == 3 and count_rows(con, "incidents") == 0


def test_missing_required_table_rejects_the_bundle(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "outcomes.csv").unlink()
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    rejected = _rejected_only(report, "outcomes")
    assert "required table" in rejected.expected and rejected.found == "no such file in the bundle"
    assert not report.loaded and count_rows(con, "persons") == 0


def test_bundle_that_is_not_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not a folder"):
        ingest(tmp_path / "nowhere", connect(":memory:"), progress=False)


def test_extract_date_from_argument_then_manifest_then_inferred(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    con = connect(":memory:")
    assert ingest(bundle, con, progress=False).extract_date == EXTRACT
    assert con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchone() == ("2023-03-31",)
    earlier = connect(":memory:")
    report = ingest(bundle, earlier, progress=False, extract_date=date(2023, 3, 29))
    assert report.extract_date == date(2023, 3, 29)
    # The earlier extract date puts the K2 arrest (2023-03-30) after it.
    rows = quarantine_rows(earlier)
    assert list(zip(rows["table_name"], rows["rule"], rows["value"], strict=True)) == [
        ("custody", "date_out_of_range", "2023-03-30")
    ]
    (bundle / "manifest.json").unlink()
    inferred = connect(":memory:")
    report = ingest(bundle, inferred, progress=False)
    # The latest event date in the base rows is the K2 arrest, 2023-03-30; the later dates are a
    # bail end (2023-06-30), an order expiry and an action's due date, which may lie ahead.
    assert (report.extract_date, report.extract_date_source) == (date(2023, 3, 30), "inferred")
    assert report.to_dict()["extract_date_source"] == "inferred"
    assert extract_date_source(inferred) == "inferred"
    assert quality_report(inferred).extract_date_note.startswith("Extract date 2023-03-30: INFERRED")
    given = connect(":memory:")
    ingest(bundle, given, progress=False, extract_date=date(2023, 3, 31))
    assert extract_date_source(given) == "option" and quality_report(given).extract_date_note is None


def test_header_only_file_loads_nothing_and_is_fine(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "actions.csv").write_text("action_id,crime_id,description,owner,set_date,due_date\n")
    report = ingest(bundle, connect(":memory:"), progress=False)
    assert report.exit_code == 0 and report.tables["actions"].rows_read == 0


def _write_parquet(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    """The bundle as Parquet, with real DATE and BOOLEAN columns where the contract has them."""
    folder.mkdir()
    csv_folder = write_bundle(folder.parent / (folder.name + "-csv"), tables)
    con = duckdb.connect()
    for name in tables:
        con.execute(
            f"COPY (SELECT * FROM read_csv('{csv_folder / (name + '.csv')}', header = true)) "
            f"TO '{folder / (name + '.parquet')}' (FORMAT parquet)"
        )
    return folder


def test_parquet_bundle_loads_like_the_csv_one(tmp_path: Path) -> None:
    tables = base_rows()
    from_csv, from_parquet = connect(":memory:"), connect(":memory:")
    ingest(write_bundle(tmp_path / "csv", tables), from_csv, progress=False, extract_date=EXTRACT)
    report = ingest(
        _write_parquet(tmp_path / "pq", tables), from_parquet, progress=False, extract_date=EXTRACT
    )
    assert report.exit_code == 0
    assert snapshot(from_csv) == snapshot(from_parquet)


def test_parquet_bad_row_line_is_its_row_number(tmp_path: Path) -> None:
    tables = base_rows()
    tables["crimes"].insert(1, {**tables["crimes"][0], "crime_id": "C7", "offence_code": "NOPE"})
    con = connect(":memory:")
    ingest(_write_parquet(tmp_path / "pq", tables), con, progress=False, extract_date=EXTRACT)
    rows = quarantine_rows(con)
    assert list(zip(rows["rule"], rows["line"], strict=True)) == [("unknown_code", 2)]
    assert rows.iloc[0]["file"].endswith("crimes.parquet")


def test_parquet_whole_doubles_load_as_integers(tmp_path: Path) -> None:
    """pandas writes an integer column with nulls as DOUBLE: whole values are integers, 1990.5 is not."""
    import pandas as pd

    bundle = _write_parquet(tmp_path / "pq", base_rows())
    persons = pd.DataFrame(
        {"person_id": ["P1", "P2", "P3", "P4", "P5"], "sex": ["F", "M", "F", "M", "F"],
         "birth_year": [1990.0, 1985.0, None, 1970.0, 1990.5], "ethnicity": ["W1", "A1", None, "NS", "W1"]}
    )  # fmt: skip
    persons.to_parquet(bundle / "persons.parquet")
    con = connect(":memory:")
    ingest(bundle, con, progress=False, extract_date=EXTRACT)
    years = con.execute("SELECT person_id, birth_year FROM persons ORDER BY 1").fetchall()
    assert years == [("P1", 1990), ("P2", 1985), ("P3", None), ("P4", 1970)]
    rows = quarantine_rows(con)
    assert list(zip(rows["rule"], rows["value"], strict=True)) == [("bad_type", "1990.5")]


def test_parquet_timestamptz_dates_do_not_depend_on_the_machine_time_zone(tmp_path: Path) -> None:
    """An instant's date is its UK calendar date: 2022-06-30 23:30 UTC is 1 July in London (BST)."""
    import pandas as pd

    tables = base_rows()
    bundle = _write_parquet(tmp_path / "pq", tables)
    crimes = pd.read_parquet(bundle / "crimes.parquet")
    crimes["recorded_date"] = pd.to_datetime(
        ["2022-06-30 23:30", "2022-01-15 23:30", "2022-03-05 00:30"]
    ).tz_localize("UTC")  # summer: next day in London; winter: same day (GMT = UTC)
    crimes.to_parquet(bundle / "crimes.parquet")
    seen = []
    for zone in ("America/Los_Angeles", "Asia/Tokyo", "UTC"):
        con = connect(":memory:")
        con.execute(f"SET TimeZone = '{zone}'")
        ingest(bundle, con, progress=False, extract_date=EXTRACT)
        seen.append(
            con.execute("SELECT CAST(recorded_date AS VARCHAR) FROM crimes ORDER BY crime_id").fetchall()
        )
    assert seen[0] == seen[1] == seen[2] == [("2022-07-01",), ("2022-01-15",), ("2022-03-05",)]
