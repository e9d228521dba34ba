"""Reading the real Home Office PFA table: its quirks parsed right (rows looked up in the file by hand)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from vawg.errors import FileRejected, IngestError
from vawg.national import load_national, read_national_csv
from vawg.store import connect

HO_FILE = (
    Path(__file__).parents[1] / "data" / "ho-prc-pfa-2017-18" / "prc-pfa-mar2013-onwards-tables201718.csv"
)


@pytest.fixture(scope="module")
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(":memory:")
    load_national(HO_FILE, con)
    yield con
    con.close()


def _raw_rows() -> list[dict[str, str]]:
    with HO_FILE.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _stored(con: duckdb.DuckDBPyConnection, where: str) -> list[tuple[object, ...]]:
    return con.execute(
        f"SELECT source_line, offences FROM national_crime WHERE {where} ORDER BY source_line"
    ).fetchall()


def test_every_row_is_stored(store: duckdb.DuckDBPyConnection) -> None:
    assert store.execute("SELECT count(*) FROM national_crime").fetchall()[0][0] == len(_raw_rows())


def test_padded_count_is_read_as_a_number(store: duckdb.DuckDBPyConnection) -> None:
    # line 2: "2017/18,1,Action Fraud,...,AF, 66776 " (spaces around the count)
    assert _stored(store, "force_name = 'Action Fraud' AND financial_quarter = 1") == [(2, 66776)]
    # line 5491: "2017/18,1,West Midlands,Stalking,...,8Q, 80 "
    assert _stored(
        store, "force_name = 'West Midlands' AND financial_quarter = 1 AND offence_code = '8Q'"
    ) == [(5491, 80)]


def test_dash_zero_is_zero_and_repeated_homicide_rows_are_all_kept(store: duckdb.DuckDBPyConnection) -> None:
    # lines 60-63: Avon and Somerset Q1 homicide on four rows: -00, -00, 1, 1
    rows = _stored(
        store, "force_name = 'Avon and Somerset' AND financial_quarter = 1 AND offence_code LIKE '1/%'"
    )
    assert rows == [(60, 0), (61, 0), (62, 1), (63, 1)]


def test_negative_adjustments_are_kept_so_sums_stay_honest(store: duckdb.DuckDBPyConnection) -> None:
    # line 14234: "2017/18,3,Lancashire,Other miscellaneous sexual offences,...,88C,-45 "
    assert _stored(store, "force_name = 'Lancashire' AND financial_quarter = 3 AND offence_code = '88C'") == [
        (14234, -45)
    ]
    raw = sum(
        int(r["Number of Offences"].strip())
        for r in _raw_rows()
        if r["Force Name"] == "Lancashire" and r["Offence Code"] == "88C"
    )
    stored = store.execute(
        "SELECT sum(offences) FROM national_crime WHERE force_name = 'Lancashire' AND offence_code = '88C'"
    ).fetchall()[0][0]
    assert stored == raw


def test_fraud_bodies_and_btp_are_flagged_not_territorial(store: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(store.execute("SELECT DISTINCT force_name, force_kind FROM national_crime").fetchall())
    assert {n for n, k in kinds.items() if k == "fraud_body"} == {
        "Action Fraud",
        "CIFAS",
        "UK Finance",
        "Financial Fraud Action UK",
    }
    assert kinds["British Transport Police"] == "special"
    raw_forces = {r["Force Name"] for r in _raw_rows()}
    assert sum(k == "territorial" for k in kinds.values()) == len(raw_forces) - 5 == 43


def test_quarters_become_dates_and_calendar_quarters(store: duckdb.DuckDBPyConnection) -> None:
    rows = store.execute(
        "SELECT DISTINCT financial_quarter, period, calendar_quarter, period_start FROM national_crime ORDER BY 1"
    ).fetchall()
    assert [(r[1], r[2], str(r[3])) for r in rows] == [
        ("2017/18 Q1", "2017-Q2", "2017-04-01"),
        ("2017/18 Q2", "2017-Q3", "2017-07-01"),
        ("2017/18 Q3", "2017-Q4", "2017-10-01"),
        ("2017/18 Q4", "2018-Q1", "2018-01-01"),
    ]


def test_loading_again_replaces_the_year(tmp_path: Path) -> None:
    con = connect(":memory:")
    first = load_national(HO_FILE, con)
    second = load_national(HO_FILE, con)
    assert first.replaced_rows == 0 and second.replaced_rows == first.rows
    assert con.execute("SELECT count(*) FROM national_crime").fetchall()[0][0] == first.rows
    assert second.zero_dash_rows == sum(r["Number of Offences"].strip() == "-00" for r in _raw_rows())
    assert second.negative_rows == sum(int(r["Number of Offences"].strip()) < 0 for r in _raw_rows())


def _write_variant(tmp_path: Path, replace: tuple[str, str] | None = None, header: str | None = None) -> Path:
    lines = HO_FILE.read_text(encoding="utf-8").splitlines()[:40]
    if header is not None:
        lines[0] = header
    if replace is not None:
        lines = [line.replace(*replace) for line in lines]
    path = tmp_path / "variant.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_count_names_file_line_and_column(tmp_path: Path) -> None:
    path = _write_variant(
        tmp_path,
        replace=(
            "Absconding from lawful custody,Miscellaneous crimes,Miscellaneous crimes,80, 2 ",
            "Absconding from lawful custody,Miscellaneous crimes,Miscellaneous crimes,80,n/a",
        ),
    )
    with pytest.raises(IngestError) as info:
        read_national_csv(path)
    assert info.value.context["line"] == 3
    assert info.value.context["column"] == "Number of Offences"
    assert "n/a" in str(info.value) and str(path) in str(info.value)


def test_a_missing_column_rejects_the_file(tmp_path: Path) -> None:
    header = "Financial Year,Financial Quarter,Force,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences"
    with pytest.raises(FileRejected, match="missing Force Name"):
        read_national_csv(_write_variant(tmp_path, header=header))


def test_an_unknown_body_recording_only_fraud_is_a_fraud_body(tmp_path: Path) -> None:
    path = _write_variant(tmp_path, replace=("Action Fraud", "National Fraud Desk"))
    frame = read_national_csv(path)
    kinds = frame.drop_duplicates("force_name").set_index("force_name")["force_kind"]
    assert kinds["National Fraud Desk"] == "fraud_body"
    assert kinds["Avon and Somerset"] == "territorial"
