"""What the `vawg risk` and `vawg model` commands share: common options, the store, dates, errors.

Option aliases carry their help text, so a shared option reads the same in every command's --help.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vawg.config import get_settings
from vawg.errors import VawgError

if TYPE_CHECKING:
    from vawg.accounts import User

DbOption = Annotated[Path | None, typer.Option(help="The store (default: VAWG_DB).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@contextmanager
def cli_errors() -> Iterator[None]:
    """A VawgError becomes one line on stderr and its exit status (vawg.cli._exit, as for every command)."""
    from vawg.cli._exit import exit_status

    try:
        yield
    except VawgError as exc:
        raise typer.Exit(exit_status(exc)) from None


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


@contextmanager
def open_registry(db: Path | None) -> Iterator[Any]:
    """The model registry of the store (its app-state file), closed afterwards.

    The data store itself is not opened: approving or retiring works while the web app reads it.
    """
    from vawg.risk.governance import ModelRegistry

    registry = ModelRegistry.for_store(store_path(db))
    try:
        yield registry
    finally:
        registry.close()


# Columns that hold identifiers: never cut or wrapped, however narrow the terminal (the other
# columns wrap instead), so an id can be copied from the table into the next command.
ID_COLUMNS = frozenset({"id", "metric_id", "name", "version", "table", "column", "rule", "load_id", "file"})


def add_columns(
    table: Any, columns: list[str], rows: list[list[str]], /, *, whole_words: bool = False, **justify: str
) -> None:
    """Add ``columns`` to a rich Table; identifier columns get the width of their longest value.

    ``whole_words``: every column is at least as wide as its longest word (cells wrap only between
    words, so no number or name is ever split); for tables laid out to fit 80 columns that way.
    """
    for i, column in enumerate(columns):
        if whole_words:
            longest = max(
                len(word) for text in [column, *(str(r[i]) for r in rows)] for word in [*text.split(), ""]
            )
            table.add_column(column, min_width=longest, justify=justify.get(column, "left"), overflow="fold")
        elif column in ID_COLUMNS:
            width = max([len(column), *(len(str(r[i])) for r in rows)])
            table.add_column(column, no_wrap=True, min_width=width, justify=justify.get(column, "left"))
        else:
            table.add_column(column, justify=justify.get(column, "left"), overflow="fold")  # wrap, never "…"


def parse_date(text: str, option: str) -> date:
    """``text`` as a date, or a usage error naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"{option}: expected a date YYYY-MM-DD; found {text!r}") from None


UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="Your vawg user (default: VAWG_USER); the password is asked for (VAWG_PASSWORD for automation).",
    ),
]


# Person-level outputs that work before a force sets users up: the actor is the vawg user when one
# is given (password asked), else the operating system's login name is recorded.
ActAsOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="Act as this vawg user (default: VAWG_USER; without one, the login name is recorded).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Only records dated on or before this date (default: the extract date)."),
]


def authenticated(db: Path | None, user: str | None) -> User:
    """The vawg user running the command, authenticated by password (never a typed name alone)."""
    from vawg.accounts import cli_user

    return cli_user(store_path(db), user)


__all__ = [
    "ID_COLUMNS",
    "ActAsOption",
    "AsOfOption",
    "DbOption",
    "JsonOption",
    "UserOption",
    "add_columns",
    "authenticated",
    "cli_errors",
    "open_registry",
    "open_store",
    "parse_date",
    "store_path",
]
