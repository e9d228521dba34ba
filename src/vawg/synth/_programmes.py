"""Referrals to perpetrator and diversion programmes: EASI, MATAC, DAOM and New Chance.

* EASI (Early Awareness Stalking Intervention) takes stalking suspects from April 2021; by the
  extract exactly ``round(63 × scale)`` have completed it (para 31: "sixty-three suspects").
* MATAC takes serial domestic abuse perpetrators: suspects on DA crimes against two or more
  victims within three years (domain facts §4), the most prolific first.
* DAOM (domestic abuse offender management) takes repeat DA suspects (four or more DA crimes).
* New Chance takes women referred from custody (see ``_custody``).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from vawg.contract._codes import INTERVENTION_STATUS
from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, choose_exact, weighted_pick, weighted_sample
from vawg.synth._calendar import P1, day
from vawg.synth._world import SUSPECT, VICTIM, World

PROGRAMMES = ("EASI", "MATAC", "DAOM", "NEW_CHANCE")
ST = {s: i for i, s in enumerate(INTERVENTION_STATUS)}
EASI_FROM, EASI_TO = day(date(2021, 4, 1)), day(date(2023, 2, 28))
EASI_REFERRALS, EASI_COMPLETIONS = 150, 63
MATAC_SHARE, DAOM_SHARE = 0.20, 0.12


def _frame(person: np.ndarray, programme: str, referred: np.ndarray, completed: np.ndarray,
           status: np.ndarray) -> Frame:  # fmt: skip
    n = len(person)
    return Frame(person=person.astype(np.int64), programme=np.full(n, PROGRAMMES.index(programme), np.int8),
                 referred=referred.astype(np.int64), completed=completed.astype(np.int64),
                 status=status.astype(np.int8))  # fmt: skip


def _progress(rng: np.random.Generator, referred: np.ndarray, p_complete: float,
              duration: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(completed day or -1, status) for referrals: completed if they would finish by the extract."""
    n = len(referred)
    finish = referred + rng.integers(*duration, n)
    completes = (rng.random(n) < p_complete) & (finish <= P1)
    other = np.array([ST["started"], ST["withdrawn"], ST["referred"]], np.int8)
    status = other[weighted_pick(rng, np.array([0.5, 0.35, 0.15]), n)]
    status = np.where(completes, ST["completed"], status)
    return np.where(completes, finish, -1), status


def build_interventions(world: World, rng: np.random.Generator, custody: Frame) -> Frame:
    links = world.links
    sus = links["role"] == SUSPECT
    parts = [_easi(world, rng, links, sus), *_da_programmes(world, rng)]
    ref = np.flatnonzero(custody["referral"])
    done, status = _progress(rng, custody["day"][ref], 0.45, (30, 120))
    parts.append(_frame(custody["person"][ref], "NEW_CHANCE", custody["day"][ref], done, status))
    frame = Frame.concat(parts)
    key = pd.DataFrame({"p": frame["person"], "g": frame["programme"], "d": frame["referred"]})
    first = np.flatnonzero(~key.duplicated().to_numpy())
    return frame.take(first)


def _easi(world: World, rng: np.random.Generator, links: Frame, sus: np.ndarray) -> Frame:
    """Stalking suspects referred after a stalking crime; exactly round(63 × scale) complete."""
    c = world.crimes
    stalk = sus & (c["offence"][links["crime"]] == mx.off("8Q")[0])
    referred = c["recorded"][links["crime"][stalk]] + rng.integers(7, 60, int(stalk.sum()))
    person = links["person"][stalk]
    ok = (referred >= EASI_FROM) & (referred <= EASI_TO)
    table = pd.DataFrame({"person": person[ok], "referred": referred[ok]}).drop_duplicates("person")
    rows = choose_exact(rng, np.arange(len(table)), world.count(EASI_REFERRALS))
    person, referred = table["person"].to_numpy()[rows], table["referred"].to_numpy()[rows]
    finish = referred + rng.integers(56, 140, len(rows))
    completes = choose_exact(rng, np.flatnonzero(finish <= P1), round(EASI_COMPLETIONS * world.scale))
    done = np.full(len(rows), -1, np.int64)
    done[completes] = finish[completes]
    recent = referred > P1 - 120
    status = np.where(recent, np.where(rng.random(len(rows)) < 0.5, ST["started"], ST["referred"]),
                      np.where(rng.random(len(rows)) < 0.6, ST["withdrawn"], ST["started"]))  # fmt: skip
    status[completes] = ST["completed"]
    return _frame(person, "EASI", referred, done, status)


def _da_programmes(world: World, rng: np.random.Generator) -> list[Frame]:
    """MATAC for serial DA perpetrators (2+ victims in 3 years), DAOM for repeat DA suspects."""
    c, links = world.crimes, world.links
    victim_of = world.person_of_crime(VICTIM)
    sus = (links["role"] == SUSPECT) & c["da"][links["crime"]]
    da = pd.DataFrame({"person": links["person"][sus], "crime": links["crime"][sus]})
    da["victim"], da["day"] = victim_of[da["crime"]], c["recorded"][da["crime"]]
    da = da.sort_values(["person", "day"], kind="stable")
    # The day a suspect's second distinct victim appears (all data lie within three years).
    first_per_victim = da.drop_duplicates(["person", "victim"])
    nth_victim = first_per_victim.groupby("person").cumcount()
    second = first_per_victim[nth_victim.to_numpy() == 1].set_index("person")["day"]
    counts = da.groupby("person").size()
    out = []
    for programme, eligible_day, share in (
        ("MATAC", second, MATAC_SHARE),
        ("DAOM", da[da.groupby("person").cumcount().to_numpy() == 3].set_index("person")["day"], DAOM_SHARE),
    ):
        people = eligible_day.index.to_numpy()
        weight = counts.reindex(people).to_numpy(float)
        n = round(share * len(people))
        pick = weighted_sample(rng, weight**1.5, n)
        referred = eligible_day.to_numpy()[pick] + rng.integers(14, 90, len(pick))
        inside = referred <= P1
        pick, referred = pick[inside], referred[inside]
        done, status = _progress(rng, referred, 0.45, (90, 270))
        out.append(_frame(people[pick], programme, referred, done, status))
    return out
