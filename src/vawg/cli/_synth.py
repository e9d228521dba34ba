"""CLI: `vawg synth` writes the synthetic force as a contract bundle."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


class BundleFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command()
    def synth(
        out_dir: Annotated[
            Path, typer.Argument(help="Folder to write the bundle into (created if missing).")
        ],
        seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 42,
        scale: Annotated[
            float, typer.Option(help="Size: 1 = a West Midlands-sized force (~110k crimes a year).")
        ] = 1.0,
        file_format: Annotated[
            BundleFormat, typer.Option("--format", help="File format of the tables.")
        ] = BundleFormat.csv,
    ) -> None:
        """Write a synthetic force (April 2020 – March 2023) as a bundle in the input contract."""
        from vawg.synth import write_bundle

        summary = write_bundle(out_dir, seed=seed, scale=scale, fmt=file_format.value, progress=True)
        table = Table(title=f"synthetic force (seed {seed}, scale {scale:g}) in {summary.out_dir.resolve()}")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name, rows in summary.rows.items():
            table.add_row(name, f"{rows:,}")
        table.add_row("[bold]total", f"[bold]{sum(summary.rows.values()):,}")
        console = Console()
        console.print(table)
        console.print(f"written in {summary.seconds:.1f} s; planted truths in {summary.out_dir / 'truth'}")
