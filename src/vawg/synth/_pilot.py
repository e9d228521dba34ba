"""The planted RFSDI pilot effect: what a difference-in-differences evaluation should find.

RFSDI (Recency, Frequency, Severity, Drugs and Intelligence) went live on two NPUs, Birmingham and
Wolverhampton, before force-wide roll-out (board paper para 36). In the synthetic force the pilot
*works*: from ``PILOT_START``, every domestic abuse offence by a **known suspect** (a suspect who has
offended in domestic abuse before, in any series) whose home area is a pilot area is prevented with
probability ``PLANTED_PILOT_EFFECT``. First offences are untouched, and nothing changes in the other
five areas or before the start.

So the rate of repeat DA crimes per known suspect in the pilot areas falls by 15% relative to what it
would have been, while the comparison areas carry on; recorded volume in the pilot areas falls by
less (first offences are not prevented). An evaluation comparing repeat DA offending by known suspects,
pilot vs other areas, before vs after ``PILOT_START``, should estimate a relative reduction near 0.15
(a rate ratio near 0.85). Anything the synthetic force does not model (displacement, a change in
reporting) is absent, so a real evaluation would be noisier.
"""

from __future__ import annotations

import numpy as np

from vawg.synth._calendar import PILOT_AREA_IDS, PILOT_DAY

PLANTED_PILOT_EFFECT: float = 0.15
"""Relative reduction in the rate of repeat domestic abuse offences by known suspects whose home area
is a pilot area (Birmingham, Wolverhampton), from PILOT_START (1 June 2022). See the module docs."""


def pilot_thinning(days: np.ndarray, area: np.ndarray, repeat: np.ndarray) -> np.ndarray:
    """Probability each candidate DA offence still happens under the pilot."""
    prevented = repeat & (days >= PILOT_DAY) & np.isin(area, PILOT_AREA_IDS)
    return np.where(prevented, 1.0 - PLANTED_PILOT_EFFECT, 1.0)
