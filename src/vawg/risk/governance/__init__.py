"""Model governance: a registry of model versions, their status, and a log of operational scores.

A risk tool may only score people for operational use once a named person has approved the exact
version that scores them (the approval records who and when, and any conditions). Every operational
score is written to ``score_log`` so an audit can say who scored whom, with which version, and why.

Statuses move draft → submitted → approved → retired (any but retired may be retired; retired is
final). Every move is made by an authenticated user with the governance role, and approval needs a
second user (four eyes, by user id) and complete evidence (``_evidence``). Registration and reads are
in ``_lifecycle``, the moves in ``_moves``, the score log in ``_score_log``, the hash chains in
``_chain`` (checked by :func:`verify_chains`), the tables in ``_registry``, the message texts in
``_messages``, the ethics pack in the ``ethics`` subpackage. This path imports neither scikit-learn nor fairlearn.

Every function takes a :class:`ModelRegistry` (``ModelRegistry.for_store(db)``): the tables live in
the app-state SQLite file beside the store (``vawg.appstate``, schema version 2), not in the DuckDB
data store, so the web app, which reads the data store read-only, can approve models and log the
scores it shows (decision D-gov-8). Functions that also read data (features, ``persons``, the
store's ``data_origin``) take the DuckDB connection as well. ``model_versions`` (one row per name
and version), ``model_status_log`` (every status change, chained), ``score_log`` (one row per person
scored, chained), ``model_ethics_decisions``, ``model_ethics_packs`` and ``score_overrides``. A store
made before the move has them in DuckDB: its first read-write open copies them over
(:func:`move_registry_from_store`).
"""

from __future__ import annotations

from vawg.risk.governance._audit import verify_chains
from vawg.risk.governance._evidence import (
    APPROVING_DECISIONS,
    DECISIONS,
    EthicsDecision,
    ethics_decision,
    missing_evidence,
    record_ethics_decision,
)
from vawg.risk.governance._lifecycle import (
    MODEL_NAMES,
    STATUSES,
    TRANSITIONS,
    get_version,
    list_versions,
    register_version,
    require_approved,
    status_history,
)

# Re-exported so that ``governance.X`` reaches every rule and message text (tests match the texts).
from vawg.risk.governance._messages import (
    DUPLICATE_VERSION,
    EVALUATION_NEEDS_VERSION,
    EVALUATION_PURPOSE,
    ILLEGAL_TRANSITION,
    MISSING_SCORE_COLUMNS,
    MISSING_SCORE_FIELD,
    NAMELESS_ACTOR,
    NO_APPROVED_VERSION,
    NO_ARTIFACT,
    NO_EVIDENCE,
    NO_REASON,
    NO_VERSIONS,
    NOT_APPROVED,
    RETIRED_EVALUATION,
    SAME_PERSON,
    UNKNOWN_VERSION,
)
from vawg.risk.governance._moved import move_registry_from_store
from vawg.risk.governance._moves import approve, retire, submit
from vawg.risk.governance._overrides import DIRECTIONS, override_summary, record_override
from vawg.risk.governance._registry import ModelRegistry, ModelVersion
from vawg.risk.governance._score_log import OPERATIONAL_PERMISSIONS, log_scores, require_operational
from vawg.risk.governance.ethics import (
    EthicsPack,
    build_ethics_pack,
    default_metadata_path,
    load_metadata,
)

__all__ = [
    "APPROVING_DECISIONS",
    "DECISIONS",
    "DIRECTIONS",
    "DUPLICATE_VERSION",
    "EVALUATION_NEEDS_VERSION",
    "EVALUATION_PURPOSE",
    "ILLEGAL_TRANSITION",
    "MISSING_SCORE_COLUMNS",
    "MISSING_SCORE_FIELD",
    "MODEL_NAMES",
    "NAMELESS_ACTOR",
    "NOT_APPROVED",
    "NO_APPROVED_VERSION",
    "NO_ARTIFACT",
    "NO_EVIDENCE",
    "NO_REASON",
    "NO_VERSIONS",
    "OPERATIONAL_PERMISSIONS",
    "RETIRED_EVALUATION",
    "SAME_PERSON",
    "STATUSES",
    "TRANSITIONS",
    "UNKNOWN_VERSION",
    "EthicsDecision",
    "EthicsPack",
    "ModelRegistry",
    "ModelVersion",
    "approve",
    "build_ethics_pack",
    "default_metadata_path",
    "ethics_decision",
    "get_version",
    "list_versions",
    "load_metadata",
    "log_scores",
    "missing_evidence",
    "move_registry_from_store",
    "override_summary",
    "record_ethics_decision",
    "record_override",
    "register_version",
    "require_approved",
    "require_operational",
    "retire",
    "status_history",
    "submit",
    "verify_chains",
]
