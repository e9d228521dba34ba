"""SPC charts the NHS "Making Data Count" way (XmR), as NHSRplotthedots 0.2.2 computes them.

No Python statistics library implements these rules, so they are written out here, rule by rule,
and tested against NHSRplotthedots' published example (tests/metrics/test_spc.py):

* limits: mean ± 2.66 × mean moving range, after screening out moving ranges of 3.267 × their
  mean or more (``screen_outliers``, on by default as in NHSRplotthedots);
* special cause when a point is outside the limits; or is one of 7+ points in a row on one side of
  the mean (a point ON the mean breaks the run); or one of 7+ points in a row each rising (or each
  falling) from the last (a tie breaks it); or one of 2 out of 3 consecutive points beyond 2/3 of
  the limit width (but inside the limits), all three on the same side of the mean;
* point type: common cause, special cause improvement or concern (by which side of the mean the
  point is, against the metric's direction), or neutral (high/low) for a metric with no direction;
* variation icon: the type of the last point; assurance (with a target): ``pass`` when the target
  is beyond the limits on the failing side, ``fail`` when beyond on the passing side,
  ``hit_and_miss`` when the target lies between the limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from vawg.errors import MetricError

LIMIT = 2.66  # 3 / d2 with d2 = 1.128 for moving ranges of 2
CLOSE = 2 * LIMIT / 3  # "near the limits": beyond 2 sigma
SCREEN = 3.267  # D4 for n = 2: a moving range this many times the mean is an outlier
RUN = 7
MIN_POINTS = 12  # NHSRplotthedots warns below this many points

Floats = npt.NDArray[np.float64]


def _run_flags(signs: npt.NDArray[np.int64], length: int = RUN) -> npt.NDArray[np.bool_]:
    """Points that belong to a run of ``length``+ equal, non-zero signs."""
    flagged = np.zeros(len(signs), dtype=bool)
    for end in range(length - 1, len(signs)):
        window = signs[end - length + 1 : end + 1]
        if window[0] != 0 and np.all(window == window[0]):
            flagged[end - length + 1 : end + 1] = True
    return flagged


def shift_flags(relative_to_mean: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Rule 2: 7 or more points in a row on the same side of the mean (on the mean breaks a run)."""
    return _run_flags(np.asarray(relative_to_mean, dtype=np.int64))


