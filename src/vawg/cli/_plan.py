"""CLI: `vawg plan …` — the strategy's action plan (thin over `vawg.strategy`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, JsonOption, cli_errors, parse_date, store_path
from vawg.cli._users import UserOption

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="The date to judge by, YYYY-MM-DD (default: today).")
]


def _as_of(text: str | None) -> date:
    return parse_date(text, "--as-of") if text else date.today()


def _print(title: str, frame: Any, wide: tuple[str, ...] = ("ref",)) -> None:
    """A table that fits 80 columns: ids fold onto a second line rather than being cut, and no header
    is broken inside a word (each column is at least as wide as its header)."""
    table = Table(title=title)
    for column in frame.columns:
        name = str(column)
        table.add_column(name, overflow="fold", min_width=None if column in wide else len(name))
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(soft_wrap=False).print(table)


def register(app: typer.Typer) -> None:
    """Add `vawg plan` to `app`."""
    plan = typer.Typer(
        help="The strategy's action plan: import, export, status, history.", no_args_is_help=True
    )
    app.add_typer(plan, name="plan")

    @plan.command("strands")
    def strands_command(as_json: JsonOption = False) -> None:
        """The strategy's strands (VAWG_STRANDS_FILE, else the paper's six)."""
        from vawg.strategy import load_strands

        with cli_errors():
            strands = load_strands()
        if as_json:
            typer.echo(json.dumps([s.__dict__ for s in strands], indent=2))
            return
        for s in strands:
            typer.echo(f"{s.id}\t{s.title}")

    @plan.command("template")
    def template_command(
        out: Annotated[Path, typer.Argument(help="The empty template to write (.xlsx or .csv).")],
    ) -> None:
        """Write the empty plan template (the columns, and an XLSX 'guide' sheet of what they mean)."""
        from vawg.strategy import write_plan

        with cli_errors():
            write_plan([], out)
        typer.echo(f"wrote {out}")

    @plan.command("import")
    def import_command(
        file: Annotated[
            Path, typer.Argument(help="The plan spreadsheet (.xlsx or .csv, the template's columns).")
        ],
        db: DbOption = None,
        user: UserOption = None,
    ) -> None:
        """Import the tactical lead's spreadsheet: every row checked first; any problem and nothing changes.
        Needs a user with the analyst role (or strand_lead for their own strands)."""
        from vawg.accounts import cli_user
        from vawg.metrics import REGISTRY
        from vawg.strategy import ActionPlan, load_strands, read_plan

        with cli_errors():
            parsed = read_plan(
                file, strand_ids={s.id for s in load_strands()}, known_metrics={m.id for m in REGISTRY}
            )
            editor = cli_user(store_path(db), user)
            with ActionPlan.for_store(store_path(db)) as action_plan:
                result = action_plan.save(parsed.actions, by=editor, source=f"import:{file.name}")
        typer.echo(
            f"{file}: {len(result['added'])} added, {len(result['updated'])} updated, "
            f"{len(result['unchanged'])} unchanged, {parsed.blank_rows} blank rows skipped"
        )

    @plan.command("export")
    def export_command(
        out: Annotated[
            Path,
            typer.Argument(help="Where to write the plan (.xlsx with guide and history sheets, or .csv)."),
        ],
        db: DbOption = None,
    ) -> None:
        """Export the plan in the import template's layout (it can be edited and imported back)."""
        from vawg.strategy import ActionPlan, write_plan

        with cli_errors(), ActionPlan.for_store(store_path(db)) as action_plan:
            write_plan(action_plan.actions(), out, history=action_plan.history())
        typer.echo(f"wrote {out}")

    @plan.command("status")
    def status_command(
        db: DbOption = None,
        as_of: AsOfOption = None,
        signals: Annotated[
            bool, typer.Option("--signals/--no-signals", help="Check linked indicators' SPC charts.")
        ] = True,
        as_json: JsonOption = False,
    ) -> None:
        """Per strand: actions by RAG, open, overdue, completed this year; then the overdue actions, open
        actions without evidence, and actions whose linked indicator moved the wrong way."""
        from vawg.strategy import (
            ActionPlan,
            load_strands,
            overdue,
            strand_summary,
            without_evidence,
            wrong_way,
        )

        with cli_errors(), ActionPlan.for_store(store_path(db)) as action_plan:
            day = _as_of(as_of)
            strands = load_strands()
            actions = action_plan.actions()
            summary = strand_summary(action_plan, strands, day)
            late, bare = overdue(actions, day), without_evidence(actions)
            moved = (
                wrong_way(store_path(db), actions) if signals and any(a.metric_ids for a in actions) else []
            )
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "as_of": day.isoformat(),
                        "strands": summary.to_dict(orient="records"),
                        "overdue": json.loads(late.to_json(orient="records", date_format="iso")),
                        "without_evidence": json.loads(bare.to_json(orient="records", date_format="iso")),
                        "wrong_way": [m.__dict__ for m in moved],
                    },
                    indent=2,
                    default=str,
                )
            )
            return
        if not int(summary["actions"].sum()):
            typer.echo(
                "The action plan holds no actions (`vawg plan import FILE` loads the tactical lead's sheet)."
            )
            return
        short = {"actions": "all", "blue": "done", "completed_this_year": "done FY"}  # fits 80 columns
        _print(
            f"Action plan by strand, {day.isoformat()}",
            # without_evidence is listed in full below (and in --json); the table stays within 80 columns
            summary.drop(columns=["title", "without_evidence"]).rename(columns=short),
            wide=("strand",),
        )
        _print("Overdue actions", late, wide=("ref", "strand"))
        _print("Open actions without evidence", bare, wide=("ref", "strand"))
        for m in moved:
            typer.echo(
                f"{m.ref}: linked indicator {m.metric_id} shows {m.variation.replace('_', ' ')} (latest {m.latest_period})"
            )

    @plan.command("history")
    def history_command(
        ref: Annotated[
            str | None, typer.Argument(help="One action's reference (default: every change).")
        ] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Who changed what, when: every change to the plan, oldest first."""
        import pandas as pd

        from vawg.strategy import ActionPlan, PlanError

        with cli_errors(), ActionPlan.for_store(store_path(db)) as action_plan:
            if ref is not None and action_plan.get(ref) is None:
                raise PlanError(f"no action {ref!r} in the plan (see `vawg plan status`)")
            history = action_plan.history(ref)
        if as_json:
            typer.echo(json.dumps(history, indent=2))
            return
        _print(
            "Action plan history",
            pd.DataFrame(
                history, columns=["ref", "changed_at", "changed_by", "source", "field", "old", "new"]
            ),
        )
