"""Pieces every kind of recorded crime in ``_crimes`` is built from: renumbering simulated series,
offence and link dates, suspect ages, the crime and link frames, victims, and suspects reused
across pools (prolific offenders cross over between kinds of crime).

Each draws from the generator it is given, in a fixed order: the kinds call them in the same order
every run, which keeps a seed's synthetic force byte-identical.
"""

from __future__ import annotations

import numpy as np

from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, group_min, weighted_pick
from vawg.synth._calendar import AREA_WEIGHTS, P1
from vawg.synth._series import Offending
from vawg.synth._world import SUSPECT, World


def used_series(off: Offending) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Renumber to the series and suspects that have offences in the window:
    (event series, series suspect, suspect slot of each used suspect, first day of each series)."""
    series_ids, ev_series = np.unique(off.event_series, return_inverse=True)
    slot_ids, series_suspect = np.unique(off.suspect[series_ids], return_inverse=True)
    first = group_min(ev_series, off.event_day, len(series_ids))
    return ev_series, series_suspect, slot_ids, first


def committed_days(rng: np.random.Generator, recorded: np.ndarray) -> np.ndarray:
    """Date the offence began: the same day or days before recording; 4% not recorded (-1)."""
    n = len(recorded)
    lag = np.where(rng.random(n) < 0.45, 0, np.ceil(rng.exponential(6.0, n))).astype(np.int64)
    return np.where(rng.random(n) < 0.04, -1, recorded - lag)


def linked_days(rng: np.random.Generator, recorded: np.ndarray, late_share: float = 0.15) -> np.ndarray:
    """Date a suspect was linked: usually on recording, sometimes identified weeks later."""
    n = len(recorded)
    lag = np.ceil(rng.exponential(20.0, n)).astype(np.int64) * (rng.random(n) < late_share)
    return np.minimum(recorded + lag, P1)


def suspect_ages(rng: np.random.Generator, n: int, lowest: int, shape: float, scale: float) -> np.ndarray:
    return np.clip(lowest + rng.gamma(shape, scale, n), lowest, 85).astype(np.int64)


def crime_frame(
    rng: np.random.Generator, recorded: np.ndarray, offence: np.ndarray, area: np.ndarray, da: np.ndarray,
    kind: int, committed: np.ndarray | None = None, hba_share: float = 0.0,
) -> Frame:  # fmt: skip
    n = len(recorded)
    return Frame(
        recorded=recorded.astype(np.int64),
        committed=committed_days(rng, recorded) if committed is None else committed,
        offence=offence.astype(np.int16),
        area=area.astype(np.int8),
        da=da.astype(bool),
        hba=rng.random(n) < hba_share,
        online=rng.random(n) < mx.online_probability(offence),
        kind=np.full(n, kind, np.int8),
    )


def link_frame(crime: np.ndarray, person: np.ndarray, role: int, linked: np.ndarray) -> Frame:
    return Frame(crime=crime.astype(np.int64), person=person.astype(np.int64),
                 role=np.full(len(crime), role, np.int8), linked=linked.astype(np.int64))  # fmt: skip


def series_victims(
    world: World, rng: np.random.Generator, first: np.ndarray, area: np.ndarray, *, pool: int, female: float,
    reuse: float, age_min: int,
) -> np.ndarray:  # fmt: skip
    """One victim per series; a share ``reuse`` are victims of another series (repeat victims of
    different offenders). Ages are set later by the age-profile calibration."""
    n = len(first)
    again = rng.random(n) < reuse
    fresh = np.flatnonzero(~again)
    people = world.people.add(
        rng, pool=pool, area=area[fresh], female=female, age=np.full(len(fresh), 30), on_day=first[fresh],
        not_stated=0.30, birth_unknown=0.05, age_min=age_min,
    )  # fmt: skip
    victim = np.empty(n, np.int64)
    victim[fresh] = people
    victim[again] = people[rng.integers(0, len(people), int(again.sum()))]
    return victim


def crime_area(rng: np.random.Generator, home: np.ndarray) -> np.ndarray:
    """Crimes happen in the suspect's home area, 5% elsewhere."""
    away = rng.random(len(home)) < 0.05
    return np.where(away, weighted_pick(rng, AREA_WEIGHTS, len(home)), home)


def suspects_with_reuse(
    world: World, rng: np.random.Generator, n: int, *, home: np.ndarray, first: np.ndarray,
    reuse: dict[int, float], pool: int, female: float, age: tuple[int, float, float],
) -> np.ndarray:  # fmt: skip
    """Suspect people for ``n`` slots: a share are existing suspects of other pools (weighted by how
    often they are suspects already: prolific offenders cross over), the rest are new."""
    frame, links = world.people.frame, world.links
    u = rng.random(n)
    person = np.full(n, -1, np.int64)
    lo = 0.0
    for from_pool, share in reuse.items():
        sel = np.flatnonzero((u >= lo) & (u < lo + share))
        lo += share
        sus = links["person"][links["role"] == SUSPECT]
        sus = sus[frame["pool"][sus] == from_pool]
        if len(sus) and len(sel):
            person[sel] = sus[rng.integers(0, len(sus), len(sel))]  # one pick per link: prolific weigh more
    fresh = np.flatnonzero(person < 0)
    person[fresh] = world.people.add(
        rng, pool=pool, area=home[fresh], female=female, age=suspect_ages(rng, len(fresh), *age),
        on_day=first[fresh], not_stated=0.15, birth_unknown=0.04,
    )  # fmt: skip
    return person
