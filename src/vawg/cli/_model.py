"""CLI: `vawg model train | evaluate | card | score | register | submit | ethics-decision | approve |
retire | list`.

Thin commands over vawg.risk.escalation (the model) and vawg.risk.governance (registry, ethics pack).
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vawg import MARKING
from vawg.cli._model_governance import NameArg, VersionArg, add_governance_commands
from vawg.cli._model_summary import console, fmt, print_frame, print_summary
from vawg.cli._options import (
    DbOption,
    JsonOption,
    UserOption,
    authenticated,
    cli_errors,
    open_registry,
    open_store,
    parse_date,
    store_path,
)


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
            int | None,
            typer.Option(
                help="Operating point: the top N people (default: VAWG_ESCALATION_CAPACITY_PER_MONTH "
                "× VAWG_ESCALATION_REVIEW_MONTHS, 50 × 3)."
            ),
        ] = None,
        version: Annotated[
            str | None, typer.Option(help="Version to register (default: next number).")
        ] = None,
        bundle: Annotated[
            Path | None, typer.Option(help="A synthetic bundle: compare with its planted truth.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Train and evaluate the escalation model; register it as a draft with its metrics."""
        from vawg.risk.escalation import (
            default_models_dir,
            save_and_register,
            synthetic_truth,
            train_escalation,
        )

        status = Console(stderr=True).status(
            f"Building the panel, fitting three scorers, {n_boot} bootstrap resamples, fairness audit…"
        )
        with cli_errors(), open_store(db) as con, open_registry(db) as registry:
            with status if not as_json else nullcontext():
                run = train_escalation(
                    con,
                    horizon_days=horizon_days,
                    test_as_of=parse_date(test_as_of, "--test-as-of") if test_as_of is not None else None,
                    n_boot=n_boot,
                    seed=seed,
                    capacity=capacity,
                    **(synthetic_truth(bundle) if bundle else {}),
                )
            registered = save_and_register(
                registry, run, models_dir or default_models_dir(store_path(db)), version=version
            )
            if as_json:
                print(
                    json.dumps({"version": registered.version, "status": registered.status, **run.record()})
                )
                return
            print_summary(run.record())
            console.print(
                f"Registered escalation version {registered.version} as [bold]draft[/] "
                f"(model file {run.artifact}). Next: `vawg model card --version {registered.version} --out DIR`, "
                f"then `vawg model submit escalation {registered.version} --user NAME`."
            )

    @model.command("evaluate")
    def evaluate_command(
        db: DbOption = None,
        name: Annotated[str, typer.Option(help="Model name.")] = "escalation",
        version: Annotated[str | None, typer.Option(help="Version (default: latest).")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Show the evaluation stored with a registered version (metrics, comparison, fairness warnings)."""
        from vawg.risk.governance import get_version

        with cli_errors(), open_registry(db) as registry:
            found = get_version(registry, name, version)
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
            print_summary(found.metrics)

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
        """Write the ethics pack: model card and ATRS record (Markdown + PDF); the registry notes it."""
        from vawg.risk.governance import build_ethics_pack

        with cli_errors(), open_store(db) as con, open_registry(db) as registry:
            pack = build_ethics_pack(
                registry, con, out, name=name, version=version, metadata_path=metadata, pdf=pdf
            )
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
        user: UserOption = None,
    ) -> None:
        """Score people with the approved escalation version; every score is logged."""
        from vawg.outputs import write_table
        from vawg.risk.escalation import score_people
        from vawg.risk.governance import EVALUATION_PURPOSE

        if purpose.strip().casefold() == EVALUATION_PURPOSE:
            raise typer.BadParameter(
                "this command writes a person-level list, which is operational; evaluation is "
                "`vawg model evaluate`",
                param_hint="--purpose",
            )
        with cli_errors():
            who = authenticated(db, user)
        with cli_errors(), open_store(db) as con, open_registry(db) as registry:
            scores = score_people(
                registry,
                con,
                parse_date(as_of, "--as-of"),
                user=who,
                purpose=purpose,
                version=version,
            )
            scores.insert(0, "marking", MARKING)
            write_table(scores, out, marking=MARKING)
            console.print(f"{len(scores)} people scored and logged; written to {out} ({MARKING}).")

    @model.command("register")
    def register_command(
        name: NameArg,
        version: VersionArg,
        train_start: Annotated[str, typer.Option(help="First day of the data the version was built on.")],
        train_end: Annotated[str, typer.Option(help="Last day of the data the version was built on.")],
        artifact: Annotated[
            Path, typer.Option(help="The version's file (the fitted model); its SHA-256 is registered.")
        ],
        db: DbOption = None,
        metrics: Annotated[Path | None, typer.Option(help="JSON file of metrics to store.")] = None,
        metadata: Annotated[Path | None, typer.Option(help="JSON file of metadata to store.")] = None,
    ) -> None:
        """Register a model version (built elsewhere) as a draft, with the SHA-256 of its file."""
        import hashlib

        from vawg.risk.governance import register_version

        if not artifact.is_file():
            raise typer.BadParameter(f"{artifact}: no such file", param_hint="--artifact")
        digest = hashlib.sha256(artifact.read_bytes()).hexdigest()
        with cli_errors(), open_registry(db) as registry:
            found = register_version(
                registry,
                name,
                version,
                training_window=(
                    parse_date(train_start, "--train-start"),
                    parse_date(train_end, "--train-end"),
                ),
                metrics=json.loads(metrics.read_text(encoding="utf-8")) if metrics else {},
                metadata=json.loads(metadata.read_text(encoding="utf-8")) if metadata else {},
                artifact_sha256=digest,
            )
            console.print(f"{found.name} version {found.version}: {found.status}")

    add_governance_commands(model)

    @model.command("list")
    def list_command(
        db: DbOption = None,
        name: Annotated[str | None, typer.Option(help="Only this model.")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Every registered version with its status and approval."""
        from vawg.risk.governance import list_versions

        with cli_errors(), open_registry(db) as registry:
            frame = list_versions(registry, name)
            if as_json:
                print(frame.to_json(orient="records", date_format="iso"))
                return
            if frame.empty:
                which = f"of {name} " if name else ""
                print(f"No model versions {which}registered yet; `vawg model register` adds one.")
                return
            # The data window in one column ("from to to", wrapping at its spaces): seven columns with
            # two dates each broke the dates over two lines at 80 columns.
            window = [
                f"{fmt(a)} to {fmt(b)}"
                for a, b in zip(frame["training_start"], frame["training_end"], strict=True)
            ]
            shown = frame[["name", "version", "status"]].assign(
                data=window, approved=frame["approved_at"], by=frame["approved_by"]
            )
            print_frame(
                shown,
                "Model registry",
            )
