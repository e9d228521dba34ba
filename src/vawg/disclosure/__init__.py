"""Statistical disclosure control for published aggregates: small-count and secondary suppression.

``suppress_counts(values, additivities)`` says which cells of a table of counts to hide so that no
count under the threshold is published and no hidden count can be worked out from published totals;
``recoverable_cells`` is the check it relies on (and that tests use). See ``docs/reports.md``.
"""

from vawg.disclosure._suppression import Additivity, SuppressionResult, recoverable_cells, suppress_counts

__all__ = ["Additivity", "SuppressionResult", "recoverable_cells", "suppress_counts"]
