"""Who may see a work list, and the audit entry every produced list leaves.

Deny by default: a signed-in user needs person-level access to the list's area (every area with
``person_level_all``, else only their own areas, and then ``--area`` must name one). Without a vawg
user (the CLI before the force sets users up) the actor is the operating system's login name.
The audit entry holds the list id, date, filters, row count and output kind, never a person's data.
"""

from __future__ import annotations

from pathlib import Path

from vawg.accounts import PermissionDenied, User
from vawg.audit import AuditEntry, AuditLog
from vawg.operations._result import WorkList


def check_list_access(user: User | None, list_id: str, area: str | None) -> None:
    """PermissionDenied unless ``user`` (None: no vawg user, the OS login) may see the list for ``area``."""
    if user is None or user.may_see_area(area):
        return
    own = ", ".join(user.areas) or "none"
    raise PermissionDenied(
        f"user {user.username!r} may not see the person-level list {list_id} for "
        f"{'every area' if area is None else repr(area)}: it needs person-level access to that area "
        f"(their areas: {own}; give --area with one of them)",
        user_id=user.id,
        list_id=list_id,
        area=area,
    )


def record_list_access(
    db_path: Path | str, work: WorkList, *, actor: User | str | None, client: str, output: str = "screen"
) -> AuditEntry:
    """Append 'list.view' (or 'list.export' for a file) for ``work`` to the store's audit log."""
    with AuditLog.for_store(db_path) as log:
        return log.record(
            actor=actor,
            action="list.view" if output in ("screen", "json") else "list.export",
            target=work.spec.id,
            detail={"as_of": work.as_of.isoformat(), "area": work.filters.get("area"), "output": output},
            row_count=work.row_count,
            client=client,
        )


__all__ = ["check_list_access", "record_list_access"]
