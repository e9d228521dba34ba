"""What the `vawg risk` and `vawg model` commands share: common options, the store, dates, errors.

Option aliases carry their help text, so a shared option reads the same in every command's --help.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from vawg.config import get_settings
from vawg.errors import VawgError

DbOption = Annotated[Path | None, typer.Option(help="The store (default: VAWG_DB).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@contextmanager
def cli_errors() -> Iterator[None]:
    """A VawgError becomes one line on stderr and exit status 2 (as `vawg` itself does)."""
    try:
        yield
    except VawgError as exc:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None


def store_path(db: Path | None) -> Path:
    """The store given with --db, else the configured one (VAWG_DB)."""
    return db if db is not None else get_settings().db


@contextmanager
def open_store(db: Path | None, *, read_only: bool = False) -> Iterator[Any]:
    """The store, closed afterwards (a command may run in-process, e.g. under a test runner)."""
    from vawg.store import connect

    con = connect(store_path(db), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def parse_date(text: str, option: str) -> date:
    """``text`` as a date, or a usage error naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"{option}: expected a date YYYY-MM-DD; found {text!r}") from None


def scoring_user(user: str | None) -> str:
    """Who is scoring, for the score log: --user, else VAWG_USER, else the login name."""
    return user or get_settings().user or getpass.getuser()


__all__ = ["DbOption", "JsonOption", "cli_errors", "open_store", "parse_date", "scoring_user", "store_path"]
