"""Contract 1.1 ``suspect_status``: where the search for each DA suspect stands, dated.

Drawn from its own random stream (not one of ``_arrays.STREAMS``), so adding this table leaves every
contract 1.0 table byte-identical for a seed. Most DA suspect links get a first status a few days
after the link (circulated or wanted when not found, arrest-ready when located, or a voluntary
interview); some move on once (circulated → arrest-ready, wanted → circulated). Statuses dated after
the extract are not written.
"""

from __future__ import annotations

import numpy as np

from vawg.contract import SUSPECT_STATUS
from vawg.synth._arrays import Frame
from vawg.synth._calendar import P1
from vawg.synth._world import World

STREAM_ID = 9009  # this table's own stream: np.random.default_rng([seed, STREAM_ID])
SHARE_WITH_STATUS = 0.7  # DA suspect links with a recorded status
FIRST_STATUS_WEIGHTS = {
    "wanted": 0.2,
    "circulated": 0.35,
    "arrest_ready": 0.3,
    "interviewed_voluntarily": 0.15,
}
SHARE_MOVING_ON = 0.3  # links whose status changes once later
NEXT_STATUS = {"wanted": "circulated", "circulated": "arrest_ready", "arrest_ready": "arrest_ready"}


def build_suspect_status(world: World) -> Frame:
    """One row per status change: link row (into ``world.links``), status index, day."""
    rng = np.random.default_rng([world.seed, STREAM_ID])
    links, crimes = world.links, world.crimes
    suspect = np.flatnonzero((links["role"] == 1) & crimes["da"][links["crime"]].astype(bool))
    chosen = suspect[rng.random(len(suspect)) < SHARE_WITH_STATUS]
    names = list(FIRST_STATUS_WEIGHTS)
    weights = np.array(list(FIRST_STATUS_WEIGHTS.values()))
    first = rng.choice(len(names), size=len(chosen), p=weights / weights.sum())
    start = np.maximum(links["linked"][chosen], crimes["recorded"][links["crime"][chosen]])
    first_day = start + rng.integers(0, 8, len(chosen))
    moves = rng.random(len(chosen)) < SHARE_MOVING_ON
    movable = np.isin(first, [names.index(n) for n in NEXT_STATUS if NEXT_STATUS[n] != n])
    moved = np.flatnonzero(moves & movable)
    next_status = np.array([names.index(NEXT_STATUS.get(names[i], names[i])) for i in first[moved]], np.int64)
    next_day = first_day[moved] + rng.integers(3, 60, len(moved))
    rows = Frame(
        link=np.concatenate([chosen, chosen[moved]]),
        status=np.concatenate([first, next_status]).astype(np.int64),
        day=np.concatenate([first_day, next_day]).astype(np.int64),
    )
    keep = rows["day"] <= P1
    # Status codes are written by their index into the contract's code set.
    index = np.array([SUSPECT_STATUS.index(n) for n in names], np.int64)
    out = rows.take(keep)
    out["status"] = index[out["status"]]
    return out


__all__ = ["build_suspect_status"]