def trend_flags(y: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Rule 3: 7 or more points each rising (or each falling) from the one before; ties break it."""
    values = np.asarray(y, dtype=float)
    steps = np.sign(np.diff(values)).astype(np.int64)  # 6 equal steps make 7 points
    in_trend = _run_flags(steps, RUN - 1)
    flagged = np.zeros(len(values), dtype=bool)
    for i in np.flatnonzero(in_trend):
        flagged[i] = flagged[i + 1] = True  # a step joins the two points it connects
    return flagged


def two_in_three_flags(
    close_to_limits: npt.ArrayLike, relative_to_mean: npt.ArrayLike
) -> npt.NDArray[np.bool_]:
    """Rule 4: 2 of 3 consecutive points near a limit with all 3 on one side; flags the near points."""
    close = np.asarray(close_to_limits, dtype=bool)
    side = np.asarray(relative_to_mean, dtype=np.int64)
    flagged = np.zeros(len(close), dtype=bool)
    for start in range(len(close) - 2):
        window = slice(start, start + 3)
        if close[window].sum() >= 2 and abs(side[window].sum()) == 3:
            flagged[window] |= close[window]
    return flagged


@dataclass
class SpcResult:
    """An XmR chart: limits, one row per point with its rule flags and type, and the icons."""

    frame: pd.DataFrame
    mean: float
    lpl: float
    upl: float
    mean_moving_range: float
    higher_is_better: bool | None
    variation: str  # common_cause | improvement_high/low | concern_high/low | neutral_high/low
    assurance: str | None  # pass | fail | hit_and_miss | None (no target, or no direction)
    target: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def special_cause(self) -> bool:
        """Whether any point shows special-cause variation."""
        return bool(self.frame["special_cause"].any())

    def to_dict(self) -> dict[str, object]:
        rows = self.frame.assign(x=self.frame["x"].astype(str)).to_dict(orient="records")
        return {
            "mean": self.mean,
            "lpl": self.lpl,
            "upl": self.upl,
            "mean_moving_range": self.mean_moving_range,
            "variation": self.variation,
            "assurance": self.assurance,
            "target": self.target,
            "notes": self.notes,
            "points": rows,
        }


def _limits(y: Floats, screen_outliers: bool, baseline: int | None) -> tuple[float, float]:
    base = y[:baseline] if baseline else y
    mean = float(base.mean())
    ranges = np.abs(np.diff(base))
    if len(ranges) == 0:
        return mean, 0.0
    amr = float(ranges.mean())
    if screen_outliers:
        kept = ranges[ranges < SCREEN * amr]
        amr = float(kept.mean()) if len(kept) else amr
    return mean, amr


def _assurance(target: float | None, higher_is_better: bool | None, lpl: float, upl: float) -> str | None:
    if target is None or higher_is_better is None:
        return None
    if target > upl:
        return "fail" if higher_is_better else "pass"
    if target < lpl:
        return "pass" if higher_is_better else "fail"
    return "hit_and_miss"


def spc(
    series: pd.Series | npt.ArrayLike,
    higher_is_better: bool | None = None,
    *,
    target: float | None = None,
    screen_outliers: bool = True,
    baseline: int | None = None,
) -> SpcResult:
    """The XmR chart of ``series`` (ordered by its index), with variation and assurance icons.

    ``higher_is_better`` is the metric's direction (None: neutral). ``baseline`` fixes the limits
    on the first n points. Missing values are dropped (an XmR chart needs no gaps).
    """
    s = series.copy() if isinstance(series, pd.Series) else pd.Series(np.asarray(series, dtype=float))
    s = s.astype(float).dropna()
    if len(s) < 2:
        raise MetricError(f"an SPC chart needs at least 2 points; found {len(s)}", points=len(s))
    notes = (
        [] if len(s) >= MIN_POINTS else [f"only {len(s)} points: limits are unreliable below {MIN_POINTS}"]
    )
    y: Floats = np.asarray(s.to_numpy(dtype=float), dtype=np.float64)
    mean, amr = _limits(y, screen_outliers, baseline)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    nlpl, nupl = mean - CLOSE * amr, mean + CLOSE * amr
    outside = (y > upl) | (y < lpl)
    relative = np.sign(y - mean).astype(np.int64)
    close = ~outside & ((y < nlpl) | (y > nupl))
    shift, trend, two3 = shift_flags(relative), trend_flags(y), two_in_three_flags(close, relative)
    special = outside | shift | trend | two3
    direction = 0 if higher_is_better is None else (1 if higher_is_better else -1)
    types = []
    for flag, side in zip(special, relative, strict=True):
        if not flag:
            types.append("common_cause")
        elif direction == 0:
            types.append("special_cause_neutral_" + ("high" if side > 0 else "low"))
        else:
            types.append("special_cause_improvement" if side == direction else "special_cause_concern")
    frame = pd.DataFrame(
        {
            "x": s.index,
            "y": y,
            "mean": mean,
            "lpl": lpl,
            "upl": upl,
            "outside_limits": outside,
            "shift": shift,
            "trend": trend,
            "two_in_three": two3,
            "special_cause": special,
            "relative_to_mean": relative,
            "close_to_limits": close,
            "point_type": types,
        }
    )
    last_type, last_side = types[-1], ("high" if relative[-1] > 0 else "low")
    variation = "common_cause" if last_type == "common_cause" else (
        last_type.removeprefix("special_cause_").removesuffix("_high").removesuffix("_low") + "_" + last_side
    )  # fmt: skip
    return SpcResult(frame, mean, lpl, upl, amr, higher_is_better, variation,
                     _assurance(target, higher_is_better, lpl, upl), target, notes)  # fmt: skip
