"""Every line ending RFC 4180 (and common practice) allows loads, with quarantine lines that are right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest._helpers import write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.ingest._endings import normalise_line_endings
from vawg.ingest._lines import scan_file
from vawg.store import connect

HEADER = "action_id,crime_id,forum,description,owner,set_date,due_date,done_date"


def _row(i: int, set_date: str = "2022-01-15") -> str:
    return f"A{i},C1,clinic,Call,Team,{set_date},2022-02-01,"


def _load(bundle: Path) -> tuple[int, list[tuple[int, str, str]], list[str]]:
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    assert report.tables["actions"].status == "loaded", report.rejected
    rows = quarantine_rows(con, table="actions")
    ids = [r[0] for r in con.execute("SELECT action_id FROM actions ORDER BY rowid").fetchall()]
    return (
        report.tables["actions"].rows_read,
        list(zip(rows["line"], rows["rule"], rows["value"], strict=True)),
        ids,
    )


@pytest.mark.parametrize(
    "endings",
    [
        ["\n", "\r\n", "\n", "\r\n", "\n", "\r\n"],  # mixed LF and CRLF, line by line
        ["\n", "\n", "\r\r\n", "\n", "\n", "\n"],  # one stray CR before a newline
        ["\r\n", "\r\n", "\r\n", "\n", "\r\n", "\r\n"],  # a CRLF file with one LF
    ],
)
def test_mixed_line_endings_load_with_the_right_lines(tmp_path: Path, endings: list[str]) -> None:
    bundle = write_bundle(tmp_path / "b")
    rows = [HEADER, _row(1), _row(2, "1800-01-01"), _row(3), _row(4), _row(5, "1799-12-31")]
    text = "".join(line + end for line, end in zip(rows, endings, strict=True))
    (bundle / "actions.csv").write_bytes(text.encode())
    read, quarantined, ids = _load(bundle)
    assert read == 5 and ids == ["A1", "A3", "A4"]
    assert [(line, value) for line, _, value in quarantined] == [(3, "1800-01-01"), (6, "1799-12-31")]


def test_lf_file_with_a_crlf_tail_keeps_every_row_and_its_line(tmp_path: Path) -> None:
    """Two exports concatenated: 3,000 LF lines, then 3,000 CRLF lines; a bad date every 1,000 rows."""
    bundle = write_bundle(tmp_path / "b")
    parts = [HEADER + "\n"]
    for i in range(1, 6001):
        bad = i % 1000 == 0
        parts.append(_row(i, "1800-01-01" if bad else "2022-01-15") + ("\n" if i <= 3000 else "\r\n"))
    (bundle / "actions.csv").write_bytes("".join(parts).encode())
    read, quarantined, ids = _load(bundle)
    assert read == 6000 and len(ids) == 5994
    # Row i is on line i + 1; every quarantined line holds the value it reports.
    assert [line for line, _, _ in quarantined] == [1001, 2001, 3001, 4001, 5001, 6001]
    lines = (bundle / "actions.csv").read_bytes().split(b"\n")
    for line, _, value in quarantined:
        assert value.encode() in lines[line - 1]


def test_a_quoted_line_break_keeps_its_bytes_while_the_endings_are_made_uniform(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    text = (
        HEADER + "\n"
        + 'A1,C1,clinic,"first\r\nsecond",Team,2022-01-15,2022-02-01,\r\n'
        + _row(2, "1800-01-01") + "\n"
        + _row(3) + "\r\n"
    )  # fmt: skip
    (bundle / "actions.csv").write_bytes(text.encode())
    con = connect(":memory:")
    ingest(bundle, con, progress=False)
    assert con.execute("SELECT description FROM actions WHERE action_id = 'A1'").fetchall() == [
        ("first\r\nsecond",)
    ]
    assert quarantine_rows(con, table="actions")["line"].tolist() == [4]


def test_scan_counts_line_endings_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vawg.ingest._lines as lines

    monkeypatch.setattr(lines, "CHUNK", 3)
    path = tmp_path / "f.csv"
    path.write_bytes(b"ab\r\ncd\nef\r\r\ngh\r\n")
    scan = scan_file(path)
    assert (scan.newlines, scan.crlf, scan.stray_cr) == (4, 3, 1) and scan.mixed_endings


def test_normalised_copy_has_the_same_line_breaks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vawg.ingest._endings as endings

    monkeypatch.setattr(endings, "CHUNK", 4)
    path = tmp_path / "f.csv"
    path.write_bytes(b'a,b\r\n"x\r\ny",2\r\r\n3,"q""\r\n"\n')
    copy = normalise_line_endings(path)
    assert copy.read_bytes() == b'a,b\n"x\r\ny",2\n3,"q""\r\n"\n'


def test_two_mixed_files_in_one_transaction_both_load(tmp_path: Path) -> None:
    """persons and crimes (one transaction) both mix endings: each is read from a copy in turn."""
    bundle = write_bundle(tmp_path / "b")
    for name in ("persons", "crimes"):
        lines = (bundle / f"{name}.csv").read_bytes().split(b"\n")
        lines[1] += b"\r"
        (bundle / f"{name}.csv").write_bytes(b"\n".join(lines))
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    assert report.exit_code == 0
    assert con.execute("SELECT count(*) FROM persons").fetchall() == [(4,)]
    assert con.execute("SELECT count(*) FROM crimes").fetchall() == [(3,)]


def test_a_quote_inside_a_field_is_a_character_not_the_start_of_a_quoted_value(tmp_path: Path) -> None:
    """Found by the proof suite: stray quotes mid-field (which DuckDB reads as characters) must not
    hide the CR LF endings after them, or the copy keeps a CR and DuckDB's lines drift."""
    import vawg.ingest._endings as endings

    path = tmp_path / "f.csv"
    path.write_bytes(b'a,b\nx",1\r\ny",2\nz,3\r\n"q\r\nr",4\r\n"",5\r\n"""",6\r\n')
    assert normalise_line_endings(path).read_bytes() == b'a,b\nx",1\ny",2\nz,3\n"q\r\nr",4\n"",5\n"""",6\n'
    for chunk in (1, 2, 3, 5):  # the same whatever the chunk boundaries
        endings.CHUNK = chunk
        try:
            assert normalise_line_endings(path).read_bytes().count(b"\r") == 1
        finally:
            endings.CHUNK = 1 << 22
