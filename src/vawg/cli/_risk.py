"""CLI: `vawg risk score | explain | evaluate | register-rfsdi` (logic in vawg.risk)."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import (
    DbOption,
    JsonOption,
    UserOption,
    authenticated,
    cli_errors,
    open_store,
    parse_date,
)

if TYPE_CHECKING:
    import pandas as pd  # loaded by the commands that use it, not when the CLI starts

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="A force's RFSDI/RFG TOML (default: VAWG_RFSDI_CONFIG, else the shipped file)."
    ),
]

SHOWN = 50  # rows printed without --top (use --out or --json for every row)


class Purpose(StrEnum):
    operational = "operational"
    evaluation = "evaluation"


class StandardErrors(StrEnum):
    cluster = "cluster"
    hc1 = "hc1"


PurposeOption = Annotated[
    Purpose,
    typer.Option(
        help="operational (needs the version approved; person-level output) or evaluation (any "
        "registered version; aggregates by level only); every score is logged with it.",
        case_sensitive=False,
    ),
]


def _print_evaluation(summary: pd.DataFrame, when: date, out: Path | None, as_json: bool) -> None:
    """Evaluation output: aggregates by level only, never the people (person-level is operational)."""
    if out is not None:
        if out.suffix.lower() != ".csv":
            raise typer.BadParameter("evaluation output is a CSV of aggregates by level", param_hint="--out")
        summary.to_csv(out, index=False)
    if as_json:
        typer.echo(json.dumps(summary.to_dict("records"), indent=2, default=str))
        return
    table = Table(title=f"RFSDI as of {when} (evaluation): people by level, no person-level output")
    for column in summary.columns:
        table.add_column(column, justify="left" if column in ("version", "level") else "right")
    for row in summary.itertuples(index=False):
        table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    risk = typer.Typer(help="RFSDI offender risk score: score, explain, evaluate (OFFICIAL-SENSITIVE).")
    app.add_typer(risk, name="risk")

    @risk.command("score")
    def score(
        as_of: Annotated[str, typer.Option("--as-of", help="Score from records dated before this date.")],
        purpose: PurposeOption,
        db: DbOption = None,
        config: ConfigOption = None,
        user: UserOption = None,
        top: Annotated[int | None, typer.Option(help="Only the N highest scores.")] = None,
        area: Annotated[
            str | None, typer.Option(help="Only people whose latest VAWG offence was in this area.")
        ] = None,
        out: Annotated[
            Path | None, typer.Option(help="Write the scores to FILE.csv, .xlsx or .parquet.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Score every VAWG suspect with RFSDI as of a date, for safeguarding and diversion.

        Operational use needs the configuration's version approved (`vawg model approve rfsdi VERSION`);
        every score is written to the store's score log.
        """
        from vawg.risk.rfsdi import level_summary, load_config, score_and_log, scores_table

        when = parse_date(as_of, "--as-of")
        with cli_errors():
            cfg = load_config(config)
            who = authenticated(db, user)
            with open_store(db) as con:
                scores = score_and_log(
                    con, when, purpose=purpose.value, user=who, config=cfg, area=area, top=top
                )
        if purpose is Purpose.evaluation:
            _print_evaluation(level_summary(scores), when, out, as_json)
            return
        if out is not None:
            scores.write(out)
        if as_json:
            typer.echo(json.dumps(scores.to_dict(), indent=2, default=str))
            return
        console = Console()
        shown = scores if top is not None else scores.top(SHOWN)
        title = (
            f"RFSDI {scores.version} as of {when} ({purpose.value}): {len(shown):,} of {len(scores):,} shown"
        )
        console.print(scores_table(shown, title))
        if out is not None:
            console.print(
                f"{len(scores):,} scores written to {out} (marked {scores.marking}).", highlight=False
            )

    @risk.command("explain")
    def explain(
        person: Annotated[str, typer.Option(help="The person's id.")],
        as_of: Annotated[str, typer.Option("--as-of", help="Score from records dated before this date.")],
        purpose: PurposeOption,
        db: DbOption = None,
        config: ConfigOption = None,
        user: UserOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Explain one person's RFSDI score: each component's raw value, level and points."""
        from vawg.risk import load_config, score_and_log

        when = parse_date(as_of, "--as-of")
        if purpose is Purpose.evaluation:
            raise typer.BadParameter(
                "an explanation of one person's score is person-level output, which is operational: "
                "use --purpose operational with an approved version",
                param_hint="--purpose",
            )
        with cli_errors():
            cfg = load_config(config)
            who = authenticated(db, user)
            with open_store(db) as con:
                scores = score_and_log(
                    con, when, purpose=purpose.value, user=who, config=cfg, persons=[person]
                )
                explanation = scores.explain(person)
        if as_json:
            typer.echo(json.dumps(explanation.to_dict(), indent=2, default=str))
            return
        typer.echo(explanation.text())

    @risk.command("evaluate")
    def evaluate(
        db: DbOption = None,
        as_of: Annotated[
            list[str] | None,
            typer.Option("--as-of", help="As-of dates (repeat, or comma-separated); default: quarterly."),
        ] = None,
        config: ConfigOption = None,
        horizon: Annotated[int, typer.Option(help="Follow-up after each as-of date, in days.")] = 365,
        n_boot: Annotated[int, typer.Option(help="Bootstrap resamples for the AUC interval.")] = 1000,
        seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 20230331,
        pilot_area: Annotated[
            list[str] | None,
            typer.Option("--pilot-area", help="Pilot NPUs (repeat); default Birmingham, Wolverhampton."),
        ] = None,
        pilot_start: Annotated[
            str, typer.Option(help="Date RFSDI went live in the pilot areas.")
        ] = "2022-06-01",
        se: Annotated[
            StandardErrors,
            typer.Option(help="Pilot standard errors: cluster (by area) or hc1.", case_sensitive=False),
        ] = StandardErrors.cluster,
        pilot: Annotated[bool, typer.Option("--pilot/--no-pilot", help="Run the pilot evaluation.")] = True,
        out: Annotated[
            Path | None, typer.Option(help="Folder for the tables (CSV), summary.json and a figure.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Validate RFSDI: AUC, precision at k, calibration of levels, harm; and the pilot (DiD)."""
        from vawg.risk.rfsdi import (
            DEFAULT_PILOT_AREAS,
            evaluate_pilot,
            evaluate_rfsdi,
            evaluation_tables,
            load_config,
            write_evaluation,
        )

        dates = [
            parse_date(d, "--as-of") for text in (as_of or []) for d in text.split(",") if d.strip()
        ] or None
        with cli_errors():
            cfg = load_config(config)
            with open_store(db, read_only=True) as con:
                validity = evaluate_rfsdi(
                    con,
                    dates,
                    config=cfg,
                    horizon_days=horizon,
                    n_boot=n_boot,
                    seed=seed,
                    progress=not as_json,
                )
                pilot_report = (
                    evaluate_pilot(
                        con,
                        pilot_areas=tuple(pilot_area) if pilot_area else DEFAULT_PILOT_AREAS,
                        pilot_start=parse_date(pilot_start, "--pilot-start"),
                        se=se.value,
                    )
                    if pilot
                    else None
                )
            if out is not None:
                write_evaluation(out, validity, pilot_report)
        if as_json:
            payload = {
                "validity": validity.to_dict(),
                "pilot": pilot_report.to_dict() if pilot_report else None,
            }
            typer.echo(json.dumps(payload, indent=2, default=str))
            return
        console = Console()
        for table in evaluation_tables(validity, pilot_report):
            console.print(table)
        if out is not None:
            console.print(f"Tables, summary.json and figures written to {out}.", highlight=False)

    @risk.command("register-rfsdi")
    def register_rfsdi_command(
        db: DbOption = None,
        config: ConfigOption = None,
        with_evaluation: Annotated[
            bool, typer.Option("--evaluate/--no-evaluate", help="Run the validation and store its figures.")
        ] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Register the TOML's RFSDI version in the model registry, as a draft (then submit, approve)."""
        from vawg.risk import load_config, register_rfsdi

        with cli_errors():
            cfg = load_config(config)
            with open_store(db) as con:
                version = register_rfsdi(con, cfg, evaluate=with_evaluation)
        if as_json:
            typer.echo(json.dumps({"name": version.name, "version": version.version, "status": version.status,
                                   "metrics": version.metrics}, indent=2, default=str))  # fmt: skip
            return
        typer.echo(
            f"Registered {version.name} {version.version} as {version.status} (config {cfg.source}). Next: "
            f"`vawg model submit {version.name} {version.version} --user NAME`, then a second user approves."
        )
