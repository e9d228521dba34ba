"""Every export command, run on a bundle whose identifiers and areas are spreadsheet formulas.

The bundle goes through the real ingest; each command's files are then read back with the
independent check of tests/outputs/_safety.py: no formula cell, no text field that starts one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.ingest._helpers import base_rows, write_bundle
from tests.outputs._safety import HOSTILE, csv_problems, xlsx_problems
from vawg import MARKING
from vawg.cli import app

runner = CliRunner()
LINK = HOSTILE[0]  # =HYPERLINK(...)
PERSON = "=cmd|' /C calc'!A0"  # a suspect's id


def _rename(rows: list[dict[str, str]], column: str, old: str, new: str) -> None:
    for row in rows:
        if row.get(column) == old:
            row[column] = new


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = base_rows()
    for rows in tables.values():
        _rename(rows, "person_id", "P2", PERSON)
    for name in ("crimes", "incidents"):
        for row in tables[name]:
            row["area"] = LINK if row["area"] == "Birmingham" else HOSTILE[2]
    # a second offence after the as-of date, so the evaluation sees both outcomes
    tables["crimes"].append(
        {
            **tables["crimes"][0],
            "crime_id": "C9",
            "recorded_date": "2022-09-01",
            "committed_date": "2022-09-01",
        }
    )
    tables["crime_persons"].append(
        {"crime_id": "C9", "person_id": PERSON, "role": "suspect", "linked_date": "", "age": "37"}
    )
    tables["persons"].append(
        {"person_id": "@SUM(1)", "sex": HOSTILE[1], "birth_year": "1990", "ethnicity": ""}
    )
    base = tmp_path_factory.mktemp("hostile")
    db = base / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(write_bundle(base / "bundle", tables)), "--db", str(db)])
    assert result.exit_code == 1, result.output  # loaded, with the hostile sex quarantined
    invoke("risk", "register-rfsdi", "--db", str(db), "--no-evaluate")
    return db


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_quarantine_csv(hostile_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    invoke("quarantine", "--db", str(hostile_store), "--csv", str(out))
    assert csv_problems(out) == []
    frame = pd.read_csv(out, skiprows=1)
    assert out.read_text(encoding="utf-8").startswith(f"# {MARKING}")
    assert frame["value"].tolist() == ["'" + HOSTILE[1]]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_risk_score_out(hostile_store: Path, tmp_path: Path, suffix: str) -> None:
    db = str(hostile_store)
    out = tmp_path / f"scores.{suffix}"
    invoke("risk", "score", "--db", db, "--as-of", "2022-06-01", "--purpose", "evaluation", "--out", str(out))
    if suffix == "csv":
        assert csv_problems(out) == []
        frame = pd.read_csv(out, skiprows=1)
    else:
        assert xlsx_problems(out) == []
        assert load_workbook(out)["scores"].oddHeader.center.text == MARKING
        frame = pd.read_excel(out, sheet_name="scores", header=1)
    assert "'" + PERSON in frame["person_id"].tolist()
    assert "'" + LINK in frame["area"].tolist()


def test_export_npcc(hostile_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Breakdowns start 'area: ', but the force name (a setting) heads a column of its own."""
    monkeypatch.setenv("VAWG_FORCE_NAME", "@West Midlands")
    invoke("export", "npcc", "--db", str(hostile_store), "--quarter", "2022-Q1", "--out", str(tmp_path))
    (csv_path,) = tmp_path.glob("*.csv")
    (xlsx_path,) = tmp_path.glob("*.xlsx")
    assert csv_problems(csv_path) == []
    assert xlsx_problems(xlsx_path) == []
    frame = pd.read_csv(csv_path)
    assert any(LINK in b for b in frame["breakdown"]) and set(frame["force"]) == {"'@West Midlands"}


def test_risk_evaluate_out(hostile_store: Path, tmp_path: Path) -> None:
    """The validity tables (the pilot's DiD needs more months than this bundle has; same writer)."""
    invoke(
        "risk", "evaluate", "--db", str(hostile_store), "--as-of", "2022-06-01", "--n-boot", "20",
        "--no-pilot", "--out", str(tmp_path),
    )  # fmt: skip
    written = sorted(tmp_path.glob("*.csv"))
    assert written
    for path in written:
        assert csv_problems(path) == [], path.name


def test_model_score_out(hostile_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scores come from a trained model in real use; here a fixed frame, to test the file written."""
    import vawg.risk.escalation as scoring

    scored = pd.DataFrame({"person_id": [PERSON, "-12"], "score": [0.9, -0.0], "level": ["high", "low"]})
    monkeypatch.setattr(scoring, "score_people", lambda *a, **k: scored.copy())
    out = tmp_path / "model.csv"
    invoke("model", "score", "--db", str(hostile_store), "--as-of", "2022-06-01", "--purpose", "triage",
           "--out", str(out))  # fmt: skip
    assert csv_problems(out) == []
    frame = pd.read_csv(out, skiprows=1)
    assert frame["person_id"].tolist() == ["'" + PERSON, "'-12"] and (frame["marking"] == MARKING).all()
