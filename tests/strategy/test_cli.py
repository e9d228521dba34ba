"""`vawg plan` end to end: template, import by an authenticated analyst, export, round trip, status."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from vawg.cli import app

runner = CliRunner()


def _pw(output: str) -> str:
    match = re.search(r"shown once[^:]*: (\S+)", output)
    assert match, output
    return match.group(1)


@pytest.fixture
def db(tmp_path: Path, small_force: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("VAWG_APP_DB", str(tmp_path / "app.sqlite"))  # keep the shared store's folder clean
    return str(small_force[1])


def _users(db: str) -> dict[str, str]:
    chief = _pw(runner.invoke(app, ["users", "add", "chief", "--role", "admin", "--db", db]).output)
    added = runner.invoke(
        app, ["users", "add", "ana", "--role", "analyst", "--db", db, "--user", "chief"], input=chief + "\n"
    )
    board = runner.invoke(
        app, ["users", "add", "bo", "--role", "board", "--db", db, "--user", "chief"], input=chief + "\n"
    )
    return {"ana": _pw(added.output), "bo": _pw(board.output)}


def test_template_import_export_round_trip(tmp_path: Path, db: str) -> None:
    pw = _users(db)
    template = tmp_path / "template.xlsx"
    assert runner.invoke(app, ["plan", "template", str(template)]).exit_code == 0
    book = load_workbook(template)
    assert book.sheetnames == ["actions", "guide"]
    assert [c.value for c in book["actions"][1]][:3] == ["ref", "strand", "description"]

    plan = tmp_path / "plan.csv"
    pd.DataFrame(
        [
            [
                "OB-1",
                "our-behaviours",
                '=HYPERLINK("http://x")',
                "L&D",
                "PSD",
                "",
                "2020-01-31",
                "in_progress",
                "red",
                "late",
                "doc:x",
            ],
            [
                "CJ-1",
                "criminal-justice",
                "Soteria",
                "CJ",
                "ACC",
                "",
                "2030-01-31",
                "in_progress",
                "green",
                "",
                "metric:vawg_charge_rate",
            ],
        ],
        columns=[
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
        ],
    ).to_csv(plan, index=False)
    refused = runner.invoke(
        app, ["plan", "import", str(plan), "--db", db, "--user", "bo"], input=pw["bo"] + "\n"
    )
    assert refused.exit_code == 2 and "may not change actions" in refused.output
    done = runner.invoke(
        app, ["plan", "import", str(plan), "--db", db, "--user", "ana"], input=pw["ana"] + "\n"
    )
    assert done.exit_code == 0 and "2 added" in done.output, done.output

    out = tmp_path / "export.xlsx"
    assert runner.invoke(app, ["plan", "export", str(out), "--db", db]).exit_code == 0
    sheet = load_workbook(out)["actions"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # no live formula in what we hand back
    again = runner.invoke(
        app, ["plan", "import", str(out), "--db", db, "--user", "ana"], input=pw["ana"] + "\n"
    )
    assert again.exit_code == 0 and "0 added, 0 updated, 2 unchanged" in again.output, again.output

    status = runner.invoke(app, ["plan", "status", "--db", db, "--as-of", "2023-03-31", "--json"])
    data = json.loads(status.output)
    assert [r["ref"] for r in data["overdue"]] == ["OB-1"]
    row = next(r for r in data["strands"] if r["strand"] == "our-behaviours")
    assert (row["red"], row["overdue"]) == (1, 1)

    history = runner.invoke(app, ["plan", "history", "OB-1", "--db", db, "--json"])
    assert {c["changed_by"] for c in json.loads(history.output)} == {"ana"}
