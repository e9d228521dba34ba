"""CLI: `vawg demo` (to be written)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command()
    def version() -> None:
        """Print vawg's version."""
        from vawg import __version__

        typer.echo(__version__)
