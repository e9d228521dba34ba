"""CLI: `vawg export npcc` (logic in vawg.reports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vawg.cli._options import DbOption, open_store


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    export = typer.Typer(help="Exports for partners: the quarterly national VAWG return.")
    app.add_typer(export, name="export")

    @export.command("npcc")
    def npcc(
        quarter: Annotated[str, typer.Option(help="Calendar quarter, e.g. 2022-Q4.")],
        out: Annotated[Path, typer.Option(help="Folder for the CSV and Excel files.")] = Path("."),
        db: DbOption = None,
        threshold: Annotated[
            int | None,
            typer.Option(help="Suppress counts below this (default: VAWG_SUPPRESSION_THRESHOLD, 5)."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print where the files went as JSON.")] = False,
        previous: Annotated[
            Path | None,
            typer.Option(
                help="The CSV of an earlier release of this quarter: cells revised since by a small count are withheld."
            ),
        ] = None,
    ) -> None:
        """The quarterly VAWG indicators for the NPCC return, small counts suppressed (CSV and Excel).

        Returning a quarter again? Give the earlier release with --previous, so that no revision
        between the two (a difference anyone can take) is a small count.
        """
        from vawg.reports import build_return, write_return

        with open_store(db, read_only=True) as con:
            ret = build_return(con, quarter, threshold=threshold, previous=previous)
        files = write_return(ret, out)
        if as_json:
            payload = {"csv": str(files.csv), "xlsx": str(files.xlsx), "rows": files.rows,
                       "suppressed_rows": files.suppressed_rows, "threshold": ret.threshold}  # fmt: skip
            typer.echo(json.dumps(payload, indent=2))
            return
        Console().print(
            f"National return {ret.quarter} for {ret.force}: {files.rows} rows, {files.suppressed_rows} with "
            f"withheld cells (counts under {ret.threshold} and their protectors).\n  {files.csv}\n  {files.xlsx}",
            highlight=False,
        )
