"""Risk: point-in-time person features, the RFSDI and RFG/RFGV scores, their validation, and governance.

Everything about a person is computed *as of* a date from records dated before it, so a score or a
model can be checked against what happened afterwards without leaking the future into the past.
Scores are for safeguarding and diversion (whose victims to protect, whom to offer an intervention),
never a decision in themselves; operational use needs an approved version (``governance``).
"""

from vawg.risk import _governance as governance
from vawg.risk._bootstrap import Interval, bootstrap_auc
from vawg.risk._config import RiskConfig, default_config_path, load_config, parse_config
from vawg.risk._escalation import EscalationRun, save_and_register, score_people, train_escalation
from vawg.risk._escalation_eval import SELECTION_RULE, Evaluation, Selection, evaluate, select_model
from vawg.risk._escalation_panel import build_panel, plan_dates, temporal_split
from vawg.risk._features import FEATURE_COLUMNS, person_features, person_features_panel
from vawg.risk._governance import (
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
from vawg.risk._governed import check_use, register_rfsdi, score_and_log
from vawg.risk._labels import future_offending, serious_sexual_label
from vawg.risk._pilot import PilotReport, evaluate_pilot, pilot_panel
from vawg.risk._rfg import score_rfgv, score_rfgv_panel
from vawg.risk._rfsdi import rfsdi_from_features, score_rfsdi, score_rfsdi_panel
from vawg.risk._scores import FRAMING, Explanation, RiskScores
from vawg.risk._validity import ValidityReport, default_as_of_dates, evaluate_rfsdi

__all__ = [
    "FEATURE_COLUMNS",
    "FRAMING",
    "SELECTION_RULE",
    "EscalationRun",
    "Evaluation",
    "Explanation",
    "Interval",
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
