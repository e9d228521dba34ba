"""Equality: analysis by group (sex, age band, ethnicity) — fairness audits of risk scores, and
disproportionality: relative rates by stage (the relative rate index) for suspects and victims,
with intervals, intersections, offence-adjusted rates and bounds for "not stated".

Every analysis groups people the same way (:func:`protected_groups`) and keeps "Not stated" as a
group of its own. Results come with intervals and a warning where a group is too small to read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vawg._lazy import load_name

if TYPE_CHECKING:
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

# Every name loads its module on first use: importing the package (the web app does, for a
# few light names) must not import what the heavy ones need.
_LAZY: dict[str, str] = {
    "BY_WORDS": "vawg.equality._disproportionality",
    "DEFAULT_REFERENCE": "vawg.equality._disproportionality",
    "Disproportionality": "vawg.equality._disproportionality",
    "default_window": "vawg.equality._disproportionality",
    "parse_by": "vawg.equality._disproportionality",
    "person_frame": "vawg.equality._disproportionality",
    "rate_table": "vawg.equality._disproportionality",
    "relative_rates": "vawg.equality._disproportionality",
    "write_equality_table": "vawg.equality._export",
    "MIN_GROUP_N": "vawg.equality._fairness",
    "MIN_GROUP_POSITIVES": "vawg.equality._fairness",
    "SMALL_GROUP_WARNING": "vawg.equality._fairness",
    "FairnessAudit": "vawg.equality._fairness",
    "fairness_audit": "vawg.equality._fairness",
    "PARA_42_STAGES": "vawg.equality._findings",
    "findings": "vawg.equality._findings",
    "group_phrase": "vawg.equality._findings",
    "missing_caveat": "vawg.equality._findings",
    "rate_sentence": "vawg.equality._findings",
    "operating_flags": "vawg.equality._group_metrics",
    "rank_auc": "vawg.equality._group_metrics",
    "AGE_BANDS": "vawg.equality._groups",
    "DIMENSIONS": "vawg.equality._groups",
    "NOT_STATED": "vawg.equality._groups",
    "SEX_LABELS": "vawg.equality._groups",
    "age_band": "vawg.equality._groups",
    "ethnicity_group": "vawg.equality._groups",
    "group_order": "vawg.equality._groups",
    "protected_groups": "vawg.equality._groups",
    "sex_group": "vawg.equality._groups",
    "ResidentPopulation": "vawg.equality._population",
    "load_population": "vawg.equality._population",
    "population_ratio": "vawg.equality._population",
    "POPULATIONS": "vawg.equality._populations",
    "Population": "vawg.equality._populations",
    "Stage": "vawg.equality._populations",
    "population": "vawg.equality._populations",
    "PROFILE_POPULATIONS": "vawg.equality._profile",
    "equality_profile": "vawg.equality._profile",
    "Para42Answer": "vawg.equality._questions",
    "answer_para_42": "vawg.equality._questions",
    "Ratio": "vawg.equality._rate_stats",
    "adjusted_rates": "vawg.equality._rate_stats",
    "mantel_haenszel_rr": "vawg.equality._rate_stats",
    "not_stated_bounds": "vawg.equality._rate_stats",
    "relative_rate": "vawg.equality._rate_stats",
    "stage_cells": "vawg.equality._rate_stats",
    "REFERENCES": "vawg.equality._tradeoff",
    "implied_fpr": "vawg.equality._tradeoff",
    "tradeoff_statement": "vawg.equality._tradeoff",
}


def __getattr__(name: str) -> Any:
    return load_name(__name__, _LAZY, name)


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
