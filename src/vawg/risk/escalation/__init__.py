"""The escalation model: who among stalking suspects goes on to serious sexual offending.

``train_escalation`` builds a point-in-time panel, fits the candidate scorers (RFSDI recalibrated,
logistic regression, gradient boosting), evaluates them on a later period with intervals and a
fairness audit, and ``save_and_register`` stores the fitted file and registers the version as a
draft (vawg.risk.governance). ``score_people`` scores with an approved version only.

This path imports scikit-learn and fairlearn; ``vawg.risk`` loads it only when one of its names is
used, so features, RFSDI and governance stay light.
"""

from vawg.risk.escalation._eval import (
    CAPACITIES,
    SELECTION_RULE,
    Evaluation,
    Selection,
    evaluate,
    select_model,
)
from vawg.risk.escalation._panel import FEATURES, LABEL, PanelDates, build_panel, plan_dates, temporal_split
from vawg.risk.escalation._range import error_rates_by_range
from vawg.risk.escalation._train import (
    DEFAULT_CAPACITY,
    EscalationRun,
    default_models_dir,
    load_models,
    save_and_register,
    score_people,
    train_escalation,
)
from vawg.risk.escalation._truth import TruthComparison, compare_with_truth, synthetic_truth

__all__ = [
    "CAPACITIES",
    "DEFAULT_CAPACITY",
    "FEATURES",
    "LABEL",
    "SELECTION_RULE",
    "EscalationRun",
    "Evaluation",
    "PanelDates",
    "Selection",
    "TruthComparison",
    "build_panel",
    "compare_with_truth",
    "default_models_dir",
    "error_rates_by_range",
    "evaluate",
    "load_models",
    "plan_dates",
    "save_and_register",
    "score_people",
    "select_model",
    "synthetic_truth",
    "temporal_split",
    "train_escalation",
]
