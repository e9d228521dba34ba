"""The planted disproportionality re-assigns values already drawn: every calibrated count stays."""

from __future__ import annotations

import numpy as np
import pytest

from vawg.synth import _mixes as mx
from vawg.synth._arrays import STREAMS, Frame, stream
from vawg.synth._crimes import build_crimes
from vawg.synth._disproportionality import (
    FEMALE_CHARGE_SHARE_RATIO,
    STREAM,
    plant_charge_gap,
    plant_missing_ethnicity,
    suspect_sex_class,
)
from vawg.synth._outcomes import assign_outcomes
from vawg.synth._series import years_active
from vawg.synth._world import World


@pytest.fixture(scope="module")
def world() -> World:
    w = World(seed=5, scale=0.05)
    build_crimes(w, {name: stream(5, name) for name in STREAMS})
    return w


def test_charge_gap_keeps_every_cohort_total(world: World) -> None:
    res = assign_outcomes(world, stream(5, "outcomes"))
    before = res.code.copy()
    plant_charge_gap(world, res, np.random.default_rng([5, STREAM]))
    fy = years_active(world.crimes["recorded"][: len(before)])
    for year in np.unique(fy):
        cohort = world.crimes["da"][: len(before)] & (fy == year)
        assert sorted(before[cohort]) == sorted(res.code[cohort])  # the same codes, moved
    assert (before[~world.crimes["da"][: len(before)]] == res.code[~world.crimes["da"][: len(before)]]).all()
    # Among positive DA outcomes, women's charge share is the planted fraction of men's.
    sex = suspect_sex_class(world)[: len(before)]
    positive = world.crimes["da"][: len(before)] & np.isin(res.code, mx.out(*mx.POSITIVE))
    charged = np.isin(res.code, mx.out("1", "1A"))
    share = [charged[positive & (sex == s)].mean() for s in (0, 1)]
    assert share[0] / share[1] == pytest.approx(FEMALE_CHARGE_SHARE_RATIO, abs=0.05)
    assert not ((res.hist_code >= 0) & (res.hist_code == res.code)).any()


def test_missing_ethnicity_keeps_each_pool_count(world: World) -> None:
    people = world.people.frame
    before = people["ethnicity"].copy()
    arrested_people = np.flatnonzero(people["pool"] == 0)[:200]
    custody = Frame(person=arrested_people)
    true = plant_missing_ethnicity(world, custody, np.random.default_rng([5, STREAM]))
    after = people["ethnicity"]
    for pool in np.unique(people["pool"]):
        members = people["pool"] == pool
        assert ((before[members] <= 1).sum()) == ((after[members] <= 1).sum())
        assert sorted(before[members & (before <= 1)]) == sorted(after[members & (after <= 1)])
    stated = after > 1
    assert (true >= 0).all() and stated.any()
    # Arrested people are recorded more often (the planted not-at-random missingness).
    arrested = np.zeros(len(after), bool)
    arrested[arrested_people] = True
    pool0 = people["pool"] == 0
    assert (after[arrested & pool0] <= 1).mean() < (after[~arrested & pool0] <= 1).mean()
    people["ethnicity"] = before  # leave the module's world as it was
