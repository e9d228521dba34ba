"""`vawg metrics list | show | sql`: thin commands over the library."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli import app
from vawg.metrics import REGISTRY

runner = CliRunner()


def test_list_json_is_the_catalogue() -> None:
    result = runner.invoke(app, ["metrics", "list", "--json"])
    assert result.exit_code == 0, result.output
    ids = [m["id"] for m in json.loads(result.output)]
    assert ids == REGISTRY.ids()


def test_list_table() -> None:
    result = runner.invoke(app, ["metrics", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "da_outstanding_suspects" in result.output


def test_show_json(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "show", "da_positive_outcome_rate", "--db", str(handmade_path),
                                 "--grain", "fy", "--from", "2022-04-01", "--to", "2023-03-31", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    # FY2022/23 on the hand-made store: 3 of 5 DA crimes with a positive current outcome.
    assert payload["rows"] == [
        {**payload["rows"][0], "period": "2022/23", "numerator": 3, "denominator": 5, "value": 0.6}
    ]


def test_show_table_by_area(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "show", "da_outstanding_suspects", "--db", str(handmade_path),
                                 "--by", "area", "--from", "2022-06-01", "--to", "2022-07-31"],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Birmingham" in result.output and "2022-07" in result.output


def test_show_unknown_metric_is_a_clear_error(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "show", "da_outstanding", "--db", str(handmade_path)])
    assert result.exit_code == 2  # bad input: one line on stderr, no traceback (vawg.cli._exit)
    assert "da_outstanding_suspects" in result.stderr and "Traceback" not in result.output


def test_sql_prints_the_compiled_query() -> None:
    result = runner.invoke(app, ["metrics", "sql", "stalking_positive_outcome_rate"])
    assert result.exit_code == 0 and "outcome_date" in result.output and "SELECT" in result.output


def test_list_never_cuts_an_id_at_80_columns() -> None:
    result = runner.invoke(app, ["metrics", "list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    for metric_id in REGISTRY.ids():
        assert metric_id in result.output


def test_show_csv(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "show", "da_positive_outcome_rate", "--db", str(handmade_path),
                                 "--grain", "fy", "--from", "2022-04-01", "--to", "2023-03-31", "--csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "period,numerator,denominator,value,ci_low,ci_high"
    assert lines[1].startswith("2022/23,3,5,0.6,") and len(lines) == 2


def test_spc_json_recalculates_the_bail_chart_at_the_declared_change(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "spc", "da_suspects_bailed", "--db", str(handmade_path),
                                 "--from", "2022-04-01", "--to", "2022-12-31", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["phase_starts"] == ["2022-11-01"]
    assert "bail" in payload["change_points"][0]["reason"] and payload["target"] is None
    assert [p["phase"] for p in payload["points"]] == [1] * 7 + [2] * 2


def test_spc_table_shows_the_same_month_last_year(handmade_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "spc", "da_recorded_crimes", "--db", str(handmade_path),
                                 "--from", "2021-04-01", "--to", "2022-06-30"], env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    # May 2022: C05 (DA) against May 2021: C11 -> 1 against 1, +0.0%
    may = next(line for line in result.output.splitlines() if "2022-05" in line)
    assert "+0.0%" in may
