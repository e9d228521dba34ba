"""Practitioner overrides of a score: raise or lower, with a reason, logged and summarised.

A score is advice: the practitioner who knows the case may judge the risk higher or lower than the
tool does. Each override is a row of ``score_overrides`` in the registry (app state) (who, when, which model and version, whom,
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
from vawg.risk.governance._registry import ModelRegistry, utc_now

DIRECTIONS = ("raise", "lower")
NOT_SCORED = (
    "{person} has no operational {model} version {version} score in the score log: only a score "
    "an officer was given can be overridden."
)


def record_override(
    registry: ModelRegistry,
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
    (scored,) = registry.rows(
        "SELECT count(*) FROM score_log WHERE model = ? AND version = ? AND person_id = ? AND purpose <> ?",
        [model, version, person_id, EVALUATION_PURPOSE],
    )[0]
    if not scored:
        raise GovernanceError(NOT_SCORED.format(person=person_id, model=model, version=version))
    row = {
        "recorded_at": utc_now(), "model": model, "version": version, "person_id": person_id,
        "direction": direction, "reason": reason.strip(), "user": by.username, "user_id": by.id,
    }  # fmt: skip
    with registry.writing() as con:
        registry.insert(con, "score_overrides", row)
    # The audit entry names no person: the override row in the registry does.
    record_step(registry, by, "model.override", f"{model}/{version}", None, {"direction": direction})


def override_summary(
    registry: ModelRegistry, con: duckdb.DuckDBPyConnection, model: str, version: str | None = None
) -> pd.DataFrame:
    """How often operational scores were overridden and in which direction, overall and by group.

    Rows: group dimension ("All", "Sex", "Ethnicity"), group, people scored, raised, lowered, and the
    share overridden. The scores and overrides come from the registry, the groups from the store's
    ``persons`` table (``con``; "Not stated" kept as a group).
    """
    where, params = (
        ("AND s.version = ?", [model, EVALUATION_PURPOSE, version])
        if version
        else ("", [model, EVALUATION_PURPOSE])
    )
    people = registry.frame(
        f"""SELECT s.person_id,
                   sum(CASE WHEN o.direction = 'raise' THEN 1 ELSE 0 END) AS raised,
                   sum(CASE WHEN o.direction = 'lower' THEN 1 ELSE 0 END) AS lowered
            FROM (SELECT DISTINCT model, version, person_id FROM score_log
                  WHERE model = ? AND purpose <> ?) s
            LEFT JOIN score_overrides o
              ON o.model = s.model AND o.version = s.version AND o.person_id = s.person_id
            WHERE 1 = 1 {where}
            GROUP BY s.model, s.version, s.person_id""",
        params,
    ).astype({"raised": "int64", "lowered": "int64"})
    has_persons = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'persons'"
    ).fetchall()[0][0]
    groups = pd.DataFrame(
        {
            "person_id": pd.Series(dtype=object),
            "sex": pd.Series(dtype=object),
            "ethnicity": pd.Series(dtype=object),
        }
    )
    if has_persons and len(people):
        ids = pd.DataFrame({"person_id": people["person_id"].drop_duplicates()})
        con.register("_override_people", ids)
        try:
            groups = con.execute(
                "SELECT i.person_id, coalesce(nullif(p.sex, 'U'), 'Not stated') AS sex, "
                "coalesce(nullif(nullif(p.ethnicity, ''), 'NS'), 'Not stated') AS ethnicity "
                "FROM _override_people i LEFT JOIN persons p USING (person_id)"
            ).df()
        finally:
            con.unregister("_override_people")
    people = people.merge(groups, on="person_id", how="left")
    people[["sex", "ethnicity"]] = people[["sex", "ethnicity"]].fillna("Not stated")
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
