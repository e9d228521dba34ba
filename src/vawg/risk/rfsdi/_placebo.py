"""The pilot's permutation (placebo-in-space) test: is the pilot areas' change unusual among areas?

With two treated areas of seven, cluster-robust intervals rest on very few clusters and are
fragile. The permutation test asks instead: had the pilot gone live in any other set of the same
number of areas, how often would the difference-in-differences estimate have been as far from zero?
Every such set is fitted with the same Poisson model (area and month effects, log known suspects as
offset); the two-sided p-value is the share of sets, the real one included, whose |β| is at least
the real |β|. With C(7, 2) = 21 sets the smallest possible p-value is 1/21 ≈ 0.048: the test is
exact but coarse, and the report says so.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

MAX_ASSIGNMENTS = 500  # beyond this, a seeded random sample of assignments (the real one kept)


@dataclass(frozen=True)
class PlaceboTest:
    """The real estimate, every placebo estimate, and the permutation p-value."""

    estimate: float  # log rate ratio of the real assignment
    p_value: float
    n_assignments: int
    exhaustive: bool
    estimates: tuple[float, ...]

    @property
    def smallest_p(self) -> float:
        return 1 / self.n_assignments

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": "placebo-in-space: the DiD refitted with the pilot moved to every set of the same "
            "number of areas",
            "rate_ratio": math.exp(self.estimate),
            "p_value": self.p_value,
            "n_assignments": self.n_assignments,
            "smallest_possible_p": self.smallest_p,
            "exhaustive": self.exhaustive,
        }


def _did_estimate(data: pd.DataFrame, treated_areas: frozenset[str], post: pd.Series) -> float:
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    treated = (data["area"].isin(treated_areas) & post).astype("int64")
    model = smf.glm(
        "reoffences ~ C(area) + C(month_label) + treated",
        data=data.assign(treated=treated),
        family=sm.families.Poisson(),
        offset=np.log(data["known_suspects"]),
    )
    with warnings.catch_warnings():
        # A placebo set can fit the counts exactly (e.g. no change anywhere); its β is still defined.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        fit = model.fit()
    return float(fit.params["treated"])


def placebo_in_space(panel: pd.DataFrame, *, seed: int = 20230331) -> PlaceboTest:
    """The permutation test over areas of a pilot panel (columns area, month, pilot, post, counts)."""
    data = panel.assign(
        area=panel["area"].astype(str), month_label=panel["month"].map(lambda d: d.isoformat())
    ).reset_index(drop=True)
    areas = sorted(data["area"].unique())
    real = frozenset(data.loc[data["pilot"].astype(bool), "area"].unique())
    k = len(real)
    total = math.comb(len(areas), k)
    if total <= MAX_ASSIGNMENTS:
        sets = [frozenset(c) for c in itertools.combinations(areas, k)]
    else:
        rng = np.random.default_rng(seed)
        drawn = {
            frozenset(rng.choice(areas, size=k, replace=False).tolist()) for _ in range(MAX_ASSIGNMENTS * 2)
        }
        sets = [real, *[s for s in sorted(drawn, key=sorted) if s != real][: MAX_ASSIGNMENTS - 1]]
    post = data["post"].astype(bool)
    estimates = {s: _did_estimate(data, s, post) for s in sets}
    actual = estimates[real]
    # A small tolerance: the same split fitted twice may differ in the last bits.
    extreme = sum(abs(b) >= abs(actual) - 1e-9 for b in estimates.values())
    return PlaceboTest(
        estimate=actual,
        p_value=extreme / len(estimates),
        n_assignments=len(estimates),
        exhaustive=total <= MAX_ASSIGNMENTS,
        estimates=tuple(estimates.values()),
    )


__all__ = ["MAX_ASSIGNMENTS", "PlaceboTest", "placebo_in_space"]
