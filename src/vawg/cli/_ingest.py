"""CLI: `vawg ingest` (load a bundle) and `vawg quarantine` (the rows it set aside)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import ActAsOption, DbOption, cli_errors, open_store, parse_date, store_path

if TYPE_CHECKING:
    from vawg.ingest import IngestReport


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("ingest")
    def ingest_command(
        bundle: Annotated[Path, typer.Argument(help="The bundle folder: <table>.csv or .parquet files.")],
        db: DbOption = None,
        strict: Annotated[bool, typer.Option(help="Load nothing if any row is bad.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
        extract_date: Annotated[
            str | None,
            typer.Option(
                help="Extract date YYYY-MM-DD (default: manifest.json's, else inferred from the data, with a warning)."
            ),
        ] = None,
        swap: Annotated[
            bool,
            typer.Option(
                help="Load into a copy of the store and swap it in atomically (readers such as "
                "`vawg serve` keep running)."
            ),
        ] = False,
    ) -> None:
        """Validate and load a bundle. Exit status: 0 loaded, 1 loaded with quarantined rows, 2 rejected."""
        from vawg.ingest import ingest
        from vawg.store import replacing_store

        extract = parse_date(extract_date, "--extract-date") if extract_date is not None else None
        with cli_errors():
            if swap:
                with replacing_store(store_path(db)) as work:
                    report = ingest(bundle, work, strict=strict, extract_date=extract, progress=not as_json)
            else:
                report = ingest(
                    bundle, store_path(db), strict=strict, extract_date=extract, progress=not as_json
                )
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2))
        else:
            _print_report(report)
        raise typer.Exit(report.exit_code)

    @app.command("quarantine")
    def quarantine_command(
        db: DbOption = None,
        table: Annotated[str | None, typer.Option(help="Only this table.")] = None,
        rule: Annotated[str | None, typer.Option(help="Only this rule id (e.g. bad_type).")] = None,
        limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
        csv: Annotated[Path | None, typer.Option("--csv", help="Write the rows to this CSV file.")] = None,
        resolved: Annotated[
            bool,
            typer.Option(
                "--resolved",
                help="Also list rows a later load resolved (column resolved_by_load says which).",
            ),
        ] = False,
        user: ActAsOption = None,
    ) -> None:
        """List quarantined rows: table, file, line, column, rule, value and why (OFFICIAL-SENSITIVE).

        Open problems only, unless --resolved. The rows are as the force sent them, so every listing
        is written to the audit log (who, filters, row count; never the rows).
        """
        from vawg import MARKING
        from vawg.accounts import Permission, cli_user
        from vawg.audit import AuditLog
        from vawg.config import get_settings
        from vawg.ingest import quarantine_rows
        from vawg.outputs import write_table

        if as_json and csv is not None:
            raise typer.BadParameter("give --json or --csv, not both")
        with cli_errors():
            path = store_path(db)
            name = user or get_settings().user
            signed_in = cli_user(path, name) if name else None
            if signed_in is not None:
                signed_in.require(Permission.QUALITY)
            with open_store(db, read_only=True) as con:
                rows = quarantine_rows(con, table=table, rule=rule, limit=limit, include_resolved=resolved)
            with AuditLog.for_store(path) as log:
                log.record(
                    actor=signed_in,
                    action="quarantine.export" if csv is not None else "quarantine.view",
                    target="quarantine",
                    detail={"table": table, "rule": rule, "resolved": resolved, "limit": limit},
                    row_count=len(rows),
                    client="cli",
                )
        if csv is not None:
            write_table(rows, csv, marking=MARKING)
            Console().print(f"{len(rows):,} quarantined rows written to {csv} ({MARKING})", highlight=False)
            return
        if as_json:
            records = json.loads(rows.to_json(orient="records", date_format="iso"))
            for record in records:  # the row as read is JSON itself: nest it rather than quote it
                record["raw"] = json.loads(record["raw"]) if record.get("raw") else None
            typer.echo(json.dumps({"marking": MARKING, "rows": records}, indent=2))
            return
        view = Table(title=f"Quarantine ({len(rows):,} rows) — {MARKING}")
        shown = ["table_name", "line", "column_name", "rule", "value", "message"]
        if resolved:
            shown.append("resolved_by_load")
        headers = {"table_name": "table", "column_name": "column", "resolved_by_load": "fixed by"}
        cells = [[_text(getattr(row, column)) for column in shown] for row in rows.itertuples(index=False)]
        for n, column in enumerate(shown):
            header = headers.get(column, column)
            if column in ("value", "message"):  # free text: wraps (the value folds: it may be long)
                view.add_column(header, overflow="fold", ratio=1 if column == "message" else None)
                continue
            # identifiers are never cut or broken at 80 columns: the column is as wide as the longest
            widest = max([len(header), *(len(line[n]) for line in cells)])
            view.add_column(header, no_wrap=True, min_width=widest)
        for line in cells:
            view.add_row(*line)
        Console().print(view)


def _text(value: object) -> str:
    import pandas as pd  # loaded already: the rows are a frame

    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else str(value)


def _print_report(report: IngestReport) -> None:
    console = Console()
    view = Table(title=f"Ingest of {report.bundle} (extract date {report.extract_date})")
    for name in ("table", "status", "read", "loaded", "quarantined", "unchanged", "updated"):
        view.add_column(name, justify="left" if name in ("table", "status") else "right")
    for name, counts in report.tables.items():
        view.add_row(
            name, counts.status, f"{counts.rows_read:,}", f"{counts.rows_loaded:,}",
            f"{counts.rows_quarantined:,}", f"{counts.rows_unchanged:,}", f"{counts.rows_updated:,}",
        )  # fmt: skip
    console.print(view)
    removed = {name: c.rows_removed for name, c in report.tables.items() if c.rows_removed}
    for what, per_table in (("removed by correction", removed), ("deleted (delta)", report.deleted)):
        if per_table:
            console.print(
                f"{what}: " + ", ".join(f"{t} {n:,}" for t, n in per_table.items()), highlight=False
            )
    if report.extract_date_source in ("inferred", "today"):
        from vawg.store import EXTRACT_DATE_SOURCES

        console.print(
            f"[bold yellow]warning:[/] extract date {report.extract_date} "
            f"{EXTRACT_DATE_SOURCES[report.extract_date_source]}",
            highlight=False,
        )
    for rejected in report.rejected:
        console.print(f"[bold red]rejected:[/] {rejected}", highlight=False)
    if not report.loaded:
        console.print("[bold red]Nothing was loaded.[/]")
    elif report.rows_quarantined:
        console.print(
            f"{report.rows_quarantined:,} rows quarantined: see `vawg quarantine`.", highlight=False
        )
