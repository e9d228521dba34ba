"""CLI: `vawg quality` (the data quality report of a store)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich import box
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


def _count(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


def _with_share(count: Any, pct: Any) -> str:
    """``13,647 (3.9%)``: a count and its percentage, or blank where the column has no such count."""
    if count is None:
        return ""
    return f"{int(count):,} ({float(pct):.1f}%)" if count else "0"


def _load_rows(row: dict[str, Any]) -> str:
    parts = [f"read {_count(row['rows_read'])}", f"loaded {_count(row['rows_loaded'])}"]
    parts += [f"{name} {_count(row[key])}" for key, name in
              (("rows_quarantined", "quarantined"), ("rows_unchanged", "unchanged")) if row[key]]  # fmt: skip
    if row["status"] == "loaded" and row.get("message"):  # rows updated, removed or deleted
        parts.append(str(row["message"]).removesuffix(" (previous versions in history)"))
    return "\n".join(parts) if row["rows_read"] is not None else ""  # a line each: a count stays by its word


def _table(title: str, heads: list[str], cells: list[list[str]], numbers: tuple[str, ...] = ()) -> Table:
    """A table laid out for 80 columns: cells wrap between words, never inside a number or a name."""
    view = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    add_columns(view, heads, cells, whole_words=True, **dict.fromkeys(numbers, "right"))
    for line in cells:
        view.add_row(*line)
    return view


def _render(data: dict[str, Any]) -> None:
    console = Console(soft_wrap=False)
    console.print(f"Extract date: {data['extract_date'] or 'unknown (nothing loaded)'}")
    if data.get("extract_date_note"):
        console.print(f"[bold yellow]warning:[/] {escape(data['extract_date_note'])}", highlight=False)
    gaps = [r for r in data["completeness"] if r["rows"] and (r["missing"] or r["not_stated"])]
    console.print(
        _table(
            "Completeness (columns with a gap)", ["table", "column", "rows", "missing", "not stated"],
            [[r["table"], r["column"], _count(r["rows"]), _with_share(r["missing"], r["missing_pct"]),
              _with_share(r["not_stated"], r["not_stated_pct"])] for r in gaps],
            ("rows", "missing", "not stated"),
        )
    )  # fmt: skip
    console.print(
        _table(
            "Codes seen", ["table", "column", "code", "rows", "share"],
            [[r["table"], r["column"], "" if r["code"] is None else str(r["code"]), _count(r["rows"]),
              f"{float(r['share']):.1%}"] for r in data["codes"]],
            ("rows", "share"),
        )
    )  # fmt: skip
    console.print(
        _table(
            "Quarantine by table and rule", ["table", "rule", "rows", "lines"],
            [[r["table"], r["rule"], _count(r["rows"]), _count(r["lines"])] for r in data["quarantine"]],
            ("rows", "lines"),
        )
    )  # fmt: skip
    coverage = [r for r in data["date_coverage"] if r["rows"]]
    console.print(
        _table(
            "Date coverage (months without rows: below)", ["table", "column", "rows", "first", "last", "months"],
            [[r["table"], r["column"], _count(r["rows"]), str(r["first"])[:10], str(r["last"])[:10],
              _count(r["months"])] for r in coverage],
            ("rows", "months"),
        )
    )  # fmt: skip
    for row in coverage:
        if row["gaps"]:
            more = " …" if row["empty_months"] > len(row["gaps"]) else ""
            console.print(
                f"{row['table']}.{row['column']}: no rows in {', '.join(row['gaps'])}{more}", highlight=False
            )
    console.print(
        _table(
            "Loads (newest first; files, times and messages: --json)", ["load", "table", "extract", "status", "rows"],
            [[str(r["load_id"]), r["table"] or "", str(r["extract_date"] or "")[:10],
              str(r["status"]).replace("_", " "), _load_rows(r)] for r in data["loads"]],
            ("load",),
        )
    )  # fmt: skip
