"""The attacker's view of a suppressed table: the feasible range of every hidden or latent cell.

As in τ-ARGUS's audit (Hundepool et al., *τ-ARGUS user's manual*, "audit" / interval protection;
*Statistical Disclosure Control*, Wiley 2012, §4.3), the attacker knows every published cell, every
declared identity, that counts are non-negative integers and, when zeros are always published, that
a hidden published cell is at least 1. For a cell ``x`` the attacker's best bounds are the minimum
and the maximum of ``x`` over all integer solutions of that system: two integer programs, solved with
HiGHS through :func:`scipy.optimize.milp` (the LP relaxation, :func:`scipy.optimize.linprog`, is
solved first: its range contains the integer range, so a cell unsafe for the LP is unsafe).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from vawg.disclosure._identities import Identity


@dataclass(frozen=True)
class System:
    """The equations an attacker can write: ``A x = b`` over the unknown (hidden and latent) cells."""

    unknowns: tuple[Hashable, ...]
    matrix: np.ndarray
    rhs: np.ndarray
    lower: np.ndarray

    @classmethod
    def build(
        cls,
        published: Mapping[Hashable, int],
        unknowns: Sequence[Hashable],
        identities: Sequence[Identity],
        floors: Mapping[Hashable, int],
    ) -> System:
        column = {key: i for i, key in enumerate(unknowns)}
        rows, rhs = [], []
        for identity in identities:
            row, constant = np.zeros(len(unknowns)), 0.0
            for key, coef in identity.terms().items():
                if key in column:
                    row[column[key]] += coef
                else:
                    constant += coef * published[key]
            if row.any():
                rows.append(row)
                rhs.append(-constant)
        matrix = np.array(rows) if rows else np.zeros((0, len(unknowns)))
        lower = np.array([float(floors.get(k, 0)) for k in unknowns])
        return cls(tuple(unknowns), matrix, np.array(rhs), lower)

    def _lp(self, target: int, sign: float) -> tuple[float, bool]:
        """The LP optimum of ``sign * x[target]`` (as a value of x) and whether its vertex is integral
        (then it is the integer optimum too: an integral LP optimum is feasible for the integer program)."""
        from scipy.optimize import linprog  # on first use: a quarter of a second to import (app start)

        cost = np.zeros(len(self.unknowns))
        cost[target] = sign
        found = linprog(
            cost,
            A_eq=self.matrix if self.matrix.size else None,
            b_eq=self.rhs if self.matrix.size else None,
            bounds=[(lo, None) for lo in self.lower],
            method="highs",
        )
        if found.status == 3:  # unbounded: only a maximum can be (the cells have lower bounds)
            return math.inf, True
        if found.status != 0:
            raise ArithmeticError(f"audit LP failed: {found.message}")
        integral = bool(np.all(np.abs(found.x - np.round(found.x)) < 1e-9))
        return float(sign * found.fun), integral

    def _milp(self, target: int, sign: float) -> float:
        from scipy.optimize import Bounds, LinearConstraint, milp

        cost = np.zeros(len(self.unknowns))
        cost[target] = sign
        constraints = [LinearConstraint(self.matrix, self.rhs, self.rhs)] if self.matrix.size else []
        found = milp(
            cost,
            constraints=constraints,
            integrality=np.ones(len(self.unknowns)),
            bounds=Bounds(self.lower, np.full(len(self.unknowns), np.inf)),
        )
        if found.status != 0 or found.fun is None:
            raise ArithmeticError(f"audit integer program failed: {found.message}")
        return float(round(sign * found.fun))

    def lp_range(self, key: Hashable) -> tuple[float, float]:
        """The LP relaxation's range of ``key`` (contains the integer range)."""
        target = self.unknowns.index(key)
        return self._lp(target, 1.0)[0], self._lp(target, -1.0)[0]  # min x; max x (as -min -x)

    def _both(self, target: int) -> tuple[float, float, bool] | None:
        """min and max of ``x[target]`` from one LP over two copies of the system (maximise x' − x''),
        and whether that vertex is integral; None when the maximum is unbounded."""
        from scipy.optimize import linprog

        n = len(self.unknowns)
        cost = np.zeros(2 * n)
        cost[target], cost[n + target] = -1.0, 1.0
        matrix = np.block(
            [[self.matrix, np.zeros_like(self.matrix)], [np.zeros_like(self.matrix), self.matrix]]
        )
        found = linprog(
            cost,
            A_eq=matrix if matrix.size else None,
            b_eq=np.concatenate([self.rhs, self.rhs]) if matrix.size else None,
            bounds=[(lo, None) for lo in np.concatenate([self.lower, self.lower])],
            method="highs",
        )
        if found.status == 3:
            return None
        if found.status != 0:
            raise ArithmeticError(f"audit LP failed: {found.message}")
        integral = bool(np.all(np.abs(found.x - np.round(found.x)) < 1e-9))
        return float(found.x[n + target]), float(found.x[target]), integral

    def range(self, key: Hashable, width: int) -> tuple[float, float]:
        """The attacker's integer range of ``key``. The LP relaxation's range contains it, so when that
        is narrower than ``width`` (or unbounded above) it is returned as it is; when its optimal
        vertex is integral it is the integer range; otherwise two integer programs give it."""
        target = self.unknowns.index(key)
        both = self._both(target)
        if both is None:
            return self._lp(target, 1.0)[0], math.inf
        low, high, integral = both
        if high - low < width or integral:
            return low, high
        return self._milp(target, 1.0), self._milp(target, -1.0)


def feasible_ranges(
    published: Mapping[Hashable, int],
    unknowns: Iterable[Hashable],
    identities: Sequence[Identity],
    targets: Iterable[Hashable],
    *,
    floors: Mapping[Hashable, int] | None = None,
    width: int = 0,
) -> dict[Hashable, tuple[float, float]]:
    """The attacker's (min, max) of each target cell, given the published cells and the identities.

    ``unknowns`` are the hidden and latent cells; ``floors`` their known lower bounds (default 0).
    """
    system = System.build(published, list(dict.fromkeys(unknowns)), identities, floors or {})
    return {key: system.range(key, width) for key in targets}


__all__ = ["System", "feasible_ranges"]
