"""Model governance: a registry of model versions, their status, and a log of operational scores.

A risk tool may only score people for operational use once a named person has approved the exact
version that scores them (the approval records who and when, and any conditions). Every operational
score is written to ``score_log`` so an audit can say who scored whom, with which version, and why.

Statuses move draft → submitted → approved → retired (any but retired may be retired; retired is
final), and approval needs a second person (four eyes): the legal moves are in ``_lifecycle``, the score
log in ``_score_log``, the tables in ``_registry``, the message texts in ``_messages``, and the ethics
pack (model card, ATRS record) in ``_ethics``. This path imports neither scikit-learn nor fairlearn.

The tables live in the force's store and are created on first use (``CREATE TABLE IF NOT EXISTS``):
``model_versions`` (one row per name and version), ``model_status_log`` (every status change) and
``score_log`` (one row per person scored operationally).
"""

from __future__ import annotations

from vawg.risk.governance._ethics import (
    EthicsPack,
    build_ethics_pack,
    default_metadata_path,
    load_metadata,
)
from vawg.risk.governance._lifecycle import (
    MODEL_NAMES,
    STATUSES,
    TRANSITIONS,
    approve,
    get_version,
    list_versions,
    register_version,
    require_approved,
    retire,
    status_history,
    submit,
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
    NO_VERSIONS,
    NOT_APPROVED,
    RETIRED_EVALUATION,
    SAME_PERSON,
    UNKNOWN_VERSION,
)
from vawg.risk.governance._registry import NO_REGISTRY, ModelVersion, ensure_tables
from vawg.risk.governance._score_log import log_scores

__all__ = [
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
    "NO_REGISTRY",
    "NO_VERSIONS",
    "RETIRED_EVALUATION",
    "SAME_PERSON",
    "STATUSES",
    "TRANSITIONS",
    "UNKNOWN_VERSION",
    "EthicsPack",
    "ModelVersion",
    "approve",
    "build_ethics_pack",
    "default_metadata_path",
    "ensure_tables",
    "get_version",
    "list_versions",
    "load_metadata",
    "log_scores",
    "register_version",
    "require_approved",
    "retire",
    "status_history",
    "submit",
]
