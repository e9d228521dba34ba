"""RFSDI and RFG/RFGV: the force's rule-based scores, their configuration, validation and pilot.

* configuration: ``load_config`` / ``parse_config`` read the TOML (``rfsdi.toml`` here, or the file
  ``VAWG_RFSDI_CONFIG`` names) into a ``RiskConfig``;
* scoring: ``score_rfsdi`` / ``score_rfgv`` return ``RiskScores`` (person-level, OFFICIAL-SENSITIVE);
* validation: ``evaluate_rfsdi`` (AUC with intervals, precision at k, calibration of levels) and the
  pilot's difference-in-differences, ``evaluate_pilot``;
* under governance: ``register_rfsdi``, ``check_use``, ``governed_scores`` and ``score_and_log``
  (vawg.risk.governance).

This path imports neither scikit-learn nor fairlearn (tests/risk/test_package_layout.py checks it).
"""

from vawg.risk.rfsdi._bootstrap import Interval, bootstrap_auc
from vawg.risk.rfsdi._config import (
    RFG_COMPONENTS,
    RFSDI_COMPONENTS,
    Bands,
    Component,
    RiskConfig,
    default_config_path,
    load_config,
    parse_config,
)
from vawg.risk.rfsdi._fairness import audit_capacity, audit_rfsdi, rfsdi_fairness
from vawg.risk.rfsdi._governed import PURPOSES, check_use, governed_scores, register_rfsdi, score_and_log
from vawg.risk.rfsdi._pilot import (
    DEFAULT_PILOT_AREAS,
    DEFAULT_PILOT_START,
    PilotReport,
    evaluate_pilot,
    pilot_panel,
)
from vawg.risk.rfsdi._report import evaluation_tables, level_summary, scores_table, write_evaluation
from vawg.risk.rfsdi._rfg import score_rfgv, score_rfgv_panel
from vawg.risk.rfsdi._rfsdi import rfsdi_from_features, score_rfsdi, score_rfsdi_panel
from vawg.risk.rfsdi._scores import FRAMING, Explanation, RiskScores
from vawg.risk.rfsdi._validity import ValidityReport, default_as_of_dates, evaluate_rfsdi

__all__ = [
    "DEFAULT_PILOT_AREAS",
    "DEFAULT_PILOT_START",
    "FRAMING",
    "PURPOSES",
    "RFG_COMPONENTS",
    "RFSDI_COMPONENTS",
    "Bands",
    "Component",
    "Explanation",
    "Interval",
    "PilotReport",
    "RiskConfig",
    "RiskScores",
    "ValidityReport",
    "audit_capacity",
    "audit_rfsdi",
    "bootstrap_auc",
    "check_use",
    "default_as_of_dates",
    "default_config_path",
    "evaluate_pilot",
    "evaluate_rfsdi",
    "evaluation_tables",
    "governed_scores",
    "level_summary",
    "load_config",
    "parse_config",
    "pilot_panel",
    "register_rfsdi",
    "rfsdi_fairness",
    "rfsdi_from_features",
    "score_and_log",
    "score_rfgv",
    "score_rfgv_panel",
    "score_rfsdi",
    "score_rfsdi_panel",
    "scores_table",
    "write_evaluation",
]
