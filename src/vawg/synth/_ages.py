"""Victims' ages, calibrated to the board paper's age profile (para 54).

Of victim links on VAWG crimes recorded in 2022/23 with an age, 18.8% are aged 18–24 and 49.5% are
18–34. Ages live on people (a year of birth) while the target counts links (repeat victims count
repeatedly, and they age between crimes), so each victim's age band is drawn from a profile ``q``
that is adjusted a few times until the *link* shares match the target: iterative proportional
fitting with the same random numbers each round, so the result is deterministic.

Victims with a fixed age (children, whose offence code fixes it) and victims who are also suspects
keep their age; the rest respect their minimum age (16 for domestic abuse, 13 for sexual assault …).
"""

from __future__ import annotations

import numpy as np

from vawg.reference import vawg_categories
from vawg.synth import _mixes as mx
from vawg.synth._arrays import group_min
from vawg.synth._calendar import day_of_year, year_of
from vawg.synth._people import age_on
from vawg.synth._series import years_active
from vawg.synth._world import SUSPECT, VICTIM, World

BANDS = ((0, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 90))
BAND_LABELS = ("0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
TARGET = np.array([0.120, 0.188, 0.307, 0.190, 0.110, 0.055, 0.030])
ROUNDS = 6


def age_day(world: World) -> np.ndarray:
    """The day each link's age is taken on: when the offence began, else when it was recorded."""
    c = world.crimes
    crime = world.links["crime"]
    return np.where(c["committed"][crime] >= 0, c["committed"][crime], c["recorded"][crime])


def vawg_crime(world: World) -> np.ndarray:
    """VAWG crimes: a VAWG offence code, or the DA or HBA flag (interfaces: metric definitions)."""
    c = world.crimes
    return np.isin(c["offence"], mx.off(*vawg_categories()["offence_code"])) | c["da"] | c["hba"]


def band_shares(ages: np.ndarray) -> np.ndarray:
    known = ages[ages >= 0]
    edges = np.array([lo for lo, _ in BANDS[1:]])
    return np.bincount(np.searchsorted(edges, known, side="right"), minlength=len(BANDS)) / max(len(known), 1)


def calibrate_victim_ages(world: World, rng: np.random.Generator) -> np.ndarray:
    """Set the birth years of flexible victims; return the realised 2022/23 link shares by band."""
    people, links, c = world.people.frame, world.links, world.crimes
    is_suspect = np.zeros(world.people.count, bool)
    is_suspect[links["person"][links["role"] == SUSPECT]] = True
    flexible = (people["age_min"] > 0) & ~is_suspect & (people["birth_year"] > 0)
    vic = links["role"] == VICTIM
    on = age_day(world)
    ref = group_min(links["person"][vic], on[vic], world.people.count)
    who = np.flatnonzero(flexible & (ref < np.iinfo(np.int64).max))
    ref = ref[who]
    age_min = people["age_min"][who].astype(np.int64)
    u_band, u_age = rng.random(len(who)), rng.random(len(who))
    bdoy = rng.integers(0, 365, len(who)).astype(np.int16)
    before_birthday = day_of_year(ref) < bdoy
    birth_year, birth_doy = people["birth_year"].copy(), people["birth_doy"].copy()
    measured = vic & vawg_crime(world)[links["crime"]] & (years_active(c["recorded"][links["crime"]]) == 2022)
    m_person, m_day = links["person"][measured], on[measured]
    lo = np.array([b[0] for b in BANDS])
    hi = np.array([b[1] for b in BANDS])
    q = TARGET.copy()
    realised = TARGET
    groups = [(m, np.flatnonzero(age_min == m)) for m in np.unique(age_min)]
    band = np.zeros(len(who), np.int64)
    for _ in range(ROUNDS + 1):
        for m, members in groups:  # one step per minimum age (a handful), not per person
            w = q * (hi >= m)
            band[members] = np.searchsorted(np.cumsum(w) / w.sum(), u_band[members], side="right")
        band = band.clip(0, len(BANDS) - 1)
        low = np.maximum(lo[band], np.maximum(age_min, np.where(band == 0, 10, 0)))
        age = low + np.floor(u_age * (hi[band] - low + 1)).astype(np.int64)
        birth_year[who] = year_of(ref) - age - before_birthday
        birth_doy[who] = bdoy
        realised = band_shares(age_on(birth_year[m_person], birth_doy[m_person], m_day))
        q = q * TARGET / np.maximum(realised, 1e-9)
        q /= q.sum()
    people["birth_year"], people["birth_doy"] = birth_year, birth_doy
    return realised
