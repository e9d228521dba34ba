"""Who is running a CLI command that needs an identity (approving a model, scoring operationally,
managing users): a user of the store, authenticated by password, never a free-typed name."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from vawg.accounts._errors import AuthenticationError
from vawg.accounts._store import AccountStore
from vawg.accounts._user import User
from vawg.config import get_settings


def read_password(prompt: str = "Password: ") -> str:
    """VAWG_PASSWORD if set (automation), else a hidden prompt on a terminal, else one line of stdin."""
    settings = get_settings()
    if settings.password is not None:
        return settings.password.get_secret_value()
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def cli_user(db_path: Path | str | None, username: str | None = None) -> User:
    """Authenticate ``username`` (default VAWG_USER) against the store's users; the password is read
    by :func:`read_password`. Raises AuthenticationError when there is no name or the login fails."""
    name = username or get_settings().user
    if not name:
        raise AuthenticationError("this command needs a vawg user: give --user NAME (or set VAWG_USER)")
    with AccountStore.for_store(db_path) as accounts:
        return accounts.authenticate(name, read_password(f"Password for {name}: "), client="cli")
