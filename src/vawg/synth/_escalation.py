"""The planted escalation truth: stalking antecedents → later serious sexual offending.

The board paper (para 52) describes a model "predicting serious sexual offending based on a
perpetrator's stalking antecedents". The synthetic force contains a true relationship of that shape
for a later model to find, generated honestly in time:

1. Everyone who was a suspect on a stalking or harassment crime (8Q, 8L, 8M, 8R) before 31 March 2022
   is *eligible*. Each gets a decision date ``T`` drawn uniformly from 1 April 2021 (or the day after
   their first such crime, if later) to 31 March 2022.
2. Their features are computed **as of T from the generated records dated before T** (crimes, order
   breaches, intelligence), with the risk features' definitions (``vawg.risk.person_features``):
   ``stalking_offences_total``, ``distinct_victims_3y``, ``da_suspect_3y``, ``orders_breached``,
   ``drug_intel_12m`` and ``age`` (T's year − birth year).
3. ``logit p = intercept + Σ coefficient × term`` with the terms of ``ESCALATION_TERMS`` (see
   ``PLANTED_ESCALATION``); the label is drawn with probability ``p``.
4. For each positive, a serious sexual offence (rape 19C/19F, sexual assault 20A/17A, or 22A) is
   recorded with the person as suspect on ``T + U(1, 365)`` days, against one of their earlier
   victims (domestic, if that victim was) or a new victim, mostly female.

The background sexual offending of the synthetic force comes from a separate pool of offenders, so
every serious sexual offence by a person with stalking antecedents is a planted event and
``truth/escalation.parquet`` holds the whole truth: person, decision date, features, p and label.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from vawg.synth import _mixes as mx
from vawg.synth import _people as pp
from vawg.synth._arrays import Frame, weighted_pick
from vawg.synth._calendar import day
from vawg.synth._intel import TOPIC
from vawg.synth._world import SUSPECT, VICTIM, World

PLANTED_ESCALATION = MappingProxyType({
    "intercept": -6.15,
    "stalking_offences_total": 0.80,
    "distinct_victims_3y": 0.30,
    "da_suspect_3y": 0.45,
    "orders_breached": 0.90,
    "drug_intel_12m": 0.70,
    "age": -0.35,
    "orders_breached:drug_intel_12m": 0.50,
})  # fmt: skip
"""Coefficients of the planted escalation model, by risk-feature name (``vawg.risk.person_features``).

