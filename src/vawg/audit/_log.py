"""AuditLog: append an entry, read entries back, verify the chain."""

from __future__ import annotations

import getpass
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from vawg.appstate import app_state_path, connect_app_state, write_transaction
from vawg.audit._chain import GENESIS, HASHED_FIELDS, canonical_detail, entry_hash


class Actor(Protocol):
    """Anything with a user id and name (a `vawg.accounts.User`)."""

    @property
    def id(self) -> int: ...

    @property
    def username(self) -> str: ...


@dataclass(frozen=True)
class AuditEntry:
    """One audit entry as stored."""

    seq: int
    at: str
    actor_id: int | None
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    row_count: int | None
    client: str
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain: ``ok`` when nothing was edited, deleted or reordered."""

    ok: bool
    entries: int
    head: str
    problems: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def os_login() -> str:
    """The operating system's login name, for CLI entries made without a vawg user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class AuditLog:
    """The append-only, hash-chained audit log in an app-state file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: sqlite3.Connection = connect_app_state(self.path)
        # One connection may be used from several threads (a web server's workers): one at a time.
        self._lock = threading.RLock()

    @classmethod
    def for_store(cls, db_path: Path | str | None = None) -> AuditLog:
        """The audit log that guards the store at ``db_path``."""
        return cls(app_state_path(db_path))

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(
        self,
        *,
        actor: Actor | str | None,
        action: str,
        target: str = "",
        detail: dict[str, Any] | None = None,
        row_count: int | None = None,
        client: str = "cli",
    ) -> AuditEntry:
        """Append one entry. ``actor`` is a user, a login name, or None (the OS login name).

        ``detail`` holds filters and parameters, never a person's data: callers pass list ids,
        dates and areas; a person summary records an opaque handle, not a name.
        """
        if actor is None or isinstance(actor, str):
            actor_id, actor_name = None, actor or os_login()
        else:
            actor_id, actor_name = int(actor.id), str(actor.username)
        with self._lock, write_transaction(self._con):
            last = self._con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
            fields = {
                "seq": seq,
                "at": _now(),
                "actor_id": actor_id,
                "actor": actor_name,
                "action": action,
                "target": target,
                "detail": canonical_detail(detail),
                "row_count": row_count,
                "client": client,
            }
            digest = entry_hash(prev, fields)
            self._con.execute(
                "INSERT INTO audit_log (seq, at, actor_id, actor, action, target, detail, row_count, client,"
                " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [*(fields[name] for name in HASHED_FIELDS), prev, digest],
            )
            # The head (last seq and hash) is kept apart, so deleting the newest entries shows too.
            self._con.execute(
                "INSERT OR REPLACE INTO app_meta (key, value) VALUES ('audit_head', ?)", [f"{seq}:{digest}"]
            )
        return _entry((*(fields[name] for name in HASHED_FIELDS), prev, digest))

    def entries(
        self,
        *,
        user: str | None = None,
        since: datetime | str | None = None,
        action: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Entries in order, optionally for one user name, from a time, of an action prefix."""
        sql = "SELECT * FROM audit_log WHERE 1=1"
        params: list[Any] = []
        if user is not None:
            sql += " AND actor = ?"
            params.append(user)
        if since is not None:
            moment = since if isinstance(since, datetime) else datetime.fromisoformat(str(since))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            sql += " AND at >= ?"
            params.append(moment.astimezone(UTC).isoformat(timespec="microseconds"))
        if action is not None:
            sql += " AND action LIKE ?"
            params.append(action + "%")
        sql += " ORDER BY seq"
        with self._lock:
            rows = self._con.execute(sql, params).fetchall()
        out = [_entry(row) for row in rows]
        return out[-limit:] if limit else out

    def verify(self) -> AuditVerification:
        """Walk the whole chain; report every edited, deleted, inserted or reordered entry."""
        with self._lock:
            rows = self._con.execute("SELECT * FROM audit_log ORDER BY rowid").fetchall()
        problems: list[str] = []
        prev, expected_seq = GENESIS, 1
        for row in rows:
            entry = _raw(row)
            if entry["seq"] != expected_seq:
                problems.append(
                    f"entry {entry['seq']}: expected entry {expected_seq} here (an entry was deleted, "
                    "inserted or reordered)"
                )
            if entry["prev_hash"] != prev:
                problems.append(f"entry {entry['seq']}: does not follow the entry before it (chain broken)")
            if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
                problems.append(f"entry {entry['seq']}: its content does not match its hash (edited)")
            prev, expected_seq = entry["hash"], entry["seq"] + 1
        with self._lock:
            head = self._con.execute("SELECT value FROM app_meta WHERE key = 'audit_head'").fetchone()
        if head is not None and head[0] != f"{expected_seq - 1}:{prev}":
            problems.append(
                f"the log ends at entry {expected_seq - 1} but its recorded head is entry "
                f"{head[0].split(':')[0]} (entries were deleted from the end, or the head was edited)"
            )
        elif head is None and rows:
            problems.append("the log has entries but no recorded head (the head was deleted)")
        return AuditVerification(ok=not problems, entries=len(rows), head=prev, problems=problems)


_COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")


def _raw(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_COLUMNS, row, strict=True))


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    raw = _raw(row)
    raw["detail"] = json.loads(raw["detail"])
    return AuditEntry(**raw)
