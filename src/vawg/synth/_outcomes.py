"""Home Office outcomes: which crimes end how, after how long, with a history for some.

Outcome lags are drawn in *work days* (``_calendar.after_work``), so the force's speed of work shapes
outcome dates and the stock of outstanding suspects. Where a board paper figure is a calibration
target, counts are controlled exactly rather than left to chance:

* the DA positive outcome rate of each financial year's cohort (3.3% in 2021/22, 4.4% in 2022/23)
  and the 76% share of outcome 1 among them: exactly ``round(rate × n)`` DA crimes of the cohort
  get a positive outcome, chosen among those whose positive outcome would be dated by the extract;
* the stalking positive outcome rate (closure basis) in December 2022 – March 2023, rising each month:
  the month's count of positive stalking outcomes is set to ``round(rate × recorded)``.
"""

from __future__ import annotations

import numpy as np

from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, choose_exact, group_min, weighted_pick
from vawg.synth._calendar import P1, after_work, month_index, month_start
from vawg.synth._series import years_active
from vawg.synth._world import SUSPECT, World

DA_POSITIVE_RATE = {2020: 0.030, 2021: 0.033, 2022: 0.044}  # by financial year of recording
OUTCOME_1_SHARE = 0.76  # of DA positive outcomes (para 32)
POSITIVE_RATE = {mx.STALKING: 0.06, mx.SEXUAL: 0.045, mx.GENERAL: 0.20, mx.ESCALATION: 0.08}
# Stalking positive outcome rate (closure basis) in the last four months: consecutive rises (para 31).
STALKING_CLOSURE_RATE = {"2022-12": 0.056, "2023-01": 0.064, "2023-02": 0.072, "2023-03": 0.080}

NO_SUSPECT = {"18": 0.55, "14": 0.40, "20": 0.03, "21": 0.02}
NOT_POSITIVE = {
    mx.DA: {"16": 0.52, "15": 0.18, "21": 0.09, "10": 0.04, "14": 0.03, "20": 0.02, "22": 0.02, "9": 0.015,
            "13": 0.005, "17": 0.005, "5": 0.0005},
    mx.STALKING: {"16": 0.45, "15": 0.25, "21": 0.12, "10": 0.04, "20": 0.03, "22": 0.03, "9": 0.02, "17": 0.01},
    mx.SEXUAL: {"16": 0.35, "15": 0.40, "21": 0.08, "9": 0.06, "13": 0.02, "20": 0.03, "10": 0.02},
    mx.GENERAL: {"15": 0.30, "16": 0.25, "21": 0.20, "10": 0.10, "22": 0.05, "20": 0.05, "9": 0.03},
}  # fmt: skip
NOT_POSITIVE[mx.ESCALATION] = NOT_POSITIVE[mx.SEXUAL]
POSITIVE_OTHER = {"1A": 0.12, "3": 0.38, "8": 0.38, "2": 0.05, "4": 0.04, "6": 0.03}  # DA, besides outcome 1
POSITIVE_MIX = {
    mx.STALKING: {"1": 0.72, "1A": 0.03, "3": 0.10, "8": 0.12, "2": 0.03},
    mx.SEXUAL: {"1": 0.85, "1A": 0.05, "3": 0.05, "2": 0.05},
    mx.GENERAL: {"1": 0.45, "3": 0.15, "8": 0.25, "6": 0.08, "2": 0.05, "4": 0.02},
}  # fmt: skip
POSITIVE_MIX[mx.ESCALATION] = POSITIVE_MIX[mx.SEXUAL]
# Work days to each outcome: (median, log-sd). Victims withdraw support quickly; evidential
# difficulties with a supportive victim take longer; sexual offences take far longer (x3).
LAG = {"16": (21, 1.0), "14": (14, 1.0), "15": (75, 0.9), "21": (40, 0.9), "10": (30, 0.9), "18": (10, 1.0),
       "positive": (60, 1.0)}  # fmt: skip
