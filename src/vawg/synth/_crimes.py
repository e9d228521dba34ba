"""The force's recorded crime: domestic abuse, stalking and harassment, sexual offences, other crime.

Each kind is simulated as series of offences by suspects against victims (see ``_series``) and then
given people, codes, flags and links (the shared pieces are in ``_crime_parts``). Volumes are yearly
figures at scale 1 (domain facts §1).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from vawg.synth import _mixes as mx
from vawg.synth import _people as pp
from vawg.synth._arrays import Frame, group_min, weighted_pick
from vawg.synth._calendar import day, month_index
from vawg.synth._crime_parts import (
    committed_days,
    crime_area,
    crime_frame,
    link_frame,
    linked_days,
    series_victims,
    suspect_ages,
    suspects_with_reuse,
    used_series,
)
from vawg.synth._pilot import pilot_thinning
from vawg.synth._series import SeriesShape, simulate
from vawg.synth._world import SUSPECT, VICTIM, World

DA_PER_YEAR = 53_000  # DA-flagged crimes other than sexual offences
STALKING_PER_YEAR = 31_500  # non-domestic stalking, harassment and malicious communications
SEXUAL_PER_YEAR = 10_500
GENERAL_PER_YEAR = 20_000  # non-VAWG crime with a suspect (theft, assault, damage, drugs)

DA_SHAPE = SeriesShape(series_per_suspect=(0.3, 0.5), offences_per_series=(0.35, 4.0), gap_days=40,
                       season_amplitude=0.09)  # fmt: skip
STALKING_SHAPE = SeriesShape(
    (0.35, 0.6), (0.45, 4.0), gap_days=12, season_amplitude=0.04, trend_per_year=0.05
)
SEXUAL_SHAPE = SeriesShape((0.2, 0.4), (0.15, 2.0), gap_days=30, season_amplitude=0.05)
GENERAL_SHAPE = SeriesShape((0.01, 0.01), (0.5, 4.0), gap_days=45, season_amplitude=0.05)


def build_crimes(world: World, rngs: dict[str, np.random.Generator]) -> None:
    """Add every kind of crime to ``world`` (domestic abuse first: later kinds reuse its suspects)."""
    domestic_abuse(world, rngs["da"])
    stalking(world, rngs["stalking"])
    sexual(world, rngs["sexual"])
    general(world, rngs["general"])


def domestic_abuse(world: World, rng: np.random.Generator) -> None:
    """DA-flagged crime of every code but sexual offences, in partner and family series."""
    off = simulate(rng, DA_SHAPE, world.volume(DA_PER_YEAR), thin=pilot_thinning)
    ev_series, series_suspect, slots, first = used_series(off)
    first_of_suspect = group_min(series_suspect, first, len(slots))
    home = off.suspect_area[slots]
    # A few suspects are themselves victims in another series (counter-allegations, para 42).
    counter = rng.random(len(slots)) < 0.04
    suspect = np.empty(len(slots), np.int64)
    fresh = np.flatnonzero(~counter)
    suspect[fresh] = world.people.add(
        rng, pool=pp.DA_SUSPECT, area=home[fresh], female=0.19,
        age=suspect_ages(rng, len(fresh), 17, 3.0, 5.8), on_day=first_of_suspect[fresh],
        not_stated=0.15, birth_unknown=0.03,
    )  # fmt: skip
    victim = series_victims(world, rng, first, home[series_suspect], pool=pp.DA_VICTIM, female=0.76,
                            reuse=0.08, age_min=16)  # fmt: skip
    suspect[counter] = victim[rng.integers(0, len(victim), int(counter.sum()))]
    home = world.people.frame["area"][suspect]

    day_, n = off.event_day, len(off.event_day)
    ev_suspect = suspect[series_suspect[ev_series]]
    ev_victim = victim[ev_series]
    offence = mx.off(*mx.DA_MIX)[weighted_pick(rng, np.array(list(mx.DA_MIX.values())), n)]
    crimes = crime_frame(rng, day_, offence, crime_area(rng, home[series_suspect[ev_series]]),
                         np.ones(n, bool), mx.DA, hba_share=0.004)  # fmt: skip
    idx = np.arange(n)
    known = (rng.random(n) < 0.97) & (ev_suspect != ev_victim)
    co = np.flatnonzero(known & (rng.random(n) < 0.015))
    co_people = world.people.add(
        rng, pool=pp.DA_SUSPECT, area=crimes["area"][co], female=0.3,
        age=suspect_ages(rng, len(co), 16, 2.5, 8.0), on_day=day_[co], not_stated=0.2, birth_unknown=0.05,
    )  # fmt: skip
    links = Frame.concat([
        link_frame(idx, ev_victim, VICTIM, day_),
        link_frame(idx[known], ev_suspect[known], SUSPECT, linked_days(rng, day_[known])),
        link_frame(co, co_people, SUSPECT, linked_days(rng, day_[co], 0.5)),
    ])  # fmt: skip
    world.add_crimes(crimes, links)


def stalking(world: World, rng: np.random.Generator) -> None:
    """Non-domestic stalking, harassment and malicious communications; a quarter of the suspects are
    also domestic abuse suspects."""
    off = simulate(rng, STALKING_SHAPE, world.volume(STALKING_PER_YEAR))
    ev_series, series_suspect, slots, first = used_series(off)
    first_of_suspect = group_min(series_suspect, first, len(slots))
    suspect = suspects_with_reuse(
        world, rng, len(slots), home=off.suspect_area[slots], first=first_of_suspect,
        reuse={pp.DA_SUSPECT: 0.25}, pool=pp.STALKER, female=0.15, age=(16, 2.5, 6.5),
    )  # fmt: skip
    home = world.people.frame["area"][suspect]
    series_type = weighted_pick(rng, np.array(list(mx.STALKING_TYPES.values())), len(first))
    type_codes = mx.off(*mx.STALKING_TYPES)
    is_stalking = type_codes[series_type] == mx.off("8Q")[0]
    victim = np.empty(len(first), np.int64)
    for flag, female in ((True, 0.80), (False, 0.68)):
        sel = np.flatnonzero(is_stalking == flag)
        victim[sel] = series_victims(world, rng, first[sel], home[series_suspect[sel]], pool=pp.STALKING_VICTIM,
                                     female=female, reuse=0.06, age_min=12)  # fmt: skip
    day_, n = off.event_day, len(off.event_day)
    other = mx.off(*mx.STALKING_OTHER)[weighted_pick(rng, np.array(list(mx.STALKING_OTHER.values())), n)]
    offence = np.where(rng.random(n) < 0.8, type_codes[series_type[ev_series]], other)
    crimes = crime_frame(rng, day_, offence, crime_area(rng, home[series_suspect[ev_series]]),
                         np.zeros(n, bool), mx.STALKING)  # fmt: skip
    ev_suspect, ev_victim = suspect[series_suspect[ev_series]], victim[ev_series]
    known_share = np.where(type_codes[series_type] == mx.off("8R")[0], 0.80, 0.95)
    known = (rng.random(len(first)) < known_share)[ev_series] & (ev_suspect != ev_victim)
    idx = np.arange(n)
    links = Frame.concat([
        link_frame(idx, ev_victim, VICTIM, day_),
        link_frame(idx[known], ev_suspect[known], SUSPECT, linked_days(rng, day_[known], 0.25)),
    ])  # fmt: skip
    world.add_crimes(crimes, links)


def sexual(world: World, rng: np.random.Generator) -> None:
    """Sexual offences: a code per series fixes the victim's sex and age range; some are reported
    years later; about a quarter of adult-victim series with a known suspect are domestic."""
    off = simulate(rng, SEXUAL_SHAPE, world.volume(SEXUAL_PER_YEAR))
    ev_series, series_suspect, slots, first = used_series(off)
    n_series = len(first)
    codes, weights = mx.mix_arrays(mx.SEXUAL_MIX)
    series_code = weighted_pick(rng, weights, n_series)
    names = list(mx.SEXUAL_MIX)
    historic = rng.random(n_series) < 0.18
    back = np.where(historic, rng.integers(365, 15 * 365, n_series), 0)
    first_committed = first - back
    home = off.suspect_area[slots]
    victim = np.empty(n_series, np.int64)
    for c, name in enumerate(names):
        sel = np.flatnonzero(series_code == c)
        female, lo, hi = mx.SEXUAL_VICTIM[name]
        adult = hi > 17
        ages = rng.integers(lo, min(hi, 17) + 1, len(sel)) if not adult else np.full(len(sel), 30)
        victim[sel] = world.people.add(
            rng, pool=pp.SEXUAL_VICTIM, area=home[series_suspect[sel]], female=female, age=ages,
            on_day=first_committed[sel], not_stated=0.30, birth_unknown=0.04, age_min=lo if adult else 0,
        )  # fmt: skip
    # Sex offenders are a pool of their own (see _escalation: serious sexual offending by people with
    # stalking antecedents is planted, so the background must not add any).
    first_of_suspect = group_min(series_suspect, first_committed, len(slots))  # of age 14+ when it began
    suspect = world.people.add(
        rng, pool=pp.SEX_OFFENDER, area=home, female=0.03, age=suspect_ages(rng, len(slots), 14, 2.2, 10.0),
        on_day=first_of_suspect, not_stated=0.2, birth_unknown=0.05,
    )  # fmt: skip
    # Rape (19C-19H) is recorded against a male principal: a suspect of a rape series is a man. Set,
    # not drawn, so nothing else of the stream moves.
    rape_slots = np.unique(series_suspect[np.isin(codes[series_code], mx.off(*mx.RAPE))])
    sex = world.people.frame["sex"]
    woman = suspect[rape_slots][sex[suspect[rape_slots]] == pp.SEXES.index("F")]
    sex[woman] = pp.SEXES.index("M")
    day_, n = off.event_day, len(off.event_day)
    committed = np.where(historic[ev_series], day_ - back[ev_series], committed_days(rng, day_))
    adult_victim = np.array([mx.SEXUAL_VICTIM[c][1] >= 16 for c in names])[series_code]
    known_series = rng.random(n_series) < 0.72
    da_series = known_series & adult_victim & (rng.random(n_series) < 0.25)
    crimes = crime_frame(rng, day_, codes[series_code[ev_series]], crime_area(rng, home[series_suspect[ev_series]]),
                         da_series[ev_series], mx.SEXUAL, committed=committed)  # fmt: skip
    idx = np.arange(n)
    known = known_series[ev_series]
    links = Frame.concat([
        link_frame(idx, victim[ev_series], VICTIM, day_),
        link_frame(idx[known], suspect[series_suspect[ev_series]][known], SUSPECT, linked_days(rng, day_[known], 0.3)),
    ])  # fmt: skip
    world.add_crimes(crimes, links)


def general(world: World, rng: np.random.Generator) -> None:
    """Non-VAWG crime with a suspect: shoplifting, theft, assault, damage, drugs. Recorded crime rose
    in January and February 2023 (para 41), so these months carry a third more."""
    uplift_months = month_index(np.array([day(date(2023, 1, 1)), day(date(2023, 2, 1))]))

    def uplift(days: np.ndarray, area: np.ndarray, repeat: np.ndarray) -> np.ndarray:
        return np.where(np.isin(month_index(days), uplift_months), 1.0, 1 / 1.35)

    off = simulate(rng, GENERAL_SHAPE, world.volume(GENERAL_PER_YEAR), thin=uplift)
    ev_series, series_suspect, slots, first = used_series(off)
    first_of_suspect = group_min(series_suspect, first, len(slots))
    suspect = suspects_with_reuse(
        world, rng, len(slots), home=off.suspect_area[slots], first=first_of_suspect,
        reuse={pp.DA_SUSPECT: 0.15, pp.STALKER: 0.05}, pool=pp.GENERAL_SUSPECT, female=0.30, age=(15, 2.0, 8.0),
    )  # fmt: skip
    home = world.people.frame["area"][suspect]
    day_, n = off.event_day, len(off.event_day)
    ev_suspect = suspect[series_suspect[ev_series]]
    female = world.people.frame["sex"][ev_suspect] == 0
    offence = np.empty(n, np.int16)
    for mix, who in ((mx.GENERAL_MIX, ~female), (mx.GENERAL_MIX_FEMALE, female)):
        codes, weights = mx.mix_arrays(mix)
        offence[who] = codes[weighted_pick(rng, weights, int(who.sum()))]
    crimes = crime_frame(rng, day_, offence, crime_area(rng, home[series_suspect[ev_series]]),
                         np.zeros(n, bool), mx.GENERAL)  # fmt: skip
    idx = np.arange(n)
    with_victim = np.flatnonzero(np.isin(offence, mx.off(*mx.GENERAL_WITH_VICTIM)))
    victims = world.people.add(
        rng, pool=pp.GENERAL_VICTIM, area=crimes["area"][with_victim], female=0.45,
        age=suspect_ages(rng, len(with_victim), 10, 2.0, 12.0), on_day=day_[with_victim],
        not_stated=0.35, birth_unknown=0.06,
    )  # fmt: skip
    co = np.flatnonzero(rng.random(n) < 0.04)
    co_person = suspect[rng.integers(0, len(suspect), len(co))]
    distinct = co_person != ev_suspect[co]
    co, co_person = co[distinct], co_person[distinct]
    links = Frame.concat([
        link_frame(idx, ev_suspect, SUSPECT, linked_days(rng, day_, 0.1)),
        link_frame(with_victim, victims, VICTIM, day_[with_victim]),
        link_frame(co, co_person, SUSPECT, linked_days(rng, day_[co], 0.3)),
    ])  # fmt: skip
    world.add_crimes(crimes, links)
