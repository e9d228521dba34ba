"""Every command's exit status (docs/cli.md, "Exit status"): 2 bad input, 3 store locked, 4 internal.

The commands are read from the app itself, so a new command fails ``test_every_command_is_classified``
until it is listed here with arguments that get it as far as its store.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.ingest._helpers import write_bundle
from tests.risk.governed import PASSWORD, add_accounts
from vawg.cli import app
from vawg.config import get_settings
from vawg.errors import ExitCode

runner = CliRunner()
POLICEUK = Path(__file__).parents[1] / "data" / "policeuk"
PLAN = Path(__file__).parent / "data" / "plan.csv"
HO_FILE = (
    Path(__file__).parents[1] / "data" / "ho-prc-pfa-2017-18" / "prc-pfa-mar2013-onwards-tables201718.csv"
)

# Commands that open the DuckDB store, with arguments that reach it ("{tmp}" is a scratch folder).
STORE_COMMANDS: dict[str, list[str]] = {
    "export npcc": ["--quarter", "2022-Q4", "--out", "{tmp}"],
    "ingest": ["{bundle}"],
    "quarantine": [],
    "quality": [],
    "report": ["--out", "{tmp}", "--no-pdf"],
    "metrics show": ["vawg_recorded_crimes"],
    "national load": [str(HO_FILE)],
    "national compare": [],
    "risk score": ["--as-of", "2022-01-01", "--purpose", "evaluation", "--user", "chair"],
    "risk explain": ["--person", "P1", "--as-of", "2022-01-01", "--purpose", "operational", "--user", "chair"],
    "risk evaluate": [],
    "risk register-rfsdi": [],
    "model train": [],
    "model evaluate": [],
    "model card": ["--out", "{tmp}"],
    "model score": ["--as-of", "2022-01-01", "--purpose", "triage", "--out", "{tmp}/s.csv", "--user", "pc1"],
    "model register": ["rfsdi", "v9", "--train-start", "2020-01-01", "--train-end", "2021-01-01",
                       "--artifact", str(HO_FILE)],
    "model submit": ["rfsdi", "v9", "--user", "analyst"],
    "model approve": ["rfsdi", "v9", "--reason", "r", "--user", "chair"],
    "model retire": ["rfsdi", "v9", "--reason", "r", "--user", "chair"],
    "model ethics-decision": ["rfsdi", "v9", "--decision", "approved", "--committee", "c", "--decided-on",
                              "2023-01-01", "--reference", "r", "--conditions", "none", "--dpia", "d", "--eia", "e",
                              "--user", "chair"],
    "model list": [],
    "model override": ["rfsdi", "v9", "--person", "P1", "--direction", "raise", "--reason", "r", "--user", "pc1"],
    "model overrides": ["rfsdi"],
    "metrics spc": ["vawg_recorded_crimes"],
    "lists show": ["bail"],
    "lists person": ["P1"],
    "places load": [str(POLICEUK)],
    "places counts": [],
    "places hotspots": [],
    "places map": ["--out", "{tmp}/map.png"],
    "equality rri": [],
    "equality profile": [],
    "equality para42": [],
}  # fmt: skip
# Commands on the app-state file (users, audit) beside the store: SQLite, which waits rather than
# refusing, so they never exit 3.
APP_STATE_COMMANDS: dict[str, list[str]] = {
    "users add": ["bob", "--role", "analyst", "--user", "admin"],
    "users list": ["--user", "admin"],
    "users set-role": ["bob", "--role", "analyst", "--user", "admin"],
    "users disable": ["bob", "--user", "admin"],
    "users enable": ["bob", "--user", "admin"],
    "users reset-password": ["bob", "--user", "admin"],
    "audit show": ["--user", "admin"],
    "audit verify": [],
    "plan import": [str(PLAN), "--user", "analyst"],
    "plan export": ["{tmp}/plan.txt"],  # not a table format: bad input once the plan is open
    "plan history": ["NO-SUCH-ACTION"],
    "plan status": ["--no-signals", "--as-of", "2023-02-30"],
}
# Commands that read no store: synth and demo write files; the rest only print.
# `serve` runs until stopped, so it is not invoked here; its store errors are tested in tests/web.
OTHER_COMMANDS = (
    "synth",
    "demo",
    "version",
    "metrics list",
    "metrics sql",
    "plan strands",
    "plan template",
    "serve",
)


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    """The password of the accounts :func:`add_accounts` makes (a test may set another)."""
    monkeypatch.setenv("VAWG_PASSWORD", PASSWORD)


def _leaves(command: Any, prefix: str = "") -> Iterator[str]:
    if hasattr(command, "commands"):  # a group
        for name, sub in command.commands.items():
            yield from _leaves(sub, f"{prefix} {name}".strip())
    else:
        yield prefix


def test_every_command_is_classified() -> None:
    every = set(_leaves(typer.main.get_command(app)))
    listed = set(STORE_COMMANDS) | set(APP_STATE_COMMANDS) | set(OTHER_COMMANDS)
    assert every == listed, f"unlisted: {every - listed}; gone: {listed - every}"


def _args(command: str, extra: list[str], tmp_path: Path, db: Path, *, accounts: bool = True) -> list[str]:
    bundle = tmp_path / "bundle"
    if not bundle.exists():
        write_bundle(bundle)
    filled = [a.replace("{tmp}", str(tmp_path)).replace("{bundle}", str(bundle)) for a in extra]
    if (
        accounts and "--user" in filled
    ):  # such commands authenticate first (VAWG_PASSWORD), then open the store
        from vawg.accounts import AccountStore

        with AccountStore.for_store(db) as store:
            if not store.has_users():
                add_accounts(db)
        get_settings.cache_clear()  # looking up the app state read the settings before the test's env
    return [*command.split(), *filled, "--db", str(db)]


@pytest.fixture(scope="module")
def locked_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A store held open for writing by another process: (path, that process's PID)."""
    path = tmp_path_factory.mktemp("locked") / "store.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield path, holder.pid
    assert holder.stdin is not None
    holder.stdin.close()  # the holder reads stdin to its end, then exits
    holder.wait(timeout=30)
    holder.stdout.close()


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_a_locked_store_exits_3_naming_the_pid(
    command: str, locked_store: tuple[Path, int], tmp_path: Path
) -> None:
    path, pid = locked_store
    result = runner.invoke(app, _args(command, STORE_COMMANDS[command], tmp_path, path))
    assert result.exit_code == ExitCode.STORE_LOCKED == 3, result.output
    assert f"process {pid}" in result.stderr and "in use" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_a_file_that_is_not_a_store_exits_2(command: str, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.duckdb"
    bad.write_text("this is not a DuckDB file\n" * 100)
    result = runner.invoke(app, _args(command, STORE_COMMANDS[command], tmp_path, bad))
    assert result.exit_code == ExitCode.BAD_INPUT == 2, result.output
    assert "not-a-store.duckdb" in result.stderr and "Traceback" not in result.output


def _crash_log(tmp_path: Path, stderr: str) -> str:
    (log,) = (tmp_path / "logs").glob("vawg-error-*.log")
    assert str(log) in stderr.replace("\n", "")
    assert log.stat().st_mode & 0o077 == 0  # readable by its owner only
    return log.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_an_internal_error_exits_4_with_the_traceback_in_a_log(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setenv("VAWG_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(duckdb, "connect", broken)
    (tmp_path / "s.duckdb").touch()  # a file, so read-only commands go as far as opening it
    result = runner.invoke(app, _args(command, STORE_COMMANDS[command], tmp_path, tmp_path / "s.duckdb"))
    assert result.exit_code == ExitCode.INTERNAL == 4, result.output
    assert "internal error" in result.stderr and "RuntimeError" in result.stderr
    assert "Traceback" not in result.stderr and "simulated bug" not in result.stderr
    text = _crash_log(tmp_path, result.stderr)
    assert "OFFICIAL-SENSITIVE" in text and "Traceback" in text and "RuntimeError: simulated bug" in text


@pytest.mark.parametrize("command", sorted(APP_STATE_COMMANDS))
def test_app_state_commands_exit_2_on_bad_input_and_4_on_a_bug(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    db = tmp_path / "s.duckdb"
    monkeypatch.setenv("VAWG_PASSWORD", "wrong password")
    monkeypatch.setenv("VAWG_LOG_DIR", str(tmp_path / "logs"))
    if command == "audit verify":  # needs no login: bad input is an app-state file that is not SQLite
        (tmp_path / "s.app.sqlite").write_text("not sqlite\n" * 100)
    result = runner.invoke(app, _args(command, APP_STATE_COMMANDS[command], tmp_path, db, accounts=False))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(sqlite3, "connect", broken)
    result = runner.invoke(
        app, _args(command, APP_STATE_COMMANDS[command], tmp_path, tmp_path / "t.duckdb", accounts=False)
    )
    assert result.exit_code == 4, result.output
    assert "RuntimeError: simulated bug" in _crash_log(tmp_path, result.stderr)


def test_synth_and_demo_exit_2_on_bad_input_and_4_on_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAWG_LOG_DIR", str(tmp_path / "logs"))
    assert runner.invoke(app, ["synth", str(tmp_path / "b"), "--scale", "-1"]).exit_code == 2
    import vawg.synth

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(vawg.synth, "write_bundle", broken)
    result = runner.invoke(app, ["synth", str(tmp_path / "b")])
    assert result.exit_code == 4, result.output
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "d")])
    assert result.exit_code == 4, result.output
    assert len(list((tmp_path / "logs").glob("vawg-error-*.log"))) == 2


def test_printing_commands_exit_0_and_2_on_a_usage_error() -> None:
    for args in (["version"], ["metrics", "list"], ["metrics", "sql", "vawg_recorded_crimes"]):
        assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["metrics", "sql", "no_such_metric"]).exit_code == 2
    assert runner.invoke(app, ["metrics", "list", "--no-such-option"]).exit_code == 2


def test_the_installed_entry_point_uses_the_same_codes(
    tmp_path: Path, locked_store: tuple[Path, int]
) -> None:
    """Through ``python -m vawg`` (main), not only Typer's test runner."""
    path, pid = locked_store
    done = subprocess.run(
        [sys.executable, "-m", "vawg", "quality", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3 and f"process {pid}" in done.stderr
