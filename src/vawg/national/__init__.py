"""National comparison: the Home Office police recorded crime tables beside the force's own figures.

``load_national(path, con)`` reads the Home Office "police recorded crime by police force area" open
data table into the store's ``national_crime`` table; ``compare_force(con, force)`` sets the force's
VAWG offence categories beside every other force's, by year and quarter, with the measures of
``COMPARISON_MEASURES``. See ``docs/national.md``.
"""

from vawg.national._compare import MEASURE_COLUMNS, NationalComparison, compare_force, compare_forces
from vawg.national._load import COLUMNS, NationalLoadReport, load_national, read_national_csv
from vawg.national._measures import (
    CATEGORIES_BY_ID,
    COMPARISON_MEASURES,
    MEASURES_BY_ID,
    NATIONAL_CATEGORIES,
    ComparisonMeasure,
    NationalCategory,
    category_map,
    measures_frame,
)
from vawg.national._table import (
    FRAUD_BODIES,
    NATIONAL_DDL,
    NATIONAL_TABLE,
    SPECIAL_FORCES,
    create_national_table,
    force_kind,
    has_national_data,
)

__all__ = [
    "CATEGORIES_BY_ID",
    "COLUMNS",
    "COMPARISON_MEASURES",
    "FRAUD_BODIES",
    "MEASURES_BY_ID",
    "MEASURE_COLUMNS",
    "NATIONAL_CATEGORIES",
    "NATIONAL_DDL",
    "NATIONAL_TABLE",
    "SPECIAL_FORCES",
    "ComparisonMeasure",
    "NationalCategory",
    "NationalComparison",
    "NationalLoadReport",
    "category_map",
    "compare_force",
    "compare_forces",
    "create_national_table",
    "force_kind",
    "has_national_data",
    "load_national",
    "measures_frame",
    "read_national_csv",
]
