"""Input contract version 1: the tables a force hands vawg, their columns and row rules.

The records here are the single source for ingest, the synthetic force, the store and the docs.
"""

from vawg.contract._codes import (
    CENSUS_ETHNICITY_GROUP,
    DISPOSAL,
    ETHNICITY_GROUPS,
    ETHNICITY_NOT_STATED,
    INTEL_TOPIC,
    INTERVENTION_STATUS,
    ORDER_STATUS,
    ORDER_TYPE,
    ROLE,
    SEX,
    SUSPECT_STATUS,
    code_sets,
    ethnicity_group,
)
from vawg.contract._ranges import RANGE_RULE, RANGES, ValueRange, ranges_of
from vawg.contract._rules import RULES, Rule
from vawg.contract._spec import (
    CONTRACT_VERSION,
    EARLIEST_DATE,
    FALSE_VALUES,
    TRUE_VALUES,
    Column,
    DateOrder,
    Reference,
    Table,
)
from vawg.contract._tables import TABLES, TABLES_BY_NAME, load_sequence, table
from vawg.contract._tables_behaviours import ALLEGATION, CASE_TYPE, CONDUCT_OUTCOME, SUBJECT_ROLE, VETTING

__all__ = [
    "ALLEGATION",
    "CASE_TYPE",
    "CENSUS_ETHNICITY_GROUP",
    "CONDUCT_OUTCOME",
    "CONTRACT_VERSION",
    "DISPOSAL",
    "EARLIEST_DATE",
    "ETHNICITY_GROUPS",
    "ETHNICITY_NOT_STATED",
    "FALSE_VALUES",
    "INTEL_TOPIC",
    "INTERVENTION_STATUS",
    "ORDER_STATUS",
    "ORDER_TYPE",
    "RANGES",
    "RANGE_RULE",
    "ROLE",
    "RULES",
    "SEX",
    "SUBJECT_ROLE",
    "SUSPECT_STATUS",
    "TABLES",
    "TABLES_BY_NAME",
    "TRUE_VALUES",
    "VETTING",
    "Column",
    "DateOrder",
    "Reference",
    "Rule",
    "Table",
    "ValueRange",
    "code_sets",
    "ethnicity_group",
    "load_sequence",
    "ranges_of",
    "table",
]
