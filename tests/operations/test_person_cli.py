"""`vawg lists person`: marked, audited, whole ids at 80 columns, officers kept to their areas, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.operations.conftest import ingest_handmade
from vawg.accounts import AccountStore
from vawg.audit import AuditLog
from vawg.cli import app

runner = CliRunner()
PW = "correct horse battery"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("person-cli") / "store.duckdb"
    ingest_handmade(path).close()
    with AccountStore.for_store(path) as accounts:
        admin = accounts.add_user("chief", roles={"admin"}, password=PW)
        accounts.add_user("pc.north", roles={"officer"}, password=PW, areas=("North",), by=admin)
    return path


def run(*args: str, password: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"}, input=password and password + "\n")
    return result.exit_code, result.stdout, result.stderr


def _views(db: Path) -> list:
    with AuditLog.for_store(db) as log:
        return log.entries(action="person.")


def test_screen_is_marked_ids_whole_and_audited(db: Path) -> None:
    code, out, _ = run("lists", "person", "P-S1", "--db", str(db), "--as-of", "2023-01-31")
    assert code == 0 and out.splitlines()[0].startswith("OFFICIAL-SENSITIVE")
    assert out.rstrip().splitlines()[-1] == "OFFICIAL-SENSITIVE"
    assert max(len(line) for line in out.splitlines()) <= 80
    for ident in ("C-S1", "AC-1", "AC-2", "AC-3"):
        assert f" {ident} " in out, ident
    entry = _views(db)[-1]
    assert (entry.action, entry.target, entry.client, entry.row_count) == ("person.view", "P-S1", "cli", 5)


def test_json_has_every_section(db: Path) -> None:
    code, out, _ = run("lists", "person", "P-O1", "--db", str(db), "--as-of", "2023-01-31", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["marking"] == "OFFICIAL-SENSITIVE" and payload["person_id"] == "P-O1"
    assert [r["order_id"] for r in payload["sections"]["orders"]["rows"]] == ["OR-1", "OR-3"]
    assert "no approved version" in payload["rfsdi"]["note"]


@pytest.mark.parametrize(("args", "says"), [
    (("P-NOBODY",), "no person with the id given"),
    (("P-S1", "--as-of", "2019-01-01"), "give a date from 2022-03-01 to 2023-03-31"),
    (("P-S1", "--as-of", "2023-02-30"), "--as-of"),
])  # fmt: skip
def test_bad_input_exits_2_and_audits_nothing(db: Path, args: tuple[str, ...], says: str) -> None:
    before = len(_views(db))
    code, _, err = run("lists", "person", *args, "--db", str(db))
    assert code == 2 and says in " ".join(err.split())
    assert len(_views(db)) == before


def test_an_officer_opens_only_people_of_their_area(db: Path) -> None:
    before = len(_views(db))
    code, _, err = run("lists", "person", "P-O4", "--db", str(db), "--user", "pc.north", password=PW)
    assert code == 2 and "none of the person's areas" in " ".join(err.split())
    assert len(_views(db)) == before
    code, out, _ = run("lists", "person", "P-O1", "--db", str(db), "--user", "pc.north", password=PW)
    assert code == 0 and "OR-1" in out
    assert _views(db)[-1].actor == "pc.north"
