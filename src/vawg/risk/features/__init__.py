"""Point-in-time person features and outcome labels: everything about a person *as of* a date.

Features count only records dated before the as-of date, and labels only what happens after it, so
a score or a model can be checked against the future without leaking it into the past. This path
imports neither scikit-learn nor fairlearn (tests/risk/test_package_layout.py checks it).
"""

from vawg.risk.features._features import (
    COUNT_COLUMNS,
    FEATURE_COLUMNS,
    person_features,
    person_features_panel,
)
from vawg.risk.features._labels import (
    SERIOUS_SEXUAL_LABEL_CATEGORIES,
    SERIOUS_SEXUAL_LABEL_CODES,
    future_offending,
    serious_sexual_label,
)
from vawg.risk.features._pointintime import STALKING_CODES, check_dates, data_window

__all__ = [
    "COUNT_COLUMNS",
    "FEATURE_COLUMNS",
    "SERIOUS_SEXUAL_LABEL_CATEGORIES",
    "SERIOUS_SEXUAL_LABEL_CODES",
    "STALKING_CODES",
    "check_dates",
    "data_window",
    "future_offending",
    "person_features",
    "person_features_panel",
    "serious_sexual_label",
]
