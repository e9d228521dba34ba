"""CLI: `vawg model train | evaluate | card | score | register | submit | approve | retire | list`.

Thin commands over vawg.risk (escalation model, governance) and vawg.reports (ethics pack).
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from vawg import MARKING
from vawg.config import get_settings
from vawg.errors import VawgError

DbOption = Annotated[Path | None, typer.Option(help="The store (default: VAWG_DB).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ByOption = Annotated[str, typer.Option("--by", help="Who is responsible for this step (recorded).")]
NameArg = Annotated[str, typer.Argument(help="Model name: escalation or rfsdi.")]
VersionArg = Annotated[str, typer.Argument(help="Model version, as `vawg model list` shows it.")]

console = Console()


@contextmanager
def _errors() -> Iterator[None]:
    """A VawgError becomes one line on stderr and exit status 2."""
    try:
        yield
    except VawgError as exc:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None


def _db(db: Path | None) -> Path:
    return db if db is not None else get_settings().db


@contextmanager
def _connect(db: Path | None, *, read_only: bool = False) -> Iterator[Any]:
    """The store, closed afterwards (a command may run in-process, e.g. under a test runner)."""
    from vawg.store import connect

    con = connect(_db(db), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"{option}: expected a date YYYY-MM-DD; found {text!r}") from None


def _day(text: str, option: str) -> date:
    found = _date(text, option)
    assert found is not None
    return found


def _print_frame(frame: Any, title: str) -> None:
    table = Table(title=title, title_justify="left")
    for col in frame.columns:
        table.add_column(str(col))
    for row in frame.itertuples(index=False):
        table.add_row(*(_fmt(v) for v in row))
    console.print(table)


def _fmt(value: Any) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str | bytes) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    return escape(str(value))


def _summary(record: dict[str, Any]) -> None:
    import pandas as pd

    evaluation = record.get("evaluation") or {}
    if evaluation.get("metrics"):
        frame = pd.DataFrame(evaluation["metrics"])
        frame["value"] = [
            f"{e:.3f} ({lo:.3f}-{hi:.3f})" if lo is not None and e is not None else _fmt(e)
            for e, lo, hi in zip(frame["estimate"], frame["ci_low"], frame["ci_high"], strict=True)
        ]
        _print_frame(
            frame.pivot(index="metric", columns="model", values="value").reset_index(),
            "Test-set metrics (95% CI)",
        )
        _print_frame(pd.DataFrame(evaluation["differences"]), "Paired bootstrap differences in AUC")
    selection = record.get("selection") or {}
    if selection:
        console.print(f"[bold]Selected:[/] {selection['model']}. {escape(selection['reason'])}")
    truth = record.get("truth")
    if truth:
        console.print(
            f"Learned vs planted: sign agreement {_fmt(truth.get('sign_agreement'))} (refit on the planted "
            f"terms: {_fmt(truth.get('refit_sign_agreement'))}, planted inside its 95% CI "
            f"{_fmt(truth.get('refit_in_ci'))}), importance rank "
            f"correlation {_fmt(truth.get('importance_rank_correlation'))}, probability "
            + ", ".join(f"{k} {_fmt(v)}" for k, v in truth["probability"].items())
        )
    for audit in (record.get("fairness") or {}).values():
        for warning in audit.get("warnings", []):
            console.print(f"[yellow]warning:[/] {escape(warning)}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    model = typer.Typer(
        help="Escalation model and model governance: train, evaluate, card, approve (OFFICIAL-SENSITIVE)."
    )
    app.add_typer(model, name="model")

    @model.command("train")
    def train(
        db: DbOption = None,
        models_dir: Annotated[
            Path | None, typer.Option(help="Where fitted models go (default: models/ next to the store).")
        ] = None,
        horizon_days: Annotated[int, typer.Option(help="Label horizon after each as-of date.")] = 365,
        test_as_of: Annotated[
            str | None, typer.Option(help="Test as-of date (default: the latest with its horizon observed).")
        ] = None,
        n_boot: Annotated[int, typer.Option(help="Bootstrap resamples for the intervals.")] = 500,
        seed: Annotated[int, typer.Option(help="Random seed (models and bootstrap).")] = 20230331,
        capacity: Annotated[
            int, typer.Option(help="Operating point for the fairness audit: the top N people.")
        ] = 100,
        version: Annotated[
            str | None, typer.Option(help="Version to register (default: next number).")
        ] = None,
        bundle: Annotated[
            Path | None, typer.Option(help="A synthetic bundle: compare with its planted truth.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Train and evaluate the escalation model; register it as a draft with its metrics."""
        from vawg.risk._escalation import default_models_dir, save_and_register, train_escalation
        from vawg.risk._escalation_truth import synthetic_truth

        status = Console(stderr=True).status(
            f"Building the panel, fitting three scorers, {n_boot} bootstrap resamples, fairness audit…"
        )
        with _errors(), _connect(db) as con:
            with status if not as_json else nullcontext():
                run = train_escalation(
                    con,
                    horizon_days=horizon_days,
                    test_as_of=_date(test_as_of, "--test-as-of"),
                    n_boot=n_boot,
                    seed=seed,
                    capacity=capacity,
                    **(synthetic_truth(bundle) if bundle else {}),
                )
            registered = save_and_register(
                con, run, models_dir or default_models_dir(_db(db)), version=version
            )
            if as_json:
                print(
                    json.dumps({"version": registered.version, "status": registered.status, **run.record()})
                )
                return
            _summary(run.record())
            console.print(
                f"Registered escalation version {registered.version} as [bold]draft[/] "
                f"(model file {run.artifact}). Next: `vawg model card --version {registered.version} --out DIR`, "
                f"then `vawg model submit escalation {registered.version} --by NAME`."
            )

    @model.command("evaluate")
    def evaluate_command(
        db: DbOption = None,
        name: Annotated[str, typer.Option(help="Model name.")] = "escalation",
        version: Annotated[str | None, typer.Option(help="Version (default: latest).")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Show the evaluation stored with a registered version (metrics, comparison, fairness warnings)."""
        from vawg.risk._governance import get_version

        with _errors(), _connect(db, read_only=True) as con:
            found = get_version(con, name, version)
            if as_json:
                print(
                    json.dumps(
                        {
                            "name": found.name,
                            "version": found.version,
                            "status": found.status,
                            **found.metrics,
                        }
                    )
                )
                return
            console.print(f"[bold]{found.name} version {found.version}[/] ({found.status})")
            _summary(found.metrics)

    @model.command("card")
    def card(
        out: Annotated[Path, typer.Option("--out", help="Folder for the model card and ATRS record.")],
        db: DbOption = None,
        name: Annotated[str, typer.Option(help="Model name.")] = "escalation",
        version: Annotated[str | None, typer.Option(help="Version (default: latest).")] = None,
        metadata: Annotated[
            Path | None, typer.Option(help="Model metadata TOML (default: the shipped one).")
        ] = None,
        pdf: Annotated[bool, typer.Option(help="Also write PDFs.")] = True,
    ) -> None:
        """Write the ethics pack: model card and ATRS record (Markdown + PDF, OFFICIAL-SENSITIVE)."""
        from vawg.reports._ethics import build_ethics_pack

        with _errors(), _connect(db, read_only=True) as con:
            pack = build_ethics_pack(con, out, name=name, version=version, metadata_path=metadata, pdf=pdf)
            for path in pack.paths:
                console.print(str(path))

    @model.command("score")
    def score(
        as_of: Annotated[str, typer.Option(help="Score people as of this date.")],
        purpose: Annotated[
            str, typer.Option(help="Why (recorded in the score log), e.g. 'stalking clinic triage'.")
        ],
        out: Annotated[Path, typer.Option(help="CSV to write (person-level, OFFICIAL-SENSITIVE).")],
        db: DbOption = None,
        version: Annotated[str | None, typer.Option(help="Version (default: latest approved).")] = None,
        user: Annotated[str | None, typer.Option(help="Who is scoring (default: login name).")] = None,
    ) -> None:
        """Score people with the approved escalation version; every score is logged."""
        from vawg.risk._escalation_scoring import score_people

        with _errors(), _connect(db) as con:
            scores = score_people(
                con,
                _day(as_of, "--as-of"),
                user=user or os.environ.get("VAWG_USER") or getpass.getuser(),
                purpose=purpose,
                version=version,
            )
            scores.insert(0, "marking", MARKING)
            scores.to_csv(out, index=False)
            console.print(f"{len(scores)} people scored and logged; written to {out} ({MARKING}).")

    @model.command("register")
    def register_command(
        name: NameArg,
        version: VersionArg,
        train_start: Annotated[str, typer.Option(help="First day of the data the version was built on.")],
        train_end: Annotated[str, typer.Option(help="Last day of the data the version was built on.")],
        db: DbOption = None,
        metrics: Annotated[Path | None, typer.Option(help="JSON file of metrics to store.")] = None,
        metadata: Annotated[Path | None, typer.Option(help="JSON file of metadata to store.")] = None,
    ) -> None:
        """Register a model version (built elsewhere) as a draft."""
        from vawg.risk._governance import register_version

        with _errors(), _connect(db) as con:
            found = register_version(
                con,
                name,
                version,
                training_window=(_day(train_start, "--train-start"), _day(train_end, "--train-end")),
                metrics=json.loads(metrics.read_text(encoding="utf-8")) if metrics else {},
                metadata=json.loads(metadata.read_text(encoding="utf-8")) if metadata else {},
            )
            console.print(f"{found.name} version {found.version}: {found.status}")

    def _move(action: str, name: str, version: str, db: Path | None, **kwargs: Any) -> None:
        from vawg.risk import _governance as governance

        with _errors(), _connect(db) as con:
            found = getattr(governance, action)(con, name, version, **kwargs)
            who = kwargs.get("by")
            console.print(f"{found.name} version {found.version}: {found.status} (by {escape(str(who))})")

    @model.command("submit")
    def submit(name: NameArg, version: VersionArg, by: ByOption, db: DbOption = None) -> None:
        """Submit a draft for approval."""
        _move("submit", name, version, db, by=by)

    @model.command("approve")
    def approve(
        name: NameArg,
        version: VersionArg,
        by: ByOption,
        conditions: Annotated[str | None, typer.Option(help="Conditions of the approval (recorded).")] = None,
        db: DbOption = None,
    ) -> None:
        """Approve a submitted version for operational use (a different person from the submitter)."""
        _move("approve", name, version, db, by=by, conditions=conditions)

    @model.command("retire")
    def retire(
        name: NameArg,
        version: VersionArg,
        by: ByOption,
        reason: Annotated[str | None, typer.Option(help="Why it is retired (recorded).")] = None,
        db: DbOption = None,
    ) -> None:
        """Retire a version: it never scores anyone again."""
        _move("retire", name, version, db, by=by, reason=reason)

    @model.command("list")
    def list_command(
        db: DbOption = None,
        name: Annotated[str | None, typer.Option(help="Only this model.")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Every registered version with its status and approval."""
        from vawg.risk._governance import list_versions

        with _errors(), _connect(db, read_only=True) as con:
            frame = list_versions(con, name)
            if as_json:
                print(frame.to_json(orient="records", date_format="iso"))
                return
            shown = frame[
                ["name", "version", "status", "training_start", "training_end", "approved_by", "approved_at"]
            ]
            _print_frame(
                shown.rename(columns={"training_start": "data from", "training_end": "data to"}),
                "Model registry",
            )
