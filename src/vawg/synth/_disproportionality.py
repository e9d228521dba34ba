"""The planted disproportionality (issue 13): a known sex gap in DA outcomes and ethnicity that is
missing not at random — so the equality analysis has a truth to recover.

Both plants *re-assign* values already drawn, from their own random stream, so every calibrated
total stays exactly as it was:

* **Charge gap.** Within each financial-year DA cohort the crimes with a positive outcome keep
  their codes as a multiset (so the cohort's positive rate and the 76% outcome-1 share hold
  exactly); only *which* crimes carry a charge code changes. Crimes whose suspects are all female get
  a charge (outcome 1 or 1A) at ``FEMALE_CHARGE_SHARE_RATIO`` times the share of crimes whose suspects are all male,
  at any offence (the weight does not depend on the offence, so it holds "at the same offence
  severity"). The other positive codes (cautions, community resolutions …) fall to the rest, so
  female suspects are charged less and cautioned more.
* **Missing ethnicity.** Each pool of people keeps its exact number of "not stated" records, but
  who they are is redrawn: people never arrested (ethnicity is asked for in custody) and people of
  some groups are more often not stated. Everyone has a true group (``truth/ethnicity.parquet``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from vawg.contract import CENSUS_ETHNICITY_GROUP, ETHNICITY_GROUPS
from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, choose_exact, weighted_pick, weighted_sample
from vawg.synth._outcomes import DA_POSITIVE_RATE, Outcomes
from vawg.synth._people import CODE_SHARE, ETHNICITY_VALUES, GROUP_SHARE
from vawg.synth._series import years_active
from vawg.synth._world import SUSPECT, World

STREAM = 1013  # np.random.default_rng([seed, STREAM]): this module's own stream
FEMALE_CHARGE_SHARE_RATIO = 0.6  # female / male share of charges (1, 1A) among positive DA outcomes
NOT_STATED_IF_ARRESTED = 0.3  # relative chance of a not-stated record for someone ever arrested
NOT_STATED_BY_GROUP = {"White": 1.0, "Asian": 1.0, "Black": 1.3, "Mixed": 1.6, "Other": 2.0}
F, M = 0, 1  # indexes into SEXES


def suspect_sex_class(world: World) -> np.ndarray:
    """Per crime: F (0) when every suspect is female, M (1) when every suspect is male, else -1."""
    links, sex = world.links, world.people.frame["sex"]
    sus = links["role"] == SUSPECT
    crime, s = links["crime"][sus], sex[links["person"][sus]]
    n = world.crimes.rows
    count = np.bincount(crime, minlength=n)
    female = np.bincount(crime, weights=(s == F), minlength=n)
    male = np.bincount(crime, weights=(s == M), minlength=n)
    out = np.full(n, -1, np.int8)
    out[(count > 0) & (female == count)] = F
    out[(count > 0) & (male == count)] = M
    return out


def plant_charge_gap(world: World, res: Outcomes, rng: np.random.Generator) -> dict[str, int]:
    """Re-assign the charge codes among each DA cohort's positive crimes (see the module docstring).

    Returns the realised crime-level counts, for ``truth/equality.json``.
    """
    c = world.crimes
    n = len(res.code)
    sex = suspect_sex_class(world)[:n]
    positive = np.isin(res.code, mx.out(*mx.POSITIVE))
    fy = years_active(c["recorded"][:n])
    charge = mx.out("1", "1A")
    for year in DA_POSITIVE_RATE:
        pool = np.flatnonzero(c["da"][:n] & (fy == year) & positive & (sex >= 0))
        codes = res.code[pool]
        charged_codes = np.isin(codes, charge)
        k = int(charged_codes.sum())
        fem, mal = pool[sex[pool] == F], pool[sex[pool] == M]
        r = FEMALE_CHARGE_SHARE_RATIO
        k_f = round(k * r * len(fem) / (r * len(fem) + len(mal))) if len(pool) else 0
        k_f = max(k - len(mal), min(k_f, len(fem)))
        charged = np.concatenate([choose_exact(rng, fem, k_f), choose_exact(rng, mal, k - k_f)])
        rest = np.setdiff1d(pool, charged)
        res.code[charged] = rng.permutation(codes[charged_codes])
        res.code[rest] = rng.permutation(codes[~charged_codes])
    # A history row must have another code than the final one (as _outcomes._histories keeps it).
    o21, o10 = mx.out("21", "10")
    same = (res.hist_code >= 0) & (res.hist_code == res.code)
    res.hist_code[same] = np.where(res.code[same] == o21, o10, o21)
    da = c["da"][:n] & (res.code >= 0)
    return {
        f"{label}_da_crimes": int((da & (sex == s)).sum()) for label, s in (("female", F), ("male", M))
    } | {f"{label}_da_charged": int((da & (sex == s) & np.isin(res.code, charge)).sum()) for label, s in (("female", F), ("male", M))}  # fmt: skip


def _true_groups(rng: np.random.Generator, ethnicity: np.ndarray) -> np.ndarray:
    """Index into ETHNICITY_GROUPS of each person's true group (drawn for the not-stated)."""
    order = list(ETHNICITY_GROUPS)
    group_of_value = np.array(
        [-1, -1, *(order.index(CENSUS_ETHNICITY_GROUP.get(v, v)) for v in ETHNICITY_VALUES[2:])], np.int16
    )
    true = group_of_value[ethnicity]
    missing = np.flatnonzero(true < 0)
    share = np.array([GROUP_SHARE[g] for g in order])
    true[missing] = weighted_pick(rng, share, len(missing))
    return true


