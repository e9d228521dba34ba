"""The lists add up to the registry's metrics at the same month end, on the synthetic force and on
the hand-made bundle: outstanding-suspects to da_outstanding_suspects, bail to da_suspects_bailed."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from vawg.metrics import compute
from vawg.operations import compute_list
from vawg.store import connect

MONTH_ENDS = (date(2021, 3, 31), date(2022, 6, 30), date(2023, 1, 31))


@pytest.fixture(scope="module")
def force(small_force):
    con = connect(small_force[1], read_only=True)  # the shared force is read-only: no RFSDI registry
    yield con
    con.close()


def _metric_at(con, metric_id: str, month_end: date, **by: str) -> int:
    result = compute(con, metric_id, by=tuple(by), start=month_end.replace(day=1), end=month_end)
    frame = result.frame
    for column, value in by.items():
        frame = frame[frame[column] == value]
    return int(frame["numerator"].sum())


@pytest.mark.parametrize("month_end", MONTH_ENDS)
def test_outstanding_crimes_add_up_to_the_metric(force, month_end: date) -> None:
    work = compute_list(force, "outstanding-suspects", month_end)
    assert work.row_count > 20  # not vacuous
    assert int(work.frame["outstanding_crimes"].sum()) == _metric_at(
        force, "da_outstanding_suspects", month_end
    )
    assert work.frame["person_id"].is_unique  # one row per person, not per crime link


def test_outstanding_on_the_handmade_bundle(handmade) -> None:
    for month_end, expected in ((date(2022, 11, 30), 2), (date(2022, 12, 31), 2), (date(2023, 1, 31), 3)):
        work = compute_list(handmade, "outstanding-suspects", month_end)
        assert int(work.frame["outstanding_crimes"].sum()) == expected
        assert _metric_at(handmade, "da_outstanding_suspects", month_end) == expected


def _resolved_bails(con, month_end: date) -> pd.DataFrame:
    """DA bail records arrested in the month that a later arrest (same person and crime) or an
    outcome resolved by the month end: counted by the metric, left off the list."""
    bails = con.execute(
        "SELECT cu.custody_id, cu.person_id, cu.crime_id, cu.arrest_date, c.area FROM custody cu "
        "JOIN crimes c USING (crime_id) WHERE c.da_flag AND cu.disposal = 'bail'"
    ).df()
    custody = con.execute("SELECT person_id, crime_id, arrest_date AS later FROM custody").df()
    outcomes = con.execute("SELECT crime_id, outcome_date FROM outcomes").df()
    d, start = pd.Timestamp(month_end), pd.Timestamp(month_end.replace(day=1))
    bails = bails[(bails["arrest_date"] >= start) & (bails["arrest_date"] <= d)]
    later = bails.merge(custody, on=["person_id", "crime_id"])
    later = later[(later["later"] > later["arrest_date"]) & (later["later"] <= d)]
    outcome = bails.merge(outcomes[outcomes["outcome_date"] <= d], on="crime_id")
    resolved = set(later["custody_id"]) | set(outcome["custody_id"])
    return bails[bails["custody_id"].isin(resolved)]


@pytest.mark.parametrize("month_end", MONTH_ENDS)
def test_bail_adds_up_to_da_suspects_bailed(force, month_end: date) -> None:
    work = compute_list(force, "bail", month_end)
    frame = work.frame[work.frame["section"] != "released under investigation"]
    in_month = frame[
        frame["arrest_date"].map(lambda d: (d.year, d.month) == (month_end.year, month_end.month))
    ]
    resolved = _resolved_bails(force, month_end)
    assert len(in_month) > 0
    assert len(in_month) + len(resolved) == _metric_at(force, "da_suspects_bailed", month_end)
    for area in sorted(set(in_month["area"]))[:3]:
        listed = int((in_month["area"] == area).sum()) + int((resolved["area"] == area).sum())
        assert listed == _metric_at(force, "da_suspects_bailed", month_end, area=area)


def test_new_chance_metrics_on_the_handmade_bundle(handmade) -> None:
    # December: CU-N1 (referred day 28) and CU-N2 (day 29, missed); January: CU-N3 (never referred)
    # and CU-N5 (referred from custody); CU-N4 (16), CU-N7 (harassment), CU-N8 (charged) not eligible.
    eligible = compute(handmade, "new_chance_eligible").frame
    missed = compute(handmade, "new_chance_missed_referral_rate").frame
    assert list(eligible["numerator"]) == [2, 2]
    assert list(zip(missed["numerator"], missed["denominator"], strict=True)) == [(1, 2), (1, 2)]


@pytest.mark.parametrize("month_end", [date(2021, 3, 31), date(2022, 6, 30)])
def test_missed_new_chance_referrals_add_up_to_the_metric(force, month_end: date) -> None:
    """As of 31 days after a month end every window of that month has closed, so the list's missed
    referrals from that month are the metric's numerator."""
    work = compute_list(force, "new-chance", month_end + timedelta(days=31))
    in_month = work.frame[
        work.frame["arrest_date"].map(lambda d: (d.year, d.month) == (month_end.year, month_end.month))
    ]
    assert (in_month["state"] == "missed").all()
    metric = compute(force, "new_chance_missed_referral_rate", start=month_end.replace(day=1), end=month_end)
    assert len(in_month) == int(metric.frame["numerator"].sum()) > 0