Each coefficient multiplies the term of ``ESCALATION_TERMS`` (``log1p`` of counts, an indicator, a
capped count, age in decades from 30; unknown age contributes 0); ``"orders_breached:drug_intel_12m"``
is the interaction (both present). ``"intercept"`` sets the base rate: a few hundred events at scale 1.
"""

ESCALATION_TERMS = MappingProxyType({
    "stalking_offences_total": "log1p(stalking_offences_total)",
    "distinct_victims_3y": "min(distinct_victims_3y, 5)",
    "da_suspect_3y": "1 if da_suspect_3y > 0 else 0",
    "orders_breached": "log1p(orders_breached)",
    "drug_intel_12m": "1 if drug_intel_12m > 0 else 0",
    "age": "(age - 30) / 10, 0 if age unknown",
    "orders_breached:drug_intel_12m": "1 if orders_breached > 0 and drug_intel_12m > 0 else 0",
})  # fmt: skip
"""The term each coefficient of PLANTED_ESCALATION multiplies."""

FEATURES = ("stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
            "drug_intel_12m", "age")  # fmt: skip
DECISION_FROM, DECISION_TO = day(date(2021, 4, 1)), day(date(2022, 3, 31))
CODES_FOR_FEMALE = {"19C": 0.55, "20A": 0.35, "22A": 0.10}
CODES_FOR_MALE = {"19F": 0.45, "17A": 0.40, "22A": 0.15}


def escalation_terms(features: pd.DataFrame) -> pd.DataFrame:
    """The model terms of PLANTED_ESCALATION from a frame of the six features (one column per key)."""
    age = pd.to_numeric(features["age"], errors="coerce").astype(float)
    breached = features["orders_breached"].to_numpy(float) > 0
    drugs = features["drug_intel_12m"].to_numpy(float) > 0
    return pd.DataFrame({
        "stalking_offences_total": np.log1p(features["stalking_offences_total"].to_numpy(float)),
        "distinct_victims_3y": np.minimum(features["distinct_victims_3y"].to_numpy(float), 5),
        "da_suspect_3y": (features["da_suspect_3y"].to_numpy(float) > 0).astype(float),
        "orders_breached": np.log1p(features["orders_breached"].to_numpy(float)),
        "drug_intel_12m": drugs.astype(float),
        "age": np.nan_to_num((age.to_numpy() - 30) / 10, nan=0.0),
        "orders_breached:drug_intel_12m": (breached & drugs).astype(float),
    }, index=features.index)  # fmt: skip


def escalation_logit(features: pd.DataFrame) -> np.ndarray:
    """The planted log-odds for each row of a frame of the six features."""
    terms = escalation_terms(features)
    coef = np.array([PLANTED_ESCALATION[k] for k in terms.columns])
    return PLANTED_ESCALATION["intercept"] + terms.to_numpy() @ coef


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(days, dtype="int64").astype("datetime64[D]"), pa.date32())


def features_as_of(world: World, intel: Frame, orders: Frame, breaches: Frame, person: np.ndarray,
                   as_of: np.ndarray) -> pd.DataFrame:  # fmt: skip
    """The six features of each (person, as_of) pair from the generated records dated before as_of."""
    c, links, people = world.crimes, world.links, world.people.frame
    con = duckdb.connect()
    con.register("decisions", pa.table({"person": person, "t": _dates(as_of)}))
    con.register("crimes", pa.table({
        "crime": np.arange(c.rows), "recorded": _dates(c["recorded"]), "da": c["da"],
        "stalking": np.isin(c["offence"], mx.off(*mx.STALKING_CODES)),
    }))  # fmt: skip
    con.register(
        "links", pa.table({"crime": links["crime"], "person": links["person"], "role": links["role"]})
    )
    con.register(
        "breaches", pa.table({"person": orders["person"][breaches["order"]], "d": _dates(breaches["date"])})
    )
    drug = intel["topic"] == TOPIC["drugs"]
    con.register("drugs", pa.table({"person": intel["person"][drug], "d": _dates(intel["date"][drug])}))
    con.register(
        "births", pa.table({"person": np.arange(world.people.count), "birth_year": people["birth_year"]})
    )
    frame = con.sql(f"""
        WITH s AS (
            SELECT d.person, d.t, c.crime, c.recorded, c.da, c.stalking
            FROM decisions d JOIN links l ON l.person = d.person AND l.role = {SUSPECT}
            JOIN crimes c ON c.crime = l.crime WHERE c.recorded < d.t
        ), v AS (
            SELECT s.person, count(DISTINCT l.person) AS n FROM s JOIN links l ON l.crime = s.crime
            WHERE l.role = {VICTIM} AND s.recorded >= s.t - INTERVAL 3 YEAR GROUP BY s.person
        ), br AS (
            SELECT d.person, count(*) AS n FROM decisions d JOIN breaches b ON b.person = d.person AND b.d < d.t
            GROUP BY d.person
        ), dr AS (
            SELECT d.person, count(*) AS n FROM decisions d JOIN drugs g ON g.person = d.person AND g.d < d.t
              AND g.d >= d.t - INTERVAL 1 YEAR GROUP BY d.person
        ), agg AS (
            SELECT person, count(*) FILTER (WHERE stalking) AS stalking_offences_total,
                   count(*) FILTER (WHERE da AND recorded >= t - INTERVAL 3 YEAR) AS da_suspect_3y
            FROM s GROUP BY person
        )
        SELECT d.person, d.t AS decision_date,
               coalesce(agg.stalking_offences_total, 0) AS stalking_offences_total,
               coalesce(v.n, 0) AS distinct_victims_3y,
               coalesce(agg.da_suspect_3y, 0) AS da_suspect_3y,
               coalesce(br.n, 0) AS orders_breached,
               coalesce(dr.n, 0) AS drug_intel_12m,
               CASE WHEN b.birth_year > 0 THEN year(d.t) - b.birth_year END AS age
        FROM decisions d LEFT JOIN agg USING (person) LEFT JOIN v USING (person)
        LEFT JOIN br USING (person) LEFT JOIN dr USING (person)
        JOIN births b USING (person)
        ORDER BY d.person
    """).df()
    con.close()
    return frame


def plant_escalation(world: World, rng: np.random.Generator, intel: Frame, orders: Frame,
                     breaches: Frame) -> tuple[np.ndarray, pd.DataFrame]:  # fmt: skip
    """Add the planted serious sexual offences to ``world``; return (their crime rows, truth frame)."""
    c, links = world.crimes, world.links
    sus = links["role"] == SUSPECT
    sh = sus & np.isin(c["offence"][links["crime"]], mx.off(*mx.STALKING_CODES))
    first_sh = np.full(world.people.count, np.iinfo(np.int64).max)
    np.minimum.at(first_sh, links["person"][sh], c["recorded"][links["crime"][sh]])
    person = np.flatnonzero(first_sh < DECISION_TO)
    lo = np.maximum(first_sh[person] + 1, DECISION_FROM)
    t = lo + np.floor(rng.random(len(person)) * (DECISION_TO - lo + 1)).astype(np.int64)
    truth = features_as_of(world, intel, orders, breaches, person, t)
    truth["logit"] = escalation_logit(truth)
    truth["p"] = 1 / (1 + np.exp(-truth["logit"]))
    truth["label"] = (rng.random(len(truth)) < truth["p"]).astype(np.int8)
    pos = truth.index[truth["label"] == 1].to_numpy()
    who = truth["person"].to_numpy()[pos]
    when = t[np.searchsorted(person, who)] + rng.integers(1, 366, len(pos))
    rows = _offences(world, rng, who, when, first_sh)
    event = np.full(len(truth), -1, np.int64)
    event[pos] = rows
    event_day = np.full(len(truth), -1, np.int64)
    event_day[pos] = when
    truth["crime_row"], truth["event_day"] = event, event_day
    return rows, truth


def _offences(world: World, rng: np.random.Generator, who: np.ndarray, when: np.ndarray,
              first_sh: np.ndarray) -> np.ndarray:  # fmt: skip
    """Serious sexual offences by ``who`` on ``when``; returns the new crime rows."""
    c, links, people = world.crimes, world.links, world.people.frame
    n = len(who)
    # An earlier female victim of theirs (a DA victim preferred: the offence is then domestic).
    vic = links["role"] == VICTIM
    sus = links["role"] == SUSPECT
    by_crime_victim = np.full(c.rows, -1, np.int64)
    by_crime_victim[links["crime"][vic]] = links["person"][vic]
    mine = sus & np.isin(links["person"], who)
    their_crime = links["crime"][mine]
    their_victim = by_crime_victim[their_crime]
    ok = (their_victim >= 0) & (people["sex"][np.maximum(their_victim, 0)] == 0)  # female (F)
    pairs = pd.DataFrame({
        "person": links["person"][mine][ok], "victim": their_victim[ok], "da": c["da"][their_crime][ok],
        "recorded": c["recorded"][their_crime][ok],
    })  # fmt: skip
    when_of = pd.Series(when, index=who)
    pairs = pairs[pairs["recorded"].to_numpy() < when_of.reindex(pairs["person"]).to_numpy()]
    pairs = pairs.sort_values(["person", "da", "recorded"], ascending=[True, False, False])
    prior = pairs.drop_duplicates("person").set_index("person")
    use_prior = rng.random(n) < 0.30
    prior_victim = prior["victim"].reindex(who).fillna(-1).to_numpy(np.int64)
    prior_da = prior["da"].reindex(who).fillna(False).to_numpy(bool)
    use_prior &= prior_victim >= 0
    fresh = np.flatnonzero(~use_prior)
    home = people["area"][who]
    new_victims = world.people.add(
        rng, pool=pp.ESCALATION_VICTIM, area=home[fresh], female=0.92, age=np.full(len(fresh), 30),
        on_day=when[fresh], not_stated=0.30, birth_unknown=0.04, age_min=16,
    )  # fmt: skip
    victim = np.where(use_prior, prior_victim, 0)
    victim[fresh] = new_victims
    female = world.people.frame["sex"][victim] == 0
    offence = np.where(
        female,
        mx.off(*CODES_FOR_FEMALE)[weighted_pick(rng, np.array(list(CODES_FOR_FEMALE.values())), n)],
        mx.off(*CODES_FOR_MALE)[weighted_pick(rng, np.array(list(CODES_FOR_MALE.values())), n)],
    )
    lag = np.where(rng.random(n) < 0.6, 0, rng.integers(1, 15, n))
    crimes = Frame(
        recorded=when.astype(np.int64), committed=(when - lag).astype(np.int64), offence=offence.astype(np.int16),
        area=home.astype(np.int8), da=use_prior & prior_da, hba=np.zeros(n, bool), online=np.zeros(n, bool),
        kind=np.full(n, mx.ESCALATION, np.int8),
    )  # fmt: skip
    idx = np.arange(n)
    new_links = Frame(
        crime=np.concatenate([idx, idx]), person=np.concatenate([victim, who]),
        role=np.concatenate([np.full(n, VICTIM), np.full(n, SUSPECT)]).astype(np.int8),
        linked=np.concatenate([when, when]).astype(np.int64),
    )  # fmt: skip
    return world.add_crimes(crimes, new_links)
