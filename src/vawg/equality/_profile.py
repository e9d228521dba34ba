"""Who the victims and suspects are: people by sex, ethnicity and age band, with "Not stated"
always shown (para 54: only age is mandatory, so the gaps are part of the picture).

Each dimension is one published table with its total, suppressed through ``vawg.disclosure``
(small counts, and a second cell where a lone hidden one could be worked out from the total).
Shares carry a Wilson 95% interval (statsmodels ``proportion_confint``).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date

import duckdb
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from vawg.disclosure import Additivity, suppress_counts
from vawg.equality._disproportionality import person_frame
from vawg.equality._groups import DIMENSIONS, NOT_STATED
from vawg.equality._populations import population

PROFILE_POPULATIONS = ("da-victims", "da-suspects", "vawg-victims", "vawg-suspects")
TOTAL = "All"


def equality_profile(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date,
    end: date,
    populations: tuple[str, ...] = PROFILE_POPULATIONS,
) -> pd.DataFrame:
    """One row per population, dimension and group: people, share of the population (with its
    interval) and whether the count is suppressed."""
    rows = []
    for pid in populations:
        pop = population(pid)
        people = person_frame(con, pop, start, end)
        for dim, order in DIMENSIONS.items():
            counts = {
                g: int((people[dim] == g).sum()) for g in order if g == NOT_STATED or (people[dim] == g).any()
            }
            values: dict[Hashable, int] = {g: n for g, n in counts.items()}
            values[TOTAL] = len(people)
            hidden = suppress_counts(values, [Additivity(TOTAL, tuple(counts))]).suppressed
            for group, n in values.items():
                low, high = (
                    proportion_confint(n, len(people), method="wilson") if len(people) else (None, None)
                )
                shown = group not in hidden
                rows.append(
                    {
                        "population": pid,
                        "dimension": dim,
                        "group": group,
                        "people": n if shown else None,
                        "share": n / len(people) if shown and len(people) else None,
                        "share_low": float(low) if shown and low is not None else None,
                        "share_high": float(high) if shown and high is not None else None,
                        "suppressed": not shown,
                    }
                )
    return pd.DataFrame(rows)


__all__ = ["PROFILE_POPULATIONS", "equality_profile"]