def _stated_value(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    """A recorded ethnicity (group word 30%, else an 18+1 code) for people of ``groups``."""
    values = list(ETHNICITY_VALUES)
    out = np.empty(len(groups), np.int16)
    as_word = rng.random(len(groups)) < 0.30
    for g, name in enumerate(ETHNICITY_GROUPS):
        sel = np.flatnonzero(groups == g)
        word = as_word[sel]
        out[sel[word]] = values.index(name)
        codes = CODE_SHARE[name]
        picks = weighted_pick(rng, np.array(list(codes.values())), int((~word).sum()))
        out[sel[~word]] = np.array([values.index(code) for code in codes])[picks]
    return out


def plant_missing_ethnicity(world: World, custody: Frame, rng: np.random.Generator) -> np.ndarray:
    """Redraw who is "not stated" in each pool (counts kept); return every person's true group."""
    people = world.people.frame
    eth = people["ethnicity"]
    true = _true_groups(rng, eth)
    arrested = np.zeros(len(eth), bool)
    arrested[custody["person"]] = True
    weight = np.array([NOT_STATED_BY_GROUP[g] for g in ETHNICITY_GROUPS])[true]
    weight = weight * np.where(arrested, NOT_STATED_IF_ARRESTED, 1.0)
    new = eth.copy()
    for pool in np.unique(people["pool"]):
        members = np.flatnonzero(people["pool"] == pool)
        was = members[eth[members] <= 1]
        now = members[weighted_sample(rng, weight[members], len(was))]
        newly_stated = np.setdiff1d(was, now)
        new[newly_stated] = _stated_value(rng, true[newly_stated])
        new[now] = rng.permutation(eth[was])  # the blank / "NS" mix of the pool, kept
    people["ethnicity"] = new
    return true


def write_equality_truth(world: World, out: Path, pid: Callable[[np.ndarray], pa.Array]) -> None:
    """truth/equality.json (the planted parameters, realised counts) and truth/ethnicity.parquet
    (every person's true ethnic group and whether it was recorded)."""
    truth = dict(world.equality_truth)
    true = truth.pop("true_ethnicity", None)
    planted = {
        "female_charge_share_ratio": FEMALE_CHARGE_SHARE_RATIO,
        "definition": "among DA crimes with a positive outcome, the share charged or summonsed (outcome 1 or "
        "1A) when every suspect is female, divided by the share when every suspect is male; the "
        "same at every offence. Ethnicity of suspects and victims has no effect on any outcome.",
        "not_stated_if_arrested": NOT_STATED_IF_ARRESTED,
        "not_stated_by_group": NOT_STATED_BY_GROUP,
        "realised": truth,
    }
    (out / "truth" / "equality.json").write_text(json.dumps(planted, indent=2) + "\n", encoding="utf-8")
    if true is None:
        return
    eth = world.people.frame["ethnicity"]
    order = np.arange(len(eth))
    table = pa.table({
        "person_id": pid(order), "true_group": pa.array(np.array(ETHNICITY_GROUPS)[np.asarray(true)]),
        "recorded": pa.array(eth > 1),
    })  # fmt: skip
    pq.write_table(table.sort_by("person_id"), out / "truth" / "ethnicity.parquet", compression="zstd")


__all__ = [
    "FEMALE_CHARGE_SHARE_RATIO",
    "NOT_STATED_BY_GROUP",
    "NOT_STATED_IF_ARRESTED",
    "STREAM",
    "plant_charge_gap",
    "plant_missing_ethnicity",
    "suspect_sex_class",
    "write_equality_truth",
]
