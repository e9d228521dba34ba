"""RFG / RFGV: the MATAC ranking of serial domestic abuse perpetrators, for comparison with RFSDI.

MATAC (Multi-Agency Tasking and Coordination) ranks DA perpetrators by Recency, Frequency and
Gravity of their DA offending, and in the RFGV form also the number of Victims. Its cohort is the
*serial* DA perpetrator: a suspect on 2+ DA records against 2+ distinct victims in 3 years, aged 16+
on the as-of date (domain facts §4; every number is configurable under ``[rfg]`` in the TOML).
A person whose age is unknown is left out of the cohort (the rule needs their age).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import duckdb
import pandas as pd

from vawg.risk.features._pointintime import check_dates
from vawg.risk.rfsdi._config import RiskConfig, load_config
from vawg.risk.rfsdi._score_tool import on_one_date, score_tool
from vawg.risk.rfsdi._scores import RiskScores
from vawg.risk.rfsdi._scoring import Measure


def serial_da_cohort_measures(config: RiskConfig) -> list[Measure]:
    window = config.rfg.cohort.window_months
    return [
        Measure("cohort_da_records", "count", offences="da", window_months=window),
        Measure("cohort_victims", "victims", offences="da", window_months=window),
    ]


def score_rfgv_panel(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Iterable[date],
    *,
    config: RiskConfig | None = None,
    persons: Sequence[str] | None = None,
    area: str | None = None,
) -> RiskScores:
    """RFG/RFGV scores of the serial DA perpetrator cohort on each as-of date."""
    cfg = config if config is not None else load_config()
    rfg = cfg.rfg

    def serial(raw: pd.DataFrame) -> pd.Series:
        return (
            (raw["cohort_da_records"] >= rfg.cohort.min_da_records)
            & (raw["cohort_victims"] >= rfg.cohort.min_victims)
            & (raw["age"].fillna(-1) >= rfg.cohort.min_age)
        )

    return score_tool(
        con,
        check_dates(as_of_dates),
        tool="rfgv",
        version=rfg.version,
        components=cfg.rfg_components(),
        bands=rfg.bands,
        source=cfg.source,
        population_offences="da",
        lookback_months=rfg.cohort.window_months,
        persons=persons,
        area=area,
        cohort_measures=serial_da_cohort_measures(cfg),
        cohort=serial,
    )


score_rfgv = on_one_date(
    score_rfgv_panel,
    "score_rfgv",
    "RFGV scores of serial DA perpetrators as of ``as_of`` (RFG when the victims weight is 0).",
)


__all__ = ["score_rfgv", "score_rfgv_panel", "serial_da_cohort_measures"]
