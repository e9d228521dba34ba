"""The national return: the template, the metric values, and suppression that cannot be undone."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from vawg import MARKING
from vawg.cli import app
from vawg.disclosure import recoverable_cells
from vawg.errors import ReportError
from vawg.metrics import compute
from vawg.reports import TEMPLATE_COLUMNS, NationalReturn, build_return, quarter_bounds, write_return
from vawg.store import connect

QUARTER = "2022-Q4"


@pytest.fixture(scope="module")
def ret(handmade_store: Path) -> NationalReturn:
    con = connect(handmade_store, read_only=True)
    try:
        return build_return(con, QUARTER, threshold=5)
    finally:
        con.close()


def test_quarter_bounds() -> None:
    assert [str(d) for d in quarter_bounds("2022-Q4")] == ["2022-10-01", "2022-12-31"]
    assert [str(d) for d in quarter_bounds("2023-Q1")] == ["2023-01-01", "2023-03-31"]
    with pytest.raises(ReportError, match="like 2022-Q4"):
        quarter_bounds("2022Q4")


def test_rows_follow_the_template_and_the_metrics(ret: NationalReturn, handmade_store: Path) -> None:
    assert list(ret.frame.columns) == list(TEMPLATE_COLUMNS)
    assert set(ret.frame["quarter"]) == {QUARTER}
    con = connect(handmade_store, read_only=True)
    first, last = quarter_bounds(QUARTER)
    for metric_id in ("vawg_recorded_crimes", "da_incidents", "da_positive_outcome_rate"):
        expected = compute(con, metric_id, grain="quarter", start=first, end=last).frame.iloc[0]
        row = ret.frame[(ret.frame["indicator_id"] == metric_id) & (ret.frame["breakdown"] == "All")].iloc[0]
        if not row["suppressed"]:
            assert row["numerator"] == expected["numerator"]
            assert row["value"] == pytest.approx(expected["value"])
        elif pd.notna(row["denominator"]):
            assert row["denominator"] == expected["denominator"]
    con.close()


def test_no_small_count_is_published(ret: NationalReturn) -> None:
    for column in ("numerator", "denominator"):
        shown = ret.frame[column].dropna()
        assert ((shown == 0) | (shown >= 5)).all(), column
    assert ret.suppression.primary, "the hand-made store has small cells: the test must exercise suppression"


def test_no_hidden_cell_can_be_worked_out(ret: NationalReturn) -> None:
    hidden = ret.suppression.suppressed
    for add in ret.additivities:
        assert sum(c in hidden for c in add.cells) != 1
    assert recoverable_cells(hidden, ret.additivities) == frozenset()


def test_a_rate_is_withheld_with_its_numerator(ret: NationalReturn) -> None:
    rates = ret.frame[ret.frame["unit"] == "rate"]
    hidden_parts = rates["numerator"].isna() | rates["denominator"].isna()
    assert rates.loc[hidden_parts, "value"].isna().all()
    assert rates.loc[hidden_parts, "suppressed"].all()
    assert (rates.loc[hidden_parts, "note"].str.contains("rate withheld")).all()


def test_the_published_file_leaves_no_lone_hidden_part(ret: NationalReturn, tmp_path: Path) -> None:
    """Read back the CSV alone: in no breakdown is exactly one part hidden under a shown total."""
    files = write_return(ret, tmp_path)
    with files.csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    totals = {}
    for row in rows:
        if row["breakdown"] == "All":
            totals[row["indicator_id"]] = row
        else:
            groups[row["indicator_id"], row["breakdown"].split(":")[0]].append(row)
    for (indicator, _), parts in groups.items():
        if indicator not in totals:
            continue
        for column in ("numerator", "denominator"):
            if totals[indicator][column] == "" and column == "denominator":
                continue
            hidden = [p for p in parts if p[column] == ""]
            if totals[indicator][column] != "":
                assert len(hidden) != 1, (indicator, column)


def test_excel_carries_the_marking_and_the_definitions(ret: NationalReturn, tmp_path: Path) -> None:
    files = write_return(ret, tmp_path)
    book = load_workbook(files.xlsx)
    sheet = book["Return"]
    assert [c.value for c in sheet[1]] == list(TEMPLATE_COLUMNS)
    assert sheet.max_row == len(ret.frame) + 1
    assert sheet.oddHeader.center.text == MARKING
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Marking"] == MARKING and about["Quarter"] == QUARTER
    assert "vawg_recorded_crimes" in about


def test_a_higher_threshold_hides_more(handmade_store: Path, ret: NationalReturn) -> None:
    con = connect(handmade_store, read_only=True)
    strict = build_return(con, QUARTER, threshold=20)
    con.close()
    assert len(strict.suppression.suppressed) > len(ret.suppression.suppressed)
    shown = strict.frame["numerator"].dropna()
    assert ((shown == 0) | (shown >= 20)).all()


def test_cli_export_npcc(handmade_store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["export", "npcc", "--db", str(handmade_store), "--quarter", QUARTER, "--out", str(tmp_path), "--json",
         "--threshold", "10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["threshold"] == 10 and Path(payload["csv"]).exists() and Path(payload["xlsx"]).exists()
    frame = pd.read_csv(payload["csv"])
    assert list(frame.columns) == list(TEMPLATE_COLUMNS) and len(frame) == payload["rows"]


def test_the_return_on_the_synthetic_force(small_force: tuple[Path, Path]) -> None:
    """On realistic data the shared quantities match (else build_return raises) and nothing is recoverable."""
    _, store = small_force
    con = connect(store, read_only=True)
    try:
        ret = build_return(con, QUARTER)
    finally:
        con.close()
    assert set(ret.frame["indicator_id"]) >= {
        "vawg_recorded_crimes",
        "da_positive_outcome_rate",
        "victim_age_profile",
    }
    assert recoverable_cells(ret.suppression.suppressed, ret.additivities) == frozenset()
    shown = ret.frame["numerator"].dropna()
    assert ((shown == 0) | (shown >= 5)).all()


def test_csv_has_integer_counts_rounded_rates_and_true_false(handmade_store: Path, tmp_path: Path) -> None:
    import csv

    con = connect(handmade_store, read_only=True)
    try:
        ret = build_return(con, QUARTER, threshold=5)
    finally:
        con.close()
    files = write_return(ret, tmp_path)
    with files.csv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["suppressed"] for r in rows} == {"TRUE", "FALSE"}
    for row, (_, expected) in zip(rows, ret.frame.iterrows(), strict=True):
        if row["value"] == "":
            assert pd.isna(expected["value"])
        elif row["unit"] == "rate":  # e.g. 0.0437: four decimal places, the same rate to 0.00005
            assert len(row["value"].split(".")[1]) == 4
            assert abs(float(row["value"]) - expected["value"]) <= 0.00005
        else:
            assert row["value"] == str(int(expected["value"])) and "." not in row["value"]
        for column in ("numerator", "denominator"):
            assert row[column] == "" or row[column].isdigit()
