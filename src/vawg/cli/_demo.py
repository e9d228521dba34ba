"""CLI: `vawg demo` and `vawg version`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table


def _program() -> str:
    """How the user ran vawg (``.venv/bin/vawg`` after ``make demo``), so the printed command works as is."""
    import shlex
    import sys

    ran = Path(sys.argv[0])
    return shlex.quote(str(ran)) if ran.name == "vawg" else "vawg"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command()
    def demo(
        out: Annotated[Path, typer.Option(help="Folder for everything the demo makes.")] = Path("vawg-demo"),
        seed: Annotated[int, typer.Option(help="Random seed of the synthetic force.")] = 42,
        scale: Annotated[float, typer.Option(help="Size: 1 = a West Midlands-sized force.")] = 1.0,
        fresh: Annotated[
            bool,
            typer.Option(
                help="Set the previous demo's store and users aside (renamed, not deleted) and start anew."
            ),
        ] = False,
    ) -> None:
        """Synthetic force → ingest → data quality → board report, into ./vawg-demo/."""
        from vawg.demo import run_demo

        console = Console()
        result = run_demo(out, seed=seed, scale=scale, console=console, fresh=fresh)
        # Files named within the folder the title gives, and last, so a path fits 80 columns whole
        # (a longer one wraps; the step and its seconds never do).
        table = Table(
            title=f"vawg demo: made in {result.out_dir.resolve()}",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
        )
        table.add_column("step", no_wrap=True)
        table.add_column("seconds", justify="right", no_wrap=True)
        table.add_column("made", overflow="fold")
        for name, path in result.made.items():
            table.add_row(name, f"{result.seconds[name]:.1f}", _within(path, result.out_dir))
        console.print(table)
        for path in result.set_aside:
            console.print(f"Set aside (not deleted): {path}", highlight=False)
        if not result.web_login:
            console.print(
                f"Start the web app:  [bold]{_program()} serve --db {result.out_dir / 'vawg.duckdb'}[/]  then open "
                "http://127.0.0.1:8000 and sign in with the users of the earlier demo, which were kept "
                "(`vawg demo --fresh` starts anew with a new administrator).",
                highlight=False,
            )
        if result.web_login:
            user, password = result.web_login
            console.print(
                f"Start the web app:  [bold]{_program()} serve --db {result.out_dir / 'vawg.duckdb'}[/]  then open "
                f"http://127.0.0.1:8000 and sign in as [bold]{user}[/] with the password [bold]{password}[/] "
                "(generated now and shown only this once; `vawg users reset-password` makes a new one).",
                highlight=False,
            )

    @app.command()
    def version() -> None:
        """Print vawg's version."""
        from vawg import __version__

        typer.echo(__version__)


def _within(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` when it lies inside it, else whole."""
    try:
        return str(Path(path).resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(path)
