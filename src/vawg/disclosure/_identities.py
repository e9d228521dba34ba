"""The identities between published cells that an attacker can use, declared once per table.

Three kinds, each a linear equation over the cells (all counts):

- :class:`Additivity`: a total equals the sum of its parts (a breakdown's "All" row).
- :class:`Nested`: one population lies inside another (DA crimes within VAWG crimes, charges within
  positive outcomes). ``outer = inner + difference``, where the difference is a count nobody
  publishes, but anyone can work out from the two. It is a *latent* cell: never shown, and protected
  like a published one (a difference of 1–4 is as disclosive as a published 1–4).
- :class:`Equal`: two published cells that are the same quantity by definition (stalking crimes and
  the stalking category of VAWG crimes). They are hidden together.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Additivity:
    """A published total: ``total`` equals the sum of ``parts`` (all keys of the same table)."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)

    def terms(self) -> dict[Hashable, float]:
        terms: dict[Hashable, float] = {self.total: 1.0}
        for part in self.parts:
            terms[part] = terms.get(part, 0.0) - 1.0
        return terms


@dataclass(frozen=True)
class Nested:
    """``inner`` counts a sub-population of ``outer``: ``outer = inner + latent`` with ``latent >= 0``."""

    outer: Hashable
    inner: Hashable

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.outer, self.inner)

    @property
    def latent(self) -> Hashable:
        """The key of the unpublished difference ``outer - inner``."""
        return ("outer minus inner", self.outer, self.inner)

    def terms(self) -> dict[Hashable, float]:
        return {self.outer: 1.0, self.inner: -1.0, self.latent: -1.0}


@dataclass(frozen=True)
class Equal:
    """``a`` and ``b`` are the same quantity by definition, published twice."""

    a: Hashable
    b: Hashable

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.a, self.b)

    def terms(self) -> dict[Hashable, float]:
        return {self.a: 1.0, self.b: -1.0}


Identity = Additivity | Nested | Equal


def latent_values(values: Mapping[Hashable, int], identities: Sequence[Identity]) -> dict[Hashable, int]:
    """The value of every latent cell (the differences of the :class:`Nested` identities)."""
    return {i.latent: values[i.outer] - values[i.inner] for i in identities if isinstance(i, Nested)}


def holds(identity: Identity, values: Mapping[Hashable, int]) -> bool:
    """Whether ``identity`` holds for ``values`` (a nesting needs ``inner <= outer``)."""
    if isinstance(identity, Nested):
        return values[identity.inner] <= values[identity.outer]
    return sum(c * values[k] for k, c in identity.terms().items()) == 0


__all__ = ["Additivity", "Equal", "Identity", "Nested", "holds", "latent_values"]
