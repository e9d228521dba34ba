"""RFSDI: Recency, Frequency, Severity, Drugs and Intelligence (board paper, para 36).

The force's offender risk score, defined entirely by a TOML file (``rfsdi.toml``): five components,
each ``weight × level`` points, summed; bands turn the score into high / medium / standard. Scored
population: suspects on a VAWG offence in the lookback (default 36 months) before the as-of date.
The score supports safeguarding and diversion decisions by a practitioner; it decides nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from vawg.contract._codes import INTEL_TOPIC
from vawg.errors import RiskError
from vawg.risk.features._pointintime import check_dates
from vawg.risk.rfsdi._config import (
    Component,
    IntelComponent,
    RecencyComponent,
    RiskConfig,
    WindowComponent,
    load_config,
)
from vawg.risk.rfsdi._score_tool import on_one_date, score_tool
from vawg.risk.rfsdi._scores import RiskScores
from vawg.risk.rfsdi._scoring import component_points, levels_by_date


def _config(config: RiskConfig | None) -> RiskConfig:
    return config if config is not None else load_config()


def score_rfsdi_panel(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Iterable[date],
    *,
    config: RiskConfig | None = None,
    persons: Sequence[str] | None = None,
    area: str | None = None,
) -> RiskScores:
    """RFSDI scores of every person in the population, for each of several as-of dates."""
    cfg = _config(config)
    return score_tool(
        con,
        check_dates(as_of_dates),
        tool="rfsdi",
        version=cfg.version,
        components=cfg.rfsdi_components(),
        bands=cfg.bands,
        source=cfg.source,
        population_offences=cfg.population.offences,
        lookback_months=cfg.population.lookback_months,
        persons=persons,
        area=area,
    )


score_rfsdi = on_one_date(
    score_rfsdi_panel,
    "score_rfsdi",
    """RFSDI score of every suspect on a VAWG offence in the lookback before ``as_of``.

    ``config``: a loaded RFSDI TOML (default: the force's, else the shipped file). ``area`` keeps
    people whose latest VAWG offence was in that area (or a part of it); ranks are then within it.
    This computes scores only: operational use goes through governance (``vawg risk score``).
    """,
)


def _feature_column(name: str, comp: Component) -> str | None:
    """The person_features column that is exactly this component's raw value, if there is one."""
    if isinstance(comp, RecencyComponent):
        return "days_since_last_vawg" if comp.offences == "vawg" else None
    if isinstance(comp, IntelComponent):
        topics, window = set(comp.topics), comp.window_months
        if window == 12 and topics == {"drugs"}:
            return "drug_intel_12m"
        if window == 12 and topics == set(INTEL_TOPIC) - {"drugs"}:
            return "other_intel_12m"
        return None
    assert isinstance(comp, WindowComponent)
    if name == "frequency" and comp.offences == "vawg":
        return {12: "vawg_offences_12m", 36: "vawg_offences_3y"}.get(comp.window_months)
    if name == "severity" and comp.offences == "all" and comp.window_months == 36:
        return "harm_days_3y"
    return None


def rfsdi_from_features(features: pd.DataFrame, *, config: RiskConfig | None = None) -> pd.DataFrame:
    """RFSDI scores from an already computed :func:`person_features` frame (no store access).

    Returns person_id, as_of, score and level aligned with ``features`` (same index and order). The
    scores equal :func:`score_rfsdi`'s for everyone in RFSDI's population; people outside it (no VAWG
    offence in the lookback) are scored too, from the same columns. Works when every component of
    the configuration is a feature column (the shipped one is); otherwise RiskError names the
    component to compute with :func:`score_rfsdi_panel` instead.
    """
    cfg = _config(config)
    columns = {name: _feature_column(name, comp) for name, comp in cfg.rfsdi_components().items()}
    for name, column in columns.items():
        if column is None:
            raise RiskError(
                f"RFSDI component {name!r} of {cfg.source} has no matching person_features column "
                f"(its window or offences differ from the features'); score with score_rfsdi_panel instead",
                component=name,
            )
    total = np.zeros(len(features))
    for name, comp in cfg.rfsdi_components().items():
        total = total + component_points(comp, features[str(columns[name])])[2]
    score = np.round(total, 2)  # as apply_points: the sum of the rounded points
    return pd.DataFrame(
        {
            "person_id": features["person_id"],
            "as_of": features["as_of"],
            "score": score,
            "level": pd.array(
                levels_by_date(
                    pd.DataFrame({"as_of": features["as_of"].to_numpy(), "score": score}), cfg.bands
                ),
                dtype="string",
            ),
        },
        index=features.index,
    )


__all__ = ["rfsdi_from_features", "score_rfsdi", "score_rfsdi_panel"]
