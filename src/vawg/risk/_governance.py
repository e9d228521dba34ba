"""Model governance: a registry of model versions, their status, and a log of operational scores.

A risk tool may only score people for operational use once a named person has approved the exact
version that scores them (the approval records who and when, and any conditions). Every operational
score is written to ``score_log`` so an audit can say who scored whom, with which version, and why.

Statuses move draft → submitted → approved → retired (any but retired may be retired; retired is
final), and approval needs a second person (four eyes): the legal moves are in ``_model_lifecycle``,
the score log in ``_score_log``, the tables in ``_model_registry``, the message texts in
``_governance_messages``. This module gathers them as one namespace, ``vawg.risk.governance``.

The tables live in the force's store and are created on first use (``CREATE TABLE IF NOT EXISTS``):
``model_versions`` (one row per name and version), ``model_status_log`` (every status change) and
``score_log`` (one row per person scored operationally).
"""

from __future__ import annotations

# Re-exported so that ``governance.X`` reaches every rule and message text (tests match the texts).
from vawg.risk._governance_messages import (
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
from vawg.risk._model_lifecycle import (
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
from vawg.risk._model_registry import NO_REGISTRY, ModelVersion, ensure_tables
from vawg.risk._score_log import log_scores

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
    "ModelVersion",
    "approve",
    "ensure_tables",
    "get_version",
    "list_versions",
    "log_scores",
    "register_version",
    "require_approved",
    "retire",
    "status_history",
    "submit",
]
