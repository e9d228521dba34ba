"""Actions set by the fortnightly stalking triage clinic (paras 29-30) and the monthly DA
performance meeting: owned by teams, with due dates; most done on time, some late, some overdue."""

from __future__ import annotations

from datetime import date

import numpy as np

from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame, heavy_counts, repeat_index, weighted_pick
from vawg.synth._calendar import P1, day, month_start, period_months

CLINIC_FROM = day(date(2021, 9, 1))
CLINIC_CASES = 12  # cases reviewed per clinic at scale 1
MEETING_CASES = 20  # outstanding DA cases given actions per monthly meeting
FORUMS = ("stalking_clinic", "da_performance_meeting")
CLINIC_ACTIONS = (
    ("Apply for a Stalking Protection Order", "PPU Stalking Team"),
    ("Consider an interim SPO pending the full hearing", "Legal Services"),
    ("Submit the victim's and suspect's devices for examination", "Digital Media Team"),
    ("Refer the suspect to the EASI programme", "EASI Project"),
    ("Seek CPS early investigative advice", "CPS Liaison"),
    ("Complete an S-DASH risk assessment with the victim", "PPU Investigation Team"),
    ("Safeguarding visit and referral to an ISAC", "Safeguarding Hub"),
    ("Review bail conditions and victim contact", "FCID Investigation Team"),
    ("Arrest the suspect (arrest-ready)", "Response Team"),
    ("Share with IOM for offender management", "IOM Team"),
    ("Refer the victim to Black Country Women's Aid", "Victim Services"),
    ("Obtain social media account data", "Digital Media Team"),
)
MEETING_ACTIONS = (
    ("Locate and arrest the outstanding suspect", "PPU Offender Management"),
    ("Review the case for a DVPN", "Civil Orders Team"),
    ("Update the victim and record their wishes", "PPU Investigation Team"),
    ("Supervisor review of the investigation plan", "PPU Supervision"),
)
DESCRIPTIONS = tuple(d for d, _ in CLINIC_ACTIONS + MEETING_ACTIONS)
OWNERS = tuple(dict.fromkeys(o for _, o in CLINIC_ACTIONS + MEETING_ACTIONS))


def _actions_for(rng: np.random.Generator, crimes: np.ndarray, set_day: np.ndarray, forum: int,
                 menu: tuple[tuple[str, str], ...]) -> Frame:  # fmt: skip
    per_case = heavy_counts(rng, len(crimes), 1.0, 1.0)
    owner_case = repeat_index(per_case)
    n = len(owner_case)
    pick = rng.integers(0, len(menu), n)
    set_ = set_day[owner_case]
    due = set_ + rng.choice(np.array([7, 14, 28]), n)
    fate = weighted_pick(rng, np.array([0.72, 0.13, 0.15]), n)  # on time, late, not done
    done = np.where(fate == 0, set_ + np.floor(rng.random(n) * (due - set_ + 1)).astype(np.int64),
                    np.where(fate == 1, due + rng.integers(1, 31, n), -1))  # fmt: skip
    done = np.where(done <= P1, done, -1)
    return Frame(
        crime=crimes[owner_case], forum=np.full(n, forum, np.int8),
        description=np.array([DESCRIPTIONS.index(menu[i][0]) for i in range(len(menu))], np.int8)[pick],
        owner=np.array([OWNERS.index(menu[i][1]) for i in range(len(menu))], np.int8)[pick],
        set=set_.astype(np.int64), due=due.astype(np.int64), done=done.astype(np.int64),
    )  # fmt: skip


def _cases(rng: np.random.Generator, pool: np.ndarray, recorded: np.ndarray, outcome_code: np.ndarray,
           outcome_day: np.ndarray, meetings: np.ndarray, lookback: int, k: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """For each meeting day, up to ``k`` cases of ``pool`` recorded in the ``lookback`` days before it
    and still open on the day. One step per meeting (fortnightly or monthly), not per row."""
    pool = pool[np.argsort(recorded[pool], kind="stable")]
    rec = recorded[pool]
    lo, hi = np.searchsorted(rec, meetings - lookback), np.searchsorted(rec, meetings)
    cases, days = [], []
    for meeting, a, b in zip(meetings, lo, hi, strict=True):
        recent = pool[a:b]
        still_open = recent[(outcome_code[recent] < 0) | (outcome_day[recent] >= meeting)]
        chosen = rng.choice(still_open, size=min(k, len(still_open)), replace=False)
        cases.append(chosen)
        days.append(np.full(len(chosen), meeting))
    return np.concatenate(cases), np.concatenate(days)


def build_actions(world_crimes: Frame, outcome_code: np.ndarray, outcome_day: np.ndarray, scale: float,
                  rng: np.random.Generator) -> Frame:  # fmt: skip
    """Stalking clinic actions every fortnight from September 2021, DA meeting actions monthly."""
    c = world_crimes
    clinics = np.arange(CLINIC_FROM, P1 + 1, 14)
    stalk = np.flatnonzero(c["offence"] == mx.off("8Q")[0])
    cases, days = _cases(rng, stalk, c["recorded"], outcome_code, outcome_day, clinics, 28,
                         max(1, round(CLINIC_CASES * scale)))  # fmt: skip
    clinic = _actions_for(rng, cases, days, 0, CLINIC_ACTIONS)
    meetings = np.array([month_start(m) + 7 for m in period_months()])
    meetings = meetings[meetings <= P1]
    cases, days = _cases(rng, np.flatnonzero(c["da"]), c["recorded"], outcome_code, outcome_day, meetings, 90,
                         max(1, round(MEETING_CASES * scale)))  # fmt: skip
    return Frame.concat([clinic, _actions_for(rng, cases, days, 1, MEETING_ACTIONS)])
