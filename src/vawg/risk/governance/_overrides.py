"""Practitioner overrides of a score: raise or lower, with a reason, logged and summarised.

A score is advice: the practitioner who knows the case may judge the risk higher or lower than the
tool does. Each override is a row of ``score_overrides`` (who, when, which model and version, whom,
the direction and the reason) and an audit-log entry. An override needs an operational score of that
person under that version in the score log, and a user with person-level access. The evaluation
shows how often scores are overridden, in which direction, and by group (sex, ethnicity).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from vawg.accounts import Permission, User
from vawg.errors import GovernanceError
from vawg.risk.governance._audit import record_step
from vawg.risk.governance._messages import EVALUATION_PURPOSE
from vawg.risk.governance._registry import utc_now

DIRECTIONS = ("raise", "lower")
OVERRIDES_DDL = """CREATE TABLE IF NOT EXISTS score_overrides (
  recorded_at TIMESTAMP NOT NULL,
  model VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL,
  direction VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  user VARCHAR NOT NULL,
  user_id INTEGER NOT NULL
)"""
NOT_SCORED = (
    "{person} has no operational {model} version {version} score in the score log: only a score "
    "an officer was given can be overridden."
)


def record_override(
    con: duckdb.DuckDBPyConnection,
    model: str,
    version: str,
    person_id: str,
    *,
    direction: str,
    reason: str,
    by: User,
) -> None:
    """Record that ``by`` judged ``person_id``'s risk higher (``raise``) or lower than the score."""
    if not (by.can(Permission.PERSON_LEVEL_OWN_AREAS) or by.can(Permission.PERSON_LEVEL_ALL)):
        by.require(Permission.PERSON_LEVEL_OWN_AREAS)  # raises PermissionDenied with the reason
    if direction not in DIRECTIONS:
        raise GovernanceError(f"direction must be raise or lower; found {direction!r}", found=direction)
    if not reason or not reason.strip():
        raise GovernanceError("an override needs a reason (recorded); none was given")
    con.execute(OVERRIDES_DDL)
    scored = con.execute(
        "SELECT count(*) FROM score_log WHERE model = ? AND version = ? AND person_id = ? AND purpose <> ?",
        [model, version, person_id, EVALUATION_PURPOSE],
    ).fetchall()[0][0]
    if not scored:
        raise GovernanceError(NOT_SCORED.format(person=person_id, model=model, version=version))
    con.execute(
        "INSERT INTO score_overrides VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [utc_now(), model, version, person_id, direction, reason.strip(), by.username, by.id],
    )
    # The audit entry names no person: the override row in the store does.
    record_step(con, by, "model.override", f"{model}/{version}", None, {"direction": direction})


def override_summary(con: duckdb.DuckDBPyConnection, model: str, version: str | None = None) -> pd.DataFrame:
    """How often operational scores were overridden and in which direction, overall and by group.

    Rows: group dimension ("All", "Sex", "Ethnicity"), group, people scored, raised, lowered, and the
    share overridden. Groups come from the ``persons`` table ("Not stated" kept as a group).
    """
    con.execute(OVERRIDES_DDL)
    where, params = (
        ("AND s.version = ?", [model, EVALUATION_PURPOSE, version])
        if version
        else ("", [model, EVALUATION_PURPOSE])
    )
    has_persons = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'persons'"
    ).fetchall()[0][0]
    person_cols = (
        "coalesce(nullif(p.sex, 'U'), 'Not stated') AS sex, "
        "coalesce(nullif(nullif(p.ethnicity, ''), 'NS'), 'Not stated') AS ethnicity"
        if has_persons
        else "'Not stated' AS sex, 'Not stated' AS ethnicity"
    )
    join = "LEFT JOIN persons p USING (person_id)" if has_persons else ""
    people = con.execute(
        f"""SELECT s.person_id, {person_cols},
                   count(*) FILTER (WHERE o.direction = 'raise') AS raised,
                   count(*) FILTER (WHERE o.direction = 'lower') AS lowered
            FROM (SELECT DISTINCT model, version, person_id FROM score_log
                  WHERE model = ? AND purpose <> ?) s
            {join}
            LEFT JOIN score_overrides o USING (model, version, person_id)
            WHERE 1 = 1 {where}
            GROUP BY ALL""",
        params,
    ).df()
    frames = [people.assign(dimension="All", group="All")]
    frames += [
        people.assign(dimension=label, group=people[column])
        for label, column in (("Sex", "sex"), ("Ethnicity", "ethnicity"))
    ]
    stacked = pd.concat(frames, ignore_index=True)
    summary = (
        stacked.groupby(["dimension", "group"], sort=False)
        .agg(people=("person_id", "nunique"), raised=("raised", "sum"), lowered=("lowered", "sum"))
        .reset_index()
    )
    summary["share_overridden"] = (summary["raised"] + summary["lowered"]) / summary["people"].where(
        summary["people"] > 0
    )
    return summary


__all__ = ["DIRECTIONS", "override_summary", "record_override"]
