"""Quarantine line numbers are physical lines of the file (header = line 1)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np

from tests.ingest._helpers import write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.ingest._lines import LineMap, scan_file
from vawg.store import connect


def _lines_of(bundle: Path) -> list[tuple[int, str]]:
    con = connect(":memory:")
    ingest(bundle, con, progress=False)
    rows = quarantine_rows(con, table="actions")
    return list(zip(rows["line"], rows["rule"], strict=True))


def test_lines_count_quoted_line_breaks_blank_lines_and_crlf(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    text = (
        "action_id,crime_id,forum,description,owner,set_date,due_date,done_date\r\n"  # 1
        'A1,C1,clinic,"Apply for an SPO,\r\nthen review\r\nin a week",Team,2022-01-15,2022-02-01,\r\n'  # 2-4
        "\r\n"  # 5: blank
        "A2,C1,clinic,Call,Team,2022-01-15,2022-01-01,\r\n"  # 6: due before set
        'A3,C1,clinic,"two\nlines",Team,2022-01-15,2022-02-01,\r\n'  # 7-8
        "A4,C1,clinic,Call,Team,2022-01-15\r\n"  # 9: too few fields
        "A5,C404,clinic,Call,Team,2022-01-15,2022-02-01,\r\n"  # 10: unknown crime
    )
    (bundle / "actions.csv").write_bytes(text.encode())
    assert _lines_of(bundle) == [(6, "end_before_start"), (9, "malformed_row"), (10, "unknown_reference")]


def test_lines_in_a_simple_file_skip_rejected_lines(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    rows = [f"A{i},C1,clinic,Call,Team,2022-01-15,2022-02-01," for i in range(1, 9)]
    rows[2] = "A3,C1"  # line 4: malformed
    rows[3] = "A4,C1,x,y,z,2022-01-15,2022-02-01,,surplus"  # line 5: malformed
    rows[5] = "A6,C1,clinic,Call,Team,1800-01-01,2022-02-01,"  # line 7
    rows[7] = "A8,C404,clinic,Call,Team,2022-01-15,2022-02-01,"  # line 9
    header = "action_id,crime_id,forum,description,owner,set_date,due_date,done_date"
    (bundle / "actions.csv").write_text("\n".join([header, *rows]))  # no final line break
    assert _lines_of(bundle) == [
        (4, "malformed_row"), (5, "malformed_row"), (7, "date_out_of_range"), (9, "unknown_reference")
    ]  # fmt: skip


def test_line_map_arithmetic_matches_walking_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    lines = ["h1,h2"] + [f"{i},x" for i in range(20)]
    rejected = [3, 4, 10, 21]  # lines DuckDB could not split (kept in the file as they are)
    path.write_text("\n".join(lines) + "\n")
    records = 20 - len(rejected)
    simple = LineMap(path, "csv", scan_file(path).lines, records, rejected)
    assert simple.simple
    walked = LineMap(path, "csv", -1, records, rejected)  # forces the slow path
    assert not walked.simple
    recs = np.arange(records)
    expected = [n for n in range(2, 22) if n not in rejected]
    assert simple.record_lines(recs).tolist() == expected
    assert walked.record_lines(recs).tolist() == expected


def test_scan_file_digest_and_line_count(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a\nb\nc")
    first = scan_file(path)
    assert first.lines == 3
    path.write_bytes(b"a\nb\nc\n")
    second = scan_file(path)
    assert second.lines == 3 and second.sha256 != first.sha256


def test_lines_stay_exact_in_a_file_read_in_parallel(tmp_path: Path) -> None:
    """A file larger than DuckDB's CSV buffer (32 MB) is read by several threads; order must survive."""
    bundle = write_bundle(tmp_path / "b")
    n, bad = 700_000, {1_000: "NOPE", 400_000: "8Z", 699_999: "XX"}
    cases = " ".join(f"WHEN {i} THEN '{code}'" for i, code in bad.items())
    duckdb.connect().execute(
        f"COPY (SELECT 'X' || i AS crime_id, '2022-01-01' AS recorded_date, CASE i {cases} ELSE '8Q' END "
        f"AS offence_code, 'Local policing area number ' || (i % 7) AS area, 'true' AS da_flag "
        f"FROM range({n}) t(i)) "
        f"TO '{bundle / 'crimes.csv'}' (HEADER)"
    )
    con = connect(":memory:")
    ingest(bundle, con, progress=False)
    rows = quarantine_rows(con, table="crimes")
    assert list(zip(rows["line"], rows["value"], strict=True)) == [(i + 2, code) for i, code in bad.items()]
