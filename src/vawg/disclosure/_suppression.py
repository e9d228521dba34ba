"""Small-count suppression with secondary suppression, audited against an attacker with an LP.

A table is a mapping of cell keys to counts plus the identities between them (``_identities``:
totals, nested populations, equal cells). Primary suppression hides every count below the
threshold. Secondary suppression then hides more cells, never a zero, until

1. no additivity has a lone hidden cell and no hidden cell follows exactly from the additivities by
   linear algebra (its unit vector in the row space of the equations on the hidden cells); and
2. the audit (``_audit``, as τ-ARGUS audits a table) finds every hidden cell, and every latent
   difference of nested populations under the threshold, with a feasible range at least
   ``threshold`` wide, over every identity, non-negativity and integrality, and the
   knowledge that a hidden cell is not 0 when zeros are always published. While one is narrower, the
   published cell (non-zero, in an identity reachable from it) that widens its range most is hidden,
   the smallest first (the least information lost).

Zeros: published by default, and never hidden to protect another cell (a hidden zero protects
nothing once an attacker knows zeros are shown); the audit therefore gives hidden cells a floor of 1.
With ``suppress_zero`` zeros are hidden as primaries and the floor is 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from scipy.linalg import null_space

from vawg.config import get_settings
from vawg.disclosure._audit import System
from vawg.disclosure._identities import Additivity, Equal, Identity, holds, latent_values
from vawg.disclosure._revisions import revised_cells
from vawg.errors import ReportError

# Singular values below this count as zero: the equations have small integer coefficients.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class SuppressionResult:
    """Which cells to hide: ``primary`` (small), ``secondary`` (to protect them), ``suppressed`` (both).

    ``ranges`` is the audit: each hidden (or small latent) cell's (min, max) as an attacker can bound it.
    """

    primary: frozenset[Hashable]
    secondary: frozenset[Hashable]
    threshold: int
    ranges: Mapping[Hashable, tuple[float, float]] = field(default_factory=dict)

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


def _check_input(values: Mapping[Hashable, int], identities: Sequence[Identity]) -> None:
    for identity in identities:
        missing = [k for k in identity.cells if k not in values]
        if missing:
            raise ReportError(
                f"an identity names cells that are not in the table: {missing!r}", missing=missing
            )
        if not holds(identity, values):
            raise ReportError(
                f"declared identity does not hold for these counts: {identity!r}", identity=identity
            )
    negative = [k for k, v in values.items() if v < 0]
    if negative:
        raise ReportError(f"counts must not be negative; found {negative[:5]!r}", cells=negative[:5])


def suppress_counts(
    values: Mapping[Hashable, int],
    additivities: Sequence[Additivity] = (),
    *,
    threshold: int | None = None,
    suppress_zero: bool = False,
    linked: Sequence[Sequence[Hashable]] = (),
    identities: Sequence[Identity] = (),
    previous: Mapping[Hashable, int] | None = None,
) -> SuppressionResult:
    """Decide which cells of a table of counts to hide (see the module docstring for the method).

    ``threshold`` defaults to settings ``suppression_threshold`` (5: counts 1 to 4 are hidden);
    zeros are published unless ``suppress_zero``. ``linked`` lists groups of keys that are the same
    quantity published twice (e.g. a count that is also a rate's denominator): they are hidden
    together, as are the two cells of an :class:`Equal` identity. ``identities`` adds nested
    populations and equal cells (and more additivities) to the audit. ``previous`` holds what an
    earlier release of the same table published (``_revisions``): a cell revised by a small count
    is withheld too.
    """
    limit = get_settings().suppression_threshold if threshold is None else threshold
    everything: list[Identity] = [*additivities, *identities]
    _check_input(values, everything)
    adds = [i for i in everything if isinstance(i, Additivity)]
    linked = [*linked, *(i.cells for i in everything if isinstance(i, Equal))]
    groups = _linked_groups(values, linked)
    order = {key: i for i, key in enumerate(values)}
    primary = {k for k, v in values.items() if v < limit and (v > 0 or suppress_zero)}
    # a zero stays shown (the audit's floor of 1 rests on it); a published count is 0 or at least the
    # threshold, so a revision that small of a cell now 0 cannot happen between two of our releases
    primary |= {
        k for k in revised_cells(values, previous or {}, everything, limit) if values[k] > 0 or suppress_zero
    }
    hidden: set[Hashable] = set()
    for key in primary:
        hidden |= groups[key]
    latent = latent_values(values, everything)
    sensitive_latent = [k for k, v in latent.items() if v < limit and (v > 0 or suppress_zero)]
    totals = {add.total for add in adds}
    floor = 0 if suppress_zero else 1  # zeros always shown: a hidden cell is at least 1

    def rank(c: Hashable) -> tuple[int, bool, int]:
        # smallest first; on a tie hide a part rather than a total (totals carry most use)
        return values[c], c in totals, order[c]

    def candidates(cells: Iterable[Hashable]) -> list[Hashable]:
        return sorted({c for c in cells if c not in hidden and values[c] > 0}, key=rank)

    def system(target: Hashable) -> System:
        # only the identities reachable from the target through unknown cells constrain it
        reach = _component(target, everything, hidden | set(latent))
        unknowns = list(dict.fromkeys(k for i in reach for k in i.terms() if k in hidden or k in latent))
        published = {k: values[k] for i in reach for k in i.terms() if k not in hidden and k not in latent}
        return System.build(published, unknowns or [target], reach, dict.fromkeys(hidden, floor))

    ranges: dict[Hashable, tuple[float, float]] = {}
    pending: list[Hashable] = list(sensitive_latent)
    while True:
        _protect_additivities(values, adds, linked, hidden, groups, order, candidates)
        # every hidden cell is audited, protectors too; hiding more only widens a range, so a cell
        # found safe stays safe: audit the new ones and those still unsafe
        pending += sorted((k for k in hidden if k not in ranges and k not in pending), key=order.__getitem__)
        systems: dict[frozenset[int], System] = {}  # one system per connected part of the table
        for key in pending:
            reach = _component(key, everything, hidden | set(latent))
            if not reach:  # in no identity: nothing bounds it from above
                ranges[key] = (float(floor if key in hidden else 0), math.inf)
                continue
            ident = frozenset(id(i) for i in reach)
            if ident not in systems:
                systems[ident] = system(key)
            ranges[key] = systems[ident].range(key, limit)
        pending = [key for key in pending if ranges[key][1] - ranges[key][0] < limit]
        if not pending:
            break
        pick = _best_protector(pending[0], everything, hidden, latent, candidates, system, limit)
        if pick is None:  # nothing published is left around it: the table cannot protect it
            raise ReportError(f"cell {pending[0]!r} cannot be protected: every related cell is hidden or 0")
        hidden |= groups[pick]
    return SuppressionResult(
        primary=frozenset(primary), secondary=frozenset(hidden - primary), threshold=limit, ranges=ranges
    )


def _protect_additivities(
    values: Mapping[Hashable, int],
    adds: Sequence[Additivity],
    linked: Sequence[Sequence[Hashable]],
    hidden: set[Hashable],
    groups: Mapping[Hashable, set[Hashable]],
    order: Mapping[Hashable, int],
    candidates: Callable[[Iterable[Hashable]], list[Hashable]],
) -> None:
    """Rules of the first kind: no lone hidden cell in an additivity, nothing exactly recoverable."""
    while True:
        changed = True
        while changed:
            changed = False
            for add in adds:
                if sum(c in hidden for c in add.cells) == 1:
                    pick = candidates(add.cells)
                    if pick:
                        hidden |= groups[pick[0]]
                        changed = True
        exposed = recoverable_cells(sorted(hidden, key=order.__getitem__), adds, linked)
        if not exposed:
            return
        target = min(exposed, key=order.__getitem__)
        around = candidates(c for add in adds if target in add.cells for c in add.cells)
        pick = around or candidates(c for add in adds for c in add.cells)
        if not pick:
            return
        hidden |= groups[pick[0]]


def _component(target: Hashable, identities: Sequence[Identity], unknown: set[Hashable]) -> list[Identity]:
    """The identities that hold ``target`` or reach it through unknown (hidden or latent) cells."""
    holding: dict[Hashable, list[int]] = {}
    for n, identity in enumerate(identities):
        for key in identity.terms():
            holding.setdefault(key, []).append(n)
    found: set[int] = set()
    frontier, seen = [target], {target}
    while frontier:
        for n in holding.get(frontier.pop(), ()):
            if n not in found:
                found.add(n)
                fresh = [c for c in identities[n].terms() if c in unknown and c not in seen]
                seen.update(fresh)
                frontier += fresh
    return [identities[n] for n in sorted(found)]


def _best_protector(
    target: Hashable,
    identities: Sequence[Identity],
    hidden: set[Hashable],
    latent: Mapping[Hashable, int],
    candidates: Callable[[Iterable[Hashable]], list[Hashable]],
    system: Callable[[Hashable], System],
    limit: int,
    tries: int = 3,
) -> Hashable | None:
    """The published cell whose hiding widens ``target``'s range most: the first (smallest) that makes
    it safe, else the widest; cells of identities holding ``target`` first, then of the identities
    reachable from it through hidden or latent cells."""
    reach = _component(target, identities, hidden | set(latent))
    pool = candidates(c for i in reach if target in i.terms() for c in i.terms() if c not in latent)
    pool += [c for c in candidates(c for i in reach for c in i.terms() if c not in latent) if c not in pool]
    if not pool:
        return None
    best, best_width = pool[0], -1.0
    for cell in pool[:tries]:
        hidden.add(cell)
        try:
            low, high = system(target).range(target, limit)
        finally:
            hidden.discard(cell)
        if high - low >= limit:
            return cell
        if high - low > best_width:
            best, best_width = cell, high - low
    return best


__all__ = ["SuppressionResult", "recoverable_cells", "suppress_counts"]
