"""Importing the tactical lead's spreadsheet: a messy sheet loads, a bad one names every problem and
changes nothing."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from vawg.strategy import PlanImportError, read_plan

STRANDS = {"our-behaviours", "criminal-justice", "safety-in-public"}
METRICS = {"da_positive_outcome_rate", "female_detainees"}


def messy_workbook(path: Path) -> Path:
    """As a person keeps it: a title row, spelled-out headers, Excel dates, blank rows, stray spaces."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan 2023"
    sheet.append(["VAIWG action plan — OFFICIAL"])
    sheet.append(["Reference", "Strand", "Action description", "Owner (role or team)", "Strand lead", "Start date",
                  "Due Date", "Status", "RAG status", "RAG reason", "Evidence"])  # fmt: skip
    sheet.append(["OB-1 ", "our-behaviours", "Tier 2 training live", "L&D", "Head of PSD", datetime(2022, 4, 1),
                  datetime(2023, 3, 31), "In progress", "Amber", "Uptake 60%", "metric:female_detainees; doc:L&D report"])  # fmt: skip
    sheet.append([None] * 11)
    sheet.append(["CJ-1", "criminal-justice", "Soteria operating model", "CJ portfolio", "ACC Crime", None,
                  "2023-06-30", "not started", "green", None, None])  # fmt: skip
    book.save(path)
    return path


def test_messy_workbook_loads(tmp_path: Path) -> None:
    parsed = read_plan(messy_workbook(tmp_path / "plan.xlsx"), strand_ids=STRANDS, known_metrics=METRICS)
    ob1, cj1 = parsed.actions
    assert (ob1.ref, ob1.status, ob1.rag, ob1.start_date, ob1.due_date) == (
        "OB-1", "in_progress", "amber", date(2022, 4, 1), date(2023, 3, 31),
    )  # fmt: skip
    assert ob1.evidence == ("metric:female_detainees", "doc:L&D report")
    assert (cj1.due_date, cj1.start_date, cj1.evidence) == (date(2023, 6, 30), None, ())
    assert parsed.blank_rows == 1


def test_bad_rows_name_file_row_column_and_expectation(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "ref",
                "strand",
                "description",
                "owner",
                "strand_lead",
                "start_date",
                "due_date",
                "status",
                "rag",
                "rag_reason",
                "evidence",
            ]
        )
        writer.writerow(
            ["A-1", "our-behaviours", "x", "L&D", "PSD", "", "31/03/2023", "in_progress", "green", "", ""]
        )
        writer.writerow(
            ["A-2", "nightlife", "x", "L&D", "PSD", "", "2023-03-31", "done", "red", "", "metric:nope"]
        )
        writer.writerow(
            [
                "A-1",
                "our-behaviours",
                "x",
                "L&D",
                "PSD",
                "2023-04-01",
                "2023-03-31",
                "in_progress",
                "green",
                "",
                "",
            ]
        )
    with pytest.raises(PlanImportError) as caught:
        read_plan(path, strand_ids=STRANDS, known_metrics=METRICS)
    text = str(caught.value)
    for expected in (
        "plan.csv: row 2, column due_date: expected a date YYYY-MM-DD; found '31/03/2023'",
        "row 3, column strand: expected one of criminal-justice, our-behaviours, safety-in-public; found 'nightlife'",
        "row 3, column status: expected one of not_started, in_progress, complete, cancelled; found 'done'",
        "row 3, column rag_reason: expected a reason (required when the RAG is red)",
        "row 3, column evidence: expected a metric id of the registry (no metric 'nope')",
        "row 4, column due_date: expected a date on or after the start date 2023-04-01",
        "nothing was imported",
    ):
        assert expected in text, text


def test_not_a_plan(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(PlanImportError, match="no header row"):
        read_plan(tmp_path / "x.csv", strand_ids=STRANDS, known_metrics=METRICS)
    (tmp_path / "y.csv").write_bytes(b"ref,strand\n\xff\xfe\n")
    with pytest.raises(PlanImportError, match="not UTF-8"):
        read_plan(tmp_path / "y.csv", strand_ids=STRANDS, known_metrics=METRICS)
    (tmp_path / "z.xlsx").write_bytes(b"not a zip")
    with pytest.raises(PlanImportError, match="cannot read as an Excel workbook"):
        read_plan(tmp_path / "z.xlsx", strand_ids=STRANDS, known_metrics=METRICS)
