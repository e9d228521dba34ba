"""AccountStore: the users of one store, kept in its app-state file; every change audited."""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from vawg.accounts._errors import AccountError, AuthenticationError
from vawg.accounts._names import normalise_username
from vawg.accounts._passwords import hash_password, needs_rehash, verify_password
from vawg.accounts._roles import ROLES, Permission
from vawg.accounts._user import User
from vawg.appstate import app_state_path, connect_app_state, write_transaction
from vawg.audit import AuditLog

# Lockout: after this many failures in a row the account waits, doubling each further failure.
LOCKOUT_AFTER = 5
LOCKOUT_BASE = timedelta(minutes=1)
LOCKOUT_MAX = timedelta(hours=1)

F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """Run the method holding the store's lock: one connection may serve several threads."""

    @functools.wraps(method)
    def wrapper(self: AccountStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


REFUSED = "login refused: user name or password not accepted, or the account is locked or disabled"


def _now() -> datetime:
    return datetime.now(UTC)


def _roles(roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(r.strip().lower() for r in roles if r.strip())
    unknown = sorted(chosen - set(ROLES))
    if unknown:
        raise AccountError(f"unknown role(s) {', '.join(unknown)}: expected one of {', '.join(ROLES)}")
    return chosen


class AccountStore:
    """Users, roles and areas of one store; logins and changes go to its audit log."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: sqlite3.Connection = connect_app_state(self.path)
        self.audit = AuditLog(self.path)
        self._lock = threading.RLock()

    @classmethod
    def for_store(cls, db_path: Path | str | None = None) -> AccountStore:
        return cls(app_state_path(db_path))

    def close(self) -> None:
        self._con.close()
        self.audit.close()

    def __enter__(self) -> AccountStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------------
    @_locked
    def _row(self, where: str, value: Any) -> sqlite3.Row | None:
        self._con.row_factory = sqlite3.Row
        try:
            return self._con.execute(f"SELECT * FROM users WHERE {where} = ?", [value]).fetchone()
        finally:
            self._con.row_factory = None

    @staticmethod
    def _user(row: sqlite3.Row) -> User:
        return User(
            id=int(row["id"]),
            username=str(row["username"]),
            roles=frozenset(r for r in str(row["roles"]).split(",") if r),
            areas=tuple(a for a in str(row["areas"]).split("\x1f") if a),
            disabled=bool(row["disabled"]),
        )

    @_locked
    def get(self, user_id: int) -> User:
        row = self._row("id", int(user_id))
        if row is None:
            raise AccountError(f"no user with id {user_id}")
        return self._user(row)

    @_locked
    def get_by_name(self, username: str) -> User:
        row = self._row("username", normalise_username(username))
        if row is None:
            raise AccountError(f"no user {username!r}")
        return self._user(row)

    @_locked
    def list_users(self) -> list[User]:
        self._con.row_factory = sqlite3.Row
        try:
            rows = self._con.execute("SELECT * FROM users ORDER BY username").fetchall()
        finally:
            self._con.row_factory = None
        return [self._user(r) for r in rows]

    @_locked
    def has_users(self) -> bool:
        return self._con.execute("SELECT count(*) FROM users").fetchone()[0] > 0

    # --- changing ------------------------------------------------------------------------------
    @_locked
    def add_user(
        self,
        username: str,
        *,
        roles: Iterable[str],
        password: str,
        areas: Iterable[str] = (),
        by: User | None = None,
    ) -> User:
        """Create a user. ``by`` is the administrator (None only for the very first user)."""
        name = normalise_username(username)
        chosen = _roles(roles)
        if by is not None:
            by.require(Permission.USERS_ADMIN)
        elif self.has_users():
            raise AccountError("only an administrator may add users once the first user exists")
        elif "admin" not in chosen:
            raise AccountError("the first user must be an administrator (role 'admin')")
        digest = hash_password(password)
        stamp = _now().isoformat()
        area_list = [a.strip() for a in areas if a.strip()]
        try:
            with write_transaction(self._con):
                self._con.execute(
                    "INSERT INTO users (username, password_hash, roles, areas, created_at, password_changed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [name, digest, ",".join(sorted(chosen)), "\x1f".join(area_list), stamp, stamp],
                )
        except sqlite3.IntegrityError:
            raise AccountError(f"user {name!r} already exists") from None
        user = self.get_by_name(name)
        self.audit.record(
            actor=by, action="user.add", target=name, detail={"roles": sorted(chosen), "areas": area_list}
        )
        return user

    @_locked
    def _update(
        self, username: str, by: User, action: str, sql: str, params: list[Any], detail: dict[str, Any]
    ) -> User:
        by.require(Permission.USERS_ADMIN)
        user = self.get_by_name(username)
        with write_transaction(self._con):
            self._con.execute(sql + " WHERE id = ?", [*params, user.id])
        self.audit.record(actor=by, action=action, target=user.username, detail=detail)
        return self.get(user.id)

    @_locked
    def set_roles(
        self, username: str, roles: Iterable[str], *, by: User, areas: Iterable[str] | None = None
    ) -> User:
        chosen = _roles(roles)
        before = self.get_by_name(username)
        if before.id == by.id and "admin" not in chosen:
            raise AccountError("an administrator may not remove their own admin role")
        sql, params = "UPDATE users SET roles = ?", [",".join(sorted(chosen))]
        detail: dict[str, Any] = {"from": sorted(before.roles), "to": sorted(chosen)}
        if areas is not None:
            area_list = [a.strip() for a in areas if a.strip()]
            sql += ", areas = ?"
            params.append("\x1f".join(area_list))
            detail["areas"] = area_list
        return self._update(username, by, "user.set_roles", sql, params, detail)

    @_locked
    def disable(self, username: str, *, by: User) -> User:
        if self.get_by_name(username).id == by.id:
            raise AccountError("an administrator may not disable themselves")
        return self._update(username, by, "user.disable", "UPDATE users SET disabled = 1", [], {})

    @_locked
    def enable(self, username: str, *, by: User) -> User:
        return self._update(
            username,
            by,
            "user.enable",
            "UPDATE users SET disabled = 0, failed_attempts = 0, locked_until = NULL",
            [],
            {},
        )

    @_locked
    def reset_password(self, username: str, password: str, *, by: User) -> User:
        digest = hash_password(password)
        return self._update(
            username,
            by,
            "user.reset_password",
            "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL",
            [digest, _now().isoformat()],
            {},
        )

    # --- logging in ----------------------------------------------------------------------------
    @_locked
    def authenticate(self, username: str, password: str, *, client: str = "cli") -> User:
        """The user, if the name and password match an enabled, unlocked account; else
        AuthenticationError (one message for every reason). Every attempt is audited."""
        try:
            name = normalise_username(username)
        except AccountError:
            name = None
        row = self._row("username", name) if name else None
        now = _now()
        ok = verify_password(row["password_hash"] if row else None, password)
        reason = None
        if row is None:
            reason = "unknown user"
        elif row["disabled"]:
            reason = "disabled"
        elif row["locked_until"] and datetime.fromisoformat(row["locked_until"]) > now:
            reason = "locked"
        elif not ok:
            reason = "wrong password"
        if reason is None and row is not None:
            with write_transaction(self._con):
                self._con.execute(
                    "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [row["id"]]
                )
                if needs_rehash(row["password_hash"]):
                    self._con.execute(
                        "UPDATE users SET password_hash = ? WHERE id = ?",
                        [hash_password(password), row["id"]],
                    )
            user = self._user(row)
            self.audit.record(actor=user, action="login.success", target=user.username, client=client)
            return user
        detail: dict[str, Any] = {"reason": reason}
        if row is not None and reason in {"wrong password", "locked"}:
            failures = int(row["failed_attempts"]) + 1
            locked_until = None
            if failures >= LOCKOUT_AFTER:
                wait = min(LOCKOUT_BASE * 2 ** (failures - LOCKOUT_AFTER), LOCKOUT_MAX)
                locked_until = (now + wait).isoformat()
                detail["locked_until"] = locked_until
            with write_transaction(self._con):
                self._con.execute(
                    "UPDATE users SET failed_attempts = ?, locked_until = coalesce(?, locked_until) WHERE id = ?",
                    [failures, locked_until, row["id"]],
                )
            detail["failed_attempts"] = failures
        self.audit.record(
            actor=name or "(invalid name)",
            action="login.failure",
            target=name or "",
            detail=detail,
            client=client,
        )
        raise AuthenticationError(REFUSED)
