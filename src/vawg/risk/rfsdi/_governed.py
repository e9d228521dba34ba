"""RFSDI under governance: register its version, and score only as the registry allows.

* ``operational`` scoring (a list officers act on) needs the exact version approved, and the TOML
  file must be the one registered under that version (its SHA-256), so a file edited after approval
  cannot score anyone;
* ``evaluation`` scoring (checking the tool, e.g. on the pilot) is allowed for any registered version
  that is not retired.

Both are written to the score log (who, when, why, which version, whom).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import duckdb

from vawg.accounts import Permission, User
from vawg.errors import GovernanceError, RiskError
from vawg.risk.features._pointintime import data_window
from vawg.risk.governance import (
    ModelRegistry,
    ModelVersion,
    get_version,
    log_scores,
    register_version,
    require_approved,
    require_operational,
)
from vawg.risk.governance._messages import NAMELESS_ACTOR, RETIRED_EVALUATION
from vawg.risk.rfsdi._config import RiskConfig, load_config
from vawg.risk.rfsdi._fairness import rfsdi_fairness
from vawg.risk.rfsdi._rfsdi import score_rfsdi
from vawg.risk.rfsdi._scores import RiskScores
from vawg.risk.rfsdi._validity import evaluate_rfsdi

MODEL_NAME = "rfsdi"
PURPOSES = ("operational", "evaluation")
# Who may score operationally: governance, and the officers and supervisors who act on the scores
# (a work list shows them); every operational score is logged against that user.
OPERATIONAL_PERMISSIONS = (
    Permission.MODELS_APPROVE,
    Permission.PERSON_LEVEL_ALL,
    Permission.PERSON_LEVEL_OWN_AREAS,
)

UNKNOWN_PURPOSE = "purpose must be one of {purposes}; found {found!r}"
NO_FILE = (
    "RFSDI version {version} has no file to register (a configuration built in memory): register "
    "the TOML file itself, so its SHA-256 is kept with the version."
)
CHANGED_FILE = (
    "{source} is not the file registered as {name} version {version} (SHA-256 {found:.12} vs "
    "{expected:.12}): give the changed file a new version and register it with "
    "`vawg risk register-rfsdi --config FILE`."
)


def _data_window(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    try:
        return data_window(con)
    except RiskError:  # an empty store: the version is registered before any data is loaded
        return date.today(), date.today()


def register_rfsdi(
    registry: ModelRegistry,
    con: duckdb.DuckDBPyConnection,
    config: RiskConfig | None = None,
    *,
    metrics: dict[str, Any] | None = None,
    training_window: tuple[date, date] | None = None,
    evaluate: bool = False,
) -> ModelVersion:
    """Register the configuration's RFSDI version as a draft; the registry keeps the file and its hash.

    ``registry`` receives the version; ``con`` is the data store it is evaluated on.

    ``training_window`` defaults to the store's data window (RFSDI is not trained; this records the
    data the version was designed and checked on). ``evaluate`` runs :func:`evaluate_rfsdi` (500
    resamples) and the fairness audit with its error rates over the score range (:func:`rfsdi_fairness`) first and stores them as the evidence an
    approval needs: the design window then ends the day before the first evaluated as-of date, so
    the evaluation is on outcomes after it.
    """
    cfg = config if config is not None else load_config()
    if not cfg.sha256:
        raise GovernanceError(NO_FILE.format(version=cfg.version), version=cfg.version)
    if evaluate:
        report = evaluate_rfsdi(con, config=cfg, n_boot=500)
        dates = report.as_of_dates
        audit, over_range = rfsdi_fairness(con, dates, config=cfg, horizon_days=report.horizon_days)
        period = {
            "start": dates[0].isoformat(),
            "end": (dates[-1] + timedelta(days=report.horizon_days - 1)).isoformat(),
            "as_of": [d.isoformat() for d in dates],
        }
        evidence = {
            "evaluation_period": period,
            "fairness": {MODEL_NAME: audit.to_dict()},
            "fairness_range": {MODEL_NAME: over_range.to_dict("records")},
        }
        metrics = {**report.headline(), **evidence, **(metrics or {})}
        training_window = training_window or (_data_window(con)[0], dates[0] - timedelta(days=1))
    text = Path(cfg.source).read_text(encoding="utf-8") if Path(cfg.source).is_file() else ""
    metadata = {
        "kind": "rule-based score (RFSDI)",
        "config_source": cfg.source,
        "config_sha256": cfg.sha256,
        "config_toml": text,
        "weights": {name: comp.weight for name, comp in cfg.rfsdi_components().items()},
        "bands": cfg.bands.to_dict(),
        "rfg_version": cfg.rfg.version,
    }
    return register_version(
        registry,
        MODEL_NAME,
        cfg.version,
        training_window=training_window or _data_window(con),
        metrics=metrics or {},
        metadata=metadata,
        artifact_sha256=cfg.sha256,
    )


def check_use(
    registry: ModelRegistry, config: RiskConfig, purpose: Literal["operational", "evaluation"] | str
) -> ModelVersion:
    """The registered version the configuration may score with for ``purpose``, or GovernanceError."""
    if purpose not in PURPOSES:
        raise RiskError(UNKNOWN_PURPOSE.format(purposes=", ".join(PURPOSES), found=purpose), found=purpose)
    if purpose == "operational":
        version = require_approved(registry, MODEL_NAME, config.version)
    else:
        version = get_version(registry, MODEL_NAME, config.version)
        if version.status == "retired":
            raise GovernanceError(
                RETIRED_EVALUATION.format(name=MODEL_NAME, version=config.version),
                model=MODEL_NAME,
                version=config.version,
            )
    # Always compared: a version registered without its file's hash accepts no file at all.
    expected = version.artifact_sha256 or version.metadata.get("config_sha256") or ""
    if expected != config.sha256:
        raise GovernanceError(
            CHANGED_FILE.format(
                source=config.source,
                name=MODEL_NAME,
                version=config.version,
                found=config.sha256,
                expected=expected,
            ),
            model=MODEL_NAME,
            version=config.version,
        )
    return version


def governed_scores(
    registry: ModelRegistry,
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    purpose: str,
    user: User,
    config: RiskConfig | None = None,
    area: str | None = None,
    top: int | None = None,
    persons: Sequence[str] | None = None,
    for_work_list: bool = False,
) -> RiskScores:
    """Score RFSDI for ``purpose`` if governance allows it; the caller logs what it shows.

    ``persons`` scores only those people (``vawg risk explain``); ``area`` and ``top`` as in
    :func:`score_rfsdi` and :meth:`RiskScores.top`. Operational scoring of a population needs the
    governance role (``models_approve``); ``for_work_list`` (the named people of a work list the user
    may open) needs only a role that acts on scores (D-gov-7). The version is in ``registry``; the
    people are scored from the store ``con`` (read-only is enough). A caller that shows every score
    at once uses :func:`score_and_log`; the web app keeps a scored list and logs each page it shows.
    """
    cfg = config if config is not None else load_config()
    if not isinstance(user, User):
        raise GovernanceError(NAMELESS_ACTOR.format(action="scoring"), version=cfg.version)
    if purpose == "evaluation":
        user.require(Permission.MODELS_REVIEW)
    elif for_work_list and persons is not None:
        require_operational(user)
    else:
        user.require(Permission.MODELS_APPROVE)
    check_use(registry, cfg, purpose)
    scores = score_rfsdi(con, as_of, config=cfg, persons=persons, area=area)
    return scores.top(top) if top is not None else scores


def score_and_log(
    registry: ModelRegistry,
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    purpose: str,
    user: User,
    config: RiskConfig | None = None,
    area: str | None = None,
    top: int | None = None,
    persons: Sequence[str] | None = None,
    for_work_list: bool = False,
    client: str = "vawg",
) -> RiskScores:
    """:func:`governed_scores`, and every score returned logged in ``registry``'s score log.
    ``client`` is where the request came from (the web app passes the client's address), for the
    audit entry."""
    scores = governed_scores(
        registry, con, as_of, purpose=purpose, user=user, config=config, area=area, top=top,
        persons=persons, for_work_list=for_work_list,
    )  # fmt: skip
    log_scores(
        registry,
        MODEL_NAME,
        scores.version,
        purpose=purpose,
        user=user,
        scores=scores.frame[["person_id", "score", "level"]],
        client=client,
    )
    return scores


__all__ = ["MODEL_NAME", "PURPOSES", "check_use", "governed_scores", "register_rfsdi", "score_and_log"]
