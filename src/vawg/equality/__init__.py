"""Equality: analysis by group (sex, age band, ethnicity) — fairness audits of risk scores now,
disproportionality later.

Every analysis groups people the same way (:func:`protected_groups`) and keeps "Not stated" as a
group of its own. Results come with intervals and a warning where a group is too small to read.
"""

from vawg.equality._fairness import (
    MIN_GROUP_N,
    MIN_GROUP_POSITIVES,
    SMALL_GROUP_WARNING,
    FairnessAudit,
    fairness_audit,
)
from vawg.equality._group_metrics import operating_flags, rank_auc
from vawg.equality._groups import (
    AGE_BANDS,
    DIMENSIONS,
    NOT_STATED,
    SEX_LABELS,
    age_band,
    ethnicity_group,
    group_order,
    protected_groups,
    sex_group,
)
from vawg.equality._tradeoff import REFERENCES, implied_fpr, tradeoff_statement

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "MIN_GROUP_N",
    "MIN_GROUP_POSITIVES",
    "NOT_STATED",
    "REFERENCES",
    "SEX_LABELS",
    "SMALL_GROUP_WARNING",
    "FairnessAudit",
    "age_band",
    "ethnicity_group",
    "fairness_audit",
    "group_order",
    "implied_fpr",
    "operating_flags",
    "protected_groups",
    "rank_auc",
    "sex_group",
    "tradeoff_statement",
]
