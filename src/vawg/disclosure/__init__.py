"""Statistical disclosure control for published aggregates: small-count and secondary suppression.

``suppress_counts(values, additivities, identities=...)`` says which cells of a table of counts to
hide so that no count under the threshold is published and an attacker who knows every declared
identity (totals, nested populations, equal cells) cannot bound a small count — published or a
difference — to a range narrower than the threshold (``feasible_ranges``, an LP/MILP audit with
HiGHS). ``recoverable_cells`` is the exact-recovery check. See ``docs/reports.md``.
"""

from vawg.disclosure._audit import feasible_ranges
from vawg.disclosure._identities import Additivity, Equal, Identity, Nested
from vawg.disclosure._suppression import SuppressionResult, recoverable_cells, suppress_counts

__all__ = [
    "Additivity",
    "Equal",
    "Identity",
    "Nested",
    "SuppressionResult",
    "feasible_ranges",
    "recoverable_cells",
    "suppress_counts",
]
