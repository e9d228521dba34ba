"""A person summary: what one pseudonymised person's work-list entries rest on, as of a date.

An officer opens a person from a work list and sees, as of the list's date D: their outstanding DA
and VAWG crimes, current and recent orders (with breaches and the DVPN->DVPO conversion), custody,
bail and RUI, suspect status history, clinic actions, programme referrals, a missed New Chance
referral where one applies, and their RFSDI score explained per component - from the approved
version only, through the same function the outstanding-suspects list scores with.

Deny by default: a signed-in user sees the person only if one of the person's areas as of D is theirs
(or they see every area); the check runs before anything is computed or scored. Every summary shown
leaves an audit entry (who, which person's pseudonym, date, rows); the pseudonym goes to the audit
log only, never into a URL or the server log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from vawg import MARKING
from vawg.accounts import PermissionDenied, User
from vawg.audit import AuditEntry, AuditLog
from vawg.errors import OperationsError
from vawg.operations import _new_chance, _person_sql
from vawg.operations._context import check_as_of, has_table
from vawg.operations._orders import CONVERSION_CTE
from vawg.operations._outstanding import NO_STATUS, rfsdi_scores
from vawg.operations._person_sections import PERSON_SECTIONS
from vawg.operations._result import _records as records
from vawg.operations._result import typed_frame

STATUS_TABLE = "SELECT crime_id, person_id, status, status_date FROM suspect_status"


@dataclass(frozen=True)
class PersonSummary:
    """One person as of a date: ``sections`` maps each PERSON_SECTIONS id to its typed frame."""

    person_id: str
    as_of: date
    area: str | None  # the lists' area: that of their latest crime as a suspect
    areas: tuple[str, ...]  # every area of their crimes and arrests (what access is checked against)
    sections: dict[str, pd.DataFrame]
    rfsdi: dict[str, Any]  # score, level, version, bands (rule and cut-offs), band_words, note
    notes: tuple[str, ...] = ()
    marking: str = MARKING
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(frame) for frame in self.sections.values())

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready values (dates as ISO strings, nulls as None)."""
        return {
            "marking": self.marking,
            "person_id": self.person_id,
            "as_of": self.as_of.isoformat(),
            "area": self.area,
            "areas": list(self.areas),
            "rfsdi": dict(self.rfsdi),
            "notes": list(self.notes),
            "sections": {
                spec.id: {
                    "title": spec.title,
                    "definition": spec.definition,
                    "rows": records(self.sections[spec.id]),
                }
                for spec in PERSON_SECTIONS
            },
        }


def _one_person(con: duckdb.DuckDBPyConnection, person_id: str) -> str:
    rows = con.execute("SELECT CAST(sex AS VARCHAR) FROM persons WHERE person_id = ?", [person_id]).fetchall()
    if not rows:
        # The id is not repeated: messages can reach a screen others see or a log.
        raise OperationsError(
            "no person with the id given is in the store (ids are pseudonyms such as P-0000001, "
            "matched exactly; open the person from a work list)"
        )
    return str(rows[0][0])


def check_person_access(user: User | None, areas: tuple[str, ...]) -> None:
    """PermissionDenied unless ``user`` (None: no vawg user, the OS login) may see a person of ``areas``."""
    if user is None or any(user.may_see_area(a) for a in areas) or user.may_see_area(None):
        return
    raise PermissionDenied(
        f"user {user.username!r} may not open this person: none of the person's areas is theirs "
        f"(their areas: {', '.join(user.areas) or 'none'})",
        user_id=user.id,
    )


