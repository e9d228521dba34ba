"""The escalation model, end to end: panel, temporal split, three scorers, evaluation, fairness
audit, comparison with planted truth (synthetic data), persistence and registration as a draft.

Question: of people with a stalking or harassment history at an as-of date, who will be a suspect
on a serious sexual offence within the horizon (default 12 months)? The answer is used to offer
safeguarding to victims and diversion (e.g. a stalking intervention) to the person, never as a
decision in itself, and only once a named person has approved the version (see governance).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import joblib
import numpy as np
import pandas as pd
import sklearn

from vawg.equality import FairnessAudit, fairness_audit, protected_groups
from vawg.errors import RiskError
from vawg.risk import _governance as governance
from vawg.risk._escalation_eval import (
    CAPACITIES,
    DEFAULT_BOOTSTRAP,
    DEFAULT_SEED,
    SELECTION_RULE,
    Evaluation,
    Selection,
    evaluate,
    select_model,
)
from vawg.risk._escalation_models import (
    MODEL_NAME,
    MODEL_TITLES,
    EscalationModels,
    fit_models,
    gbm_importance,
    logistic_coefficients,
    rfsdi_scores,
    single_threaded,
)
from vawg.risk._escalation_panel import (
    DEFAULT_HORIZON_DAYS,
    LABEL,
    FeatureFn,
    LabelFn,
    PanelDates,
    build_panel,
    data_span,
    plan_dates,
    temporal_split,
)
from vawg.risk._escalation_scoring import load_models, score_people
from vawg.risk._escalation_truth import TruthComparison, compare_with_truth

OUTCOME = "a serious sexual offence (rape or sexual assault) as suspect within {months} months"
DEFAULT_CAPACITY = 100


@dataclass
class EscalationRun:
    """Everything one training run produced."""

    dates: PanelDates
    train_rows: int
    train_positives: int
    evaluation: Evaluation
    selection: Selection
    coefficients: pd.DataFrame
    importance: pd.DataFrame
    fairness: dict[str, FairnessAudit]
    models: EscalationModels
    capacity: int
    truth: TruthComparison | None = None
    version: str | None = None
    artifact: Path | None = None
    predictions: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def outcome(self) -> str:
        return OUTCOME.format(months=round(self.dates.horizon_days / 30.4))

    def record(self) -> dict[str, Any]:
        """The JSON the registry stores as this version's metrics (read back by `evaluate` and `card`)."""
        ev = self.evaluation
        return _clean(
            {
                "outcome": self.outcome,
                "panel": {
                    "train_as_of": [str(d) for d in self.dates.train],
                    "test_as_of": str(self.dates.test),
                    "horizon_days": self.dates.horizon_days,
                    "data_start": str(self.dates.data_start),
                    "extract_date": str(self.dates.extract_date),
                    "train_rows": self.train_rows,
                    "train_positives": self.train_positives,
                    "test_rows": ev.n,
                    "test_positives": ev.positives,
                },
                "evaluation": {
                    "n_boot": ev.n_boot,
                    "seed": ev.seed,
                    "capacities": list(CAPACITIES),
                    "metrics": ev.metrics.to_dict("records"),
                    "differences": ev.differences.to_dict("records"),
                    "roc": {m: t.to_dict("list") for m, t in ev.roc.items()},
                    "reliability": {m: t.to_dict("list") for m, t in ev.reliability.items()},
                },
                "selection": {
                    "model": self.selection.model,
                    "reason": self.selection.reason,
                    "rule": SELECTION_RULE,
                },
                "coefficients": self.coefficients.to_dict("records"),
                "importance": self.importance.to_dict("records"),
                "fairness": {m: a.to_dict() for m, a in self.fairness.items()},
                "truth": self.truth.to_dict() if self.truth else None,
            }
        )


