"""Protective orders and their breaches.

DVPNs (48-hour notices) follow domestic abuse call-outs and most lead to a DVPO application at the
magistrates' court, about 88% granted (domain facts §1); use improves through 2022/23 (para 29).
Stalking Protection Orders, often after an interim order, rise as the triage clinic beds in.
Restraining orders follow charges, SHPOs follow sexual offence charges, non-molestation orders are
civil orders the police hold. About 18% of orders are breached, prolific suspects more often.
DAPN/DAPO are not generated: they were not in force in the West Midlands in the period.
"""

from __future__ import annotations

import numpy as np

from vawg.contract._codes import ORDER_STATUS, ORDER_TYPE
from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, choose_exact, heavy_counts, repeat_index, weighted_pick
from vawg.synth._calendar import P1, month_index, period_months
from vawg.synth._outcomes import Outcomes
from vawg.synth._world import SUSPECT, VICTIM, World

BREACH_ACTIONS = ("arrest", "charged", "nfa")
BREACH_SHARE = {"DVPO": 0.18, "SPO": 0.25, "ISPO": 0.15, "NMO": 0.25, "RO": 0.28, "SHPO": 0.10, "SRO": 0.10}
DVPN_PER_MONTH = (55.0, 85.0)  # April 2020 → March 2023, rising (para 29)
SPO_PER_MONTH = (3.5, 9.5)
NMO_PER_MONTH = 125.0
SRO_PER_MONTH = 1.2
T = {t: i for i, t in enumerate(ORDER_TYPE)}
S = {s: i for i, s in enumerate(ORDER_STATUS)}


def _orders(person: np.ndarray, kind: str, status: np.ndarray, start: np.ndarray, end: np.ndarray,
            victim: np.ndarray, parent: np.ndarray | None = None) -> Frame:  # fmt: skip
    n = len(person)
    return Frame(
        person=person.astype(np.int64), type=np.full(n, T[kind], np.int8), status=status.astype(np.int8),
        start=start.astype(np.int64), end=end.astype(np.int64),
        parent=np.full(n, -1, np.int64) if parent is None else parent.astype(np.int64),
        victim=victim.astype(np.int64),
    )  # fmt: skip


def _status(rng: np.random.Generator, mix: dict[str, float], n: int) -> np.ndarray:
    return np.array([S[s] for s in mix], np.int8)[weighted_pick(rng, np.array(list(mix.values())), n)]


def _monthly_picks(rng: np.random.Generator, world: World, pool: np.ndarray, day: np.ndarray,
                   per_month: tuple[float, float]) -> np.ndarray:  # fmt: skip
    """Exactly round(rate × scale) crimes of ``pool`` per month, the rate rising linearly."""
    months = period_months()
    rates = np.linspace(per_month[0], per_month[1], len(months))
    pool = pool[np.argsort(day[pool], kind="stable")]
    edges = np.searchsorted(month_index(day[pool]), np.append(months, months.max() + 1))
    chosen = [
        choose_exact(rng, pool[a:b], round(r * world.scale))
        for a, b, r in zip(edges[:-1], edges[1:], rates, strict=True)
    ]
    return np.concatenate(chosen)


