"""CLI: `vawg audit show|verify` — the append-only, hash-chained audit log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, JsonOption, cli_errors, store_path
from vawg.cli._users import UserOption

# `vawg audit verify` exits with this when the chain is broken (documented in docs/cli.md).
EXIT_TAMPERED = 5


def _store_chain_problems(db: Path) -> list[str]:
    """Tampering found in the model registry's chains (status log, score log) in the app state."""
    from vawg.risk.governance import ModelRegistry, verify_chains

    with cli_errors(), ModelRegistry.for_store(db) as registry:
        return verify_chains(registry)


def register(app: typer.Typer) -> None:
    """Add `vawg audit` to `app`."""
    audit = typer.Typer(
        help="The audit log: who saw or changed what, when (hash-chained).", no_args_is_help=True
    )
    app.add_typer(audit, name="audit")

    @audit.command("show")
    def show_command(
        db: DbOption = None,
        user: UserOption = None,
        of_user: Annotated[str | None, typer.Option("--of", help="Only entries by this user name.")] = None,
        since: Annotated[
            str | None, typer.Option(help="Only entries at or after this date/time (ISO 8601).")
        ] = None,
        action: Annotated[
            str | None, typer.Option(help="Only actions starting with this, e.g. 'login'.")
        ] = None,
        limit: Annotated[int, typer.Option(help="The newest N entries (0: all).")] = 50,
        as_json: JsonOption = False,
    ) -> None:
        """Show audit entries (needs a user with the audit_read permission)."""
        from vawg.accounts import Permission, cli_user
        from vawg.audit import AuditLog

        with cli_errors():
            reader = cli_user(store_path(db), user)
            reader.require(Permission.AUDIT_READ)
            try:
                with AuditLog.for_store(store_path(db)) as log:
                    entries = log.entries(user=of_user, since=since, action=action, limit=limit or None)
            except ValueError as exc:
                raise typer.BadParameter(f"--since: expected an ISO date or date-time; {exc}") from None
        if as_json:
            typer.echo(json.dumps([e.to_dict() for e in entries], indent=2))
            return
        table = Table(title=f"Audit log ({len(entries)} entries)")
        for column in ("seq", "at", "actor", "action", "target"):
            table.add_column(column, no_wrap=column in {"seq", "action"}, overflow="fold")
        table.add_column("rows", justify="right")
        for e in entries:
            table.add_row(
                str(e.seq),
                e.at[:19],
                e.actor,
                e.action,
                e.target,
                "" if e.row_count is None else str(e.row_count),
            )
        Console(soft_wrap=False).print(table)

    @audit.command("verify")
    def verify_command(db: DbOption = None, as_json: JsonOption = False) -> None:
        """Check the hash chain: exit 0 when intact, 5 (naming each problem) when an entry was edited,
        deleted or reordered. Prints the head hash to record elsewhere (e.g. in meeting minutes)."""
        from vawg.audit import AuditLog

        with cli_errors(), AuditLog.for_store(store_path(db)) as log:
            result = log.verify()
        # The model registry's and score log's chains (vawg.risk.governance, in the app state).
        chains = _store_chain_problems(store_path(db))
        if as_json:
            typer.echo(json.dumps({**result.__dict__, "store_problems": chains}, indent=2))
        else:
            typer.echo(f"{result.entries} entries; head {result.head}")
            for problem in [*result.problems, *chains]:
                typer.echo(f"TAMPERED: {problem}", err=True)
            typer.echo("audit log intact" if result.ok else "audit log NOT intact")
            if chains:
                typer.echo("model registry / score log NOT intact")
        if not result.ok or chains:
            raise typer.Exit(EXIT_TAMPERED)
