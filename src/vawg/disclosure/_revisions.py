"""Releases of the same table: a revised count is a difference anyone can take.

A quarter's return published again after late outcomes or corrections lets a reader subtract the
earlier release from the later one: "charges in Dudley, 2022-Q3: 14 in October, 16 in January" is
two charges in between, a small count as disclosive as a published 2. Every cell published in both
releases whose value moved by 1 to threshold − 1 is therefore withheld as a primary in the new
release (the audit then keeps its range, and so the revision's, at least the threshold wide); so
is the smaller cell of a nested pair whose unpublished difference moved that little. Cells that
moved by the threshold or more, or not at all, say nothing small and stay published.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from vawg.disclosure._identities import Identity, Nested


def revised_cells(
    values: Mapping[Hashable, int],
    previous: Mapping[Hashable, int],
    identities: Sequence[Identity],
    threshold: int,
) -> set[Hashable]:
    """The cells to withhold so that no revision since ``previous`` (the counts the earlier release
    published; withheld ones left out) is a small count."""
    small = set()
    for key, before in previous.items():
        if key in values and 0 < abs(values[key] - before) < threshold:
            small.add(key)
    for identity in identities:
        if not isinstance(identity, Nested):
            continue
        outer, inner = identity.outer, identity.inner
        if outer not in previous or inner not in previous:
            continue
        moved = (values[outer] - values[inner]) - (previous[outer] - previous[inner])
        if 0 < abs(moved) < threshold:
            small.add(inner if values[inner] > 0 else outer)  # the smaller, unless it is a zero
    return small


__all__ = ["revised_cells"]
