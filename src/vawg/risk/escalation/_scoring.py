"""Operational scoring with the escalation model: approved versions only, every score logged.

The model file is the one registered (its SHA-256 is checked), the cohort is everyone with a
stalking or harassment history on the as-of date, and levels are "high" (at or above the operating
threshold chosen at evaluation: the top of the test list), "medium" (above the test base rate) and
"low". Scores support safeguarding and diversion decisions by a practitioner; they decide nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import joblib
import numpy as np
import pandas as pd

from vawg.accounts import Permission, User
from vawg.errors import RiskError
from vawg.risk import governance as governance
from vawg.risk.escalation._contributions import main_factors, occlusion_contributions
from vawg.risk.escalation._models import MODEL_NAME, EscalationModels, rfsdi_scores, single_threaded
from vawg.risk.escalation._panel import FeatureFn


def load_models(version: governance.ModelVersion) -> dict[str, Any]:
    """The persisted models of a registered version, after checking the file is the one registered."""
    path = Path(version.metadata.get("artifact", ""))
    if not path.is_file():
        raise RiskError(f"{path}: the model file of {version.name} version {version.version} is missing")
    expected = version.artifact_sha256 or version.metadata.get("artifact_sha256")
    if not expected or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
        raise RiskError(f"{path}: the model file does not match the registered checksum; it was changed")
    loaded: dict[str, Any] = joblib.load(path)
    return loaded


def score_people(
    registry: governance.ModelRegistry,
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    user: User,
    purpose: str,
    version: str | None = None,
    features_fn: FeatureFn | None = None,
    rfsdi_fn: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> pd.DataFrame:
    """Operational scores (approved version only) for people with stalking history; every score is logged.

    The version and the score log are in ``registry``; the features come from the store ``con``.
    """
    user.require(Permission.MODELS_APPROVE)  # before any person is scored
    approved = governance.require_approved(registry, MODEL_NAME, version)
    bundle = load_models(approved)
    if features_fn is None:
        from vawg.risk.features import person_features

        features_fn = person_features
    features = features_fn(con, as_of)
    cohort = features[features["stalking_offences_total"].fillna(0) > 0].reset_index(drop=True)
    if cohort.empty:
        return pd.DataFrame(columns=["person_id", "score", "level", "main_factors"])
    models: EscalationModels = bundle["models"]
    selected = bundle["selected"]
    rfsdi = (rfsdi_fn or rfsdi_scores)(cohort) if selected == "rfsdi" else pd.Series(np.zeros(len(cohort)))
    score_rfsdi = rfsdi_fn or rfsdi_scores

    def predict(frame: pd.DataFrame) -> np.ndarray:
        points = score_rfsdi(frame) if selected == "rfsdi" else pd.Series(np.zeros(len(frame)))
        return np.asarray(models.predict(frame, points)[selected])

    with single_threaded():
        probability = models.predict(cohort, rfsdi)[selected]
        factors = main_factors(occlusion_contributions(predict, cohort, list(models.features)))
    threshold = float(bundle["threshold"])
    base = float(approved.metrics.get("panel", {}).get("test_positives", 0)) / max(
        float(approved.metrics.get("panel", {}).get("test_rows", 1)), 1.0
    )
    level = np.where(probability >= threshold, "high", np.where(probability >= base, "medium", "low"))
    scores = pd.DataFrame(
        {"person_id": cohort["person_id"], "score": probability, "level": level, "main_factors": factors}
    )
    scores = scores.sort_values("score", ascending=False).reset_index(drop=True)
    governance.log_scores(registry, MODEL_NAME, approved.version, purpose=purpose, user=user, scores=scores)
    return scores


__all__ = ["load_models", "score_people"]
