"""The Our Behaviours strand's synthetic tables: Professional Standards cases about police-perpetrated
VAWG, and the tiered sexual harassment training (board paper paras 43–45).

Drawn from their own random stream, so adding them left every other table byte-identical. The
calibration: 6,987 staff had completed the training by 26 January 2023 (para 45) at scale 1; tier 4
(PSD and HR) complete, tier 3 at the leadership conference, tiers 2 and 1 online from November 2022;
reporting into Professional Standards rises after the Annual Integrity Health Checks began in March
2022 (para 44).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from vawg.contract import ALLEGATION, CASE_TYPE, CONDUCT_OUTCOME, SUBJECT_ROLE, TABLES_BY_NAME, VETTING
from vawg.synth._calendar import AREA_WEIGHTS, AREAS, EXTRACT_DATE, PERIOD_START
from vawg.synth._writer import schema

STREAM = 1_043  # this module's random stream: np.random.default_rng([seed, STREAM])
COURSE = "sexual_harassment"
TRAINING_COUNTED = date(2023, 1, 26)
COMPLETED_BY_COUNT = 6_987  # para 45, at scale 1
AIHC_START = date(2022, 3, 1)  # Operation Santos: Annual Integrity Health Checks (para 44)

# Tier: (eligible headcount at scale 1, completions by 26 January 2023, completions after, window).
TIERS: dict[str, tuple[int, int, int, tuple[date, date]]] = {
    "4": (150, 150, 0, (date(2022, 5, 1), date(2022, 9, 30))),
    "3": (260, 220, 15, (date(2022, 10, 13), date(2022, 10, 13))),
    "2": (2_300, 1_500, 320, (date(2022, 11, 1), EXTRACT_DATE)),
    "1": (9_800, 5_117, 1_450, (date(2022, 11, 1), EXTRACT_DATE)),
}
CASES_PER_YEAR = 120.0  # before the health checks, at scale 1
AIHC_UPLIFT = 1.6


def _days(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def _ids(prefix: str, n: int) -> list[str]:
    width = max(7, len(str(n)))
    return [f"{prefix}-{i:0{width}d}" for i in range(1, n + 1)]


def training_tables(rng: np.random.Generator, scale: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Completions (one per member of staff) and the eligible headcount by tier."""
    rows, eligible = [], []
    staff = 0
    cut = _days(TRAINING_COUNTED)
    for tier, (headcount, before, after, (start, end)) in TIERS.items():
        n_before, n_after = round(before * scale), round(after * scale)
        lo, hi = _days(start), _days(end)
        days_before = rng.integers(lo, min(hi, cut) + 1, n_before)
        days_after = rng.integers(cut + 1, hi + 1, n_after) if hi > cut else np.empty(0, np.int64)
        for day in np.sort(np.concatenate([days_before, days_after])):
            staff += 1
            rows.append((staff, tier, int(day)))
        eligible.append(
            {
                "course": COURSE,
                "tier": tier,
                "as_of_date": PERIOD_START,
                "headcount": max(round(headcount * scale), n_before + n_after),
            }
        )
    order = rng.permutation(len(rows))  # staff pseudonyms are not in completion order
    frame = pd.DataFrame(rows, columns=["staff", "tier", "day"]).sort_values(
        ["day", "tier"], kind="stable", ignore_index=True
    )
    frame["completion_id"] = _ids("TC", len(frame))
    frame["staff_id"] = [f"ST-{order[s - 1] + 1:07d}" for s in frame["staff"]]
    frame["course"] = COURSE
    frame["completed_date"] = frame["day"].astype("datetime64[D]").dt.date
    return frame[["completion_id", "staff_id", "course", "tier", "completed_date"]], pd.DataFrame(eligible)


