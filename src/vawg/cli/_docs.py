"""Render the CLI reference (docs/cli.md) from the Typer app itself, so it cannot drift.

`python -m vawg.cli._docs > docs/cli.md` regenerates it; tests/cli/test_docs.py fails when the
committed file differs from what the app says.
"""

from __future__ import annotations

from typing import Any

import typer

HEADER = """# vawg command line

Every command and option, generated from the program itself (`python -m vawg.cli._docs > docs/cli.md`;
a test fails when this file is out of date).
"""


def _exit_status() -> str:
    """The exit-status table, from vawg.errors (the one place the codes are decided)."""
    from vawg.errors import EXIT_MEANINGS

    rows = "".join(f"| {int(code)} | {meaning} |\n" for code, meaning in EXIT_MEANINGS.items())
    return (
        "## Exit status\n\nThe same for every command (decided centrally in `vawg.cli._exit`):\n\n"
        "| status | meaning |\n|---|---|\n" + rows
    )


def _walk(command: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name in sorted(subcommands):
            found += _walk(subcommands[name], (*path, name))
    elif path:
        found.append((path, command))
    return found


def command_paths(app: typer.Typer) -> list[str]:
    """Every leaf command as it is typed, e.g. "metrics show"."""
    root = typer.main.get_command(app)
    return [" ".join(path) for path, _ in _walk(root, ())]


def _param_line(param: Any) -> str:
    if param.param_type_name == "argument":
        help_text = (getattr(param, "help", None) or "").strip()
        return f"- `{param.name.upper()}` (argument{', required' if param.required else ''}){': ' + help_text if help_text else ''}"
    names = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
    help_text = (getattr(param, "help", None) or "").strip()
    default = param.default
    extra = ""
    if default not in (None, False, ()) and not param.required and not callable(default):
        extra = f" (default: `{default}`)"
    if param.required:
        extra = " (required)"
    return f"- {names}{': ' + help_text if help_text else ''}{extra}"


def render(app: typer.Typer) -> str:
    root = typer.main.get_command(app)
    parts = [HEADER, _exit_status()]
    for path, command in _walk(root, ()):
        parts.append(f"## `vawg {' '.join(path)}`\n")
        help_text = (command.help or "").strip()
        parts.append(help_text + "\n" if help_text else "")
        params = [p for p in command.params if p.name != "help"]
        if params:
            parts.append("\n".join(_param_line(p) for p in params) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    from vawg.cli import app

    print(render(app), end="")