def _clean(value: Any) -> Any:
    """JSON-ready: numpy scalars to Python, NaN/inf to None, dates to ISO strings."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value


def train_escalation(
    con: duckdb.DuckDBPyConnection,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    test_as_of: date | None = None,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    capacity: int = DEFAULT_CAPACITY,
    importance_repeats: int = 5,
    planted: Mapping[str, Any] | None = None,
    truth: pd.DataFrame | None = None,
    terms_fn: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    features_fn: FeatureFn | None = None,
    label_fn: LabelFn | None = None,
    rfsdi_fn: Callable[[pd.DataFrame], pd.Series] | None = None,
    panel: pd.DataFrame | None = None,
    dates: PanelDates | None = None,
    progress: bool = False,
) -> EscalationRun:
    """Build the panel, split it in time, fit and evaluate the three scorers and audit the chosen one.

    ``panel`` and ``dates`` may be given (tests, or a panel built once); otherwise both come from
    the store. ``planted``/``truth`` (synthetic force only) add the learned-vs-planted comparison.
    """
    if dates is None:
        start, extract = data_span(con)
        dates = plan_dates(start, extract, horizon_days=horizon_days, test_as_of=test_as_of)
    if panel is None:
        panel = build_panel(
            con,
            dates.all,
            horizon_days=dates.horizon_days,
            features_fn=features_fn,
            label_fn=label_fn,
            progress=progress,
        )
    train, test = temporal_split(panel, dates.test, dates.horizon_days)
    score_rfsdi = rfsdi_fn or rfsdi_scores
    with single_threaded():
        models = fit_models(train, score_rfsdi(train), seed=seed)
        predictions = models.predict(test, score_rfsdi(test))
        importance = gbm_importance(models, test, seed=seed, n_repeats=importance_repeats)
    y = test[LABEL].to_numpy()
    evaluation = evaluate(y, predictions, n_boot=n_boot, seed=seed)
    selection = select_model(evaluation)
    outcome = OUTCOME.format(months=round(dates.horizon_days / 30.4))
    groups = protected_groups(test)
    # The audit is of the scorer the selection rule recommends: the one that would be used.
    fairness = {
        selection.model: fairness_audit(
            y,
            predictions[selection.model],
            groups,
            capacity=capacity,
            n_boot=min(n_boot, 200),
            seed=seed,
            outcome=outcome,
        )
    }
    coefficients = logistic_coefficients(models, train)
    comparison = None
    if planted is not None:
        comparison = compare_with_truth(
            coefficients,
            importance,
            train,
            test,
            predictions,
            planted=planted,
            truth=truth,
            features=models.features,
            terms_fn=terms_fn,
        )
    scored = test[["person_id", "as_of", LABEL]].copy()
    for name, p in predictions.items():
        scored[name] = p
    return EscalationRun(
        dates=dates,
        train_rows=len(train),
        train_positives=int(train[LABEL].sum()),
        evaluation=evaluation,
        selection=selection,
        coefficients=coefficients,
        importance=importance,
        fairness=fairness,
        models=models,
        capacity=capacity,
        truth=comparison,
        predictions=scored,
    )


def default_models_dir(db: Path | str) -> Path:
    """The models folder next to the store: ``<store folder>/models``."""
    return Path(db).resolve().parent / "models"


def _next_version(con: duckdb.DuckDBPyConnection) -> str:
    existing = governance.list_versions(con, MODEL_NAME)["version"].tolist()
    numbers = [int(v) for v in existing if str(v).isdigit()]
    return str(max(numbers, default=0) + 1)


def save_and_register(
    con: duckdb.DuckDBPyConnection, run: EscalationRun, models_dir: Path, *, version: str | None = None
) -> governance.ModelVersion:
    """Persist the fitted models (joblib) and register the version as a draft with its metrics."""
    version = version or _next_version(con)
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / f"{MODEL_NAME}-{version}.joblib"
    if path.exists():
        raise RiskError(
            f"{path}: a model file for version {version} already exists; choose another --version"
        )
    threshold = run.fairness[run.selection.model].threshold
    joblib.dump(
        {
            "models": run.models,
            "selected": run.selection.model,
            "horizon_days": run.dates.horizon_days,
            "threshold": threshold,
            "version": version,
        },
        path,
    )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    last_label_day = max(run.dates.train) + timedelta(days=run.dates.horizon_days - 1)
    metadata = {
        "artifact": str(path),
        "artifact_sha256": digest,
        "features": list(run.models.features),
        "selected_model": run.selection.model,
        "selected_title": MODEL_TITLES[run.selection.model],
        "horizon_days": run.dates.horizon_days,
        "operating_threshold": threshold,
        "capacity": run.capacity,
        "seed": run.models.seed,
        "sklearn_version": sklearn.__version__,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    registered = governance.register_version(
        con,
        MODEL_NAME,
        version,
        training_window=(run.dates.data_start, last_label_day),
        metrics=run.record(),
        metadata=metadata,
    )
    run.version, run.artifact = version, path
    return registered


__all__ = [
    "DEFAULT_CAPACITY",
    "MODEL_NAME",
    "OUTCOME",
    "EscalationRun",
    "default_models_dir",
    "load_models",
    "save_and_register",
    "score_people",
    "train_escalation",
]
