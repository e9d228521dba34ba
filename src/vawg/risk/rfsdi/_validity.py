"""Predictive validity of RFSDI: does a higher score go with more harm in the following 12 months?

For each as-of date, every person in RFSDI's population is scored from records before it and
followed for ``horizon_days`` from it. Outcomes: any VAWG offence as suspect in the horizon (binary),
and its harm (sum of harm_days). Reported, pooled over dates and per date:

* AUC (scikit-learn) with a person-cluster bootstrap interval: the chance a random re-offender
  outscores a random non-re-offender. It says nothing about calibration or about who is missed;
* precision at the top k (50, 100, 200 per date), with the base rate for comparison, and the share
  of all next-year harm those k account for;
* calibration of the risk levels: observed re-offending per level with Wilson intervals, and
  whether it rises from standard to medium to high;
* Spearman's rank correlation of score with next-year harm;
* RFSDI against RFGV on the serial DA perpetrators both score (the MATAC cohort).

The tables are computed in :mod:`vawg.risk.rfsdi._validity_tables`; this module picks the dates and
assembles the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd
from dateutil.relativedelta import relativedelta

from vawg.errors import RiskError
from vawg.risk.features._pointintime import data_window
from vawg.risk.rfsdi._band_evaluation import band_comparison, band_options
from vawg.risk.rfsdi._bootstrap import Interval, bootstrap_auc
from vawg.risk.rfsdi._config import RiskConfig, load_config
from vawg.risk.rfsdi._validity_tables import (
    _by_date,
    _calibration,
    _precision_at_k,
    _rfgv_comparison,
    scored_outcomes,
)


def default_as_of_dates(
    con: duckdb.DuckDBPyConnection, *, horizon_days: int = 365, history_months: int = 12, step_months: int = 3
) -> list[date]:
    """Quarterly as-of dates with ``history_months`` of data before and a full horizon after each."""
    first, end = data_window(con)
    start = date(first.year, first.month, 1) + relativedelta(months=history_months)
    if first.day > 1:
        start += relativedelta(months=1)
    last = end - relativedelta(days=horizon_days - 1)
    dates = []
    while start <= last:
        dates.append(start)
        start += relativedelta(months=step_months)
    if not dates:
        raise RiskError(
            f"the store's data ({first} to {end}) is too short for a {horizon_days}-day follow-up after "
            f"{history_months} months of history; give --as-of dates explicitly"
        )
    return dates


@dataclass(frozen=True)
class ValidityReport:
    version: str
    as_of_dates: tuple[date, ...]
    horizon_days: int
    n_rows: int
    n_persons: int
    base_rate: float
    auc: Interval
    spearman_harm: float
    spearman_p: float
    by_date: pd.DataFrame
    precision_at_k: pd.DataFrame
    calibration: pd.DataFrame
    calibration_monotone: bool
    rfgv_comparison: pd.DataFrame
    n_boot: int
    seed: int
    # How many people each band holds and their re-offending, for the configured bands and alternatives.
    bands: pd.DataFrame = field(default_factory=pd.DataFrame)

    def headline(self) -> dict[str, Any]:
        """The figures a model registry entry records."""
        return {
            "auc": self.auc.to_dict(),
            "base_rate": self.base_rate,
            "calibration_monotone": self.calibration_monotone,
            "spearman_score_harm": self.spearman_harm,
            "as_of_dates": [d.isoformat() for d in self.as_of_dates],
            "horizon_days": self.horizon_days,
            # The bands' evaluation: people per band and their re-offending, for each band option.
            "bands": [
                {str(k): (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                for r in self.bands.to_dict("records")
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            f = frame.copy()
            for col in f.columns:
                if f[col].dtype == object and len(f) and isinstance(f[col].iloc[0], date):
                    f[col] = f[col].map(lambda d: d.isoformat())
            return [
                {str(k): v for k, v in r.items()}
                for r in f.astype(object).where(f.notna(), None).to_dict("records")
            ]

        return {
            "version": self.version,
            "as_of_dates": [d.isoformat() for d in self.as_of_dates],
            "horizon_days": self.horizon_days,
            "outcome": "any VAWG offence as suspect in the horizon; harm = sum of harm_days of those offences",
            "n_rows": self.n_rows,
            "n_persons": self.n_persons,
            "base_rate": self.base_rate,
            "auc": self.auc.to_dict(),
            "auc_interval": f"{100 * (1 - 0.05):.0f}% person-cluster percentile bootstrap, {self.n_boot} resamples, seed {self.seed}",
            "spearman_score_harm": {"rho": self.spearman_harm, "p_value": self.spearman_p},
            "by_date": records(self.by_date),
            "precision_at_k": records(self.precision_at_k),
            "calibration": records(self.calibration),
            "calibration_monotone": self.calibration_monotone,
            "rfgv_comparison": records(self.rfgv_comparison),
            "bands": records(self.bands),
        }


@contextmanager
def _steps(progress: bool, total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar over the evaluation's stages (on stderr), or nothing."""
    if not progress:
        yield lambda _description: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("RFSDI evaluation", total=total)
        yield lambda description: bar.update(task, advance=1, description=description)


def evaluate_rfsdi(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Iterable[date] | None = None,
    *,
    config: RiskConfig | None = None,
    horizon_days: int = 365,
    top_k: Sequence[int] = (50, 100, 200),
    n_boot: int = 1000,
    seed: int = 20230331,
    progress: bool = False,
) -> ValidityReport:
    """Predictive validity of RFSDI for VAWG offending and its harm in the ``horizon_days`` after
    each as-of date (default: quarterly dates with a year of history and a full horizon in the data)."""
    from scipy.stats import spearmanr

    if n_boot < 1:
        raise RiskError(f"n_boot must be at least 1; found {n_boot}")
    cfg = config if config is not None else load_config()
    dates = (
        sorted(set(as_of_dates))
        if as_of_dates is not None
        else default_as_of_dates(con, horizon_days=horizon_days)
    )
    with _steps(progress, total=4) as step:
        step("scoring and following up")
        frame = scored_outcomes(con, dates, cfg, horizon_days)
        if frame.empty:
            raise RiskError(
                f"no one to evaluate: RFSDI's population is empty on {', '.join(map(str, dates))}"
            )
        y = frame["reoffended"].to_numpy()
        step(f"bootstrapping the AUC ({n_boot} resamples)")
        auc = bootstrap_auc(
            frame["score"].to_numpy(), y, clusters=frame["person_id"].to_numpy(), n_boot=n_boot, seed=seed
        )
        step("per as-of date")
        by_date = _by_date(frame, n_boot, seed)
        step("RFGV comparison")
        comparison = _rfgv_comparison(con, frame, dates, cfg, n_boot, seed)
    rho = spearmanr(frame["score"], frame["harm_next"])
    calibration, monotone = _calibration(frame)
    return ValidityReport(
        version=cfg.version,
        as_of_dates=tuple(dates),
        horizon_days=horizon_days,
        n_rows=len(frame),
        n_persons=int(frame["person_id"].nunique()),
        base_rate=float(y.mean()),
        auc=auc,
        spearman_harm=float(rho.statistic),
        spearman_p=float(rho.pvalue),
        by_date=by_date,
        precision_at_k=_precision_at_k(frame, top_k),
        calibration=calibration,
        calibration_monotone=monotone,
        rfgv_comparison=comparison,
        n_boot=n_boot,
        seed=seed,
        bands=band_comparison(frame, band_options(cfg.bands)),
    )


__all__ = ["ValidityReport", "default_as_of_dates", "evaluate_rfsdi", "scored_outcomes"]
