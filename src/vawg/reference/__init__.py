"""Reference data shipped with vawg: offence codes, VAWG categories, outcome types, harm weights.

Each file lives in ``vawg/reference/data/`` with a ``source`` column saying where every entry came
from. A force can replace any file by pointing ``VAWG_REFERENCE_DIR`` at a folder holding its own
copy (same columns). See ``docs/reference-data.md``.
"""

from vawg.reference._antecedents import STALKING_ANTECEDENT_CODES, stalking_antecedents
from vawg.reference._loaders import (
    VAWG_CATEGORIES,
    ReferenceData,
    harm_weights,
    load_reference,
    offence_codes,
    outcome_types,
    vawg_categories,
)

__all__ = [
    "STALKING_ANTECEDENT_CODES",
    "VAWG_CATEGORIES",
    "ReferenceData",
    "harm_weights",
    "load_reference",
    "offence_codes",
    "outcome_types",
    "stalking_antecedents",
    "vawg_categories",
]
