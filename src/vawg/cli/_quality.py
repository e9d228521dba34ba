"""CLI: `vawg quality` (the data quality report of a store)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from vawg.cli._options import DbOption, add_columns, cli_errors, open_store


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("quality")
    def quality_command(
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ) -> None:
        """Data quality: completeness, codes seen, quarantine, date coverage, loads history."""
        from vawg.quality import quality_report

        with cli_errors(), open_store(db, read_only=True) as con:
            report = quality_report(con)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2))
            return
        _render(report.to_dict())


def _table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> Table:
    view = Table(title=title)
    cells = [["" if row.get(c) is None else str(row[c]) for c in columns] for row in rows]
    add_columns(view, columns, cells)
    for line in cells:
        view.add_row(*line)
    return view


def _render(data: dict[str, Any]) -> None:
    console = Console(soft_wrap=False)
    console.print(f"Extract date: {data['extract_date'] or 'unknown (nothing loaded)'}")
    if data.get("extract_date_note"):
        console.print(f"[bold yellow]warning:[/] {escape(data['extract_date_note'])}", highlight=False)
    loaded = [r for r in data["completeness"] if r["rows"]]
    gaps = [r for r in loaded if r["missing"] or r["not_stated"]]
    console.print(
        _table(
            "Completeness (columns with a gap)", gaps,
            ["table", "column", "required", "rows", "missing", "missing_pct", "not_stated", "not_stated_pct"],
        )
    )  # fmt: skip
    console.print(_table("Codes seen", data["codes"], ["table", "column", "code", "rows", "share"]))
    console.print(
        _table("Quarantine by table and rule", data["quarantine"], ["table", "rule", "rows", "lines"])
    )
    coverage = [r for r in data["date_coverage"] if r["rows"]]
    console.print(
        _table(
            "Date coverage", coverage, ["table", "column", "rows", "first", "last", "months", "empty_months"]
        )
    )
    for row in coverage:
        if row["gaps"]:
            more = " …" if row["empty_months"] > len(row["gaps"]) else ""
            console.print(
                f"{row['table']}.{row['column']}: no rows in {', '.join(row['gaps'])}{more}", highlight=False
            )
    console.print(
        _table(
            "Loads", data["loads"],
            ["load_id", "table", "status", "extract_date", "started_at", "rows_read", "rows_loaded",
             "rows_quarantined", "rows_unchanged"],
        )
    )  # fmt: skip
