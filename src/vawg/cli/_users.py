"""CLI: `vawg users …` (the store's users and roles) — thin over `vawg.accounts`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, JsonOption, cli_errors, store_path

if TYPE_CHECKING:
    from vawg.accounts import AccountStore, User

UserOption = Annotated[
    str | None, typer.Option("--user", help="The administrator running this command (default: VAWG_USER).")
]
RoleOption = Annotated[
    list[str],
    typer.Option(
        "--role", help="A role (repeat for several): board, analyst, officer, supervisor, governance, admin."
    ),
]
AreaOption = Annotated[
    list[str], typer.Option("--area", help="An area the user works in (repeat for several).")
]
PasswordStdinOption = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the new password from standard input (after the administrator's); default: generate one "
        "and print it once.",
    ),
]


def _admin(db: Path | None, user: str | None) -> User:
    from vawg.accounts import cli_user

    return cli_user(store_path(db), user)


def _as_admin(db: Path | None, user: str | None, change: Callable[[AccountStore, User], User]) -> User:
    """Authenticate the administrator, then make ``change`` to the store's users (errors as one line)."""
    from vawg.accounts import AccountStore

    with cli_errors():
        admin = _admin(db, user)
        with AccountStore.for_store(store_path(db)) as accounts:
            return change(accounts, admin)


def _new_password(from_stdin: bool) -> tuple[str, bool]:
    from vawg.accounts import generate_password, read_password

    if from_stdin:
        return read_password("New password: "), False
    return generate_password(), True


def register(app: typer.Typer) -> None:
    """Add `vawg users` to `app`."""
    users = typer.Typer(
        help="The store's users and roles (deny by default; every change is audited).", no_args_is_help=True
    )
    app.add_typer(users, name="users")

    @users.command("add")
    def add_command(
        username: Annotated[str, typer.Argument(help="The new user's name (a–z, 0–9, . _ @ -).")],
        role: RoleOption,
        area: AreaOption = [],  # noqa: B006 - Typer reads the default
        db: DbOption = None,
        user: UserOption = None,
        password_stdin: PasswordStdinOption = False,
    ) -> None:
        """Add a user. The first user of a store must be an administrator and needs no login; after
        that an administrator (--user) adds users. The password is generated and printed once."""
        from vawg.accounts import AccountStore

        with cli_errors():
            with AccountStore.for_store(store_path(db)) as accounts:
                first = not accounts.has_users()
            admin = None if first else _admin(db, user)
            password, generated = _new_password(password_stdin)
            with AccountStore.for_store(store_path(db)) as accounts:
                created = accounts.add_user(username, roles=role, password=password, areas=area, by=admin)
        typer.echo(
            f"added user {created.username} (id {created.id}; roles: {', '.join(sorted(created.roles))})"
        )
        if generated:
            typer.echo(
                f"password (shown once; give it to the user and ask them to keep it secret): {password}"
            )

    @users.command("list")
    def list_command(db: DbOption = None, user: UserOption = None, as_json: JsonOption = False) -> None:
        """List users, roles, areas and whether they are disabled (administrators only)."""
        from vawg.accounts import AccountStore, Permission

        with cli_errors():
            admin = _admin(db, user)
            admin.require(Permission.USERS_ADMIN)
            with AccountStore.for_store(store_path(db)) as accounts:
                rows: list[dict[str, Any]] = [
                    {
                        "id": u.id,
                        "username": u.username,
                        "roles": sorted(u.roles),
                        "areas": list(u.areas),
                        "disabled": u.disabled,
                    }
                    for u in accounts.list_users()
                ]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        table = Table(title="Users")
        table.add_column("id", no_wrap=True)
        table.add_column("user", no_wrap=True, overflow="fold")
        for column in ("roles", "areas", "disabled"):
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(
                str(r["id"]),
                r["username"],
                ", ".join(r["roles"]),
                ", ".join(r["areas"]),
                "yes" if r["disabled"] else "",
            )
        Console(soft_wrap=False).print(table)

    @users.command("set-role")
    def set_role_command(
        username: Annotated[str, typer.Argument(help="The user to change.")],
        role: RoleOption,
        area: Annotated[
            list[str] | None, typer.Option("--area", help="Replace the user's areas (repeat).")
        ] = None,
        db: DbOption = None,
        user: UserOption = None,
    ) -> None:
        """Replace a user's roles (and, with --area, their areas)."""
        changed = _as_admin(
            db, user, lambda accounts, admin: accounts.set_roles(username, role, by=admin, areas=area)
        )
        typer.echo(f"{changed.username}: roles {', '.join(sorted(changed.roles))}")

    @users.command("disable")
    def disable_command(
        username: Annotated[str, typer.Argument(help="The user to disable.")],
        db: DbOption = None,
        user: UserOption = None,
    ) -> None:
        """Disable a user: they can no longer log in (their history stays)."""
        changed = _as_admin(db, user, lambda accounts, admin: accounts.disable(username, by=admin))
        typer.echo(f"{changed.username}: disabled")

    @users.command("enable")
    def enable_command(
        username: Annotated[str, typer.Argument(help="The user to enable (also clears a lockout).")],
        db: DbOption = None,
        user: UserOption = None,
    ) -> None:
        """Enable a disabled or locked-out user."""
        changed = _as_admin(db, user, lambda accounts, admin: accounts.enable(username, by=admin))
        typer.echo(f"{changed.username}: enabled")

    @users.command("reset-password")
    def reset_command(
        username: Annotated[str, typer.Argument(help="The user whose password to reset.")],
        db: DbOption = None,
        user: UserOption = None,
        password_stdin: PasswordStdinOption = False,
    ) -> None:
        """Set a new password (generated and printed once unless --password-stdin)."""
        from vawg.accounts import AccountStore

        with cli_errors():
            admin = _admin(db, user)
            password, generated = _new_password(password_stdin)
            with AccountStore.for_store(store_path(db)) as accounts:
                changed = accounts.reset_password(username, password, by=admin)
        typer.echo(f"{changed.username}: password reset")
        if generated:
            typer.echo(f"new password (shown once): {password}")
