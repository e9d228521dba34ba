"""outstanding-suspects: one row per outstanding DA suspect, with their RFSDI from the approved version.

The risk columns come only through governance: ``require_approved`` finds the approved RFSDI version
in the model registry (the app-state file beside the store, ``ModelRegistry.for_connection``), its
registered TOML (kept in the registry, so an edited file on disk cannot score anyone) is parsed, and
``score_and_log`` checks it again and writes every score to the score log under the actor. The
registry is writable while the data store is open read-only, so the web app shows the scores too.

A list is scored under those checks but logged by :func:`log_shown_scores`, for the rows a user is
actually shown: ``compute_list`` logs the whole list (the CLI prints or writes every row); the web
app keeps the scored list per store version and approved version, and logs each page's rows, or
every row of an export, against the signed-in user on every view (D-operations-6).
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import partial

import duckdb
import pandas as pd

from vawg.accounts import Permission, User
from vawg.errors import GovernanceError, StoreError
from vawg.operations._context import AREA_FILTER, has_table, params
from vawg.operations._parts import Parts
from vawg.risk import (
    ModelRegistry,
    RiskConfig,
    RiskScores,
    governed_scores,
    log_scores,
    parse_config,
    require_approved,
    score_and_log,
)

MODEL = "rfsdi"
LEVEL_ORDER = {"high": 0, "medium": 1, "standard": 2}
TOP_COMPONENTS = 2

NO_STATUS = (
    "SELECT NULL::VARCHAR AS crime_id, NULL::VARCHAR AS person_id, NULL::VARCHAR AS status, "
    "NULL::DATE AS status_date WHERE false"
)

SQL = """
WITH oc AS (SELECT DISTINCT crime_id FROM outcomes WHERE outcome_date <= $d),
arrested AS (
  SELECT DISTINCT person_id, crime_id FROM custody WHERE crime_id IS NOT NULL AND arrest_date <= $d
),
links AS (
  SELECT cp.person_id, c.crime_id, CAST(c.offence_code AS VARCHAR) AS offence_code, c.area,
         c.recorded_date, greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) AS start
  FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
  WHERE cp.role = 'suspect' AND coalesce(c.da_flag, false) AND c.recorded_date <= $d
    AND coalesce(cp.linked_date, c.recorded_date) <= $d
    AND c.crime_id NOT IN (SELECT crime_id FROM oc)
    AND NOT EXISTS (SELECT 1 FROM arrested a WHERE a.person_id = cp.person_id AND a.crime_id = c.crime_id)
),
status AS (
  SELECT s.person_id, CAST(s.status AS VARCHAR) AS status, s.status_date
  FROM ({status}) s JOIN links l ON l.person_id = s.person_id AND l.crime_id = s.crime_id
  WHERE s.status_date <= $d
  QUALIFY row_number() OVER (PARTITION BY s.person_id ORDER BY s.status_date DESC, s.crime_id DESC) = 1
),
people AS (
  SELECT person_id,
         arg_max(area, strftime(recorded_date, '%Y-%m-%d') || crime_id) AS area,
         count(*) AS outstanding_crimes,
         string_agg(crime_id, ', ' ORDER BY start, crime_id) AS crime_ids,
         string_agg(DISTINCT offence_code, ', ' ORDER BY offence_code) AS offence_codes,
         min(start) AS outstanding_since,
         max(recorded_date) AS latest_crime_date
  FROM links GROUP BY person_id
)
SELECT p.person_id, p.area, p.outstanding_crimes, p.crime_ids, p.offence_codes, p.outstanding_since,
       p.latest_crime_date, CAST($d - p.outstanding_since AS BIGINT) AS days_outstanding,
       s.status AS suspect_status, s.status_date
FROM people p LEFT JOIN status s ON s.person_id = p.person_id
WHERE {area_filter}
"""


def approved_config(registry: ModelRegistry) -> tuple[RiskConfig | None, str]:
    """The approved RFSDI version's own configuration, or None and the reason there is none."""
    try:
        version = require_approved(registry, MODEL)
    except GovernanceError as exc:
        return None, f"Risk columns empty: {exc}"
    text = str(version.metadata.get("config_toml") or "")
    if not text:
        return None, (
            f"Risk columns empty: approved RFSDI version {version.version} has no configuration file in "
            "the registry; register it again with `vawg risk register-rfsdi`."
        )
    config = parse_config(
        tomllib.loads(text),
        source=str(version.metadata.get("config_source") or f"registry:{MODEL}/{version.version}"),
        sha256=str(version.metadata.get("config_sha256") or ""),
    )
    approved = f"approved by {version.approved_by}" if version.approved_by else "approved"
    return config, f"RFSDI version {version.version} ({approved}), as of the list's date."


