"""`vawg users` and `vawg audit` end to end through the CLI (in-process)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli import app

runner = CliRunner()


def _password(output: str) -> str:
    match = re.search(r"shown once[^:]*: (\S+)", output)
    assert match, output
    return match.group(1)


def test_users_and_audit_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "force.duckdb")
    first = runner.invoke(app, ["users", "add", "chief", "--role", "admin", "--db", db])
    assert first.exit_code == 0, first.output
    chief_pw = _password(first.output)

    refused = runner.invoke(
        app, ["users", "add", "ann", "--role", "analyst", "--db", db, "--user", "chief"], input="wrong\n"
    )
    assert refused.exit_code == 2 and "login refused" in refused.output

    added = runner.invoke(
        app,
        ["users", "add", "ann", "--role", "officer", "--area", "Dudley", "--db", db, "--user", "chief"],
        input=chief_pw + "\n",
    )
    assert added.exit_code == 0, added.output
    ann_pw = _password(added.output)

    # An officer is not an administrator: deny by default.
    denied = runner.invoke(app, ["users", "list", "--db", db, "--user", "ann"], input=ann_pw + "\n")
    assert denied.exit_code == 2 and "users_admin" in denied.output

    listed = runner.invoke(
        app, ["users", "list", "--db", db, "--user", "chief", "--json"], input=chief_pw + "\n"
    )
    assert '"username": "ann"' in listed.output and '"Dudley"' in listed.output

    shown = runner.invoke(
        app, ["audit", "show", "--db", db, "--user", "chief", "--json"], input=chief_pw + "\n"
    )
    assert shown.exit_code == 0
    assert "login.failure" in shown.output and '"user.add"' in shown.output

    assert runner.invoke(app, ["audit", "verify", "--db", db]).exit_code == 0
    con = sqlite3.connect(tmp_path / "force.app.sqlite")
    con.execute("DELETE FROM audit_log WHERE seq = 2")
    con.commit()
    broken = runner.invoke(app, ["audit", "verify", "--db", db])
    assert broken.exit_code == 5 and "expected entry 2" in broken.output


def test_password_never_printed_for_stdin_passwords(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(
        app,
        ["users", "add", "chief", "--role", "admin", "--db", db, "--password-stdin"],
        input="a good long pass\n",
    )
    assert (
        result.exit_code == 0
        and "a good long pass" not in result.output
        and "shown once" not in result.output
    )
