"""Intelligence submissions about suspects: drugs, VAWG, weapons, violence, other.

Intelligence follows offending (prolific suspects attract more) and a minority of suspects are
involved in drugs, about whom drugs intelligence keeps arriving: ``drug_intel_12m`` of the risk
features, and a driver of the planted escalation.
"""

from __future__ import annotations

import numpy as np

from vawg.contract._codes import INTEL_TOPIC
from vawg.synth import _people as pp
from vawg.synth._arrays import Frame, repeat_index, weighted_pick
from vawg.synth._calendar import P0, P1
from vawg.synth._world import SUSPECT, World

YEARS = (P1 - P0 + 1) / 365.25
TOPIC = {t: i for i, t in enumerate(INTEL_TOPIC)}
NON_DRUG_TOPICS = {"vawg": 0.40, "violence": 0.27, "weapons": 0.08, "other": 0.22, "drugs": 0.03}


def build_intelligence(world: World, rng: np.random.Generator) -> tuple[Frame, np.ndarray]:
    """(intelligence frame, drug-involved flag per person)."""
    links, people = world.links, world.people.frame
    sus = links["role"] == SUSPECT
    n_crimes = np.bincount(links["person"][sus], minlength=world.people.count)
    suspects = np.flatnonzero(n_crimes > 0)
    general = people["pool"][suspects] == pp.GENERAL_SUSPECT
    p_drugs = np.clip(0.07 + 0.10 * general + 0.03 * np.log1p(n_crimes[suspects]), 0, 0.6)
    drugs = rng.random(len(suspects)) < p_drugs
    # Yearly rates: general intelligence grows with offending; drugs intelligence for the involved.
    rate = 0.06 * (1 + n_crimes[suspects]) ** 0.7 * rng.lognormal(0, 0.8, len(suspects))
    drug_rate = np.where(drugs, 0.9 * rng.lognormal(0, 0.6, len(suspects)), 0.0)
    n_general, n_drugs = rng.poisson(rate * YEARS), rng.poisson(drug_rate * YEARS)
    topics = np.array([TOPIC[t] for t in NON_DRUG_TOPICS], np.int8)
    general_topic = topics[weighted_pick(rng, np.array(list(NON_DRUG_TOPICS.values())), int(n_general.sum()))]
    person = np.concatenate([suspects[repeat_index(n_general)], suspects[repeat_index(n_drugs)]])
    topic = np.concatenate([general_topic, np.full(int(n_drugs.sum()), TOPIC["drugs"], np.int8)])
    day = rng.integers(P0, P1 + 1, len(person))
    involved = np.zeros(world.people.count, bool)
    involved[suspects[drugs]] = True
    return Frame(person=person, date=day.astype(np.int64), topic=topic), involved
