"""The demo's web administrator: a generated password, shown once (no default passwords anywhere)."""

from __future__ import annotations

from pathlib import Path

DEMO_ADMIN = "demo-admin"


def create_demo_admin(db: Path) -> tuple[str, str]:
    """Create the first user of the store ``db``'s app state: an administrator who is also an analyst
    (so the demo shows every page of data); returns (user name, the generated password)."""
    from vawg.accounts import AccountStore, generate_password

    password = generate_password()
    with AccountStore.for_store(db) as accounts:
        accounts.add_user(DEMO_ADMIN, roles={"admin", "analyst"}, password=password)
    return DEMO_ADMIN, password


__all__ = ["DEMO_ADMIN", "create_demo_admin"]
