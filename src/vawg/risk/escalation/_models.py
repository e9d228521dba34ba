"""The three escalation scorers: RFSDI (the baseline in use), logistic regression, gradient boosting.

All three give a probability on the test set, so they are compared on the same footing. RFSDI is a
points score, not a probability: it is mapped to one by a logistic recalibration (Platt scaling)
fitted on the training panel only, which leaves its ranking (AUC, precision at capacity) untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from threadpoolctl import threadpool_limits

from vawg.risk.escalation._panel import FEATURES, LABEL
from vawg.risk.rfsdi._rfsdi import rfsdi_from_features

MODEL_NAME = "escalation"  # its name in the model registry
MODEL_NAMES = ("rfsdi", "logistic", "gbm")
MODEL_TITLES = {
    "rfsdi": "RFSDI score (recalibrated)",
    "logistic": "Logistic regression",
    "gbm": "Gradient boosting",
}

RfsdiFn = Callable[[pd.DataFrame], pd.Series]


def single_threaded() -> Any:
    """Limit OpenMP to one thread while fitting and predicting.

    HistGradientBoosting's OpenMP threads busy-wait; on a small shared machine (2 cores running the
    store, tests or other jobs) that made fitting 20x and prediction 30x slower than one thread.
    """
    return threadpool_limits(limits=1, user_api="openmp")


# Counts and harm are skewed (a few people have dozens of offences): the logistic regression sees
# log1p of them, so one prolific person does not dominate a coefficient. Age enters as it is.
UNTRANSFORMED = ("age",)


def make_logistic(seed: int, features: tuple[str, ...] = FEATURES) -> Pipeline:
    """log1p of counts, median imputation (with a missing flag, e.g. unknown age), standardisation, mild L2."""
    logged = [f for f in features if f not in UNTRANSFORMED]
    kept = [f for f in features if f in UNTRANSFORMED]
    transform = ColumnTransformer(
        [
            ("log1p", FunctionTransformer(np.log1p, feature_names_out="one-to-one"), logged),
            ("raw", "passthrough", kept),
        ],
        verbose_feature_names_out=False,
    )
    return Pipeline(
        [
            ("transform", transform),
            ("impute", SimpleImputer(strategy="median", add_indicator=True)),
            ("scale", StandardScaler()),
            ("model", LogisticRegression(C=1.0, max_iter=2000, random_state=seed)),
        ]
    )


def make_gbm(seed: int) -> HistGradientBoostingClassifier:
    # Shallow trees, a slow learning rate and large leaves: the outcome is rare (a few hundred
    # positives), and a flexible model memorises it. No early stopping, so a fixed seed gives the
    # same model every time.
    return HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=150,
        max_leaf_nodes=8,
        min_samples_leaf=100,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=seed,
    )


def rfsdi_scores(features: pd.DataFrame) -> pd.Series:
    """RFSDI points for a features frame (the shipped or force's configuration), aligned with it."""
    scores = rfsdi_from_features(features)["score"]
    return pd.Series(np.asarray(scores, dtype="float64"), index=features.index, name="rfsdi")


@dataclass
class EscalationModels:
    """The fitted scorers plus what they need to score new rows."""

    logistic: Pipeline
    gbm: HistGradientBoostingClassifier
    rfsdi_calibrator: LogisticRegression
    features: tuple[str, ...]
    seed: int

    def predict(self, frame: pd.DataFrame, rfsdi: pd.Series) -> dict[str, np.ndarray]:
        """Probability of the outcome from each scorer, keyed by model name."""
        x = frame[list(self.features)].astype("float64")
        return {
            "rfsdi": self.rfsdi_calibrator.predict_proba(_column(rfsdi))[:, 1],
            "logistic": self.logistic.predict_proba(x)[:, 1],
            "gbm": self.gbm.predict_proba(x)[:, 1],
        }


def _column(values: pd.Series) -> np.ndarray:
    return np.asarray(values, dtype="float64").reshape(-1, 1)


def fit_models(
    train: pd.DataFrame, rfsdi_train: pd.Series, *, seed: int, features: tuple[str, ...] = FEATURES
) -> EscalationModels:
    """Fit the logistic regression, the gradient boosting and RFSDI's recalibration on ``train``."""
    x = train[list(features)].astype("float64")
    y = train[LABEL].to_numpy()
    logistic = make_logistic(seed, tuple(features)).fit(x, y)
    gbm = make_gbm(seed).fit(x, y)
    calibrator = LogisticRegression(C=1e6, max_iter=1000).fit(_column(rfsdi_train), y)
    return EscalationModels(logistic, gbm, calibrator, tuple(features), seed)


def logistic_coefficients(models: EscalationModels, train: pd.DataFrame) -> pd.DataFrame:
    """Coefficients (log-odds) per standard deviation and per unit of each input as the model sees
    it (``transform``: log1p or none), largest first."""
    pipe = models.logistic
    names = [str(n) for n in pipe[:-2].get_feature_names_out()]
    scale = pipe.named_steps["scale"].scale_
    coef = pipe.named_steps["model"].coef_[0]
    frame = pd.DataFrame(
        {
            "feature": [n.removeprefix("missingindicator_") for n in names],
            "input": names,
            "transform": [
                "missing flag"
                if n.startswith("missingindicator_")
                else ("none" if n in UNTRANSFORMED else "log1p")
                for n in names
            ],
            "coef_per_sd": coef,
            "coef_per_unit": coef / np.where(scale > 0, scale, np.nan),
            "sd": scale,
        }
    )
    frame["odds_ratio_per_sd"] = np.exp(frame["coef_per_sd"])
    return frame.sort_values("coef_per_sd", key=np.abs, ascending=False).reset_index(drop=True)


def gbm_importance(
    models: EscalationModels, test: pd.DataFrame, *, seed: int, n_repeats: int = 5
) -> pd.DataFrame:
    """Permutation importance of each input for the GBM: the fall in test AUC when it is shuffled."""
    x = test[list(models.features)].astype("float64")
    # At most 10,000 rows per repeat: importance ranks are stable well before that, and predicting a
    # whole force's panel 70 times took most of a run.
    result: Any = permutation_importance(
        models.gbm,
        x,
        test[LABEL].to_numpy(),
        scoring="roc_auc",
        n_repeats=n_repeats,
        random_state=seed,
        max_samples=min(1.0, 10_000 / max(len(x), 1)),
    )
    frame = pd.DataFrame(
        {
            "feature": list(models.features),
            "importance": result.importances_mean,
            "sd": result.importances_std,
        }
    )
    frame = frame.sort_values("importance", ascending=False).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    return frame


__all__ = [
    "MODEL_NAME",
    "MODEL_NAMES",
    "MODEL_TITLES",
    "EscalationModels",
    "fit_models",
    "gbm_importance",
    "logistic_coefficients",
    "make_gbm",
    "make_logistic",
    "rfsdi_scores",
    "single_threaded",
]
