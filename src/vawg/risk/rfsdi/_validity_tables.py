"""The tables of RFSDI's validity report, each from the scored-and-followed-up frame.

:func:`scored_outcomes` joins each as-of date's RFSDI scores to the offending in the horizon after
it; the rest turn that frame into the report's parts: per-date AUC and Spearman, precision at the
top k with the harm those k account for, calibration of the risk levels (Wilson intervals), and
RFSDI against RFGV on the people both score. :mod:`vawg.risk.rfsdi._validity` assembles them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from vawg.metrics._intervals import wilson_interval
from vawg.risk.features._labels import future_offending
from vawg.risk.rfsdi._bootstrap import bootstrap_auc
from vawg.risk.rfsdi._config import RiskConfig
from vawg.risk.rfsdi._rfg import score_rfgv_panel
from vawg.risk.rfsdi._rfsdi import score_rfsdi_panel

LEVELS = ("standard", "medium", "high")


def scored_outcomes(
    con: duckdb.DuckDBPyConnection, dates: Sequence[date], config: RiskConfig, horizon_days: int
) -> pd.DataFrame:
    """RFSDI scores joined to the offending that followed each as-of date."""
    scores = score_rfsdi_panel(con, dates, config=config).frame
    future = future_offending(con, dates, horizon_days=horizon_days)
    frame = scores.merge(future, on=["as_of", "person_id"], how="left", validate="one_to_one")
    frame["reoffended"] = (frame["vawg_offences"].fillna(0) > 0).astype("int64")
    frame["harm_next"] = frame["vawg_harm_days"].fillna(0.0)
    return frame


def _by_date(frame: pd.DataFrame, n_boot: int, seed: int) -> pd.DataFrame:
    from scipy.stats import spearmanr

    rows = []
    for as_of, part in frame.groupby("as_of", sort=True):
        y = part["reoffended"].to_numpy()
        auc = (
            bootstrap_auc(part["score"].to_numpy(), y, n_boot=n_boot, seed=seed)
            if 0 < y.sum() < len(y)
            else None
        )
        rho = spearmanr(part["score"], part["harm_next"]).statistic if len(part) > 2 else np.nan
        rows.append(
            {
                "as_of": as_of,
                "n": len(part),
                "reoffended": int(y.sum()),
                "base_rate": float(y.mean()),
                "auc": auc.estimate if auc else np.nan,
                "auc_low": auc.low if auc else np.nan,
                "auc_high": auc.high if auc else np.nan,
                "spearman_harm": float(rho),
            }
        )
    return pd.DataFrame(rows)


def _precision_at_k(frame: pd.DataFrame, top_k: Sequence[int]) -> pd.DataFrame:
    rows = []
    for as_of, part in frame.groupby("as_of", sort=True):
        ranked = part.sort_values("rank")
        total_harm = float(ranked["harm_next"].sum())
        base = float(ranked["reoffended"].mean())
        for k in top_k:
            top = ranked.head(k)
            precision = float(top["reoffended"].mean()) if len(top) else np.nan
            rows.append(
                {
                    "as_of": as_of,
                    "k": int(k),
                    "flagged": len(top),
                    "hits": int(top["reoffended"].sum()),
                    "precision": precision,
                    "base_rate": base,
                    "lift": precision / base if base > 0 else np.nan,
                    "harm_share": float(top["harm_next"].sum()) / total_harm if total_harm > 0 else np.nan,
                }
            )
    return pd.DataFrame(rows)


def _calibration(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    grouped = frame.groupby("level", observed=True).agg(
        n=("reoffended", "size"), reoffended=("reoffended", "sum"), mean_harm_next=("harm_next", "mean")
    )
    table = grouped.reindex(list(LEVELS)).fillna({"n": 0, "reoffended": 0}).reset_index()
    n = table["n"].to_numpy(dtype="float64")
    k = table["reoffended"].to_numpy(dtype="float64")
    table["n"], table["reoffended"] = n.astype("int64"), k.astype("int64")
    table["rate"] = np.where(n > 0, k / np.maximum(n, 1), np.nan)
    table["ci_low"], table["ci_high"] = wilson_interval(k, n)
    rates = table.loc[table["n"] > 0, "rate"].to_numpy()
    return table, bool(np.all(np.diff(rates) >= 0))


def _rfgv_comparison(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    dates: Sequence[date],
    config: RiskConfig,
    n_boot: int,
    seed: int,
) -> pd.DataFrame:
    rfgv = score_rfgv_panel(con, dates, config=config).frame[["as_of", "person_id", "score"]]
    both = frame.merge(rfgv.rename(columns={"score": "rfgv_score"}), on=["as_of", "person_id"], how="inner")
    y = both["reoffended"].to_numpy()
    row: dict[str, Any] = {
        "cohort": "serial DA perpetrators (RFG cohort)",
        "n": len(both),
        "reoffended": int(y.sum()),
    }
    if 0 < y.sum() < len(y):
        for name, col in (("rfsdi", "score"), ("rfgv", "rfgv_score")):
            auc = bootstrap_auc(
                both[col].to_numpy(), y, clusters=both["person_id"].to_numpy(), n_boot=n_boot, seed=seed
            )
            row |= {f"auc_{name}": auc.estimate, f"auc_{name}_low": auc.low, f"auc_{name}_high": auc.high}
    return pd.DataFrame([row])


__all__ = ["LEVELS", "scored_outcomes"]
