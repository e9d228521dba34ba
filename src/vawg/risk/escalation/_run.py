"""An escalation training run: what it produced, the JSON the registry keeps of it, and saving it.

:class:`EscalationRun` holds the evaluation, the selection, the fitted models and the fairness audit
of one run of :func:`vawg.risk.escalation._train.train_escalation`. :func:`save_and_register` writes the
models to a joblib file and registers the version as a draft, with :meth:`EscalationRun.record` as
its metrics, so nothing can score operationally until a named person approves it (governance).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn

from vawg.equality import FairnessAudit
from vawg.errors import RiskError
from vawg.risk import governance as governance
from vawg.risk.escalation._decision import calibration_at_k, decision_curve
from vawg.risk.escalation._eval import CAPACITIES, SELECTION_RULE, Evaluation, Selection
from vawg.risk.escalation._models import MODEL_NAME, MODEL_TITLES, EscalationModels
from vawg.risk.escalation._panel import LABEL, PanelDates
from vawg.risk.escalation._truth import TruthComparison

OUTCOME = "a serious sexual offence (rape or sexual assault) as suspect within {months} months"


def outcome_text(horizon_days: int) -> str:
    """:data:`OUTCOME` for a label horizon, in whole months."""
    return OUTCOME.format(months=round(horizon_days / 30.4))


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
    recalibration: dict[str, Any] | None = None
    fairness_range: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        return outcome_text(self.dates.horizon_days)

    def _where_officers_act(self) -> dict[str, Any]:
        """Calibration within the top k (k = the capacities) and the decision curve of each scorer."""
        if self.predictions.empty or LABEL not in self.predictions.columns:
            return {}
        y = self.predictions[LABEL].to_numpy()
        scorers = [m for m in MODEL_TITLES if m in self.predictions.columns]
        ks = sorted({*CAPACITIES, self.capacity})
        return {
            "calibration_at_k": {
                m: calibration_at_k(y, self.predictions[m].to_numpy(), ks).to_dict("records") for m in scorers
            },
            "decision_curve": {
                m: decision_curve(y, self.predictions[m].to_numpy()).to_dict("records") for m in scorers
            },
        }

    def record(self) -> dict[str, Any]:
        """The JSON the registry stores as this version's metrics (read back by `evaluate` and `card`)."""
        ev = self.evaluation
        return _clean(
            {
                "outcome": self.outcome,
                # What the approval gate reads: the evaluation is on outcomes after the training window.
                "evaluation_period": {
                    "start": str(self.dates.test),
                    "end": str(self.dates.test + timedelta(days=self.dates.horizon_days - 1)),
                    "as_of": str(self.dates.test),
                },
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
                **self._where_officers_act(),
                "capacity": self.capacity,
                "recalibration": self.recalibration,
                # Error rates by group at cut-offs over the whole score range (and at capacity).
                "fairness_range": {m: t.to_dict("records") for m, t in self.fairness_range.items()},
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


def default_models_dir(db: Path | str) -> Path:
    """The models folder next to the store: ``<store folder>/models``."""
    return Path(db).resolve().parent / "models"


def _next_version(registry: governance.ModelRegistry) -> str:
    existing = governance.list_versions(registry, MODEL_NAME)["version"].tolist()
    numbers = [int(v) for v in existing if str(v).isdigit()]
    return str(max(numbers, default=0) + 1)


def save_and_register(
    registry: governance.ModelRegistry, run: EscalationRun, models_dir: Path, *, version: str | None = None
) -> governance.ModelVersion:
    """Persist the fitted models (joblib) and register the version as a draft with its metrics."""
    version = version or _next_version(registry)
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
        registry,
        MODEL_NAME,
        version,
        training_window=(run.dates.data_start, last_label_day),
        metrics=run.record(),
        metadata=metadata,
        artifact_sha256=digest,
    )
    run.version, run.artifact = version, path
    return registered


__all__ = ["OUTCOME", "EscalationRun", "default_models_dir", "outcome_text", "save_and_register"]
