"""The synthetic Our Behaviours tables: calibrated to para 45 and drawn from their own stream."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vawg.synth._arrays import STREAMS
from vawg.synth._behaviours import STREAM, TRAINING_COUNTED, behaviour_tables


def test_training_completions_match_the_paper_at_scale_1(default_bundle: Path) -> None:
    done = pd.read_csv(default_bundle / "training_completions.csv", parse_dates=["completed_date"])
    by_count = done[done["completed_date"] <= pd.Timestamp(TRAINING_COUNTED)]
    assert by_count["staff_id"].nunique() == len(by_count) == 6_987  # para 45
    eligible = pd.read_csv(default_bundle / "training_eligible.csv", dtype={"tier": str}).set_index("tier")
    tier4 = done[done["tier"].astype(str) == "4"]
    assert len(tier4) == eligible.loc["4", "headcount"]  # "All tier 4 training has now been delivered"


def test_cases_rise_after_the_integrity_health_checks(default_bundle: Path) -> None:
    cases = pd.read_csv(default_bundle / "conduct_cases.csv", parse_dates=["received_date", "outcome_date"])
    year = cases.groupby(cases["received_date"].dt.to_period("Y-MAR")).size()
    assert year.iloc[-1] > 1.3 * year.iloc[0]  # para 44: more reporting into PSD
    closed = cases.dropna(subset=["outcome_date"])
    assert (closed["outcome_date"] >= closed["received_date"]).all()


def test_own_stream_and_deterministic() -> None:
    assert len(STREAMS) <= STREAM  # never one of the other stages' streams
    a, b = behaviour_tables(7, 0.1), behaviour_tables(7, 0.1)
    for name in a:
        rows = a[name][0]
        assert rows == b[name][0]
        assert a[name][1](slice(0, rows)) == b[name][1](slice(0, rows))
