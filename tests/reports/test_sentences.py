"""Sentences: the direction word and the significance follow the numbers."""

from __future__ import annotations

import pytest

from vawg.metrics import compare_counts, compare_proportions
from vawg.reports._sentences import (
    NOT_SIGNIFICANT,
    NOT_TESTABLE,
    SIGNIFICANT,
    change_phrase,
    direction,
    format_value,
    improving_run,
    judgement,
    possessive,
    significance_clause,
    twelve_month_sentence,
)


@pytest.mark.parametrize(
    ("before", "after", "unit", "word"),
    [
        (0.033, 0.044, "rate", "increased"),
        (0.044, 0.033, "rate", "decreased"),
        (0.04401, 0.04399, "rate", "unchanged"),  # both print as 4.4%
        (1200, 1200.4, "count", "unchanged"),
        (1200, 1201, "count", "increased"),
    ],
)
def test_direction_is_judged_on_printed_values(before: float, after: float, unit: str, word: str) -> None:
    assert direction(before, after, unit) == word


def test_the_paper_sentence() -> None:
    comparison = compare_proportions(440, 10_000, 330, 10_000)
    text = twelve_month_sentence(
        "Positive outcome rates for domestic abuse", 0.033, 0.044, "rate", comparison, "76% were outcome 1"
    )
    assert text.startswith(
        "Positive outcome rates for domestic abuse over the past twelve months increased to 4.4% from 3.3%; "
        "76% were outcome 1."
    )
    assert SIGNIFICANT in text and "percentage points" in text


def test_unchanged_reads_as_unchanged_and_not_significant() -> None:
    comparison = compare_counts(1000, 1001)
    text = twelve_month_sentence("Recorded stalking offences", 1001, 1000, "count", comparison)
    assert "decreased to 1,000 from 1,001" in text
    assert NOT_SIGNIFICANT in text
    assert change_phrase(5, 5, "count") == "unchanged at 5"
    assert "were unchanged at 0" in twelve_month_sentence("Referrals", 0, 0, "count", None)
    assert NOT_TESTABLE in twelve_month_sentence("Referrals", 0, 0, "count", None)


def test_significance_clause_states_the_interval_of_the_change() -> None:
    comparison = compare_proportions(60, 1000, 30, 1000)
    clause = significance_clause(comparison)
    low, high = comparison.ci_low * 100, comparison.ci_high * 100
    assert clause.startswith(SIGNIFICANT)
    assert f"{low:+.1f} to {high:+.1f}" in clause
    ratio = significance_clause(compare_counts(1100, 1000))
    assert "%, 95% CI" in ratio


def test_judgement_uses_the_metric_direction() -> None:
    assert judgement("increased", True) == "better"
    assert judgement("increased", False) == "worse"
    assert judgement("decreased", None) == ""
    assert judgement("unchanged", True) == ""


def test_improving_run_counts_consecutive_improvements_at_the_end() -> None:
    assert improving_run([0.05, 0.02, 0.03, 0.04, 0.05], True) == 3
    assert improving_run([5, 4, 3, 4], False) == 0
    assert improving_run([5, 4, 3, 2], False) == 3
    assert improving_run([1, 2, 2], True) == 0  # a tie breaks the run


def test_formatting_and_possessives() -> None:
    assert format_value(0.0438, "rate") == "4.4%"
    assert format_value(12345, "count") == "12,345"
    assert format_value(float("nan"), "rate") == "n/a"
    assert possessive("West Midlands") == "West Midlands'"
    assert possessive("Kent") == "Kent's"


def test_the_women_and_girls_headline_counts_female_victims(tmp_path) -> None:
    from tests.metrics.conftest import build_handmade_store
    from vawg.metrics import compute
    from vawg.reports._board_data import women_and_girls_sentence

    con = build_handmade_store(tmp_path / "s.duckdb")
    now = compute(con, "victim_sex_profile", grain="all", start="2022-04-01", end="2023-03-31")
    before = compute(con, "victim_sex_profile", grain="all", start="2021-04-01", end="2022-03-31")
    con.close()
    sentence = women_and_girls_sentence(now, before)
    # FY2022/23 victims on VAWG crimes (C09 is not VAWG): C01-C08, C10; male P05 on C04 and C07.
    # FY2021/22: C11 (P01) and C12 (P03), both female.
    assert sentence.startswith(
        "Against women and girls: of 9 victims of VAWG crimes recorded over the past twelve months, 7 (77.8%) "
        "were women and girls, against 2 in the twelve months before; this is "
    )
    assert "relative change +250.0%" in sentence and "male victims (2 victims this year)" in sentence


def test_equal_follow_up_compares_the_mature_months_with_the_same_months_a_year_before(
    handmade_store, tmp_path
) -> None:
    from datetime import date

    from vawg.metrics import compute
    from vawg.reports import report_window
    from vawg.reports._board_data import equal_follow_up_sentence
    from vawg.store import connect

    con = connect(handmade_store, read_only=True)
    window = report_window(con)  # April 2022 to March 2023; extract 31 March 2023
    sentence = equal_follow_up_sentence(con, window, days=90)
    # 31 March 2023 less 90 days is 31 December 2022: April-December 2022 are final on this basis
    now = compute(
        con, "da_positive_outcome_rate_90d", grain="all", start=date(2022, 4, 1), end=date(2022, 12, 31)
    )
    then = compute(
        con, "da_positive_outcome_rate_90d", grain="all", start=date(2021, 4, 1), end=date(2021, 12, 31)
    )
    con.close()
    assert sentence.startswith(
        "At equal follow-up (fixed follow-up basis: a positive outcome within 90 days of recording), domestic "
        f"abuse crimes recorded April 2022 to December 2022 reached {now.frame['value'].iloc[0] * 100:.1f}%, "
        f"against {then.frame['value'].iloc[0] * 100:.1f}% for the same months a year earlier; this is "
    )
