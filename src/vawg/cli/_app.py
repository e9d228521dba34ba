"""Builds the Typer app from the command modules; each module has ``register(app)``."""

from __future__ import annotations

import sys

import typer

from vawg.cli._exit import VawgGroup, exit_status

app = typer.Typer(
    name="vawg",
    help="Evidence for a force's VAWG programme: ingest, indicators, risk, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=VawgGroup,  # every command's errors become one line and a documented exit status
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
    "vawg.cli._places",
    "vawg.cli._risk",
    "vawg.cli._model",
    "vawg.cli._lists",
    "vawg.cli._users",
    "vawg.cli._audit",
    "vawg.cli._plan",
    "vawg.cli._equality",
    "vawg.cli._serve",
)


def _register_all() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_all()


def main() -> None:
    """Entry point: run the app. Exit status: vawg.errors.ExitCode (0 ok, 1 quarantine, 2 bad input,
    3 store locked, 4 internal error); VawgGroup decides it, this catches what escapes the group."""
    try:
        app()
    except Exception as exc:  # raised outside a command (e.g. while building the app)
        sys.exit(exit_status(exc))
