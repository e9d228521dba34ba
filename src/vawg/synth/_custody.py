"""Arrests and what happened on release: charge, caution, bail, released under investigation, NFA.

About a third of DA crimes lead to an arrest (ONS: 33 DA arrests per 100 DA crimes), more as the
force works down its outstanding suspects in 2022/23. A crime's outcome drives its custody record:
suspects charged or cautioned on the day of arrest leave custody charged or cautioned.

Bail for DA suspects is a calibration target (paras 33-34): about 130–150 a month before the bail
changes of 28 October 2022 and 380–455 after. Each month's count is drawn in the target band and
exactly that many of the month's DA arrests (not charged or cautioned) are bailed; the rest are
released under investigation or NFA'd, RUI falling after the change.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from vawg.contract._codes import DISPOSAL
from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, choose_exact, weighted_pick
from vawg.synth._calendar import BAIL_DAY, P1, after_work, day, month_index, month_start, period_months
from vawg.synth._outcomes import Outcomes
from vawg.synth._people import age_on
from vawg.synth._world import SUSPECT, World

D = {d: i for i, d in enumerate(DISPOSAL)}
BAIL_BEFORE, BAIL_AFTER = (133, 147), (388, 447)  # per month at scale 1, inside the paper's bands
ARREST_SHARE = {mx.DA: 0.36, mx.STALKING: 0.22, mx.SEXUAL: 0.45, mx.GENERAL: 0.55, mx.ESCALATION: 0.70}
DA_ARREST_RISE = 0.10  # extra DA arrest probability by March 2023 (outstanding suspects targeted)
RELEASE_BEFORE = {"rui": 0.68, "nfa": 0.29, "other": 0.03}
RELEASE_AFTER = {"rui": 0.52, "nfa": 0.43, "other": 0.05}
NON_DA_RELEASE = {"bail": 0.15, "rui": 0.50, "nfa": 0.30, "other": 0.05}
NEW_CHANCE_OFFENCES = ("46", "49", "105A", "58A", "39")
NEW_CHANCE_SHARE = 0.05  # referrals "currently low" (para 41)
RISE_FROM = day(date(2022, 4, 1))


def build_custody(world: World, rng: np.random.Generator, outcomes: Outcomes, breaches: Frame,
                  orders: Frame) -> Frame:  # fmt: skip
    """Custody records: person, crime (-1 none), arrest day, disposal, bail end, conditions, referral."""
    c, links = world.crimes, world.links
    sus = np.flatnonzero(links["role"] == SUSPECT)
    crime, person, linked = links["crime"][sus], links["person"][sus], links["linked"][sus]
    kind, da, rec = c["kind"][crime], c["da"][crime], c["recorded"][crime]
    code, odate = outcomes.code[crime], outcomes.date[crime]
    positive = np.isin(code, mx.out(*mx.POSITIVE))

    share = np.zeros(5)
    for k, s in ARREST_SHARE.items():
        share[k] = s
    p = share[kind]
    rise = np.clip((rec - RISE_FROM) / (P1 - RISE_FROM), 0, 1)
    p = np.where(da, ARREST_SHARE[mx.DA] + DA_ARREST_RISE * rise, p)
    p = np.where(positive, np.where(np.isin(code, mx.out("1", "1A")), 0.92, 0.70), p)
    arrested = rng.random(len(sus)) < p
    lag = np.where(rng.random(len(sus)) < 0.45, 0.0, rng.lognormal(np.log(10), 1.2, len(sus)))
    when = after_work(np.maximum(rec, linked), lag)
    closed = code >= 0
    # Positive outcomes on or before the arrest day: the suspect is charged/cautioned in custody.
    in_custody = positive & (when >= odate) & closed
    when = np.where(in_custody, np.maximum(odate, linked), when)
    arrested &= ~(closed & ~positive & (when > odate)) & (when <= P1)
    keep = np.flatnonzero(arrested)
    frame = Frame(
        person=person[keep], crime=crime[keep], day=when[keep],
        disposal=np.full(len(keep), -1, np.int8), bail_end=np.full(len(keep), -1, np.int64),
        conditions=np.zeros(len(keep), np.int8), referral=np.zeros(len(keep), bool),
    )  # fmt: skip
    k_code, k_custody, k_da = code[keep], in_custody[keep], da[keep]
    for codes, disposal in ((("1", "1A"), "charged"), (("2", "3"), "caution"), (("8",), "community_resolution"),
                            (("4", "6", "7"), "other")):  # fmt: skip
        frame["disposal"][k_custody & np.isin(k_code, mx.out(*codes))] = D[disposal]
    _bail_da(world, rng, frame, k_da)
    _release_rest(rng, frame, k_da)
    frame = Frame.concat([frame, _breach_arrests(rng, breaches, orders)])
    _bail_terms(rng, frame)
    _new_chance(world, rng, frame)
    return frame


def _bail_da(world: World, rng: np.random.Generator, frame: Frame, da: np.ndarray) -> None:
    """Exactly the month's target number of DA suspects bailed, each month (Oct 2022 in two parts)."""
    open_ = np.flatnonzero(da & (frame["disposal"] < 0))
    month = month_index(frame["day"][open_])
    for m in period_months():
        start, end = month_start(m), month_start(m + 1)
        pieces = [(start, end)] if not start < BAIL_DAY < end else [(start, BAIL_DAY), (BAIL_DAY, end)]
        for lo, hi in pieces:
            band = BAIL_BEFORE if hi <= BAIL_DAY else BAIL_AFTER
            target = rng.integers(band[0], band[1] + 1) * world.scale * (hi - lo) / (end - start)
            in_piece = open_[(month == m) & (frame["day"][open_] >= lo) & (frame["day"][open_] < hi)]
            frame["disposal"][choose_exact(rng, in_piece, round(target))] = D["bail"]


