"""Small-count suppression with secondary suppression, for any table of counts with published totals.

A table is a mapping of cell keys to counts plus the *additivities* it publishes: a total cell that
equals the sum of its part cells (a row total, a column total, an "All" row of a breakdown). Primary
suppression hides every count below the threshold. Secondary suppression then hides more cells until
no hidden cell can be worked out from what is published:

1. in every additivity, a lone hidden cell could be recovered by subtraction from the total, so
   while one has exactly one hidden cell, the smallest published cell of that additivity is hidden
   too (the least information lost);
2. with overlapping additivities (a two-way table with both margins) a cell can be recovered by
   combining several of them even when each holds two hidden cells, so the published system is
   checked with linear algebra (a hidden cell is recoverable when its unit vector lies in the row
   space of the equations restricted to the hidden cells) and, while some hidden cell is
   recoverable, the smallest published cell of one of its additivities is hidden as well.

The guarantee is against exact recovery by linear combination of published values; bounds (for
example that two hidden cells sum to 4, so each is under 5) are not hidden, as in FOI practice.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy.linalg import null_space

from vawg.config import get_settings
from vawg.errors import ReportError

# Singular values below this count as zero: the equations have small integer coefficients.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Additivity:
    """A published total: ``total`` equals the sum of ``parts`` (all keys of the same table)."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class SuppressionResult:
    """Which cells to hide: ``primary`` (small), ``secondary`` (to protect them), ``suppressed`` (both)."""

    primary: frozenset[Hashable]
    secondary: frozenset[Hashable]
    threshold: int

    @property
    def suppressed(self) -> frozenset[Hashable]:
        return self.primary | self.secondary

    def is_suppressed(self, key: Hashable) -> bool:
        return key in self.primary or key in self.secondary


def _equations(
    hidden: Sequence[Hashable], additivities: Sequence[Additivity], linked: Sequence[Sequence[Hashable]]
) -> np.ndarray:
    """The published equations, as coefficients on the hidden cells (published values move right)."""
    column = {key: i for i, key in enumerate(hidden)}
    rows: list[np.ndarray] = []
    for add in additivities:
        row = np.zeros(len(hidden))
        if add.total in column:
            row[column[add.total]] += 1.0
        for part in add.parts:
            if part in column:
                row[column[part]] -= 1.0
        if row.any():
            rows.append(row)
    for group in linked:  # linked cells are the same quantity: equal values
        members = [k for k in group if k in column]
        for a, b in pairwise(members):
            row = np.zeros(len(hidden))
            row[column[a]], row[column[b]] = 1.0, -1.0
            rows.append(row)
    return np.array(rows) if rows else np.zeros((0, len(hidden)))


def recoverable_cells(
    hidden: Iterable[Hashable],
    additivities: Sequence[Additivity],
    linked: Sequence[Sequence[Hashable]] = (),
) -> frozenset[Hashable]:
    """The hidden cells whose value follows exactly from the published cells and the additivities.

    A hidden cell is free (not recoverable) when some solution of the homogeneous system moves it:
    its row in a basis of the null space is non-zero.
    """
    hidden = list(dict.fromkeys(hidden))
    if not hidden:
        return frozenset()
    equations = _equations(hidden, additivities, linked)
    if equations.shape[0] == 0:
        return frozenset()
    basis = null_space(equations, rcond=_TOLERANCE)
    free = np.abs(basis).max(axis=1) > 1e-7 if basis.size else np.zeros(len(hidden), dtype=bool)
    return frozenset(key for key, is_free in zip(hidden, free, strict=True) if not is_free)


def _linked_groups(
    keys: Iterable[Hashable], linked: Sequence[Sequence[Hashable]]
) -> dict[Hashable, set[Hashable]]:
    """Each key -> the set of keys it is linked to (itself included), merging overlapping groups."""
    groups: dict[Hashable, set[Hashable]] = {key: {key} for key in keys}
    for group in linked:
        merged: set[Hashable] = set()
        for key in group:
            merged |= groups.get(key, {key})
        for key in merged:
            groups[key] = merged
    return groups


def suppress_counts(
    values: Mapping[Hashable, int],
    additivities: Sequence[Additivity] = (),
    *,
    threshold: int | None = None,
    suppress_zero: bool = False,
    linked: Sequence[Sequence[Hashable]] = (),
) -> SuppressionResult:
    """Decide which cells of a table of counts to hide (see the module docstring for the method).

    ``threshold`` defaults to settings ``suppression_threshold`` (5: counts 1 to 4 are hidden);
    zeros are published unless ``suppress_zero``. ``linked`` lists groups of keys that are the same
    quantity published twice (e.g. a count that is also a rate's denominator): they are hidden together.
    """
    limit = get_settings().suppression_threshold if threshold is None else threshold
    for add in additivities:
        missing = [k for k in add.cells if k not in values]
        if missing:
            raise ReportError(
                f"additivity names cells that are not in the table: {missing!r}", missing=missing
            )
    negative = [k for k, v in values.items() if v < 0]
    if negative:
        raise ReportError(f"counts must not be negative; found {negative[:5]!r}", cells=negative[:5])
    groups = _linked_groups(values, linked)
    order = {key: i for i, key in enumerate(values)}
    primary = {k for k, v in values.items() if v < limit and (v > 0 or suppress_zero)}
    hidden: set[Hashable] = set()
    for key in primary:
        hidden |= groups[key]

    totals = {add.total for add in additivities}

    def smallest_published(cells: Iterable[Hashable]) -> Hashable | None:
        # Smallest value first; on a tie hide a part rather than a total (totals carry most use).
        candidates = [c for c in cells if c not in hidden]
        return min(candidates, key=lambda c: (values[c], c in totals, order[c])) if candidates else None

    while True:
        changed = True
        while changed:  # rule 1: no additivity with a lone hidden cell
            changed = False
            for add in additivities:
                if sum(c in hidden for c in add.cells) == 1:
                    pick = smallest_published(add.cells)
                    if pick is not None:
                        hidden |= groups[pick]
                        changed = True
        exposed = recoverable_cells(sorted(hidden, key=order.__getitem__), additivities, linked)
        if not exposed:
            break
        target = min(exposed, key=order.__getitem__)  # rule 2: protect the first exposed cell
        around = [c for add in additivities if target in add.cells for c in add.cells]
        pick = smallest_published(around) or smallest_published(c for add in additivities for c in add.cells)
        if pick is None:  # everything in every additivity is hidden: nothing left to recover from
            break
        hidden |= groups[pick]
    return SuppressionResult(
        primary=frozenset(primary), secondary=frozenset(hidden - primary), threshold=limit
    )


__all__ = ["Additivity", "SuppressionResult", "recoverable_cells", "suppress_counts"]
