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
* phases: limits recalculated after declared change points (NHSRplotthedots ``rebase``); the rules
  are checked within each phase, and the mean and limits shown are the last phase's;
* variation icon: the type of the last point; assurance (with a target): ``pass`` when the target
  is beyond the limits on the failing side, ``fail`` when beyond on the passing side,
  ``hit_and_miss`` when the target lies between the limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    phase_starts: list[Any] = field(default_factory=list)  # first x of each phase after the first

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
            "phase_starts": [str(x) for x in self.phase_starts],
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


def _phase_starts(index: pd.Index, phases: Sequence[date] | None) -> list[int]:
    """Positions where a phase starts: the first point dated on or after each change date."""
    if not phases:
        return [0]
    dates = [pd.Timestamp(x).date() for x in index]
    starts = {0}
    for change in sorted(phases):
        after = [i for i, d in enumerate(dates) if d >= change]
        if after and after[0] > 0:
            starts.add(after[0])
    return sorted(starts)


def _point_types(
    special: npt.NDArray[np.bool_], relative: npt.NDArray[np.int64], direction: int
) -> list[str]:
    types = []
    for flag, side in zip(special, relative, strict=True):
        if not flag:
            types.append("common_cause")
        elif direction == 0:
            types.append("special_cause_neutral_" + ("high" if side > 0 else "low"))
        else:
            types.append("special_cause_improvement" if side == direction else "special_cause_concern")
    return types


def _segment(y: Floats, screen_outliers: bool, baseline: int | None) -> dict[str, Any]:
    """Limits and rule flags of one phase (the rules never look across a phase boundary)."""
    mean, amr = _limits(y, screen_outliers, baseline)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    nlpl, nupl = mean - CLOSE * amr, mean + CLOSE * amr
    # Floating-point sums put the mean of seven 0.1s a hair below 0.1; without a tolerance every
    # point would sit "above the mean" (a run) and "outside" limits of zero width.
    eps = 1e-9 * max(1.0, abs(mean))
    outside = (y > upl + eps) | (y < lpl - eps)
    relative = np.where(np.abs(y - mean) <= eps, 0, np.sign(y - mean)).astype(np.int64)
    close = ~outside & ((y < nlpl - eps) | (y > nupl + eps))
    shift, trend, two3 = shift_flags(relative), trend_flags(y), two_in_three_flags(close, relative)
    return {"mean": np.full(len(y), mean), "lpl": np.full(len(y), lpl), "upl": np.full(len(y), upl),
            "amr": amr, "outside_limits": outside, "shift": shift, "trend": trend, "two_in_three": two3,
            "relative_to_mean": relative, "close_to_limits": close}  # fmt: skip


def spc(
    series: pd.Series | npt.ArrayLike,
    higher_is_better: bool | None = None,
    *,
    target: float | None = None,
    screen_outliers: bool = True,
    baseline: int | None = None,
    phases: Sequence[date] | None = None,
    target_higher_is_better: bool | None = None,
) -> SpcResult:
    """The XmR chart of ``series`` (ordered by its index), with variation and assurance icons.

    ``higher_is_better`` is the metric's direction (None: neutral). ``baseline`` fixes the limits
    on the first n points (of each phase). ``phases``: change-point dates (``series`` indexed by
    date); a new phase starts at the first point dated on or after each, and each phase gets its
    own mean and limits and its own rule checks, as NHSRplotthedots' ``rebase`` does. The
    assurance uses the last phase's limits and ``target_higher_is_better`` (default: the metric's
    direction). Missing values are dropped (an XmR chart needs no gaps).
    """
    s = series.copy() if isinstance(series, pd.Series) else pd.Series(np.asarray(series, dtype=float))
    s = s.astype(float).dropna()
    if len(s) < 2:
        raise MetricError(f"an SPC chart needs at least 2 points; found {len(s)}", points=len(s))
    y: Floats = np.asarray(s.to_numpy(dtype=float), dtype=np.float64)
    starts = _phase_starts(s.index, phases)
    bounds = list(zip(starts, [*starts[1:], len(y)], strict=True))
    parts = [_segment(y[a:b], screen_outliers, baseline) for a, b in bounds]
    notes = []
    for number, (a, b) in enumerate(bounds, start=1):
        if b - a < MIN_POINTS:
            where = "" if len(bounds) == 1 else f" in phase {number} (from {s.index[a]})"
            notes.append(f"only {b - a} points{where}: limits are unreliable below {MIN_POINTS}")
    columns = {k: np.concatenate([p[k] for p in parts]) for k in parts[0] if k != "amr"}
    special = columns["outside_limits"] | columns["shift"] | columns["trend"] | columns["two_in_three"]
    direction = 0 if higher_is_better is None else (1 if higher_is_better else -1)
    relative = columns["relative_to_mean"]
    types = _point_types(special, relative, direction)
    phase = np.concatenate([np.full(b - a, n) for n, (a, b) in enumerate(bounds, start=1)])
    frame = pd.DataFrame({"x": s.index, "y": y, "phase": phase, "mean": columns["mean"], "lpl": columns["lpl"],
                          "upl": columns["upl"], "outside_limits": columns["outside_limits"],
                          "shift": columns["shift"], "trend": columns["trend"],
                          "two_in_three": columns["two_in_three"], "special_cause": special,
                          "relative_to_mean": relative, "close_to_limits": columns["close_to_limits"],
                          "point_type": types})  # fmt: skip
    last_type, last_side = types[-1], ("high" if relative[-1] > 0 else "low")
    variation = "common_cause" if last_type == "common_cause" else (
        last_type.removeprefix("special_cause_").removesuffix("_high").removesuffix("_low") + "_" + last_side
    )  # fmt: skip
    mean, lpl, upl = (float(columns[k][-1]) for k in ("mean", "lpl", "upl"))
    target_direction = higher_is_better if target_higher_is_better is None else target_higher_is_better
    phase_starts = [pd.Timestamp(s.index[a]).date() if hasattr(s.index[a], "month") else s.index[a]
                    for a, _ in bounds[1:]]  # fmt: skip
    return SpcResult(frame, mean, lpl, upl, float(parts[-1]["amr"]), higher_is_better, variation,
                     _assurance(target, target_direction, lpl, upl), target, notes,
                     phase_starts)  # fmt: skip
