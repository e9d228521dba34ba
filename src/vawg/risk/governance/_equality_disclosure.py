"""Disclosure control for the equality (fairness) table the ethics pack publishes in the ATRS record.

Same library as every published aggregate (``vawg.disclosure``): small counts of people in a group,
or of people with the outcome in it, are withheld with every rate of their row, and the audit sees
the identities a reader knows (docs/reports.md).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from vawg.disclosure import Additivity, Equal, Identity, Nested, suppress_counts

SMALL_COUNT_NOTE = "a count under the disclosure threshold, or withheld so that one cannot be worked out"


def withheld_counts(by_group: list[dict[str, Any]], threshold: int | None = None) -> frozenset[Hashable]:
    """The (dimension, group, "n" | "positives") cells of the equality table to withhold.

    The table is published (the ATRS record), so its counts go through ``vawg.disclosure`` like the
    national return's: each dimension's groups add up to the same evaluation set (a total a reader
    knows), and the people with the outcome are a sub-population of each group (``Nested``).
    """
    values: dict[Hashable, int] = {}
    dimensions: dict[str, list[Hashable]] = {}
    for r in by_group:
        values[r["dimension"], r["group"], "n"] = int(r["n"])
        values[r["dimension"], r["group"], "positives"] = int(r["positives"])
        dimensions.setdefault(r["dimension"], []).append(r["group"])
    adds: list[Additivity] = []
    identities: list[Identity] = []
    for dim, groups in dimensions.items():
        for part in ("n", "positives"):
            values[dim, "all", part] = sum(values[dim, g, part] for g in groups)
            adds.append(Additivity((dim, "all", part), tuple((dim, g, part) for g in groups)))
        identities += [Nested((dim, g, "n"), (dim, g, "positives")) for g in [*groups, "all"]]
    first = next(iter(dimensions), None)
    for dim in dimensions:  # every dimension splits the same people: its totals are the same counts
        for part in ("n", "positives"):
            if dim != first and values[dim, "all", part] == values[first, "all", part]:
                identities.append(Equal((first, "all", part), (dim, "all", part)))
    return suppress_counts(values, adds, threshold=threshold, identities=identities).suppressed


__all__ = ["SMALL_COUNT_NOTE", "withheld_counts"]
