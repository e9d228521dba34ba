"""Compare what the escalation models learned with the truth planted in the synthetic force.

Only meaningful on synthetic data: ``vawg.synth.PLANTED_ESCALATION`` gives the log-odds coefficient
of each feature (per unit), and the bundle's ``truth/escalation.parquet`` the true probability of
each person. Three checks: the logistic coefficients' signs and sizes against the planted ones; the
gradient boosting's permutation-importance ranking against the planted effect sizes (coefficient x
the feature's spread); and the correlation of predicted with true probability.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import pearsonr, spearmanr
from statsmodels.tools.sm_exceptions import PerfectSeparationError

from vawg.errors import RiskError
from vawg.risk.escalation._panel import LABEL

# Entries of the planted mapping that are not features of the panel.
_NOT_FEATURES = ("intercept", "const", "baseline")


@dataclass
class TruthComparison:
    """The three comparisons, as tables and headline numbers."""

    coefficients: pd.DataFrame  # feature, planted, learned_per_sd/unit, sign_agrees[, refit (+ CI)]
    importance: pd.DataFrame  # feature, planted_effect, planted_rank, importance, gbm_rank
    sign_agreement: float  # share of planted non-zero features whose learned sign agrees
    importance_rank_correlation: float  # Spearman, GBM importance vs planted effect size
    probability: dict[str, float]  # n, pearson, spearman per model ("pearson_gbm", …)
    refit_sign_agreement: float = float("nan")  # the same on the planted terms' refit
    refit_in_ci: float = float("nan")  # share of planted coefficients inside the refit's 95% CI

    def to_dict(self) -> dict[str, Any]:
        def clean(v: Any) -> Any:
            if isinstance(v, np.generic):
                v = v.item()
            return None if isinstance(v, float) and not np.isfinite(v) else v

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): clean(v) for k, v in r.items()} for r in frame.to_dict("records")]

        return {
            "coefficients": records(self.coefficients),
            "importance": records(self.importance),
            "sign_agreement": clean(self.sign_agreement),
            "refit_sign_agreement": clean(self.refit_sign_agreement),
            "refit_in_ci": clean(self.refit_in_ci),
            "importance_rank_correlation": clean(self.importance_rank_correlation),
            "probability": {k: clean(v) for k, v in self.probability.items()},
        }


def planted_main_effects(planted: Mapping[str, Any], features: tuple[str, ...]) -> dict[str, float]:
    """The per-unit coefficients of panel features in the planted truth (no intercept/interactions)."""
    return {
        name: float(value)
        for name, value in planted.items()
        if name in features and name not in _NOT_FEATURES and isinstance(value, int | float)
    }


def read_truth(path: Path) -> pd.DataFrame:
    """The truth file as (person_id, true_probability[, decision_date])."""
    if not path.exists():
        raise RiskError(f"{path}: no truth file (only a synthetic bundle has truth/escalation.parquet)")
    truth = pd.read_parquet(path)
    candidates = [c for c in truth.columns if c.lower() in ("p", "p_true", "true_probability", "probability")]
    if "person_id" not in truth.columns or not candidates:
        raise RiskError(
            f"{path}: expected columns person_id and p (the true probability); found {list(truth.columns)}"
        )
    out = truth.rename(columns={candidates[0]: "true_probability"})
    keep = ["person_id", "true_probability"] + [c for c in ("decision_date",) if c in out.columns]
    out = out[keep].copy()
    out["person_id"] = out["person_id"].astype(str)
    return out


TermsFn = Callable[[pd.DataFrame], pd.DataFrame]


def synthetic_truth(bundle: Path) -> dict[str, Any]:
    """``planted``, ``truth`` and ``terms_fn`` for :func:`train_escalation` from a synthetic bundle."""
    import vawg.synth as synth

    return {
        "planted": synth.PLANTED_ESCALATION,
        "truth": read_truth(bundle / "truth" / "escalation.parquet"),
        "terms_fn": synth.escalation_terms,
    }


def refit_on_terms(train: pd.DataFrame, terms_fn: TermsFn) -> pd.DataFrame:
    """Unpenalised logistic regression (statsmodels) of the label on the planted model's own terms.

    On the planted design the coefficients are directly comparable with the planted ones (same
    scale), which the main models' coefficients are not (they use the raw features). A person is on
    several training dates with overlapping label windows, so the intervals are cluster-robust by
    person (rows of one person are not independent evidence).
    """
    terms = terms_fn(train).astype("float64")
    terms = terms.loc[:, terms.std() > 0]
    fit_kw: dict[str, Any] = {"disp": 0}
    if "person_id" in train.columns:
        groups = pd.factorize(train["person_id"].astype(str))[0]
        fit_kw |= {"cov_type": "cluster", "cov_kwds": {"groups": groups}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # separation on a small panel: reported as missing below
        try:
            fit = sm.Logit(train[LABEL].to_numpy(), sm.add_constant(terms, has_constant="add")).fit(**fit_kw)
        except (np.linalg.LinAlgError, ValueError, PerfectSeparationError):
            return pd.DataFrame(columns=["term", "refit", "refit_ci_low", "refit_ci_high"])
    ci = fit.conf_int()
    return pd.DataFrame(
        {
            "term": list(terms.columns),
            "refit": [float(fit.params[c]) for c in terms.columns],
            "refit_ci_low": [float(ci.loc[c, 0]) for c in terms.columns],
            "refit_ci_high": [float(ci.loc[c, 1]) for c in terms.columns],
        }
    )


def _scored_with_truth(
    test: pd.DataFrame, predictions: Mapping[str, np.ndarray], truth: pd.DataFrame
) -> pd.DataFrame:
    """Test rows with each scorer's prediction and the true probability.

    A truth with a row for each person *on the test as-of date* (the synthetic force reassesses
    risk every quarter) is matched on person and date, so both are as of the same day. A truth with
    one row per person at their own decision date is matched on the person only: agreement is then
    approximate by construction.
    """
    scored = test[["person_id", "as_of"]].copy()
    scored["person_id"] = scored["person_id"].astype(str)
    scored["as_of"] = pd.to_datetime(scored["as_of"]).dt.date
    for name, p in predictions.items():
        scored[name] = p
    truth = truth.assign(person_id=truth["person_id"].astype(str)).drop(columns="as_of", errors="ignore")
    keys = ["person_id"]
    if "decision_date" in truth.columns:
        decided = pd.to_datetime(truth["decision_date"]).dt.date
        if decided.isin(set(scored["as_of"])).any():
            truth = truth.assign(as_of=decided)[decided.isin(set(scored["as_of"]))]
            keys.append("as_of")
        truth = truth.drop(columns="decision_date")
    merged = scored.merge(truth, on=keys, how="inner")
    return merged.dropna(subset=["true_probability"])


def compare_with_truth(
    coefficients: pd.DataFrame,
    importance: pd.DataFrame,
    train: pd.DataFrame,
    test: pd.DataFrame,
    predictions: Mapping[str, np.ndarray],
    *,
    planted: Mapping[str, Any],
    truth: pd.DataFrame | None,
    features: tuple[str, ...],
    terms_fn: TermsFn | None = None,
) -> TruthComparison:
    """Learned vs planted: coefficient signs (and sizes on the planted terms), importance ranking,
    probability correlation. ``terms_fn`` maps a features frame to the planted model's terms
    (``vawg.synth.escalation_terms``); without it sizes are not compared."""
    effects = planted_main_effects(planted, features)
    learned = coefficients[coefficients["transform"] != "missing flag"].set_index("feature")
    coef = pd.DataFrame({"feature": list(effects), "planted": list(effects.values())})
    coef["learned_per_sd"] = [float(learned["coef_per_sd"].get(f, np.nan)) for f in coef["feature"]]
    coef["learned_per_unit"] = [float(learned["coef_per_unit"].get(f, np.nan)) for f in coef["feature"]]
    coef["sign_agrees"] = np.sign(coef["planted"]) == np.sign(coef["learned_per_sd"])
    if terms_fn is not None:
        refit = refit_on_terms(train, terms_fn).set_index("term")
        extra = [k for k in planted if k not in effects and k not in _NOT_FEATURES and k in refit.index]
        if extra:  # interactions: compared on the refit only
            coef = pd.concat(
                [coef, pd.DataFrame({"feature": extra, "planted": [float(planted[k]) for k in extra]})],
                ignore_index=True,
            )
        for col in ("refit", "refit_ci_low", "refit_ci_high"):
            coef[col] = [float(refit[col].get(f, np.nan)) for f in coef["feature"]]
        coef["planted_in_ci"] = (coef["refit_ci_low"] <= coef["planted"]) & (
            coef["planted"] <= coef["refit_ci_high"]
        )
    nonzero = coef[(coef["planted"] != 0) & coef["feature"].isin(effects)]
    sign_share = float(nonzero["sign_agrees"].astype(bool).mean()) if len(nonzero) else float("nan")
    refit_share = refit_ci = float("nan")
    if "refit" in coef.columns:
        usable = coef[(coef["planted"] != 0) & coef["refit"].notna()]
        if len(usable):
            refit_share = float((np.sign(usable["refit"]) == np.sign(usable["planted"])).mean())
            refit_ci = float(usable["planted_in_ci"].astype(bool).mean())

    source = (
        terms_fn(test).astype("float64") if terms_fn is not None else test[list(features)].astype("float64")
    )
    spread = source.std()
    imp = importance.set_index("feature")
    table = pd.DataFrame({"feature": list(features)})
    table["planted_effect"] = [abs(effects.get(f, 0.0)) * float(spread.get(f, 0.0)) for f in features]
    table["importance"] = [float(imp["importance"].get(f, np.nan)) for f in features]
    table["planted_rank"] = table["planted_effect"].rank(ascending=False, method="min").astype(int)
    table["gbm_rank"] = table["importance"].rank(ascending=False, method="min").astype(int)
    table = table.sort_values(["planted_rank", "gbm_rank"]).reset_index(drop=True)
    rank_corr = float(spearmanr(table["planted_effect"], table["importance"], nan_policy="omit").statistic)

    probability: dict[str, float] = {"n": 0.0}
    if truth is not None and len(truth):
        merged = _scored_with_truth(test, predictions, truth)
        probability["n"] = float(len(merged))
        if len(merged) >= 3:
            for name in predictions:
                probability[f"pearson_{name}"] = float(
                    pearsonr(merged[name], merged["true_probability"]).statistic
                )
                probability[f"spearman_{name}"] = float(
                    spearmanr(merged[name], merged["true_probability"]).statistic
                )
    return TruthComparison(coef, table, sign_share, rank_corr, probability, refit_share, refit_ci)


__all__ = [
    "TruthComparison",
    "compare_with_truth",
    "planted_main_effects",
    "read_truth",
    "refit_on_terms",
    "synthetic_truth",
]
