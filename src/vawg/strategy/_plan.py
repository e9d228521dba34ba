"""The action plan, kept in the app-state file with every change's history (who, when, what)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from vawg.accounts import Permission, PermissionDenied, User
from vawg.appstate import app_state_path, connect_app_state, write_transaction
from vawg.audit import AuditLog
from vawg.strategy._action import TEMPLATE_COLUMNS, Action

_DDL = (
    """CREATE TABLE IF NOT EXISTS plan_actions (
        ref TEXT PRIMARY KEY, strand TEXT NOT NULL, description TEXT NOT NULL, owner TEXT NOT NULL,
        strand_lead TEXT NOT NULL, start_date TEXT, due_date TEXT NOT NULL, status TEXT NOT NULL,
        rag TEXT NOT NULL, rag_reason TEXT NOT NULL, evidence TEXT NOT NULL,
        updated_at TEXT NOT NULL, updated_by TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS plan_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT, ref TEXT NOT NULL, changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL, source TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT)""",
    """CREATE INDEX IF NOT EXISTS plan_history_ref ON plan_history (ref, changed_at)""",
)

FIELDS = tuple(f.name for f in fields(Action))


def _from_record(row: dict[str, Any]) -> Action:
    return Action(
        ref=row["ref"],
        strand=row["strand"],
        description=row["description"],
        owner=row["owner"],
        strand_lead=row["strand_lead"],
        due_date=date.fromisoformat(row["due_date"]),
        status=row["status"],
        rag=row["rag"],
        rag_reason=row["rag_reason"],
        start_date=date.fromisoformat(row["start_date"]) if row["start_date"] else None,
        evidence=tuple(e for e in row["evidence"].split(";") if e),
    )


def check_may_edit(user: User, strand: str) -> None:
    """Analysts edit every strand; a strand lead edits the strands listed as their areas."""
    if user.can(Permission.PLAN_EDIT):
        return
    if user.can(Permission.PLAN_EDIT_OWN_STRAND) and strand in user.areas:
        return
    raise PermissionDenied(
        f"user {user.username!r} may not change actions of strand {strand!r}: it needs the analyst role, "
        "or the strand_lead role for that strand",
        user_id=user.id,
    )


class ActionPlan:
    """The force's action plan. Actions are never deleted: an action that stops is 'cancelled'."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: sqlite3.Connection = connect_app_state(self.path)
        with write_transaction(self._con):
            for statement in _DDL:
                self._con.execute(statement)
        self._audit = AuditLog(self.path)

    @classmethod
    def for_store(cls, db_path: Path | str | None = None) -> ActionPlan:
        return cls(app_state_path(db_path))

    def close(self) -> None:
        self._con.close()
        self._audit.close()

    def __enter__(self) -> ActionPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def actions(self, *, strand: str | None = None) -> list[Action]:
        """Every action (of one strand), by strand then reference."""
        sql = "SELECT * FROM plan_actions" + (" WHERE strand = ?" if strand else "") + " ORDER BY strand, ref"
        return [_from_record(r) for r in self._rows(sql, [strand] if strand else [])]

    def get(self, ref: str) -> Action | None:
        rows = self._rows("SELECT * FROM plan_actions WHERE ref = ?", [ref])
        return _from_record(rows[0]) if rows else None

    def save(
        self,
        actions: Iterable[Action],
        *,
        by: User,
        source: str,
        at: datetime | None = None,
        client: str = "cli",
    ) -> dict[str, list[str]]:
        """Add or update actions in one transaction; record each changed field in the history and
        one audit entry per changed action (from ``client``). Returns the refs added, updated and
        unchanged."""
        stamp = (at or datetime.now(UTC)).isoformat()
        result: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
        changes: list[tuple[str, dict[str, Any]]] = []
        batch = list(actions)
        for action in batch:
            check_may_edit(by, action.strand)
            before = self.get(action.ref)
            if before is not None and before.strand != action.strand:
                check_may_edit(by, before.strand)
        with write_transaction(self._con):
            for action in batch:
                before = self.get(action.ref)
                new, old = action.to_record(), before.to_record() if before else {}
                changed = {k: (old.get(k), new[k]) for k in FIELDS if old.get(k) != new[k]}
                if not changed:
                    result["unchanged"].append(action.ref)
                    continue
                result["added" if before is None else "updated"].append(action.ref)
                self._con.execute(
                    "INSERT OR REPLACE INTO plan_actions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [*(new[k] for k in FIELDS_ORDER), stamp, by.username],
                )
                self._con.executemany(
                    "INSERT INTO plan_history (ref, changed_at, changed_by, source, field, old, new)"
                    " VALUES (?,?,?,?,?,?,?)",
                    [(action.ref, stamp, by.username, source, k, o, n) for k, (o, n) in changed.items()],
                )
                changes.append((action.ref, {k: n for k, (_, n) in changed.items() if k != "description"}))
        for ref, detail in changes:
            self._audit.record(
                actor=by, action="plan.change", target=ref, detail={"source": source, **detail}, client=client
            )
        return result

    def history(self, ref: str | None = None) -> list[dict[str, Any]]:
        """Every recorded change (of one action), oldest first: who, when, which field, from, to."""
        sql = "SELECT ref, changed_at, changed_by, source, field, old, new FROM plan_history"
        sql += (" WHERE ref = ?" if ref else "") + " ORDER BY id"
        return self._rows(sql, [ref] if ref else [])

    def as_at(self, moment: datetime) -> list[Action]:
        """The plan as it stood at ``moment``, rebuilt from the history (actions added later left out)."""
        state: dict[str, dict[str, Any]] = {}
        for change in self._rows(
            "SELECT ref, field, new FROM plan_history WHERE changed_at <= ? ORDER BY id", [moment.isoformat()]
        ):
            state.setdefault(change["ref"], {})[change["field"]] = change["new"]
        return [_from_record(r) for _, r in sorted(state.items()) if set(FIELDS) <= set(r)]


# plan_actions' column order (matches the DDL): the template's columns.
FIELDS_ORDER = TEMPLATE_COLUMNS
