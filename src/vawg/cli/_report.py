"""CLI: `vawg report` (logic in vawg.reports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vawg.cli._options import DbOption, open_store, parse_date


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("report")
    def report(
        out: Annotated[Path, typer.Option(help="Folder for the report, its PDF and its figures.")] = Path(
            "report"
        ),
        db: DbOption = None,
        period_end: Annotated[
            str | None,
            typer.Option(
                help="Last day of the twelve months reported, YYYY-MM-DD (default: the extract date)."
            ),
        ] = None,
        pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also print the PDF (WeasyPrint).")] = True,
        docx: Annotated[
            bool, typer.Option("--docx/--no-docx", help="Also write the editable Word document.")
        ] = True,
        narratives: Annotated[
            Path | None,
            typer.Option(help="Folder of strand narratives, <strand-id>.md (ids: docs/reports.md)."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print where the files went as JSON.")] = False,
    ) -> None:
        """The board report (HTML and PDF, marked OFFICIAL-SENSITIVE) with the paper's three figures."""
        from vawg.reports import write_board_report

        end = parse_date(period_end, "--period-end") if period_end is not None else None
        with (
            open_store(db, read_only=True) as con,
            Console(stderr=True).status("Computing the metrics and drawing the figures…"),
        ):
            files = write_board_report(con, out, period_end=end, pdf=pdf, docx=docx, narratives=narratives)
        if as_json:
            payload = {"html": str(files.html), "pdf": str(files.pdf) if files.pdf else None,
                       "docx": str(files.docx) if files.docx else None,
                       "figures": [str(p) for p in files.figures]}  # fmt: skip
            typer.echo(json.dumps(payload, indent=2))
            return
        made = [str(files.html)] + [str(p) for p in (files.pdf, files.docx) if p]
        Console().print(
            f"Board report: {', '.join(made)} ({len(files.figures)} figure files)", highlight=False
        )
