"""Make the synthetic force in memory, stage by stage, in an order that keeps the truths honest.

Crimes first; then their outcomes, orders and intelligence; then the planted escalation, which
reads only those earlier records (as of each decision date) and adds serious sexual offences; then
victims' ages, arrests, programmes, incidents and actions, which may depend on everything before.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from vawg.synth._actions import build_actions
from vawg.synth._ages import calibrate_victim_ages
from vawg.synth._arrays import STREAMS, stream
from vawg.synth._crimes import build_crimes
from vawg.synth._custody import build_custody
from vawg.synth._disproportionality import STREAM as EQUALITY_STREAM
from vawg.synth._disproportionality import plant_charge_gap, plant_missing_ethnicity
from vawg.synth._escalation_plant import plant_escalation
from vawg.synth._incidents import build_incidents
from vawg.synth._intel import build_intelligence
from vawg.synth._orders import build_orders
from vawg.synth._outcomes import assign_outcomes, extend
from vawg.synth._programmes import build_interventions
from vawg.synth._world import World

STAGES = ("crimes", "outcomes", "orders", "intelligence", "escalation", "ages", "custody", "programmes",
          "incidents", "actions")  # fmt: skip


def generate(
    seed: int, scale: float, step: Callable[[str], None] | None = None
) -> tuple[World, pd.DataFrame]:
    """The whole force as internal frames in ``world.tables``, and the escalation truth frame.

    ``step(name)`` is called as each stage starts (for a progress bar).
    """
    tick = step or (lambda stage: None)
    rngs = {name: stream(seed, name) for name in STREAMS}
    world = World(seed=seed, scale=scale)
    tick("crimes")
    build_crimes(world, rngs)
    tick("outcomes")
    outcomes = assign_outcomes(world, rngs["outcomes"])
    tick("orders")
    orders, breaches = build_orders(world, rngs["orders"], outcomes)
    tick("intelligence")
    intel, _ = build_intelligence(world, rngs["intel"])
    tick("escalation")
    planted, truth = plant_escalation(world, rngs["escalation"], intel, orders, breaches)
    outcomes = extend(outcomes, assign_outcomes(world, rngs["outcomes"], crimes=planted))
    # Issue 13's planted sex gap: charges re-assigned within each DA cohort (totals kept). After the
    # escalation, so its inputs (orders, intelligence) and truth are drawn exactly as before; custody
    # and everything after follow the planted outcomes.
    equality_rng = np.random.default_rng([seed, EQUALITY_STREAM])
    world.equality_truth.update(plant_charge_gap(world, outcomes, equality_rng))
    tick("ages")
    calibrate_victim_ages(world, rngs["ages"])
    tick("custody")
    custody = build_custody(world, rngs["custody"], outcomes, breaches, orders)
    world.equality_truth["true_ethnicity"] = plant_missing_ethnicity(world, custody, equality_rng)
    tick("programmes")
    interventions = build_interventions(world, rngs["programmes"], custody)
    tick("incidents")
    incidents = build_incidents(world.crimes, rngs["incidents"])
    tick("actions")
    actions = build_actions(world.crimes, outcomes.code, outcomes.date, scale, rngs["actions"])
    world.tables.update(
        outcomes=outcomes.frame(), orders=orders, order_breaches=breaches, intelligence=intel, custody=custody,
        interventions=interventions, incidents=incidents, actions=actions,
    )  # fmt: skip
    return world, truth
