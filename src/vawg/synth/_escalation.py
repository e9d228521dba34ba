"""The planted escalation truth: stalking antecedents → later serious sexual offending.

The board paper (para 52) describes a model "predicting serious sexual offending based on a
perpetrator's stalking antecedents". The synthetic force contains a true relationship of that shape
for a later model to find, generated honestly in time as a risk that is reassessed every quarter:

1. Decision dates are the quarter starts from 1 October 2020 (six months into the data, so every
   record has some history) to 1 January 2023. On each, everyone who was a suspect on a stalking or
   harassment crime (8Q, 8L, 8M, 8R) recorded **before** it is *at risk*.
2. Their features are computed **as of the decision date from the generated records dated before
   it** (crimes, order breaches, intelligence), with the risk features' definitions
   (``vawg.risk.person_features``): ``stalking_offences_total``, ``distinct_victims_3y``,
   ``da_suspect_3y``, ``orders_breached``, ``drug_intel_12m`` and ``age`` (the year's − birth year).
3. ``logit p = intercept + Σ coefficient × term`` with the terms of ``ESCALATION_TERMS`` (see
   ``PLANTED_ESCALATION``): ``p`` is the probability of escalating within 12 months *if the record
   stayed as it is*. The quarter's event is drawn with the matching constant hazard,
   ``1 − (1 − p) ** (days in the quarter / 365)``, so risk follows the record as it grows.
4. A person's first event is a serious sexual offence (rape 19C/19F, sexual assault 20A/17A, or 22A)
   recorded with them as suspect on a day of that quarter, against one of their earlier victims
   (domestic, if that victim was) or a new victim, mostly female. They are then no longer at risk
   (one planted offence per person).

The background sexual offending of the synthetic force comes from a separate pool of offenders, so
every serious sexual offence by a person with stalking antecedents is a planted event, and
``truth/escalation.parquet`` holds the whole truth: one row per person and quarter at risk (up to
and including the quarter of their event) with the decision date, features, logit, p and label.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from vawg.synth import _mixes as mx
from vawg.synth import _people as pp
from vawg.synth._arrays import Frame, group_min, weighted_pick
from vawg.synth._calendar import EXTRACT_DATE, day, year_of
from vawg.synth._intel import TOPIC
from vawg.synth._world import SUSPECT, VICTIM, World

YOUNG_PERSISTENT = "age<30:stalking_offences_total>=2"

PLANTED_ESCALATION = MappingProxyType({
    "intercept": -7.95,
    "stalking_offences_total": 1.00,
    "distinct_victims_3y": 0.40,
    "da_suspect_3y": 0.60,
    "orders_breached": 1.20,
    "drug_intel_12m": 0.90,
    "age": -0.40,
    YOUNG_PERSISTENT: 2.50,
})  # fmt: skip
"""Coefficients of the planted escalation model, by risk-feature name (``vawg.risk.person_features``).

