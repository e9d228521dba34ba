"""Plant the escalation truth quarter by quarter (the model: ``_escalation``).

Quarter by quarter because the plant feeds itself: an offence planted in one quarter is a serious
sexual prior (and often a new victim, and a DA crime) in every later one, so people stay at risk after
an event and repeat offending follows from the planted prior term. Each quarter's features are
computed from every record dated before it, planted offences of earlier quarters included.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vawg.reference import STALKING_ANTECEDENT_CODES
from vawg.synth import _mixes as mx
from vawg.synth import _people as pp
from vawg.synth._arrays import Frame, group_min, weighted_pick
from vawg.synth._calendar import EXTRACT_DATE, day
from vawg.synth._escalation import decision_dates, escalation_logit
from vawg.synth._escalation_records import Planted, Records
from vawg.synth._world import SUSPECT, VICTIM, World

FEMALE, MALE = pp.SEXES.index("F"), pp.SEXES.index("M")
# The outcome offence as it is recorded: its code follows the victim's sex and the principal's.
# Rape (19C, 19F) needs a male principal; a woman (or someone whose sex is not recorded as male) is
# recorded for sexual assault (20A on a female, 17A on a male) or causing sexual activity (22A).
CODES = {
    (MALE, True): {"19C": 0.55, "20A": 0.35, "22A": 0.10},
    (MALE, False): {"19F": 0.45, "17A": 0.40, "22A": 0.15},
    (FEMALE, True): {"20A": 0.75, "22A": 0.25},
    (FEMALE, False): {"17A": 0.70, "22A": 0.30},
}  # (principal recorded male, victim female) -> code mix; FEMALE stands for "not recorded male"


def plant_escalation(world: World, rng: np.random.Generator, intel: Frame, orders: Frame,
                     breaches: Frame) -> tuple[np.ndarray, pd.DataFrame]:  # fmt: skip
    """Add the planted serious sexual offences to ``world``; return (their crime rows, truth frame)."""
    c, links = world.crimes, world.links
    antecedent = (links["role"] == SUSPECT) & np.isin(
        c["offence"][links["crime"]], mx.off(*STALKING_ANTECEDENT_CODES)
    )
    first = group_min(
        links["person"][antecedent], c["recorded"][links["crime"][antecedent]], world.people.count
    )
    records = Records(world, intel, orders, breaches)
    starts = decision_dates()
    ends = np.minimum(np.r_[starts[1:], np.iinfo(np.int64).max], day(EXTRACT_DATE) + 1)
    planted, quarters, all_rows = Planted.none(), [], []
    for t, end in zip(starts.tolist(), ends.tolist(), strict=True):
        person = np.flatnonzero(first < t)  # at risk: an antecedent crime before the quarter starts
        truth = records.features(person, t, planted)
        truth["logit"] = escalation_logit(truth)
        truth["p"] = 1 / (1 + np.exp(-truth["logit"]))
        # A constant hazard over the year: the quarter's event probability from the 12-month p.
        hazard = 1 - (1 - truth["p"].to_numpy()) ** ((end - t) / 365.0)
        event = np.flatnonzero(rng.random(len(truth)) < hazard)
        when = t + np.floor(rng.random(len(event)) * (end - t)).astype(np.int64)
        rows = _offences(world, rng, person[event], when)
        planted = planted.add(world, rows)
        truth["label"] = np.zeros(len(truth), np.int8)
        truth["crime_row"] = np.full(len(truth), -1, np.int64)
        truth["event_day"] = np.full(len(truth), -1, np.int64)
        truth.loc[event, "label"], truth.loc[event, "crime_row"], truth.loc[event, "event_day"] = (
            1,
            rows,
            when,
        )
        quarters.append(truth)
        all_rows.append(rows)
    frame = pd.concat(quarters, ignore_index=True)
    frame = frame.sort_values(["person", "decision_date"], kind="stable", ignore_index=True)
    return np.concatenate(all_rows), frame


def _offences(world: World, rng: np.random.Generator, who: np.ndarray, when: np.ndarray) -> np.ndarray:
    """Serious sexual offences by ``who`` (distinct) on ``when``; returns the new crime rows."""
    c, links, people = world.crimes, world.links, world.people.frame
    n = len(who)
    # An earlier female victim of theirs (a DA victim preferred: the offence is then domestic).
    sus = links["role"] == SUSPECT
    by_crime_victim = world.person_of_crime(VICTIM)
    mine = sus & np.isin(links["person"], who)
    their_crime = links["crime"][mine]
    their_victim = by_crime_victim[their_crime]
    ok = (their_victim >= 0) & (people["sex"][np.maximum(their_victim, 0)] == FEMALE)
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
    sex = world.people.frame["sex"]
    principal = np.where(sex[who] == MALE, MALE, FEMALE)
    female_victim = sex[victim] == FEMALE
    offence = np.zeros(n, np.int16)
    for (who_sex, on_female), mix in CODES.items():
        sel = np.flatnonzero((principal == who_sex) & (female_victim == on_female))
        offence[sel] = mx.off(*mix)[weighted_pick(rng, np.array(list(mix.values())), len(sel))]
    lag = np.where(rng.random(n) < 0.6, 0, rng.integers(1, 15, n))
    crimes = Frame(
        recorded=when.astype(np.int64), committed=(when - lag).astype(np.int64), offence=offence,
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
