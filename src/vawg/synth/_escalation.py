"""The planted escalation truth: stalking antecedents → later serious sexual offending.

The board paper (para 52) describes a model "predicting serious sexual offending based on a
perpetrator's stalking antecedents". The synthetic force contains a true relationship of that shape
for a later model to find, generated honestly in time as a risk that is reassessed every quarter:

1. Decision dates are the quarter starts from 1 October 2020 (six months into the data, so every
   record has some history) to 1 January 2023. On each, everyone who was a suspect on a crime with a
   stalking antecedent code (``vawg.reference.STALKING_ANTECEDENT_CODES``: 8Q, 8L, 8R; not 8M)
   recorded **before** it is *at risk*, and stays at risk to the end.
2. Their features are computed **as of the decision date from the generated records dated before
   it** (crimes, planted offences of earlier quarters included, order breaches, intelligence), with
   the risk features' definitions (``vawg.risk.person_features``): ``stalking_offences_total``,
   ``distinct_victims_3y``, ``da_suspect_3y``, ``orders_breached``, ``drug_intel_12m``, ``age`` (the
   year's − birth year) and ``serious_sexual_prior``; and the person's recorded ``sex``.
3. ``logit p = intercept + Σ coefficient × term`` with the terms of ``ESCALATION_TERMS`` (see
   ``PLANTED_ESCALATION``): ``p`` is the probability of escalating within 12 months *if the record
   stayed as it is*. The quarter's event is drawn with the matching constant hazard,
   ``1 − (1 − p) ** (days in the quarter / 365)``, so risk follows the record as it grows.
4. An event is a serious sexual offence recorded with the person as suspect on a day of that
   quarter, against one of their earlier victims (domestic, if that victim was) or a new victim,
   mostly female. Its code is one the principal's recorded sex can commit: rape (19C, 19F) only by a
   man; sexual assault (20A, 17A) and causing sexual activity without consent (22A) by anyone. The
   offence is a serious sexual prior from the next quarter on, so repeat offending follows from the
   planted prior term (``_escalation_plant``).

The background sexual offending of the synthetic force comes from a separate pool of offenders, so
every serious sexual offence by a person with stalking antecedents is a planted event, and
``truth/escalation.parquet`` holds the whole truth: one row per person and quarter at risk with the
decision date, features, sex, logit, p, label and the planted crime (if any).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from vawg.synth._calendar import EXTRACT_DATE

YOUNG_PERSISTENT = "age<30:stalking_offences_total>=2"

PLANTED_ESCALATION = MappingProxyType({
    "intercept": -7.75,
    "stalking_offences_total": 1.00,
    "distinct_victims_3y": 0.40,
    "da_suspect_3y": 0.60,
    "orders_breached": 1.20,
    "drug_intel_12m": 0.90,
    "age": -0.40,
    "serious_sexual_prior": 0.70,
    "sex": -2.00,
    YOUNG_PERSISTENT: 2.50,
})  # fmt: skip
"""Coefficients of the planted escalation model, by risk-feature name (``vawg.risk.person_features``).

Each coefficient multiplies the term of ``ESCALATION_TERMS`` (``log1p`` of counts, an indicator, a
capped count, age in decades from 30; unknown age contributes 0). ``"age<30:stalking_offences_total>=2"``
is the interaction: young people with repeated stalking (about 14% of those at risk) carry most of
the escalation, a shape a logistic regression on main effects cannot represent and gradient boosting
can find. ``"serious_sexual_prior"``: a recorded serious sexual offence raises the risk of another
(every study of sexual recidivism finds priors predictive). ``"sex"`` multiplies "recorded female":
women commit a small share of serious sexual offences (about 2% of those sentenced in England and
Wales) and none of rape as principal. ``"intercept"`` sets the base rate: about a thousand events
at scale 1.
"""

ESCALATION_TERMS = MappingProxyType({
    "stalking_offences_total": "log1p(stalking_offences_total)",
    "distinct_victims_3y": "min(distinct_victims_3y, 5)",
    "da_suspect_3y": "1 if da_suspect_3y > 0 else 0",
    "orders_breached": "log1p(orders_breached)",
    "drug_intel_12m": "1 if drug_intel_12m > 0 else 0",
    "age": "(age - 30) / 10, 0 if age unknown",
    "serious_sexual_prior": "log1p(serious_sexual_prior)",
    "sex": "1 if sex is F (female) else 0 (M, X or unknown)",
    YOUNG_PERSISTENT: "1 if age < 30 and stalking_offences_total >= 2 else 0 (0 if age unknown)",
})  # fmt: skip
"""The term each coefficient of PLANTED_ESCALATION multiplies."""

FEATURES = ("stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
            "drug_intel_12m", "age", "serious_sexual_prior")  # fmt: skip
"""The risk features the plant reads (``vawg.risk.person_features`` columns); ``sex`` besides."""
FIRST_DECISION = date(2020, 10, 1)  # six months into the data: every record has some history


def escalation_terms(features: pd.DataFrame) -> pd.DataFrame:
    """The model terms of PLANTED_ESCALATION from a frame of the features and ``sex`` (one column each)."""
    age = pd.to_numeric(features["age"], errors="coerce").astype(float).to_numpy()
    stalking = features["stalking_offences_total"].to_numpy(float)
    young = np.nan_to_num(age, nan=np.inf) < 30
    female = features["sex"].astype("string").fillna("").str.upper().eq("F").to_numpy(bool)
    return pd.DataFrame({
        "stalking_offences_total": np.log1p(stalking),
        "distinct_victims_3y": np.minimum(features["distinct_victims_3y"].to_numpy(float), 5),
        "da_suspect_3y": (features["da_suspect_3y"].to_numpy(float) > 0).astype(float),
        "orders_breached": np.log1p(features["orders_breached"].to_numpy(float)),
        "drug_intel_12m": (features["drug_intel_12m"].to_numpy(float) > 0).astype(float),
        "age": np.nan_to_num((age - 30) / 10, nan=0.0),
        "serious_sexual_prior": np.log1p(features["serious_sexual_prior"].to_numpy(float)),
        "sex": female.astype(float),
        YOUNG_PERSISTENT: (young & (stalking >= 2)).astype(float),
    }, index=features.index)  # fmt: skip


def escalation_logit(features: pd.DataFrame) -> np.ndarray:
    """The planted log-odds for each row of a frame of the features and ``sex``."""
    terms = escalation_terms(features)
    coef = np.array([PLANTED_ESCALATION[k] for k in terms.columns])
    return PLANTED_ESCALATION["intercept"] + terms.to_numpy() @ coef


def decision_dates() -> np.ndarray:
    """Quarter starts (days) on which the risk of everyone at risk is reassessed."""
    months = np.arange(np.datetime64(FIRST_DECISION, "M"), np.datetime64(EXTRACT_DATE, "M") + 1, 3)
    return months.astype("datetime64[D]").astype(np.int64)
