"""CLI: the governance steps of `vawg model`: submit, ethics-decision, approve, retire, override(s).

Each step acts as an authenticated vawg user (`--user` and the password), never a typed name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from vawg.cli._model_summary import console, print_frame
from vawg.cli._options import (
    DbOption,
    JsonOption,
    UserOption,
    authenticated,
    cli_errors,
    open_registry,
    open_store,
    parse_date,
)

ReasonOption = Annotated[str, typer.Option("--reason", help="Why (recorded in the status and audit logs).")]
NameArg = Annotated[str, typer.Argument(help="Model name: escalation or rfsdi.")]
VersionArg = Annotated[str, typer.Argument(help="Model version, as `vawg model list` shows it.")]


def add_governance_commands(model: typer.Typer) -> None:
    """Add the governance commands to the `vawg model` group."""

    def _move(action: str, name: str, version: str, db: Path | None, user: str | None, **kwargs: Any) -> None:
        from vawg.risk import governance

        with cli_errors():
            who = authenticated(db, user)
        with cli_errors(), open_registry(db) as registry:
            found = getattr(governance, action)(registry, name, version, by=who, **kwargs)
            console.print(f"{found.name} version {found.version}: {found.status} (by {escape(who.username)})")

    @model.command("submit")
    def submit(name: NameArg, version: VersionArg, user: UserOption = None, db: DbOption = None) -> None:
        """Submit a draft for approval (an authenticated user with the governance role)."""
        _move("submit", name, version, db, user)

    @model.command("ethics-decision")
    def ethics_decision_command(
        name: NameArg,
        version: VersionArg,
        decision: Annotated[
            str, typer.Option(help="approved, approved with conditions, refused or deferred.")
        ],
        committee: Annotated[str, typer.Option(help="The ethics committee that decided.")],
        decided_on: Annotated[str, typer.Option(help="The date of the decision (YYYY-MM-DD).")],
        reference: Annotated[str, typer.Option(help="The committee's reference (minutes, item).")],
        conditions: Annotated[str, typer.Option(help="The conditions set ('none' if none).")],
        dpia: Annotated[
            str, typer.Option("--dpia", help="Reference of the data protection impact assessment.")
        ],
        eia: Annotated[str, typer.Option("--eia", help="Reference of the equality impact assessment.")],
        user: UserOption = None,
        db: DbOption = None,
    ) -> None:
        """Record the ethics committee's decision on a version (an approval needs one)."""
        from vawg.risk.governance import record_ethics_decision

        when = parse_date(decided_on, "--decided-on")
        with cli_errors():
            who = authenticated(db, user)
        with cli_errors(), open_registry(db) as registry:
            found = record_ethics_decision(
                registry, name, version, decision=decision, committee=committee, decided_on=when,
                reference=reference, conditions=conditions, dpia_reference=dpia, eia_reference=eia, by=who,
            )  # fmt: skip
            console.print(
                f"{found.name} version {found.version}: ethics decision {escape(found.decision)} "
                f"({escape(found.committee)}, {found.decided_on}, {escape(found.reference)}) recorded"
            )

    @model.command("approve")
    def approve(
        name: NameArg,
        version: VersionArg,
        reason: ReasonOption,
        user: UserOption = None,
        conditions: Annotated[
            str | None, typer.Option(help="Conditions (default: the ethics committee's recorded ones).")
        ] = None,
        db: DbOption = None,
    ) -> None:
        """Approve a submitted version for operational use, on its evidence (a second user)."""
        _move("approve", name, version, db, user, reason=reason, conditions=conditions)

    @model.command("retire")
    def retire(
        name: NameArg, version: VersionArg, reason: ReasonOption, user: UserOption = None, db: DbOption = None
    ) -> None:
        """Retire a version: it never scores anyone again."""
        _move("retire", name, version, db, user, reason=reason)

    @model.command("override")
    def override_command(
        name: NameArg,
        version: VersionArg,
        person: Annotated[str, typer.Option(help="The person whose score is overridden.")],
        direction: Annotated[str, typer.Option(help="raise or lower: the practitioner's judgement.")],
        reason: ReasonOption,
        user: UserOption = None,
        db: DbOption = None,
    ) -> None:
        """Record a practitioner's override of an operational score (raise or lower, with a reason)."""
        from vawg.risk.governance import record_override

        with cli_errors():
            who = authenticated(db, user)
        with cli_errors(), open_registry(db) as registry:
            record_override(registry, name, version, person, direction=direction, reason=reason, by=who)
        console.print(f"Override ({escape(direction)}) recorded for {name} version {version}.")

    @model.command("overrides")
    def overrides_command(
        name: NameArg,
        db: DbOption = None,
        version: Annotated[str | None, typer.Option(help="Only this version.")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """How often scores were overridden, in which direction, overall and by group (aggregates)."""
        from vawg.risk.governance import override_summary

        with cli_errors(), open_store(db) as con, open_registry(db) as registry:
            frame = override_summary(registry, con, name, version)
        if as_json:
            print(frame.to_json(orient="records"))
            return
        print_frame(frame, f"Overrides of {name} scores")


__all__ = ["NameArg", "ReasonOption", "VersionArg", "add_governance_commands"]
