"""CLI: `vawg serve` (the web app; logic in vawg.web)."""

from __future__ import annotations

from typing import Annotated

import typer

from vawg.cli._options import DbOption, cli_errors, store_path


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("serve")
    def serve_command(
        db: DbOption = None,
        host: Annotated[
            str, typer.Option(help="Address to listen on (keep 127.0.0.1 behind a proxy).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    ) -> None:
        """Serve the web app (dashboards, metrics, data quality, reports) on the store. See docs/web.md."""
        from vawg.web import serve

        with cli_errors():
            serve(store_path(db), host=host, port=port)
