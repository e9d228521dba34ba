"""Equality: analysis by group (sex, age band, ethnicity) — fairness audits of risk scores, and
disproportionality: relative rates by stage (the relative rate index) for suspects and victims,
with intervals, intersections, offence-adjusted rates and bounds for "not stated".

Every analysis groups people the same way (:func:`protected_groups`) and keeps "Not stated" as a
group of its own. Results come with intervals and a warning where a group is too small to read.
"""

from vawg.equality._disproportionality import (
    BY_WORDS,
    DEFAULT_REFERENCE,
    Disproportionality,
    default_window,
    parse_by,
    person_frame,
    rate_table,
    relative_rates,
)
from vawg.equality._export import write_equality_table
from vawg.equality._fairness import (
    MIN_GROUP_N,
    MIN_GROUP_POSITIVES,
    SMALL_GROUP_WARNING,
    FairnessAudit,
    fairness_audit,
)
from vawg.equality._findings import PARA_42_STAGES, findings, group_phrase, missing_caveat, rate_sentence
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
from vawg.equality._population import ResidentPopulation, load_population, population_ratio
from vawg.equality._populations import POPULATIONS, Population, Stage, population
from vawg.equality._profile import PROFILE_POPULATIONS, equality_profile
from vawg.equality._questions import Para42Answer, answer_para_42
from vawg.equality._rate_stats import (
    Ratio,
    adjusted_rates,
    mantel_haenszel_rr,
    not_stated_bounds,
    relative_rate,
    stage_cells,
)
from vawg.equality._tradeoff import REFERENCES, implied_fpr, tradeoff_statement

__all__ = [
    "AGE_BANDS",
    "BY_WORDS",
    "DEFAULT_REFERENCE",
    "DIMENSIONS",
    "MIN_GROUP_N",
    "MIN_GROUP_POSITIVES",
    "NOT_STATED",
    "PARA_42_STAGES",
    "POPULATIONS",
    "PROFILE_POPULATIONS",
    "REFERENCES",
    "SEX_LABELS",
    "SMALL_GROUP_WARNING",
    "Disproportionality",
    "FairnessAudit",
    "Para42Answer",
    "Population",
    "Ratio",
    "ResidentPopulation",
    "Stage",
    "adjusted_rates",
    "age_band",
    "answer_para_42",
    "default_window",
    "equality_profile",
    "ethnicity_group",
    "fairness_audit",
    "findings",
    "group_order",
    "group_phrase",
    "implied_fpr",
    "load_population",
    "mantel_haenszel_rr",
    "missing_caveat",
    "not_stated_bounds",
    "operating_flags",
    "parse_by",
    "person_frame",
    "population",
    "population_ratio",
    "protected_groups",
    "rank_auc",
    "rate_sentence",
    "rate_table",
    "relative_rate",
    "relative_rates",
    "sex_group",
    "stage_cells",
    "tradeoff_statement",
    "write_equality_table",
]
