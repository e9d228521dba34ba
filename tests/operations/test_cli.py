"""`vawg lists` through Typer's runner: bad input exits 2 writing nothing, files are marked, every
list is audited, ids are whole at 80 columns, and a signed-in user needs access to the area."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.operations.conftest import ingest_handmade
from vawg.accounts import AccountStore
from vawg.audit import AuditLog
from vawg.cli import app

runner = CliRunner()
PW = "correct horse battery"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    ingest_handmade(path).close()
    return path


def run(*args: str, width: int = 80, password: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)}, input=password and password + "\n")
    return result.exit_code, result.stdout, result.stderr


def _audit(db: Path) -> list:
    with AuditLog.for_store(db) as log:
        return log.entries(action="list.")


def test_the_registry_is_listed() -> None:
    code, out, _ = run("lists", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [x["id"] for x in listed][:2] == ["outstanding-suspects", "orders-briefing"]
    assert all(x["columns"] and x["definition"] for x in listed)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("lists", "show", "bale"), "the lists are: outstanding-suspects, orders-briefing"),
        (("lists", "show", "bail", "--area", "Mars"), "the areas are: North, South"),
        (("lists", "show", "bail", "--as-of", "2019-01-01"), "give a date from 2022-03-01 to 2023-03-31"),
        (("lists", "show", "bail", "--out", "x.txt"), "expected a .csv, .xlsx or .parquet file"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    db: Path, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    before = len(_audit(db))
    out = tmp_path / "list.csv"
    extra = () if "--out" in args else ("--out", str(out))
    code, _, err = run(*args, "--db", str(db), *extra)
    assert code == 2 and says in " ".join(err.split())
    assert not out.exists() and not (tmp_path / "x.txt").exists()
    assert len(_audit(db)) == before


def test_a_missing_store_is_not_created(tmp_path: Path) -> None:
    code, _, err = run("lists", "show", "bail", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no store here" in err and not (tmp_path / "none.duckdb").exists()


def test_ids_are_never_cut_at_80_columns(db: Path) -> None:
    code, out, _ = run("lists", "show", "stalking-clinic", "--db", str(db), "--as-of", "2023-01-31")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    for ident in ("C-S1", "C-S2", "AC-1", "AC-2", "AC-3", "AC-5", "P-S1"):
        assert f" {ident} " in out, ident
    assert "Not shown at this width:" in out and "description" in out.split("Not shown at this width:")[1]
    # Wide terminal: the columns dropped at 80 are shown.
    code, wide, _ = run(
        "lists", "show", "stalking-clinic", "--db", str(db), "--as-of", "2023-01-31", width=400
    )
    assert "Not shown at this width" not in wide and "Apply for a Stalking" in wide and "owner" in wide


def test_outstanding_ids_stay_whole_when_crowded(db: Path) -> None:
    code, out, _ = run(
        "lists", "show", "outstanding-suspects", "--db", str(db), "--as-of", "2023-01-31", width=40
    )
    assert code == 0
    for ident in ("P-A2", "C-A2a", "C-A2b", "P-A1", "C-A1"):
        assert f" {ident} " in out, ident


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_files_carry_the_marking_and_are_audited(db: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"bail{suffix}"
    code, _, _ = run("lists", "show", "bail", "--db", str(db), "--as-of", "2023-01-31", "--out", str(out))
    assert code == 0
    if suffix == ".csv":
        assert out.read_text().splitlines()[0] == "# OFFICIAL-SENSITIVE"
        frame = pd.read_csv(out, skiprows=1)
    elif suffix == ".parquet":
        assert pq.read_schema(out).metadata[b"vawg.marking"] == b"OFFICIAL-SENSITIVE"
        frame = pd.read_parquet(out)
    else:
        sheet = load_workbook(out)["list"]
        assert sheet.cell(1, 1).value == "OFFICIAL-SENSITIVE"
        assert sheet.oddHeader.center.text == sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
        frame = pd.read_excel(out, sheet_name="list", skiprows=1)
    assert list(frame["custody_id"]) == ["CU-B1", "CU-B2", "CU-B4"]
    entry = _audit(db)[-1]
    assert (entry.action, entry.target, entry.row_count) == ("list.export", "bail", 3)
    assert entry.detail == {"as_of": "2023-01-31", "area": None, "output": suffix.lstrip(".")}


def test_json_and_screen_views_are_audited_with_the_login_name(db: Path) -> None:
    import getpass

    code, out, _ = run(
        "lists", "show", "new-chance", "--db", str(db), "--as-of", "2023-01-31", "--area", "South", "--json"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["marking"] == "OFFICIAL-SENSITIVE" and payload["row_count"] == 1
    assert payload["rows"][0]["custody_id"] == "CU-N2" and payload["rows"][0]["refer_by"] == "2022-12-29"
    entry = _audit(db)[-1]
    assert (entry.actor, entry.action, entry.target, entry.client) == (
        getpass.getuser(),
        "list.view",
        "new-chance",
        "cli",
    )
    assert entry.detail["area"] == "South" and entry.row_count == 1
    with AuditLog.for_store(db) as log:
        assert log.verify().ok


def test_a_signed_in_user_needs_access_to_the_area(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    ingest_handmade(path).close()
    with AccountStore.for_store(path) as accounts:
        admin = accounts.add_user("chief", roles={"admin"}, password=PW)
        accounts.add_user("pc.north", roles={"officer"}, password=PW, areas=("North",), by=admin)
    code, _, err = run("lists", "show", "bail", "--db", str(path), "--user", "pc.north", password=PW)
    assert code == 2 and "may not see the person-level list bail" in " ".join(err.split())
    code, _, _ = run(
        "lists", "show", "bail", "--db", str(path), "--user", "pc.north", "--area", "South", password=PW
    )
    assert code == 2
    code, out, _ = run(
        "lists",
        "show",
        "bail",
        "--db",
        str(path),
        "--user",
        "pc.north",
        "--area",
        "North",
        "--as-of",
        "2023-01-31",
        password=PW,
    )
    assert code == 0 and "CU-B1" in out
    entry = _audit(path)[-1]
    assert entry.actor == "pc.north" and entry.actor_id is not None