def conduct_cases(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Cases received over the extract window, more after the health checks began."""
    start, aihc, end = _days(PERIOD_START), _days(AIHC_START), _days(EXTRACT_DATE)
    rate = CASES_PER_YEAR * scale / 365.25
    n_pre = rng.poisson(rate * (aihc - start))
    n_post = rng.poisson(rate * AIHC_UPLIFT * (end - aihc + 1))
    received = np.sort(
        np.concatenate([rng.integers(start, aihc, n_pre), rng.integers(aihc, end + 1, n_post)])
    )
    n = len(received)
    allegation = rng.choice(len(ALLEGATION), n, p=[0.15, 0.25, 0.30, 0.20, 0.10])
    apsp = allegation == ALLEGATION.index("apsp")
    case_type = np.where(
        apsp, CASE_TYPE.index("conduct_matter"), rng.choice(len(CASE_TYPE), n, p=[0.45, 0.40, 0.15])
    )
    role = rng.choice(len(SUBJECT_ROLE), n, p=[0.75, 0.20, 0.05])
    # About one subject in ten appears in more than one case.
    subjects = rng.integers(1, max(2, int(n * 0.9)) + 1, n)
    duration = np.round(rng.lognormal(np.log(160), 0.6, n)).astype(np.int64)
    outcome_day = received + duration
    closed = outcome_day <= end
    p_outcome = np.array([0.30, 0.25, 0.20, 0.15, 0.10])
    outcome = rng.choice(len(CONDUCT_OUTCOME), n, p=p_outcome)
    outcome = np.where(apsp & (rng.random(n) < 0.25), CONDUCT_OUTCOME.index("upheld"), outcome)
    upheld = closed & (outcome == CONDUCT_OUTCOME.index("upheld"))
    iopc = rng.random(n) < np.where(apsp, 0.6, 0.15)
    vetting = np.where(
        upheld,
        rng.choice(len(VETTING), n, p=[0.2, 0.3, 0.4, 0.1]),
        np.where(closed & (rng.random(n) < 0.1), VETTING.index("review"), VETTING.index("none")),
    )
    frame = pd.DataFrame(
        {
            "case_id": _ids("PS", n),
            "received_date": received.astype("datetime64[D]"),
            "case_type": [CASE_TYPE[i] for i in case_type],
            "allegation": [ALLEGATION[i] for i in allegation],
            "subject_role": [SUBJECT_ROLE[i] for i in role],
            "subject_id": [f"SU-{s:07d}" for s in subjects],
            "area": [AREAS[i] for i in rng.choice(len(AREAS), n, p=AREA_WEIGHTS)],
            "outcome": [CONDUCT_OUTCOME[o] if c else None for o, c in zip(outcome, closed, strict=True)],
            "outcome_date": pd.Series(np.where(closed, outcome_day, 0).astype("datetime64[D]")).where(closed),
            "referred_iopc": iopc,
            "vetting": [VETTING[v] if c else None for v, c in zip(vetting, closed, strict=True)],
        }
    )
    for column in ("received_date", "outcome_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def behaviour_tables(
    seed: int, scale: float
) -> dict[str, tuple[int, Callable[[slice], dict[str, pa.Array]]]]:
    """The three tables as the bundle writer takes them: (rows, columns of a slice of rows)."""
    rng = np.random.default_rng([seed, STREAM])
    cases = conduct_cases(rng, scale)
    completions, eligible = training_tables(rng, scale)

    def builder(name: str, frame: pd.DataFrame) -> tuple[int, Callable[[slice], dict[str, pa.Array]]]:
        table = pa.Table.from_pandas(frame, schema=schema(TABLES_BY_NAME[name]), preserve_index=False)
        return len(frame), lambda part: {name: table.column(name).slice(part.start, part.stop - part.start).combine_chunks()
                                         for name in frame.columns}  # fmt: skip

    return {
        "conduct_cases": builder("conduct_cases", cases),
        "training_completions": builder("training_completions", completions),
        "training_eligible": builder("training_eligible", eligible),
    }