LAG_DEFAULT = (60, 0.9)
SAME_DAY_POSITIVE = 0.35  # charged or cautioned in custody on the day
HISTORY_SHARE = 0.08
HISTORY_MIX = {"21": 0.30, "15": 0.25, "16": 0.20, "18": 0.10, "10": 0.15}


class Outcomes:
    """Per crime: final code (-1 open), final date, and an optional earlier (history) row."""

    def __init__(self, n: int) -> None:
        self.code = np.full(n, -1, np.int8)
        self.date = np.full(n, -1, np.int64)
        self.hist_code = np.full(n, -1, np.int8)
        self.hist_date = np.full(n, -1, np.int64)

    def frame(self) -> Frame:
        final = self.code >= 0
        hist = final & (self.hist_code >= 0)
        crime = np.concatenate([np.flatnonzero(hist), np.flatnonzero(final)])
        return Frame(
            crime=crime,
            code=np.concatenate([self.hist_code[hist], self.code[final]]),
            date=np.concatenate([self.hist_date[hist], self.date[final]]),
        )


def _lag(rng: np.random.Generator, codes: np.ndarray, sexual: np.ndarray) -> np.ndarray:
    """Work days to each outcome code (outcome indexes); ``sexual`` marks crimes taking three times longer."""
    median = np.full(len(mx.OUTCOMES), LAG_DEFAULT[0], float)
    sigma = np.full(len(mx.OUTCOMES), LAG_DEFAULT[1], float)
    for code, (m, s) in LAG.items():
        if code != "positive":
            median[mx.out(code)[0]], sigma[mx.out(code)[0]] = m, s
    lag = rng.lognormal(np.log(median[codes]), sigma[codes])
    return lag * np.where(sexual, 3.0, 1.0)


def _positive_lag(rng: np.random.Generator, n: int, sexual: np.ndarray) -> np.ndarray:
    m, s = LAG["positive"]
    lag = rng.lognormal(np.log(m), s, n) * np.where(sexual, 3.0, 1.0)
    return np.where(rng.random(n) < SAME_DAY_POSITIVE * ~sexual, 0.0, lag)


def _codes(rng: np.random.Generator, mix: dict[str, float], n: int) -> np.ndarray:
    return mx.out(*mix)[weighted_pick(rng, np.array(list(mix.values())), n)]


def assign_outcomes(world: World, rng: np.random.Generator, crimes: np.ndarray | None = None) -> Outcomes:
    """Outcomes of ``crimes`` (default: all). Exact calibration applies to a full-world call only."""
    c = world.crimes
    idx = np.arange(c.rows) if crimes is None else crimes
    n = len(idx)
    kind, da, recorded = c["kind"][idx], c["da"][idx], c["recorded"][idx]
    links = world.links
    sus = links["role"] == SUSPECT
    first_link = group_min(links["crime"][sus], links["linked"][sus], c.rows)[idx]
    known = first_link < np.iinfo(np.int64).max
    sexual = np.isin(kind, (mx.SEXUAL, mx.ESCALATION))

    res = Outcomes(n)
    # Not positive: by kind, and "no suspect identified" codes where nobody is linked.
    code = np.empty(n, np.int8)
    for k, mix in NOT_POSITIVE.items():
        sel = np.flatnonzero(kind == k)
        code[sel] = _codes(rng, mix, len(sel))
    code[~known] = _codes(rng, NO_SUSPECT, int((~known).sum()))
    date = after_work(recorded, _lag(rng, code, sexual))

    # Positive: a would-be date for every crime, then the chosen ones take it.
    pos_date = np.maximum(after_work(recorded, _positive_lag(rng, n, sexual)), np.where(known, first_link, 0))
    positive = np.zeros(n, bool)
    pos_code = np.zeros(n, np.int8)
    controlled = da if crimes is None else np.zeros(n, bool)  # DA cohorts: exact counts
    if crimes is None:
        fy = years_active(recorded)
        for year, rate in DA_POSITIVE_RATE.items():
            cohort = da & (fy == year)
            eligible = np.flatnonzero(cohort & known & (pos_date <= P1))
            chosen = choose_exact(rng, eligible, round(rate * cohort.sum()))
            positive[chosen] = True
            pos_code[chosen] = _codes(rng, POSITIVE_OTHER, len(chosen))
            pos_code[choose_exact(rng, chosen, round(OUTCOME_1_SHARE * len(chosen)))] = mx.out("1")[0]
    for k, rate in POSITIVE_RATE.items():
        sel = np.flatnonzero((kind == k) & ~controlled & known & (rng.random(n) < rate))
        positive[sel] = True
        pos_code[sel] = _codes(rng, POSITIVE_MIX[k], len(sel))
    code = np.where(positive, pos_code, code)
    date = np.where(positive, pos_date, date)
    done = date <= P1
    res.code[done], res.date[done] = code[done], date[done]
    _histories(rng, res, recorded)
    if crimes is None:
        _stalking_closures(world, rng, res, known, first_link)
    return res