Each coefficient multiplies the term of ``ESCALATION_TERMS`` (``log1p`` of counts, an indicator, a
capped count, age in decades from 30; unknown age contributes 0). ``"age<30:stalking_offences_total>=2"``
is the interaction: young people with repeated stalking (about 14% of those at risk) carry most of
the escalation, a shape a logistic regression on main effects cannot represent and gradient boosting
can find. ``"intercept"`` sets the base rate: about a thousand events at scale 1.
"""

ESCALATION_TERMS = MappingProxyType({
    "stalking_offences_total": "log1p(stalking_offences_total)",
    "distinct_victims_3y": "min(distinct_victims_3y, 5)",
    "da_suspect_3y": "1 if da_suspect_3y > 0 else 0",
    "orders_breached": "log1p(orders_breached)",
    "drug_intel_12m": "1 if drug_intel_12m > 0 else 0",
    "age": "(age - 30) / 10, 0 if age unknown",
    YOUNG_PERSISTENT: "1 if age < 30 and stalking_offences_total >= 2 else 0 (0 if age unknown)",
})  # fmt: skip
"""The term each coefficient of PLANTED_ESCALATION multiplies."""

FEATURES = ("stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
            "drug_intel_12m", "age")  # fmt: skip
FIRST_DECISION = date(2020, 10, 1)  # six months into the data: every record has some history
CODES_FOR_FEMALE = {"19C": 0.55, "20A": 0.35, "22A": 0.10}
CODES_FOR_MALE = {"19F": 0.45, "17A": 0.40, "22A": 0.15}


def escalation_terms(features: pd.DataFrame) -> pd.DataFrame:
    """The model terms of PLANTED_ESCALATION from a frame of the six features (one column per key)."""
    age = pd.to_numeric(features["age"], errors="coerce").astype(float).to_numpy()
    stalking = features["stalking_offences_total"].to_numpy(float)
    young = np.nan_to_num(age, nan=np.inf) < 30
    return pd.DataFrame({
        "stalking_offences_total": np.log1p(stalking),
        "distinct_victims_3y": np.minimum(features["distinct_victims_3y"].to_numpy(float), 5),
        "da_suspect_3y": (features["da_suspect_3y"].to_numpy(float) > 0).astype(float),
        "orders_breached": np.log1p(features["orders_breached"].to_numpy(float)),
        "drug_intel_12m": (features["drug_intel_12m"].to_numpy(float) > 0).astype(float),
        "age": np.nan_to_num((age - 30) / 10, nan=0.0),
        YOUNG_PERSISTENT: (young & (stalking >= 2)).astype(float),
    }, index=features.index)  # fmt: skip


def escalation_logit(features: pd.DataFrame) -> np.ndarray:
    """The planted log-odds for each row of a frame of the six features."""
    terms = escalation_terms(features)
    coef = np.array([PLANTED_ESCALATION[k] for k in terms.columns])
    return PLANTED_ESCALATION["intercept"] + terms.to_numpy() @ coef


def _years_before(t: int, years: int) -> int:
    """The day ``years`` calendar years before day ``t`` (SQL's ``t - INTERVAL n YEAR``)."""
    d = np.datetime64(t, "D").astype(date)
    leap_day = d.month == 2 and d.day == 29  # SQL falls back to 28 February
    return day(d.replace(year=d.year - years, day=28 if leap_day else d.day))


def features_as_of(world: World, intel: Frame, orders: Frame, breaches: Frame, person: np.ndarray,
                   as_of: np.ndarray) -> pd.DataFrame:  # fmt: skip
    """The six features of each (person, as_of) pair from the generated records dated before as_of,
    with the definitions of ``vawg.risk.person_features``; rows in (person, as_of) order.

    Each decision date is one pass of counts over the records in its window (numpy bincounts). A
    DuckDB join of every decision with every earlier crime gave the same frame but took three times
    as long and up to 6 GB at scale 30 (ten million person-quarters).
    """
    c, links, people = world.crimes, world.links, world.people.frame
    n = world.people.count
    sus = links["role"] == SUSPECT
    s_person, s_crime = links["person"][sus], links["crime"][sus]
    s_day, s_da = c["recorded"][s_crime], c["da"][s_crime]
    s_stalking = np.isin(c["offence"][s_crime], mx.off(*mx.STALKING_CODES))
    # (suspect, victim, day) of every crime with both: distinct victims are distinct pairs.
    vic = links["role"] == VICTIM
    victim_of = pd.DataFrame({"crime": links["crime"][vic], "victim": links["person"][vic]})
    pairs = pd.DataFrame({"crime": s_crime, "person": s_person}).merge(victim_of, on="crime")
    pair_key = pairs["person"].to_numpy(np.int64) * n + pairs["victim"].to_numpy(np.int64)
    pair_day = c["recorded"][pairs["crime"].to_numpy()]
    order = np.argsort(pair_key, kind="stable")  # sorted once: distinct pairs are runs of equal keys
    pair_key, pair_day = pair_key[order], pair_day[order]
    b_person, b_day = orders["person"][breaches["order"]], breaches["date"]
    drug = intel["topic"] == TOPIC["drugs"]
    d_person, d_day = intel["person"][drug], intel["date"][drug]

    def per_person(who: np.ndarray, keep: np.ndarray) -> np.ndarray:
        return np.bincount(who[keep], minlength=n)

    columns: dict[str, np.ndarray] = {f: np.zeros(len(person), np.int32) for f in FEATURES if f != "age"}
    for t in np.unique(as_of):
        rows = np.flatnonzero(as_of == t)
        who = person[rows]
        before, lo3, lo1 = s_day < t, _years_before(int(t), 3), _years_before(int(t), 1)
        columns["stalking_offences_total"][rows] = per_person(s_person, before & s_stalking)[who]
        columns["da_suspect_3y"][rows] = per_person(s_person, before & s_da & (s_day >= lo3))[who]
        keys = pair_key[(pair_day < t) & (pair_day >= lo3)]
        victims = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
        columns["distinct_victims_3y"][rows] = np.bincount(victims // n, minlength=n)[who]
        columns["orders_breached"][rows] = per_person(b_person, b_day < t)[who]
        columns["drug_intel_12m"][rows] = per_person(d_person, (d_day < t) & (d_day >= lo1))[who]
    birth = people["birth_year"][person].astype(float)
    frame = pd.DataFrame({
        "person": person, "decision_date": np.asarray(as_of, np.int64).astype("datetime64[D]"), **columns,
        "age": pd.array(np.where(birth > 0, year_of(as_of) - birth, np.nan), dtype="Int64"),
    })  # fmt: skip
    return frame.sort_values(["person", "decision_date"], kind="stable", ignore_index=True)


def decision_dates() -> np.ndarray:
    """Quarter starts (days) on which the risk of everyone at risk is reassessed."""
    months = np.arange(np.datetime64(FIRST_DECISION, "M"), np.datetime64(EXTRACT_DATE, "M") + 1, 3)
    return months.astype("datetime64[D]").astype(np.int64)


def plant_escalation(world: World, rng: np.random.Generator, intel: Frame, orders: Frame,
                     breaches: Frame) -> tuple[np.ndarray, pd.DataFrame]:  # fmt: skip
    """Add the planted serious sexual offences to ``world``; return (their crime rows, truth frame)."""
    c, links = world.crimes, world.links
    sh = (links["role"] == SUSPECT) & np.isin(c["offence"][links["crime"]], mx.off(*mx.STALKING_CODES))
    first_sh = group_min(links["person"][sh], c["recorded"][links["crime"][sh]], world.people.count)
    starts = decision_dates()
    ends = np.minimum(np.r_[starts[1:], np.iinfo(np.int64).max], day(EXTRACT_DATE) + 1)
    # Every (person, quarter) at risk: a stalking crime recorded before the quarter starts.
    candidates = np.flatnonzero(first_sh < starts[-1])
    row, quarter = np.nonzero(first_sh[candidates, None] < starts[None, :])
    person = candidates[row]  # in (person, quarter) order, as features_as_of returns its rows
    truth = features_as_of(world, intel, orders, breaches, person, starts[quarter])
    if not np.array_equal(truth["person"].to_numpy(np.int64), person):
        raise AssertionError("escalation features are not in (person, decision date) order")
    truth["logit"] = escalation_logit(truth)
    truth["p"] = 1 / (1 + np.exp(-truth["logit"]))
    # A constant hazard over the year: the quarter's event probability from the 12-month p.
    hazard = 1 - (1 - truth["p"].to_numpy()) ** ((ends[quarter] - starts[quarter]) / 365.0)
    event = rng.random(len(truth)) < hazard
    # One planted offence per person: their first quarter with an event; later quarters are dropped.
    first = pd.Series(np.where(event, quarter, len(starts))).groupby(person).transform("min").to_numpy()
    keep = quarter <= first
    truth, person, quarter = truth[keep].reset_index(drop=True), person[keep], quarter[keep]
    truth["label"] = (quarter == first[keep]).astype(np.int8)
    pos = np.flatnonzero(truth["label"].to_numpy() == 1)
    start, length = starts[quarter[pos]], ends[quarter[pos]] - starts[quarter[pos]]
    when = start + np.floor(rng.random(len(pos)) * length).astype(np.int64)
    rows = _offences(world, rng, person[pos], when)
    truth["crime_row"] = np.full(len(truth), -1, np.int64)
    truth["event_day"] = np.full(len(truth), -1, np.int64)
    truth.loc[pos, "crime_row"], truth.loc[pos, "event_day"] = rows, when
    return rows, truth


def _offences(world: World, rng: np.random.Generator, who: np.ndarray, when: np.ndarray) -> np.ndarray:
    """Serious sexual offences by ``who`` on ``when``; returns the new crime rows."""
    c, links, people = world.crimes, world.links, world.people.frame
    n = len(who)
    # An earlier female victim of theirs (a DA victim preferred: the offence is then domestic).
    sus = links["role"] == SUSPECT
    by_crime_victim = world.person_of_crime(VICTIM)
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
