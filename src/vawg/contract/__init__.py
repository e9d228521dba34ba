"""Input contract version 1: the tables a force hands vawg, their columns and row rules.

The records here are the single source for ingest, the synthetic force, the store and the docs.
"""

from vawg.contract._codes import (
    CENSUS_ETHNICITY_GROUP,
    ETHNICITY_GROUPS,
    ETHNICITY_NOT_STATED,
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

__all__ = [
    "CENSUS_ETHNICITY_GROUP",
    "CONTRACT_VERSION",
    "EARLIEST_DATE",
    "ETHNICITY_GROUPS",
    "ETHNICITY_NOT_STATED",
    "FALSE_VALUES",
    "RANGES",
    "RANGE_RULE",
    "RULES",
    "TABLES",
    "TABLES_BY_NAME",
    "TRUE_VALUES",
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