def _release_rest(rng: np.random.Generator, frame: Frame, da: np.ndarray) -> None:
    rest = np.flatnonzero(frame["disposal"] < 0)
    after = frame["day"][rest] >= BAIL_DAY
    for mask, mix in ((da[rest] & ~after, RELEASE_BEFORE), (da[rest] & after, RELEASE_AFTER),
                      (~da[rest], NON_DA_RELEASE)):  # fmt: skip
        sel = rest[mask]
        codes = np.array([D[d] for d in mix], np.int8)
        frame["disposal"][sel] = codes[weighted_pick(rng, np.array(list(mix.values())), len(sel))]


def _breach_arrests(rng: np.random.Generator, breaches: Frame, orders: Frame) -> Frame:
    """Arrests for breaching an order (no crime reference): charged or NFA'd."""
    arrest = np.flatnonzero(breaches["action"] <= 1)  # 0 arrest, 1 charged
    n = len(arrest)
    return Frame(
        person=orders["person"][breaches["order"][arrest]], crime=np.full(n, -1, np.int64),
        day=breaches["date"][arrest],
        disposal=np.where(breaches["action"][arrest] == 1, D["charged"], D["nfa"]).astype(np.int8),
        bail_end=np.full(n, -1, np.int64), conditions=np.zeros(n, np.int8), referral=np.zeros(n, bool),
    )  # fmt: skip


def _bail_terms(rng: np.random.Generator, frame: Frame) -> None:
    """Bail lasts 28 days before the change and 3 months after (an end date may be after the extract)."""
    bail = np.flatnonzero(frame["disposal"] == D["bail"])
    after = frame["day"][bail] >= BAIL_DAY
    end = frame["day"][bail] + np.where(after, 90, 28)
    frame["bail_end"][bail] = end
    frame["conditions"][bail] = np.where(rng.random(len(bail)) < np.where(after, 0.9, 0.85), 1, 2)


def _new_chance(world: World, rng: np.random.Generator, frame: Frame) -> None:
    """A few women arrested for low-level offences are referred to New Chance from custody."""
    people, crimes = world.people.frame, world.crimes
    has_crime = frame["crime"] >= 0
    offence = np.where(has_crime, crimes["offence"][np.maximum(frame["crime"], 0)], -1)
    p = frame["person"]
    adult = age_on(people["birth_year"][p], people["birth_doy"][p], frame["day"]) >= 18
    eligible = (people["sex"][p] == 0) & adult & np.isin(offence, mx.off(*NEW_CHANCE_OFFENCES))
    eligible &= frame["disposal"] != D["charged"]
    frame["referral"] = eligible & (rng.random(frame.rows) < NEW_CHANCE_SHARE)
