"""The fairness audit of RFSDI, the live tool, done the same way as the escalation model's.

RFSDI gives points, not probabilities, so calibration by group needs a probability: the points are
mapped to one by a Platt scaling (scikit-learn's logistic regression on the points) fitted on the
earlier as-of dates (the validation period) and applied to the last as-of date, which is audited
(``vawg.equality.fairness_audit``: error rates at the capacity cut-off with intervals, calibration
by group, "Not stated" kept as a group) by sex, age band, ethnicity, sex × ethnicity (cells too
small to read are flagged) and area. scikit-learn and fairlearn are imported only when called.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from vawg.errors import RiskError
from vawg.risk.features import person_features
from vawg.risk.rfsdi._config import RiskConfig
from vawg.risk.rfsdi._validity_tables import scored_outcomes

if TYPE_CHECKING:
    from vawg.equality import FairnessAudit

DEFAULT_AUDIT_CAPACITY = 100
INTERSECTION = "Sex × ethnicity"
OUTCOME = "a VAWG offence as suspect within {days} days"


def audit_capacity(config: RiskConfig) -> int:
    """The cut-off the audit reads error rates at: the high band's size when the bands are
    capacity-based (who the team will see), else DEFAULT_AUDIT_CAPACITY."""
    bands = config.bands
    if bands.method == "capacity" and bands.high_count:
        return int(bands.high_count)
    return DEFAULT_AUDIT_CAPACITY


def _audited(
    con: duckdb.DuckDBPyConnection, dates: Sequence[date], config: RiskConfig, horizon_days: int
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """(outcome, calibrated probability, groups) of the people scored at the last of ``dates``."""
    from sklearn.linear_model import LogisticRegression

    from vawg.equality import protected_groups

    ordered = sorted(set(dates))
    if len(ordered) < 2:
        raise RiskError("the RFSDI fairness audit needs two as-of dates or more (calibrate, then audit)")
    frame = scored_outcomes(con, ordered, config, horizon_days)
    fit, test = frame[frame["as_of"] < ordered[-1]], frame[frame["as_of"] == ordered[-1]]
    if test.empty or fit["reoffended"].nunique() < 2:
        raise RiskError(f"too few people or outcomes to audit RFSDI on {ordered[-1]}")
    platt = LogisticRegression().fit(fit[["score"]].to_numpy(), fit["reoffended"].to_numpy())
    probability = platt.predict_proba(test[["score"]].to_numpy())[:, 1]
    wanted = [c for c in ("sex", "age", "ethnicity_group") if c not in test.columns]
    if wanted:
        people = person_features(con, ordered[-1])[["person_id", *wanted]]
        test = test.merge(people, on="person_id", how="left", validate="one_to_one")
    groups = protected_groups(test)
    # Intersectional cells (small ones are flagged by the audit, not hidden) and the area.
    groups[INTERSECTION] = groups["Sex"].astype(str) + " × " + groups["Ethnicity"].astype(str)
    if "area" in test.columns:
        groups["Area"] = test["area"].astype(object).where(test["area"].notna(), "Not stated").astype(str)
    return test["reoffended"].to_numpy(), np.asarray(probability), groups


def audit_rfsdi(
    con: duckdb.DuckDBPyConnection,
    dates: Sequence[date],
    *,
    config: RiskConfig,
    horizon_days: int = 365,
    capacity: int | None = None,
    n_boot: int = 200,
    seed: int = 20230331,
) -> FairnessAudit:
    """Audit RFSDI at the last of ``dates``, its points calibrated on the dates before it, at
    ``capacity`` (default: :func:`audit_capacity`)."""
    return rfsdi_fairness(
        con, dates, config=config, horizon_days=horizon_days, capacity=capacity, n_boot=n_boot, seed=seed,
        over_range=False,
    )[0]  # fmt: skip


def rfsdi_fairness(
    con: duckdb.DuckDBPyConnection,
    dates: Sequence[date],
    *,
    config: RiskConfig,
    horizon_days: int = 365,
    capacity: int | None = None,
    n_boot: int = 200,
    seed: int = 20230331,
    over_range: bool = True,
) -> tuple[FairnessAudit, pd.DataFrame]:
    """The audit of :func:`audit_rfsdi` and, from the same scored people (read once), the error
    rates by group when acting on the top 1%–50% of the list and at capacity, each with its Wilson
    interval (the escalation model's ``error_rates_by_range``; empty unless ``over_range``)."""
    from vawg.equality import fairness_audit
    from vawg.risk.escalation import error_rates_by_range

    y, probability, groups = _audited(con, dates, config, horizon_days)
    at = audit_capacity(config) if capacity is None else capacity
    audit = fairness_audit(
        y,
        probability,
        groups,
        capacity=at,
        n_boot=n_boot,
        seed=seed,
        outcome=OUTCOME.format(days=horizon_days),
    )
    table = error_rates_by_range(y, probability, groups, capacity=at) if over_range else pd.DataFrame()
    return audit, table


__all__ = ["DEFAULT_AUDIT_CAPACITY", "INTERSECTION", "audit_capacity", "audit_rfsdi", "rfsdi_fairness"]
