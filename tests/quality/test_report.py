"""The data quality report over a hand-made store whose gaps are known."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest._helpers import base_rows, write_bundle
from vawg.cli import app
from vawg.ingest import ingest
from vawg.quality import QualityReport, quality_report
from vawg.store import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = base_rows()
    tables["crimes"].append({**tables["crimes"][2], "crime_id": "C4", "recorded_date": "2022-06-01"})
    tables["crimes"].append({**tables["crimes"][2], "crime_id": "C5", "offence_code": "NOPE"})
    tables["persons"].append({"person_id": "P5", "sex": "U", "birth_year": "", "ethnicity": "asian"})
    folder = tmp_path_factory.mktemp("quality")
    path = folder / "store.duckdb"
    ingest(write_bundle(folder / "bundle", tables), path, progress=False)
    return path


@pytest.fixture(scope="module")
def report(store: Path) -> QualityReport:
    con = connect(store, read_only=True)
    try:
        return quality_report(con)
    finally:
        con.close()


def _row(frame, **where):  # type: ignore[no-untyped-def]
    mask = True
    for key, value in where.items():
        mask = mask & (frame[key] == value)
    [found] = frame[mask].to_dict(orient="records")
    return found


def test_completeness(report: QualityReport) -> None:
    birth = _row(report.completeness, table="persons", column="birth_year")
    assert (birth["rows"], birth["missing"], birth["missing_pct"]) == (5, 2, 40.0)
    ethnicity = _row(report.completeness, table="persons", column="ethnicity")
    assert (ethnicity["missing"], ethnicity["not_stated"], ethnicity["not_stated_pct"]) == (1, 2, 40.0)
    sex = _row(report.completeness, table="persons", column="sex")
    assert (sex["missing"], sex["not_stated"]) == (0, 1)
    hba = _row(report.completeness, table="crimes", column="hba_flag")
    assert (hba["rows"], hba["missing"], hba["required"]) == (4, 1, False)
    incidents = _row(report.completeness, table="incidents", column="crime_id")
    assert (incidents["rows"], incidents["missing"], incidents["missing_pct"]) == (2, 1, 50.0)


def test_codes_seen(report: QualityReport) -> None:
    codes = report.codes[(report.codes["table"] == "crimes") & (report.codes["column"] == "offence_code")]
    assert dict(zip(codes["code"], codes["rows"], strict=True)) == {"105A": 2, "8Q": 1, "19C": 1}
    assert codes["share"].sum() == pytest.approx(1.0)
    ethnicity = report.codes[report.codes["column"] == "ethnicity"]
    assert set(ethnicity["code"].dropna()) == {"W1", "A1", "NS", "Asian"}


def test_quarantine_counts(report: QualityReport) -> None:
    assert report.quarantine.to_dict(orient="records") == [
        {"table": "crimes", "rule": "unknown_code", "rows": 1, "lines": 1}
    ]


def test_date_coverage_finds_the_empty_months(report: QualityReport) -> None:
    recorded = _row(report.date_coverage, table="crimes", column="recorded_date")
    assert (recorded["first"], recorded["last"]) == (date(2022, 1, 10), date(2022, 6, 1))
    assert recorded["months"] == 6 and recorded["empty_months"] == 2
    assert recorded["gaps"] == ["2022-04", "2022-05"]
    assert recorded["per_month"] == {"2022-01": 1, "2022-02": 1, "2022-03": 1, "2022-06": 1}
    assert _row(report.date_coverage, table="incidents", column="reported_date")["rows"] == 2


def test_extract_date_and_loads(report: QualityReport) -> None:
    assert report.extract_date == date(2023, 3, 31)
    assert len(report.loads) == len(base_rows())
    crimes = _row(report.loads, table="crimes")
    assert (crimes["rows_read"], crimes["rows_loaded"], crimes["rows_quarantined"]) == (5, 4, 1)


def test_empty_store(tmp_path: Path) -> None:
    empty = quality_report(connect(":memory:"))
    assert empty.extract_date is None and empty.loads.empty and empty.quarantine.empty
    assert (empty.completeness["rows"] == 0).all()
    assert json.dumps(empty.to_dict())


def test_cli_json_and_text(store: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["quality", "--db", str(store), "--json"])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert set(out) == {"extract_date", "extract_date_source", "extract_date_note", "completeness", "codes",
                        "quarantine", "date_coverage", "loads"}  # fmt: skip
    assert out["extract_date"] == "2023-03-31"
    assert (out["extract_date_source"], out["extract_date_note"]) == ("manifest", None)
    assert {"table": "crimes", "rule": "unknown_code", "rows": 1, "lines": 1} in out["quarantine"]
    text = runner.invoke(app, ["quality", "--db", str(store)])
    assert text.exit_code == 0 and "Completeness" in text.stdout
    assert "crimes.recorded_date: no rows in 2022-04, 2022-05" in text.stdout
    missing = runner.invoke(app, ["quality", "--db", str(store.parent / "none.duckdb")])
    assert missing.exit_code == 2 and "vawg ingest" in missing.output


def test_cli_never_cuts_table_or_column_names_at_80_columns(store: Path) -> None:
    text = CliRunner().invoke(app, ["quality", "--db", str(store)], env={"COLUMNS": "80"})
    assert text.exit_code == 0 and "…" not in text.stdout
    assert "crime_persons" in text.stdout and "committed_date" in text.stdout


def test_cli_at_80_columns_keeps_every_number_and_name_whole(small_force) -> None:  # type: ignore[no-untyped-def]
    # The synthetic force has counts in the thousands: each must print whole (it printed "1729"
    # above "9"), with its thousands separator, and no line may run past the 80 columns.
    _, store = small_force
    con = connect(store, read_only=True)
    try:
        data = quality_report(con).to_dict()
    finally:
        con.close()
    text = CliRunner().invoke(app, ["quality", "--db", str(store)], env={"COLUMNS": "80"})
    assert text.exit_code == 0
    assert max(len(line) for line in text.stdout.splitlines()) <= 80
    words = set(text.stdout.split())
    for row in data["loads"]:
        assert f"{row['rows_read']:,}" in words and row["table"] in words
    for row in data["completeness"]:
        if row["rows"] and row["missing"]:
            assert f"{row['missing']:,}" in words and f"({row['missing_pct']:.1f}%)" in words
    assert any(row["rows_read"] >= 1000 for row in data["loads"])  # the check above is about big numbers
    # No table is cropped to fit (Date coverage lost its last columns): every last column is there.
    heads = [line.split() for line in text.stdout.splitlines()]
    for last in ("stated", "share", "lines", "months", "rows"):
        assert any(words and words[-1] == last for words in heads), last
    for row in data["date_coverage"]:
        if row["rows"]:
            line = f"{row['first'][:10]} {row['last'][:10]} {row['months']:,}"
            assert line in " ".join(text.stdout.split()), line
