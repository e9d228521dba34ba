"""Periods outside the data are refused (exit 2) with the range that is available."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vawg.cli import app
from vawg.errors import ReportError
from vawg.metrics import DataCoverage, data_coverage
from vawg.reports import build_return, report_window
from vawg.store import connect

runner = CliRunner()


def test_coverage_of_the_handmade_store(handmade_store: Path) -> None:
    con = connect(handmade_store, read_only=True)
    # first crime recorded in April 2021 (its month's first day), extract date 31 March 2023
    assert data_coverage(con) == DataCoverage(date(2021, 4, 1), date(2023, 3, 31))
    con.close()


@pytest.mark.parametrize("quarter", ["2024-Q1", "2021-Q1", "2023-Q2"])
def test_a_quarter_outside_the_data_is_refused_naming_the_quarters_available(
    handmade_store: Path, quarter: str
) -> None:
    con = connect(handmade_store, read_only=True)
    with pytest.raises(ReportError, match=r"quarters 2021-Q2 to 2023-Q1 can be returned"):
        build_return(con, quarter)
    con.close()


def test_export_of_a_later_quarter_exits_2(handmade_store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "npcc", "--db", str(handmade_store), "--quarter", "2024-Q1",
                                 "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "quarters 2021-Q2 to 2023-Q1 can be returned" in " ".join(result.output.split())
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("end", [date(2020, 6, 30), date(2024, 1, 31), date(2023, 2, 28)])
def test_a_report_window_outside_the_data_is_refused(handmade_store: Path, end: date) -> None:
    con = connect(handmade_store, read_only=True)
    # 24 months are needed: only a period ending March 2023 fits April 2021 to March 2023
    with pytest.raises(ReportError, match="--period-end must be between 2023-03-31 and 2023-03-31"):
        report_window(con, end)
    assert report_window(con, date(2023, 3, 31)).previous_start == date(2021, 4, 1)
    con.close()
