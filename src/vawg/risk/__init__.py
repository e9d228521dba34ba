"""Risk: point-in-time person features, the RFSDI and RFG/RFGV scores, the escalation model, governance.

Everything about a person is computed *as of* a date from records dated before it, so a score or a
model can be checked against what happened afterwards without leaking the future into the past.
Scores are for safeguarding and diversion (whose victims to protect, whom to offer an intervention),
never a decision in themselves; operational use needs an approved version (``governance``).

Subpackages, one per capability:

* ``vawg.risk.features`` – point-in-time features and labels;
* ``vawg.risk.rfsdi`` – the RFSDI/RFG scores, their configuration, validation and pilot;
* ``vawg.risk.escalation`` – the escalation model (scikit-learn, fairlearn);
* ``vawg.risk.governance`` – the model registry, approval, score log and ethics pack.

The names below are the public API of them all. The escalation names load scikit-learn and fairlearn
only when first used (PEP 562 ``__getattr__``), so importing ``vawg.risk`` for RFSDI stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vawg.risk import governance
from vawg.risk.features import (
    FEATURE_COLUMNS,
    future_offending,
    person_features,
    person_features_panel,
    serious_sexual_label,
)
from vawg.risk.governance import (
    ModelRegistry,
    ModelVersion,
    approve,
    get_version,
    list_versions,
    log_scores,
    register_version,
    require_approved,
    retire,
    status_history,
    submit,
)
from vawg.risk.rfsdi import (
    FRAMING,
    Explanation,
    Interval,
    PilotReport,
    RiskConfig,
    RiskScores,
    ValidityReport,
    bootstrap_auc,
    check_use,
    default_as_of_dates,
    default_config_path,
    evaluate_pilot,
    evaluate_rfsdi,
    governed_scores,
    load_config,
    parse_config,
    pilot_panel,
    register_rfsdi,
    rfsdi_from_features,
    score_and_log,
    score_rfgv,
    score_rfgv_panel,
    score_rfsdi,
    score_rfsdi_panel,
)

if TYPE_CHECKING:
    from vawg.risk.escalation import (
        SELECTION_RULE,
        EscalationRun,
        Evaluation,
        Selection,
        build_panel,
        evaluate,
        plan_dates,
        save_and_register,
        score_people,
        select_model,
        temporal_split,
        train_escalation,
    )

# Names served from vawg.risk.escalation on first use (it imports scikit-learn and fairlearn).
_LAZY = frozenset(
    {
        "SELECTION_RULE",
        "EscalationRun",
        "Evaluation",
        "Selection",
        "build_panel",
        "evaluate",
        "plan_dates",
        "save_and_register",
        "score_people",
        "select_model",
        "temporal_split",
        "train_escalation",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("vawg.risk.escalation"), name)
    raise AttributeError(f"module 'vawg.risk' has no attribute {name!r}")


__all__ = [
    "FEATURE_COLUMNS",
    "FRAMING",
    "SELECTION_RULE",
    "EscalationRun",
    "Evaluation",
    "Explanation",
    "Interval",
    "ModelRegistry",
    "ModelVersion",
    "PilotReport",
    "RiskConfig",
    "RiskScores",
    "Selection",
    "ValidityReport",
    "approve",
    "bootstrap_auc",
    "build_panel",
    "check_use",
    "default_as_of_dates",
    "default_config_path",
    "evaluate",
    "evaluate_pilot",
    "evaluate_rfsdi",
    "future_offending",
    "get_version",
    "governance",
    "governed_scores",
    "list_versions",
    "load_config",
    "log_scores",
    "parse_config",
    "person_features",
    "person_features_panel",
    "pilot_panel",
    "plan_dates",
    "register_rfsdi",
    "register_version",
    "require_approved",
    "retire",
    "rfsdi_from_features",
    "save_and_register",
    "score_and_log",
    "score_people",
    "score_rfgv",
    "score_rfgv_panel",
    "score_rfsdi",
    "score_rfsdi_panel",
    "select_model",
    "serious_sexual_label",
    "status_history",
    "submit",
    "temporal_split",
    "train_escalation",
]
