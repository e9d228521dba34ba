"""CLI: `vawg lists` (the registry) and `vawg lists show ID` (a work list; logic in vawg.operations)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import (
    ActAsOption,
    AsOfOption,
    DbOption,
    JsonOption,
    cli_errors,
    parse_date,
    store_path,
)
from vawg.cli._person import register as register_person

SHOWN = 40  # rows printed (use --out or --json for every row)


def _registry(as_json: bool) -> None:
    from vawg.operations import LISTS

    if as_json:
        typer.echo(json.dumps([spec.to_dict() for spec in LISTS], indent=2))
        return
    table = Table(title="Work lists (`vawg lists show ID`)")
    for name in ("id", "title", "audience"):
        table.add_column(name, no_wrap=name == "id", overflow="fold")
    for spec in LISTS:
        table.add_row(spec.id, spec.title, spec.audience)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add `vawg lists` to `app`."""
    lists = typer.Typer(
        help="Work lists officers act on (OFFICIAL-SENSITIVE): `vawg lists` names them, "
        "`vawg lists show ID` produces one."
    )
    app.add_typer(lists, name="lists")

    @lists.callback(invoke_without_command=True)
    def lists_root(ctx: typer.Context, as_json: JsonOption = False) -> None:
        """The registry of work lists: id, title, audience (with --json: definitions and columns)."""
        if ctx.invoked_subcommand is None:
            _registry(as_json)

    @lists.command("show")
    def show(
        list_id: Annotated[str, typer.Argument(metavar="ID", help="The list's id (see `vawg lists`).")],
        db: DbOption = None,
        as_of: AsOfOption = None,
        area: Annotated[str | None, typer.Option(help="Only this area (default: every area).")] = None,
        out: Annotated[
            Path | None, typer.Option(help="Also write every row to FILE.csv, .xlsx or .parquet (marked).")
        ] = None,
        user: ActAsOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Produce one work list as of a date: every list produced is written to the audit log.

        Identifiers are never cut at any terminal width; columns that do not fit are named (use
        --json or --out for all of them). Bad input (unknown list, area, or a date outside the
        data) exits 2 and writes nothing.
        """
        from vawg.accounts import cli_user
        from vawg.config import get_settings
        from vawg.errors import OperationsError, StoreError
        from vawg.operations import (
            LISTS,
            OUT_SUFFIXES,
            check_list_access,
            compute_list,
            data_window,
            record_list_access,
        )
        from vawg.store import connect

        when = parse_date(as_of, "--as-of") if as_of is not None else None
        path = store_path(db)
        with cli_errors():
            spec = LISTS.get(list_id)
            if out is not None and out.suffix.lower() not in OUT_SUFFIXES:
                raise OperationsError(
                    f"--out {out}: expected a .csv, .xlsx or .parquet file; found {out.suffix or 'no suffix'}"
                )
            if not path.exists():
                raise StoreError(f"{path}: no store here; create one with `vawg ingest BUNDLE --db {path}`")
            name = user or get_settings().user
            signed_in = cli_user(path, name) if name else None
            check_list_access(signed_in, spec.id, area)
            con = connect(path)
            try:
                day = when or data_window(con)[1]
                work = compute_list(con, spec.id, day, area=area, actor=signed_in)
            finally:
                con.close()
            if out is not None:
                work.write(out)
            record_list_access(
                path,
                work,
                actor=signed_in,
                client="cli",
                output="json" if as_json and out is None else (out.suffix.lstrip(".") if out else "screen"),
            )
        if as_json:
            typer.echo(json.dumps(work.to_dict(), indent=2, default=str))
            return
        _print(work, out)

    register_person(lists)  # `vawg lists person PERSON_ID` (vawg.cli._person)


def _print(work: object, out: Path | None) -> None:
    from vawg.cli._lists_table import list_table
    from vawg.operations import WorkList

    assert isinstance(work, WorkList)
    console = Console()
    console.print(
        f"[bold]{work.marking}[/]  {work.spec.title}, as of {work.as_of.isoformat()}", highlight=False
    )
    area = work.filters.get("area")
    console.print(
        f"{work.row_count:,} rows{f' in {area}' if area else ''}; {work.spec.sort}.", highlight=False
    )
    for note in work.notes:
        console.print(note, highlight=False)
    if work.row_count:
        table, dropped = list_table(work, work.frame.head(SHOWN), console.width)
        console.print(table)
        if work.row_count > SHOWN:
            console.print(
                f"First {SHOWN} of {work.row_count:,} rows; --out or --json gives all.", highlight=False
            )
        if dropped:
            console.print(
                f"Not shown at this width: {', '.join(dropped)} (--json or --out gives every column).",
                highlight=False,
            )
    if work.summary is not None and len(work.summary):
        summary = Table(title="Summary")
        for column in work.summary.columns:
            summary.add_column(str(column), overflow="fold")
        for row in work.summary.astype(object).itertuples(index=False):
            summary.add_row(*(str(v) for v in row))
        console.print(summary)
    if out is not None:
        console.print(f"{work.row_count:,} rows written to {out} (marked {work.marking}).", highlight=False)
    console.print(work.marking, style="bold", highlight=False)


__all__ = ["register"]
