"""CLI: `vawg lists person PERSON_ID` - one person's summary (logic in vawg.operations.person_summary)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from vawg.cli._options import (
    ActAsOption,
    AsOfOption,
    DbOption,
    JsonOption,
    cli_errors,
    parse_date,
    store_path,
)


def register(lists: typer.Typer) -> None:
    """Add `person` to the `vawg lists` group."""

    @lists.command("person")
    def person(
        person_id: Annotated[
            str, typer.Argument(metavar="PERSON_ID", help="The person's pseudonymous id, as on a work list.")
        ],
        db: DbOption = None,
        as_of: AsOfOption = None,
        user: ActAsOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """One person's summary as of a date (OFFICIAL-SENSITIVE): outstanding crimes, orders, bail,
        status, clinic actions, referrals, and RFSDI per component from the approved version.

        Officers see only people of their own areas. Every summary shown is written to the audit
        log. Bad input (an unknown person or a date outside the data) exits 2.
        """
        from vawg.accounts import cli_user
        from vawg.config import get_settings
        from vawg.errors import StoreError
        from vawg.operations import data_window, person_summary, record_person_access
        from vawg.store import connect

        when = parse_date(as_of, "--as-of") if as_of is not None else None
        path = store_path(db)
        with cli_errors():
            if not path.exists():
                raise StoreError(f"{path}: no store here; create one with `vawg ingest BUNDLE --db {path}`")
            name = user or get_settings().user
            signed_in = cli_user(path, name) if name else None
            con = connect(path)
            try:
                day = when or data_window(con)[1]
                summary = person_summary(con, person_id, day, actor=signed_in)
            finally:
                con.close()
            record_person_access(
                path, summary, actor=signed_in, client="cli", output="json" if as_json else "screen"
            )
        if as_json:
            typer.echo(json.dumps(summary.to_dict(), indent=2, default=str))
            return
        _print(summary)


def _print(summary: object) -> None:
    from vawg.cli._lists_table import list_table
    from vawg.operations import PERSON_SECTIONS, PersonSummary, WorkList

    assert isinstance(summary, PersonSummary)
    console = Console()
    console.print(
        f"[bold]{summary.marking}[/]  Person {summary.person_id} as of {summary.as_of.isoformat()}",
        highlight=False,
    )
    console.print(
        f"Area: {summary.area or 'none recorded'} (areas of their records: {', '.join(summary.areas) or 'none'})",
        highlight=False,
    )
    rfsdi = summary.rfsdi
    if rfsdi["score"] is not None:
        console.print(
            f"RFSDI {rfsdi['version']}: score {rfsdi['score']:.2f}, level {rfsdi['level']} ({rfsdi['band_words']})",
            highlight=False,
        )
    console.print(rfsdi["note"], highlight=False)
    for spec in PERSON_SECTIONS:
        frame = summary.sections[spec.id]
        console.print(f"\n[bold]{spec.title}[/]: {len(frame)}", highlight=False)
        if len(frame):
            section = WorkList(spec=spec, as_of=summary.as_of, filters={}, frame=frame)
            table, dropped = list_table(section, frame, console.width)
            console.print(table)
            if dropped:
                console.print(f"Not shown at this width: {', '.join(dropped)} (--json gives every column).")
    console.print(summary.marking, style="bold", highlight=False)


__all__ = ["register"]
