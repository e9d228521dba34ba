"""Professional Standards' case view: police-perpetrated VAWG cases at case level, for the
``professional_standards`` role only (the board and analysts see the registry's aggregates).

Case ids are pseudonyms but are treated as person data: callers show them in marked pages, never in
URLs. Filters are codes and dates, never an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from vawg.accounts import Permission, PermissionDenied, User

CASE_COLUMNS = (
    "case_id",
    "received_date",
    "case_type",
    "allegation",
    "subject_role",
    "area",
    "outcome",
    "outcome_date",
    "referred_iopc",
    "vetting",
)
CASE_STATES = ("open", "closed")


@dataclass(frozen=True)
class CaseFilter:
    """Which cases to list: codes of the contract (None: any), open or closed, received between dates."""

    allegation: str | None = None
    case_type: str | None = None
    subject_role: str | None = None
    state: str | None = None  # "open": no outcome yet; "closed": an outcome recorded
    received_from: date | None = None
    received_to: date | None = None

    def as_detail(self) -> dict[str, str]:
        """The filter for an audit entry (codes and dates only)."""
        return {k: str(v) for k, v in self.__dict__.items() if v is not None}


def check_may_see_cases(user: User) -> None:
    """Case-level rows need the professional_standards permission (deny by default)."""
    if not user.can(Permission.PROFESSIONAL_STANDARDS):
        raise PermissionDenied(
            f"user {user.username!r} may not see Professional Standards cases: it needs the "
            "professional_standards role (others see the aggregates)",
            user_id=user.id,
        )


def conduct_cases(con: duckdb.DuckDBPyConnection, filters: CaseFilter, *, user: User) -> pd.DataFrame:
    """The cases that match ``filters``, newest received first (then by case id)."""
    check_may_see_cases(user)
    where, params = ["TRUE"], []
    for column in ("allegation", "case_type", "subject_role"):
        value = getattr(filters, column)
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if filters.state == "open":
        where.append("outcome IS NULL")
    elif filters.state == "closed":
        where.append("outcome IS NOT NULL")
    if filters.received_from is not None:
        where.append("received_date >= ?")
        params.append(filters.received_from)
    if filters.received_to is not None:
        where.append("received_date <= ?")
        params.append(filters.received_to)
    sql = (
        f"SELECT {', '.join(CASE_COLUMNS)} FROM conduct_cases WHERE {' AND '.join(where)} "
        "ORDER BY received_date DESC, case_id"
    )
    return con.execute(sql, params).df()


def conduct_case(con: duckdb.DuckDBPyConnection, case_id: str, *, user: User) -> dict[str, Any] | None:
    """One case with its days to outcome and how many other cases name the same subject (None if absent)."""
    check_may_see_cases(user)
    cursor = con.execute(
        f"""SELECT {", ".join(CASE_COLUMNS)}, subject_id,
                   CASE WHEN outcome_date IS NOT NULL THEN date_diff('day', received_date, outcome_date) END
                     AS days_to_outcome,
                   (SELECT count(*) FROM conduct_cases o
                     WHERE o.subject_id = c.subject_id AND o.case_id <> c.case_id) AS other_cases_same_subject
            FROM conduct_cases c WHERE case_id = ?""",
        [case_id],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))
