"""Users: names, passwords, roles, lockout — each rule can fail."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vawg.accounts import (
    LOCKOUT_AFTER,
    AccountError,
    AccountStore,
    AuthenticationError,
    Permission,
    PermissionDenied,
    normalise_username,
)
from vawg.audit import AuditLog

PW = "correct horse battery"


@pytest.fixture
def accounts(tmp_path: Path) -> AccountStore:
    store = AccountStore.for_store(tmp_path / "force.duckdb")
    store.add_user("chief", roles={"admin"}, password=PW)
    return store


def admin(accounts: AccountStore):
    return accounts.get_by_name("chief")


def test_app_state_sits_beside_the_store(tmp_path: Path) -> None:
    AccountStore.for_store(tmp_path / "force.duckdb").close()
    assert (tmp_path / "force.app.sqlite").exists()


def test_first_user_must_be_admin_and_later_users_need_an_admin(tmp_path: Path) -> None:
    store = AccountStore.for_store(tmp_path / "s.duckdb")
    with pytest.raises(AccountError, match="first user must be an administrator"):
        store.add_user("ann", roles={"analyst"}, password=PW)
    store.add_user("chief", roles={"admin"}, password=PW)
    with pytest.raises(AccountError, match="only an administrator"):
        store.add_user("ann", roles={"analyst"}, password=PW)
    analyst = store.add_user("ann", roles={"analyst"}, password=PW, by=store.get_by_name("chief"))
    with pytest.raises(PermissionDenied):
        store.add_user("bob", roles={"analyst"}, password=PW, by=analyst)


def test_passwords_are_argon2_hashes_never_plain(accounts: AccountStore) -> None:
    row = sqlite3.connect(accounts.path).execute("SELECT password_hash FROM users").fetchone()
    assert row[0].startswith("$argon2id$")
    assert PW not in row[0]


@pytest.mark.parametrize("weak", ["short1", "aaaaaaaaaaaaaaaa"])
def test_weak_passwords_are_refused(accounts: AccountStore, weak: str) -> None:
    with pytest.raises(AccountError, match="password too"):
        accounts.add_user("ann", roles={"analyst"}, password=weak, by=admin(accounts))


def test_look_alike_names_are_one_person_or_refused(accounts: AccountStore) -> None:
    accounts.add_user("alice", roles={"governance"}, password=PW, by=admin(accounts))
    assert normalise_username("ALICE") == "alice"
    assert normalise_username("ａｌｉｃｅ") == "alice"  # full-width letters fold to the same name
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user("Alice", roles={"governance"}, password=PW, by=admin(accounts))
    with pytest.raises(AccountError, match="invisible"):
        accounts.add_user("alice\u200b", roles={"governance"}, password=PW, by=admin(accounts))


def test_authenticate_gives_the_user_and_one_message_for_every_refusal(accounts: AccountStore) -> None:
    user = accounts.authenticate("Chief", PW)
    assert user.username == "chief" and user.can(Permission.USERS_ADMIN)
    with pytest.raises(AuthenticationError) as wrong:
        accounts.authenticate("chief", PW + "x")
    with pytest.raises(AuthenticationError) as unknown:
        accounts.authenticate("nobody", PW)
    assert str(wrong.value) == str(unknown.value)


def test_lockout_after_repeated_failures_even_with_the_right_password(accounts: AccountStore) -> None:
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(AuthenticationError):
            accounts.authenticate("chief", "wrong password!!")
    with pytest.raises(AuthenticationError):
        accounts.authenticate("chief", PW)
    # Once the wait is over (moved into the past here), the right password works again.
    con = sqlite3.connect(accounts.path)
    con.execute("UPDATE users SET locked_until = ?", [(datetime.now(UTC) - timedelta(seconds=1)).isoformat()])
    con.commit()
    assert accounts.authenticate("chief", PW).username == "chief"


def test_disabled_users_cannot_log_in_and_have_no_permissions(accounts: AccountStore) -> None:
    accounts.add_user("ann", roles={"supervisor"}, password=PW, by=admin(accounts))
    disabled = accounts.disable("ann", by=admin(accounts))
    assert not disabled.can(Permission.PERSON_LEVEL_ALL)
    with pytest.raises(AuthenticationError):
        accounts.authenticate("ann", PW)
    with pytest.raises(AccountError, match="may not disable themselves"):
        accounts.disable("chief", by=admin(accounts))


def test_roles_deny_by_default(accounts: AccountStore) -> None:
    board = accounts.add_user("b1", roles={"board"}, password=PW, by=admin(accounts))
    officer = accounts.add_user("o1", roles={"officer"}, password=PW, areas=["Dudley"], by=admin(accounts))
    assert board.can(Permission.AGGREGATES)
    assert not any(board.can(p) for p in Permission if p is not Permission.AGGREGATES)
    assert officer.may_see_area("Dudley") and not officer.may_see_area("Walsall")
    assert not admin(accounts).may_see_area("Dudley")  # admin alone sees no person-level data
    with pytest.raises(AccountError, match="unknown role"):
        accounts.set_roles("b1", {"superuser"}, by=admin(accounts))


def test_every_login_and_change_is_audited(accounts: AccountStore) -> None:
    accounts.add_user("ann", roles={"analyst"}, password=PW, by=admin(accounts))
    accounts.set_roles("ann", {"board"}, by=admin(accounts))
    accounts.authenticate("ann", PW, client="10.0.0.9")
    with pytest.raises(AuthenticationError):
        accounts.authenticate("ann", "nope nope nope")
    actions = [e.action for e in AuditLog(accounts.path).entries()]
    assert actions == ["user.add", "user.add", "user.set_roles", "login.success", "login.failure"]
    failure = AuditLog(accounts.path).entries(action="login.failure")[0]
    assert failure.detail["reason"] == "wrong password" and "nope" not in str(failure.to_dict())


def test_one_store_shared_by_threads(accounts: AccountStore) -> None:
    """Logins from several threads through one AccountStore (as a web server does) all succeed."""
    from concurrent.futures import ThreadPoolExecutor

    def sign_in(_: int) -> str:
        return accounts.authenticate("chief", PW, client="thread").username

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(sign_in, range(40))) == {"chief"}
    assert AuditLog(accounts.path).verify().ok