def _histories(rng: np.random.Generator, res: Outcomes, recorded: np.ndarray) -> None:
    """Some crimes were closed, then reopened: an earlier row with another code (e.g. 21, later 1)."""
    lag = res.date - recorded
    has = np.flatnonzero((res.code >= 0) & (lag >= 3) & (rng.random(len(lag)) < HISTORY_SHARE))
    hist, final = _codes(rng, HISTORY_MIX, len(has)), res.code[has]
    o21, o10 = mx.out("21", "10")
    hist = np.where(hist == final, np.where(final == o21, o10, o21), hist)
    res.hist_code[has] = hist
    res.hist_date[has] = recorded[has] + np.floor(rng.uniform(0.2, 0.8, len(has)) * lag[has]).astype(np.int64)


def _stalking_closures(world: World, rng: np.random.Generator, res: Outcomes, known: np.ndarray,
                       first_link: np.ndarray) -> None:  # fmt: skip
    """Set the stalking positive outcomes of the last four months to the target rates.

    Domestic stalking keeps what the DA cohort calibration gave it; non-domestic stalking crimes are
    closed positively in each month until the month's total matches ``rate × recorded``.
    """
    c = world.crimes
    stalk = c["offence"] == mx.off("8Q")[0]
    positive = np.isin(res.code, mx.out(*mx.POSITIVE))
    rec_month, out_month = month_index(c["recorded"]), month_index(np.maximum(res.date, 0))
    months = {label: int(np.datetime64(label, "M").astype(np.int64)) for label in STALKING_CLOSURE_RATE}
    first, last = min(months.values()), max(months.values())
    free = stalk & ~c["da"] & known
    # Non-domestic stalking positives in the window are re-coded as evidential difficulties (15).
    moved = free & positive & (out_month >= first) & (out_month <= last)
    res.code[moved] = mx.out("15")[0]
    positive &= ~moved
    for label, m in months.items():
        start, end = month_start(m), month_start(m + 1) - 1
        have = int((stalk & positive & (out_month == m)).sum())
        want = round(STALKING_CLOSURE_RATE[label] * int((stalk & (rec_month == m)).sum())) - have
        open_then = (res.code < 0) | (res.date >= start)
        candidates = np.flatnonzero(
            free & ~positive & open_then & (c["recorded"] <= end) & (first_link <= end)
        )
        chosen = choose_exact(rng, candidates, want)
        when = np.maximum(
            rng.integers(start, end + 1, len(chosen)), np.maximum(c["recorded"], first_link)[chosen]
        )
        res.code[chosen] = _codes(rng, POSITIVE_MIX[mx.STALKING], len(chosen))
        res.date[chosen] = when
        stale = res.hist_date[chosen] >= when
        res.hist_code[chosen[stale]] = -1
        positive[chosen] = True
        out_month[chosen] = m


def extend(res: Outcomes, more: Outcomes) -> Outcomes:
    """Outcomes of crimes appended after ``res``'s (the planted escalation crimes)."""
    out = Outcomes(0)
    for name in ("code", "date", "hist_code", "hist_date"):
        setattr(out, name, np.concatenate([getattr(res, name), getattr(more, name)]))
    return out