def person_summary(
    con: duckdb.DuckDBPyConnection,
    person_id: str,
    as_of: date,
    *,
    actor: User | str | None = None,
    client: str = "vawg",
) -> PersonSummary:
    """The summary of ``person_id`` as of ``as_of`` for ``actor`` (a signed-in user, or a login name).
    ``client`` (the web app: the client's address) goes with the RFSDI score to the audit log.

    Bad input (a date outside the data, an unknown person) is OperationsError; a user who may not
    see the person is PermissionDenied - both before anything is computed or scored.
    """
    check_as_of(con, as_of)
    sex = _one_person(con, person_id)
    p = {"p": person_id, "d": as_of}
    areas = tuple(r[0] for r in con.execute(_person_sql.AREAS, p).fetchall())
    check_person_access(actor if isinstance(actor, User) else None, areas)
    status = STATUS_TABLE if has_table(con, "suspect_status") else NO_STATUS
    queries = {
        "crimes": _person_sql.CRIMES.format(status=status),
        "orders": _person_sql.ORDERS.format(conversion=CONVERSION_CTE.format(people="mine")),
        "custody": _person_sql.CUSTODY,
        "status": _person_sql.STATUS.format(status=status),
        "clinic": _person_sql.CLINIC,
        "interventions": _person_sql.INTERVENTIONS,
    }
    frames = {sid: con.execute(sql, p).df() for sid, sql in queries.items()}
    frames["new-chance"] = _new_chance_rows(con, person_id, as_of, sex, actor or "unknown")
    rfsdi, components = _rfsdi(con, person_id, as_of, actor or "unknown", client)
    frames["rfsdi"] = components
    # Each section in its registry order (the most useful columns first, for a narrow terminal).
    sections = {s.id: typed_frame(s, frames[s.id][list(s.column_names)]) for s in PERSON_SECTIONS}
    area = con.execute(_person_sql.AREA, p).fetchall()[0][0]
    return PersonSummary(person_id, as_of, area, areas, sections, rfsdi, notes=(rfsdi["note"],))


def _new_chance_rows(
    con: duckdb.DuckDBPyConnection, person_id: str, as_of: date, sex: str, actor: User | str
) -> pd.DataFrame:
    columns = list(PERSON_SECTIONS.get("new-chance").column_names)
    if sex != "F":  # New Chance is for women: not relevant, nothing to compute
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    frame = _new_chance.build(con, as_of, None, actor).frame
    return frame.loc[frame["person_id"] == person_id, columns].reset_index(drop=True)


def _rfsdi(
    con: duckdb.DuckDBPyConnection, person_id: str, as_of: date, actor: User | str, client: str
) -> tuple[dict[str, Any], pd.DataFrame]:
    """The RFSDI header and one row per component; the rest of the summary stands whatever happens here."""
    header: dict[str, Any] = {
        "score": None,
        "level": None,
        "version": None,
        "bands": None,
        "band_words": None,
    }
    rows: list[dict[str, Any]] = []
    try:
        scores, note, _ = rfsdi_scores(con, as_of, [person_id], actor, client=client)
    except OperationsError as exc:  # e.g. a read-only store cannot take the score log
        scores, note = None, f"RFSDI not shown: {exc}"
    if scores is not None and (scores.frame["person_id"] == person_id).any():
        why = scores.explain(person_id)
        # The rule and, for relative bands (the top N on the date), that date's score cut-offs.
        header.update(score=why.score, level=why.level, version=why.version, bands=why.to_dict()["bands"],
                      band_words=why.band_words())  # fmt: skip
        rows = [
            {k: getattr(c, k) for k in ("measures", "value", "unit", "level", "weight", "points")}
            | {"component": c.name}
            for c in why.components
        ]
    elif scores is not None:
        note += " The person is not in RFSDI's population (no VAWG offence in its lookback before the date)."
    header["note"] = note
    columns = list(PERSON_SECTIONS.get("rfsdi").column_names)
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: [] for c in columns})
    return header, frame


def record_person_access(
    db_path: Path | str,
    summary: PersonSummary,
    *,
    actor: User | str | None,
    client: str,
    output: str = "screen",
) -> AuditEntry:
    """Append 'person.view' for ``summary``: who, which person (the pseudonym), date, rows per section."""
    with AuditLog.for_store(db_path) as log:
        return log.record(
            actor=actor,
            action="person.view",
            target=summary.person_id,
            detail={
                "as_of": summary.as_of.isoformat(),
                "output": output,
                "rows": {sid: len(frame) for sid, frame in summary.sections.items()},
            },
            row_count=summary.row_count,
            client=client,
        )


__all__ = ["PersonSummary", "check_person_access", "person_summary", "record_person_access"]