def build_orders(world: World, rng: np.random.Generator, outcomes: Outcomes) -> tuple[Frame, Frame]:
    """(orders, order_breaches) as internal frames."""
    c = world.crimes
    suspect, victim = world.person_of_crime(SUSPECT), world.person_of_crime(VICTIM)
    known = suspect >= 0
    rec = c["recorded"]
    parts = []
    # DVPN → DVPO: notices after violent or threatening DA call-outs.
    violent = np.isin(c["offence"], mx.off("105A", "8N", "3B", "5D", "58A", "8U"))
    dvpn_crimes = _monthly_picks(rng, world, np.flatnonzero(c["da"] & known & violent), rec, DVPN_PER_MONTH)
    dvpn_start = np.minimum(rec[dvpn_crimes] + rng.integers(0, 2, len(dvpn_crimes)), P1)
    dvpn_status = _status(rng, {"granted": 0.97, "withdrawn": 0.03}, len(dvpn_crimes))
    dvpn = _orders(suspect[dvpn_crimes], "DVPN", dvpn_status, dvpn_start, dvpn_start + 2, victim[dvpn_crimes])
    parts.append(dvpn)
    apply = np.flatnonzero((dvpn_status == S["granted"]) & (rng.random(len(dvpn_crimes)) < 0.92))
    dvpo_start = np.minimum(dvpn_start[apply] + rng.integers(1, 3, len(apply)), P1)
    dvpo_status = _status(rng, {"granted": 0.88, "refused": 0.07, "withdrawn": 0.05}, len(apply))
    dvpo_status[dvpo_start >= P1 - 1] = S["pending"]
    dvpo_end = np.where(dvpo_status == S["granted"], dvpo_start + rng.integers(14, 29, len(apply)), P1 + 1)
    parts.append(_orders(suspect[dvpn_crimes][apply], "DVPO", dvpo_status, dvpo_start, dvpo_end,
                         victim[dvpn_crimes][apply], parent=apply))  # fmt: skip
    # SPOs after stalking, some with an interim SPO first.
    stalk = np.flatnonzero((c["offence"] == mx.off("8Q")[0]) & known & (rec <= P1 - 30))
    spo_crimes = _monthly_picks(rng, world, stalk, rec, SPO_PER_MONTH)
    spo_start = np.minimum(rec[spo_crimes] + rng.integers(21, 90, len(spo_crimes)), P1)
    spo_status = _status(rng, {"granted": 0.88, "refused": 0.07, "withdrawn": 0.05}, len(spo_crimes))
    spo_status[(spo_start > P1 - 60) & (rng.random(len(spo_crimes)) < 0.6)] = S["pending"]
    interim = np.flatnonzero(rng.random(len(spo_crimes)) < 0.4)
    ispo_start = np.maximum(spo_start[interim] - rng.integers(7, 21, len(interim)), rec[spo_crimes][interim])
    parts.append(_orders(suspect[spo_crimes][interim], "ISPO", np.full(len(interim), S["granted"]), ispo_start,
                         spo_start[interim], victim[spo_crimes][interim]))  # fmt: skip
    spo_parent = np.full(len(spo_crimes), -1)
    spo_parent[interim] = np.arange(len(interim))
    parts.append(_orders(suspect[spo_crimes], "SPO", spo_status, spo_start, spo_start + 730, victim[spo_crimes],
                         parent=spo_parent))  # fmt: skip
    # Non-molestation orders (civil, from DA and stalking victims) and restraining orders after charges.
    stalking_codes = np.isin(c["offence"], mx.off(*mx.STALKING_HARASSMENT_CODES))
    nmo_pool = np.flatnonzero((c["da"] | stalking_codes) & known)
    nmo_crimes = _monthly_picks(rng, world, nmo_pool, rec, (NMO_PER_MONTH, NMO_PER_MONTH))
    nmo_start = np.minimum(rec[nmo_crimes] + rng.integers(7, 60, len(nmo_crimes)), P1)
    parts.append(_orders(suspect[nmo_crimes], "NMO",
                         _status(rng, {"granted": 0.9, "refused": 0.05, "withdrawn": 0.05}, len(nmo_crimes)),
                         nmo_start, nmo_start + 365, victim[nmo_crimes]))  # fmt: skip
    charged = np.isin(outcomes.code, mx.out("1", "1A")) & known
    ro_share = np.where(stalking_codes, 0.60, np.where(c["da"], 0.30, 0.0))
    ro_pool = charged & (rng.random(c.rows) < ro_share)
    ro = np.flatnonzero(ro_pool)
    ro_start = outcomes.date[ro] + rng.integers(20, 120, len(ro))
    ro = ro[ro_start <= P1]
    ro_start = ro_start[ro_start <= P1]
    parts.append(
        _orders(suspect[ro], "RO", np.full(len(ro), S["granted"]), ro_start, ro_start + 730, victim[ro])
    )
    shpo = np.flatnonzero(charged & (c["kind"] == mx.SEXUAL) & (rng.random(c.rows) < 0.3))
    shpo_start = outcomes.date[shpo] + rng.integers(60, 240, len(shpo))
    shpo, shpo_start = shpo[shpo_start <= P1], shpo_start[shpo_start <= P1]
    parts.append(_orders(suspect[shpo], "SHPO", np.full(len(shpo), S["granted"]), shpo_start, shpo_start + 1825,
                         victim[shpo]))  # fmt: skip
    sex = np.flatnonzero((c["kind"] == mx.SEXUAL) & known)
    sro = _monthly_picks(rng, world, sex, rec, (SRO_PER_MONTH, SRO_PER_MONTH))
    sro_start = np.minimum(rec[sro] + rng.integers(30, 180, len(sro)), P1)
    parts.append(_orders(suspect[sro], "SRO", _status(rng, {"granted": 0.8, "refused": 0.2}, len(sro)), sro_start,
                         sro_start + 730, np.full(len(sro), -1)))  # fmt: skip
    orders = _concat_with_parents(parts, parent_of={1: 0, 3: 2})
    return orders, _breaches(world, rng, orders)


def _concat_with_parents(parts: list[Frame], parent_of: dict[int, int]) -> Frame:
    """Concatenate order parts, turning a part's parent (a row of another part) into a global row."""
    offsets = np.cumsum([0] + [p.rows for p in parts])
    fixed = []
    for i, part in enumerate(parts):
        part = Frame(part)
        if i in parent_of:
            has = part["parent"] >= 0
            part["parent"] = np.where(has, part["parent"] + offsets[parent_of[i]], -1)
        fixed.append(part)
    return Frame.concat(fixed)


def _breaches(world: World, rng: np.random.Generator, orders: Frame) -> Frame:
    """Breaches of granted orders: about 18% of orders, more for prolific suspects."""
    links = world.links
    n_as_suspect = np.bincount(links["person"][links["role"] == SUSPECT], minlength=world.people.count)
    share = np.zeros(len(ORDER_TYPE))
    for t, s in BREACH_SHARE.items():
        share[T[t]] = s
    prolific = np.log1p(n_as_suspect[orders["person"]])
    weight = prolific / prolific.mean() if prolific.mean() > 0 else np.ones(orders.rows)
    p = np.clip(share[orders["type"]] * weight**1.5 / np.mean(weight**1.5), 0, 0.8)
    granted = orders["status"] == S["granted"]
    last = np.minimum(np.where(orders["end"] >= 0, orders["end"], orders["start"] + 730), P1)
    breached = np.flatnonzero(granted & (rng.random(orders.rows) < p) & (last > orders["start"]))
    count = heavy_counts(rng, len(breached), 0.6, 1.0)
    owner = breached[repeat_index(count)]
    start = orders["start"][owner]
    date = start + 1 + np.floor(rng.random(len(owner)) * (last[owner] - start)).astype(np.int64)
    frame = Frame(order=owner, date=np.minimum(date, P1),
                  action=weighted_pick(rng, np.array([0.55, 0.25, 0.20]), len(owner)).astype(np.int8))  # fmt: skip
    key = frame["order"] * 100_000 + frame["date"]
    _, first = np.unique(key, return_index=True)
    return frame.take(np.sort(first))