def _top_components(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    def describe(row: pd.Series) -> str:
        points = sorted(((float(row[f"{n}_points"]), n) for n in names), key=lambda p: (-p[0], p[1]))
        return ", ".join(f"{n} {p:.2f}" for p, n in points[:TOP_COMPONENTS] if p > 0)

    return frame.apply(describe, axis=1) if len(frame) else pd.Series([], dtype=object)


def may_score(actor: User | str) -> bool:
    """Whether ``actor`` may use RFSDI scores operationally (vawg.risk checks it again)."""
    return isinstance(actor, User) and any(
        actor.can(p)
        for p in (Permission.PERSON_LEVEL_OWN_AREAS, Permission.PERSON_LEVEL_ALL, Permission.MODELS_APPROVE)
    )


def rfsdi_scores(
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    persons: list[str],
    actor: User | str,
    *,
    log: bool = True,
    client: str = "vawg",
) -> tuple[RiskScores | None, str, str | None]:
    """RFSDI for ``persons`` as of ``as_of`` from the approved version only, every score logged
    (``log=False``: the same checks, and the caller logs what it shows with :func:`log_shown_scores`).

    Returns (scores or None, the note that says which version or why there are none, the approved
    version or None). The outstanding-suspects list and the person summary both score through here,
    so a change to where the registry and score log live reaches both.
    """
    try:
        registry = ModelRegistry.for_connection(con)
    except StoreError as exc:  # an in-memory store without VAWG_APP_DB has no registry
        return None, f"Risk columns empty: no model registry ({exc}).", None
    try:
        config, note = approved_config(registry)
        if config is not None and not may_score(actor):
            note = (
                f"{note} Risk columns are empty: RFSDI scores are shown only to a signed-in user whose role "
                "acts on them (officer, supervisor or governance), and each score shown is logged against "
                "that user (sign in with --user, or in the web app)."
            )
            return None, note, None
        if config is None or not persons:
            return None, note, None if config is None else config.version
        assert isinstance(actor, User)
        # The same governance checks either way; without the log, the caller logs what it shows.
        score = partial(score_and_log, client=client) if log else governed_scores
        scores = score(
            registry, con, as_of, purpose="operational", user=actor, config=config, persons=persons,
            for_work_list=True,
        )  # fmt: skip
        return scores, note, scores.version
    finally:
        registry.close()


def build(con: duckdb.DuckDBPyConnection, as_of: date, area: str | None, actor: User | str) -> Parts:
    status = "SELECT crime_id, person_id, status, status_date FROM suspect_status"
    sql = SQL.format(
        status=status if has_table(con, "suspect_status") else NO_STATUS, area_filter=AREA_FILTER
    )
    frame = con.execute(sql, params(as_of, area)).df()
    # Scored under governance's checks; compute_list (or the web app, per page) logs what is shown.
    scores, note, version = rfsdi_scores(con, as_of, list(frame["person_id"]), actor, log=False)
    frame["rfsdi_score"], frame["rfsdi_level"] = float("nan"), None
    frame["rfsdi_top_components"], frame["rfsdi_version"] = None, None
    facts: dict[str, object] = {"rfsdi_version": version}
    if scores is not None:
        scored = scores.frame.copy()
        scored["rfsdi_top_components"] = _top_components(scored, list(scores.components))
        merged = frame[["person_id"]].merge(
            scored[["person_id", "score", "level", "rfsdi_top_components"]], on="person_id", how="left"
        )
        frame["rfsdi_score"] = merged["score"].to_numpy()
        frame["rfsdi_level"] = merged["level"].astype(object).where(merged["level"].notna(), None).to_numpy()
        frame["rfsdi_top_components"] = merged["rfsdi_top_components"].to_numpy()
        frame["rfsdi_version"] = frame["rfsdi_level"].map(lambda v: scores.version if v is not None else None)
        unscored = int(frame["rfsdi_level"].isna().sum())
        if unscored:
            note += (
                f" {unscored} of {len(frame)} people are not in RFSDI's population (no VAWG offence in its "
                "lookback before the date) and have no score."
            )
    rank = frame["rfsdi_level"].map(lambda v: LEVEL_ORDER.get(v, len(LEVEL_ORDER)) if v is not None else 9)
    frame = frame.assign(_rank=rank).sort_values(
        ["_rank", "days_outstanding", "person_id"], ascending=[True, False, True], kind="stable"
    )
    columns = [
        "person_id", "area", "rfsdi_level", "rfsdi_score", "rfsdi_top_components", "days_outstanding",
        "outstanding_crimes", "crime_ids", "offence_codes", "outstanding_since", "latest_crime_date",
        "suspect_status", "status_date", "rfsdi_version",
    ]  # fmt: skip
    return Parts(frame[columns].reset_index(drop=True), notes=(note,), facts=facts)


def scoring_version(con: duckdb.DuckDBPyConnection, actor: User | str) -> str | None:
    """The approved RFSDI version (and its file's SHA-256) ``actor`` would be shown scores from, or
    None (no approved version, no registry, or a user whose role does not act on scores): what a
    scored list kept between views must be keyed by, so an approval or retirement shows at once."""
    if not may_score(actor):
        return None
    try:
        registry = ModelRegistry.for_connection(con)
    except StoreError:
        return None
    try:
        version = require_approved(registry, MODEL)
    except GovernanceError:
        return None
    finally:
        registry.close()
    return f"{version.version}:{version.metadata.get('config_sha256') or ''}"


def log_shown_scores(
    registry: ModelRegistry, rows: pd.DataFrame, actor: User | str, *, client: str = "vawg"
) -> int:
    """Log the RFSDI scores in ``rows`` (rows of a scored work list that a user is shown) against
    ``actor``; returns the number logged. The version must still be approved (GovernanceError)."""
    if "rfsdi_score" not in rows.columns:
        return 0
    shown = rows[rows["rfsdi_score"].notna()]
    if shown.empty:
        return 0
    if not isinstance(actor, User):
        raise GovernanceError("RFSDI scores are logged only against a signed-in user", model=MODEL)
    versions = set(shown["rfsdi_version"])
    if len(versions) != 1:
        raise GovernanceError(f"rows scored by more than one RFSDI version: {sorted(versions)}", model=MODEL)
    scores = pd.DataFrame(
        {"person_id": shown["person_id"], "score": shown["rfsdi_score"], "level": shown["rfsdi_level"]}
    )
    return log_scores(registry, MODEL, versions.pop(), purpose="operational", user=actor, scores=scores,
                      client=client)  # fmt: skip


__all__ = ["approved_config", "build", "log_shown_scores", "rfsdi_scores", "scoring_version"]
