"""Contract 1.1 ``orders.start_time``: the time of day each order was issued or applied for.

Drawn from its own random stream (``np.random.default_rng([seed, STREAM])``), so adding the column
leaves every other value of the bundle byte-identical for a seed. DVPNs are served after call-outs,
mostly in the evening and at night; DVPO applications are made in court hours (09:00-16:59), so an
application two calendar days after a late-night DVPN is inside the 48 hours and one after a morning
DVPN is not (the conversion opportunity the orders-briefing list counts in hours). A few orders have
no time recorded, so the list's fall-back to whole days is exercised too.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from vawg.contract import ORDER_TYPE
from vawg.synth._arrays import Frame

STREAM = 2909  # this column's own stream
SHARE_MISSING = 0.03  # orders with no time recorded
# Hours of the day a DVPN is served (call-outs peak in the evening and night), relative weights.
DVPN_HOUR_WEIGHTS = np.array([5, 4, 3, 2, 2, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 7, 7, 7, 6], float)
COURT_HOURS = (9, 17)  # DVPO applications
OFFICE_HOURS = (8, 18)  # every other order


def order_minutes(orders: Frame, seed: int) -> np.ndarray:
    """Minutes after midnight of each order's start (row order of ``orders``); -1 where not recorded."""
    rng = np.random.default_rng([seed, STREAM])
    n = orders.rows
    kind = np.asarray(orders["type"])
    hour = rng.integers(OFFICE_HOURS[0], OFFICE_HOURS[1], n)
    dvpn = kind == ORDER_TYPE.index("DVPN")
    hour[dvpn] = rng.choice(24, size=int(dvpn.sum()), p=DVPN_HOUR_WEIGHTS / DVPN_HOUR_WEIGHTS.sum())
    dvpo = kind == ORDER_TYPE.index("DVPO")
    hour[dvpo] = rng.integers(COURT_HOURS[0], COURT_HOURS[1], int(dvpo.sum()))
    minutes = hour * 60 + rng.integers(0, 60, n)
    minutes[rng.random(n) < SHARE_MISSING] = -1
    return minutes.astype(np.int64)


def times(minutes: np.ndarray) -> pa.Array:
    """HH:MM text from minutes after midnight; null where minutes < 0."""
    m = np.asarray(minutes, dtype=np.int64)
    text = [f"{v // 60:02d}:{v % 60:02d}" if v >= 0 else None for v in m]
    return pa.array(text, pa.string())


__all__ = ["order_minutes", "times"]
