"""An attacker, written apart from vawg.disclosure: the integer range of each unknown cell.

Unknowns are the withheld cells (at least 1 when zeros are always published) and the unpublished
differences of nested populations (at least 0). Equations are plain dicts {cell: coefficient} whose
sum is 0; published cells are substituted. scipy's milp (HiGHS) gives the exact min and max.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

BIG = 10**7  # larger than any count: a cell that reaches it is unbounded above


def integer_ranges(
    published: Mapping[Hashable, int],
    unknown_floors: Mapping[Hashable, int],
    equations: Sequence[Mapping[Hashable, int]],
    targets: Sequence[Hashable] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """The (min, max) of each target (default: every unknown)."""
    keys = list(unknown_floors)
    col = {k: i for i, k in enumerate(keys)}
    rows, rhs = [], []
    for eq in equations:
        row, const = np.zeros(len(keys)), 0.0
        for k, c in eq.items():
            if k in col:
                row[col[k]] += c
            else:
                const += c * published[k]
        if row.any():
            rows.append(row)
            rhs.append(-const)
    cons = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    bounds = Bounds([unknown_floors[k] for k in keys], [BIG] * len(keys))  # BIG: no bound at all
    out = {}
    for k in keys if targets is None else targets:
        c = np.zeros(len(keys))
        c[col[k]] = 1.0
        low = milp(c, constraints=cons, integrality=np.ones(len(keys)), bounds=bounds)
        high = milp(-c, constraints=cons, integrality=np.ones(len(keys)), bounds=bounds)
        assert low.status == 0, low.message
        assert high.status == 0, high.message
        out[k] = (low.fun, np.inf if -high.fun >= BIG else -high.fun)
    return out
