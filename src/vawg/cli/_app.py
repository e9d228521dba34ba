"""Builds the Typer app from the command modules; each module has ``register(app)``."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape

from vawg.errors import VawgError

app = typer.Typer(
    name="vawg",
    help="Evidence for a force's VAWG programme: ingest, indicators, risk, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """vawg: evidence for a force's VAWG programme. Start with `vawg demo`."""


# Every command module, in the order `vawg --help` lists them. Each defines register(app).
COMMAND_MODULES = (
    "vawg.cli._demo",
    "vawg.cli._synth",
    "vawg.cli._ingest",
    "vawg.cli._quality",
    "vawg.cli._metrics",
    "vawg.cli._report",
    "vawg.cli._export",
    "vawg.cli._national",
    "vawg.cli._risk",
    "vawg.cli._model",
    "vawg.cli._users",
    "vawg.cli._audit",
    "vawg.cli._serve",
)


def _register_all() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_all()

err_console = Console(stderr=True)


def main() -> None:
    """Entry point: run the app; a VawgError becomes a one-line message and exit status 2."""
    try:
        app()
    except VawgError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(2)
