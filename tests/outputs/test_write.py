"""write_table: every format, marking conventions, no live formula in CSV or XLSX, atomic writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from tests.outputs._safety import HOSTILE, csv_problems, xlsx_problems
from vawg import MARKING, ReportError
from vawg.outputs import write_table


def hostile_frame() -> pd.DataFrame:
    n = len(HOSTILE)
    return pd.DataFrame(
        {
            "person_id": list(HOSTILE),
            "area": list(reversed(HOSTILE)),
            "score": np.linspace(-2.5, 2.5, n),
            "count": np.arange(n) - 3,
            "when": pd.date_range("2023-01-01", periods=n),
        }
    )


def test_raw_frame_would_be_dangerous(tmp_path: Path) -> None:
    """The check can fail: pandas' own writers leave the formulas live."""
    hostile_frame().to_csv(tmp_path / "raw.csv", index=False)
    hostile_frame().to_excel(tmp_path / "raw.xlsx", index=False)
    assert csv_problems(tmp_path / "raw.csv")
    assert xlsx_problems(tmp_path / "raw.xlsx")


def test_csv_is_safe_marked_and_keeps_negative_numbers(tmp_path: Path) -> None:
    path = write_table(hostile_frame(), tmp_path / "out.csv", marking=MARKING)
    assert csv_problems(path) == []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"# {MARKING}")
    back = pd.read_csv(path, skiprows=1)
    assert back["count"].tolist() == (np.arange(len(HOSTILE)) - 3).tolist()
    assert back["score"].iloc[0] == -2.5
    assert back["person_id"].iloc[0] == "'" + HOSTILE[0]
    assert back["person_id"].tolist()[HOSTILE.index("a;=1+1")] == "a;=1+1"


def test_text_is_quoted_so_a_semicolon_cannot_start_a_cell(tmp_path: Path) -> None:
    path = write_table(pd.DataFrame({"area": ["a;=1+1"], "n": [-3]}), tmp_path / "out.csv")
    assert path.read_text(encoding="utf-8").splitlines()[1] == '"a;=1+1",-3'


def test_unmarked_csv_has_no_marking_line(tmp_path: Path) -> None:
    path = write_table(pd.DataFrame({"n": [1, 2]}), tmp_path / "agg.csv")
    assert path.read_text(encoding="utf-8").splitlines() == ['"n"', "1", "2"]


def test_xlsx_has_no_formula_and_carries_the_marking(tmp_path: Path) -> None:
    about = pd.DataFrame({"about": ["=1+1 is not run here"]})
    path = write_table(
        hostile_frame(),
        tmp_path / "out.xlsx",
        marking=MARKING,
        sheet_name="scores",
        extra_sheets={"about": about},
    )
    assert xlsx_problems(path) == []
    book = load_workbook(path)
    assert book.sheetnames == ["scores", "about"]
    for sheet in book.worksheets:
        assert str(sheet["A1"].value).startswith(MARKING)
        assert sheet.oddHeader.center.text == MARKING and sheet.oddFooter.center.text == MARKING
    sheet = book["scores"]
    assert [c.value for c in sheet[2]] == ["person_id", "area", "score", "count", "when"]
    assert sheet["A3"].value == "'" + HOSTILE[0] and sheet["C3"].value == -2.5 and sheet["D3"].value == -3
    back = pd.read_excel(path, sheet_name="scores", header=1)
    assert back["count"].tolist() == (np.arange(len(HOSTILE)) - 3).tolist()


def test_xlsx_replaces_characters_excel_cannot_hold(tmp_path: Path) -> None:
    path = write_table(pd.DataFrame({"v": ["a\x01b", "\x02=1"]}), tmp_path / "out.xlsx")
    values = [c.value for c in load_workbook(path).active["A"]]
    assert values == ["v", "a\ufffdb", "'\ufffd=1"]


def test_parquet_and_json_keep_values_exactly_and_carry_the_marking(tmp_path: Path) -> None:
    frame = hostile_frame()
    parquet = write_table(frame, tmp_path / "out.parquet", marking=MARKING)
    assert pq.read_schema(parquet).metadata[b"vawg.marking"] == MARKING.encode()
    assert pd.read_parquet(parquet)["person_id"].tolist() == list(HOSTILE)
    import json

    payload = json.loads(write_table(frame, tmp_path / "out.json", marking=MARKING).read_text())
    assert payload["marking"] == MARKING
    assert [r["person_id"] for r in payload["rows"]] == list(HOSTILE)


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"out\.txt: expected a \.csv"):
        write_table(pd.DataFrame({"n": [1]}), tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = write_table(pd.DataFrame({"n": [1]}), tmp_path / "out.parquet")
    before = path.read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error for an unstorable column
        write_table(pd.DataFrame({"n": [object()]}), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]
