"""The Our Behaviours strand on a hand-made case file with worked answers: cases by month, APSP,
IOPC referrals, share upheld (withdrawn cases have no finding), days to outcome, and training
coverage by tier against the eligible headcount."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, write_bundle
from vawg.ingest import ingest
from vawg.metrics import compute
from vawg.store import connect
from vawg.strategy import training_coverage

CASES = [
    # case, received, type, allegation, role, outcome, outcome date, IOPC
    ("PS1", "2022-04-05", "conduct_matter", "apsp", "officer", "upheld", "2022-10-02", "true"),
    ("PS2", "2022-04-20", "complaint", "sexual_harassment", "staff", "not_upheld", "2022-10-20", "false"),
    ("PS3", "2022-05-01", "complaint", "misogyny", "officer", "withdrawn", "2022-10-01", ""),
    ("PS4", "2022-05-09", "recordable", "apsp", "special", "", "", "true"),
    (
        "PS5",
        "2022-05-30",
        "conduct_matter",
        "domestic_abuse",
        "officer",
        "reflective_practice",
        "2022-10-31",
        "false",
    ),
]
COMPLETIONS = [  # staff, tier, date — ST1 took the course twice (counted once)
    ("ST1", "1", "2022-11-01"), ("ST1", "1", "2022-12-01"), ("ST2", "1", "2022-11-20"),
    ("ST3", "2", "2023-01-26"), ("ST4", "2", "2023-01-27"), ("ST5", "4", "2022-06-01"),
]  # fmt: skip
ELIGIBLE = [
    ("1", "2022-04-01", "10"),
    ("1", "2023-01-01", "8"),
    ("2", "2022-04-01", "4"),
    ("4", "2022-04-01", "1"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("behaviours")
    tables = base_rows()
    tables["conduct_cases"] = [
        {"case_id": c, "received_date": r, "case_type": t, "allegation": a, "subject_role": s, "subject_id": "",
         "area": "", "outcome": o, "outcome_date": od, "referred_iopc": i, "vetting": ""}
        for c, r, t, a, s, o, od, i in CASES
    ]  # fmt: skip
    tables["training_completions"] = [
        {
            "completion_id": f"TC{n}",
            "staff_id": s,
            "course": "sexual_harassment",
            "tier": t,
            "completed_date": d,
        }
        for n, (s, t, d) in enumerate(COMPLETIONS)
    ]
    tables["training_eligible"] = [
        {"course": "sexual_harassment", "tier": t, "as_of_date": d, "headcount": h} for t, d, h in ELIGIBLE
    ]
    db = folder / "s.duckdb"
    ingest(write_bundle(folder / "bundle", tables), db)
    return db


def _by_month(store: Path, metric: str) -> dict[str, tuple[int, object, float]]:
    frame = compute(store, metric, grain="month").frame
    return {
        str(r.period_start)[:7]: (int(r.numerator), r.denominator, float(r.value)) for r in frame.itertuples()
    }


def test_cases_apsp_and_iopc_by_month_received(store: Path) -> None:
    assert {k: v[0] for k, v in _by_month(store, "conduct_cases_received").items()} == {
        "2022-04": 2,
        "2022-05": 3,
    }
    assert {k: v[0] for k, v in _by_month(store, "conduct_apsp_cases").items() if v[0]} == {
        "2022-04": 1,
        "2022-05": 1,
    }
    assert {k: v[0] for k, v in _by_month(store, "conduct_iopc_referrals").items() if v[0]} == {
        "2022-04": 1,
        "2022-05": 1,
    }


def test_share_upheld_leaves_out_withdrawn_and_open_cases(store: Path) -> None:
    # October: PS1 upheld, PS2 not upheld, PS5 reflective practice (findings); PS3 withdrawn; PS4 open.
    october = _by_month(store, "conduct_upheld_rate")["2022-10"]
    assert (october[0], int(october[1]), october[2]) == (1, 3, pytest.approx(1 / 3))


def test_days_to_outcome_is_the_median_of_closed_cases(store: Path) -> None:
    # Closed in October: 180 (PS1), 183 (PS2), 153 (PS3, withdrawn counts: it closed), 154 (PS5) -> median 167.
    october = _by_month(store, "conduct_days_to_outcome")["2022-10"]
    assert (october[0], october[2]) == (4, 167.0)


def test_training_coverage_by_tier(store: Path) -> None:
    con = connect(store, read_only=True)
    try:
        frame = training_coverage(con, date(2023, 1, 26)).set_index("tier")
    finally:
        con.close()
    # Tier 1: 2 people (ST1 twice) of the 2023-01-01 headcount 8; tier 2: ST3 on the day, not ST4 (27th).
    assert (frame.loc["1", "completed"], frame.loc["1", "eligible"], frame.loc["1", "coverage"]) == (
        2,
        8,
        0.25,
    )
    assert (frame.loc["2", "completed"], frame.loc["2", "coverage"]) == (1, 0.25)
    assert (frame.loc["4", "completed"], frame.loc["4", "coverage"]) == (1, 1.0)
    assert (frame.loc["all", "completed"], frame.loc["all", "eligible"]) == (4, 13)


def test_coverage_sentence_states_the_numbers(store: Path) -> None:
    from vawg.strategy import coverage_sentence

    con = connect(store, read_only=True)
    try:
        frame = training_coverage(con, date(2023, 1, 26))
    finally:
        con.close()
    assert coverage_sentence(frame, date(2023, 1, 26)) == (
        "By 26 January 2023, 4 staff had completed the sexual harassment training: 31% of the 13 eligible "
        "(tier 4 100%, tier 2 25%, tier 1 25%)."
    )
