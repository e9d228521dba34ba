"""The CLI reference is generated from the app; a command that is not in docs/cli.md fails here."""

from pathlib import Path

from vawg.cli import app
from vawg.cli._docs import command_paths, render

DOC = Path(__file__).parents[2] / "docs" / "cli.md"


def test_every_command_is_documented() -> None:
    text = DOC.read_text()
    missing = [p for p in command_paths(app) if f"## `vawg {p}`" not in text]
    assert not missing, f"undocumented commands: {missing}; run python -m vawg.cli._docs > docs/cli.md"


def test_cli_reference_is_up_to_date() -> None:
    assert DOC.read_text() == render(app), "docs/cli.md is stale: python -m vawg.cli._docs > docs/cli.md"


def test_every_command_has_help() -> None:
    import typer

    root = typer.main.get_command(app)
    for path in command_paths(app):
        cmd = root
        for part in path.split():
            cmd = cmd.commands[part]  # type: ignore[attr-defined]
        assert (cmd.help or "").strip(), f"vawg {path} has no help text"
