"""The escalation model, end to end: panel, temporal split, three scorers, evaluation, fairness
audit, comparison with planted truth (synthetic data), persistence and registration as a draft.

Question: of people with a stalking or harassment history at an as-of date, who will be a suspect
on a serious sexual offence within the horizon (default 12 months)? The answer is used to offer
safeguarding to victims and diversion (e.g. a stalking intervention) to the person, never as a
decision in itself, and only once a named person has approved the version (see governance).

The run's record and its saving and registration are in :mod:`vawg.risk.escalation._run`, re-exported
here with operational scoring so callers import one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from vawg.config import Settings, get_settings
from vawg.equality import fairness_audit
from vawg.risk.escalation._eval import (
    CAPACITIES,
    DEFAULT_BOOTSTRAP,
    DEFAULT_SEED,
    evaluate,
    select_model,
)
from vawg.risk.escalation._groups import escalation_groups
from vawg.risk.escalation._models import (
    MODEL_NAME,
    fit_models,
    gbm_importance,
    logistic_coefficients,
    rfsdi_scores,
    single_threaded,
)
from vawg.risk.escalation._panel import (
    DEFAULT_HORIZON_DAYS,
    LABEL,
    FeatureFn,
    LabelFn,
    PanelDates,
    build_panel,
    plan_dates,
    temporal_split,
)
from vawg.risk.escalation._range import error_rates_by_range
from vawg.risk.escalation._recalibration import recalibration_study
from vawg.risk.escalation._run import (
    OUTCOME,
    EscalationRun,
    default_models_dir,
    outcome_text,
    save_and_register,
)
from vawg.risk.escalation._scoring import load_models, score_people
from vawg.risk.escalation._truth import compare_with_truth
from vawg.risk.features._pointintime import data_window

# The settings' default operating point (50 people a month, scored every 3 months): the top 150.
DEFAULT_CAPACITY = int(Settings.model_fields["escalation_capacity_per_month"].default) * int(
    Settings.model_fields["escalation_review_months"].default
)


def train_escalation(
    con: duckdb.DuckDBPyConnection,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    test_as_of: date | None = None,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    capacity: int | None = None,
    recalibration: str | None = None,
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
    ``capacity`` (the operating point, top k) and ``recalibration`` (platt or isotonic) default to
    the settings (``vawg.config``: capacity per month × months between scorings).
    """
    settings = get_settings()
    capacity = settings.escalation_capacity if capacity is None else capacity
    recalibration = recalibration or settings.escalation_recalibration
    if dates is None:
        start, extract = data_window(con)
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
    outcome = outcome_text(dates.horizon_days)
    groups = escalation_groups(con, test)
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
    fairness_range = error_rates_by_range(y, predictions[selection.model], groups, capacity=capacity)
    recalibrated = recalibration_study(
        train, test, selected=selection.model, horizon_days=dates.horizon_days, rfsdi_fn=score_rfsdi,
        seed=seed, method=recalibration, capacity_k=capacity, groups=groups, ks=CAPACITIES,
    )  # fmt: skip
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
        recalibration=recalibrated,
        fairness_range={selection.model: fairness_range},
    )


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
