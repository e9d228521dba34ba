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
