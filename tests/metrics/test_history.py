"""Warm-up (look-back metrics) and outcome maturity (cohort rates), worked by hand on the hand-made store.

The store's first crime is C12, recorded 2021-04-20 (history from 1 April 2021, whole months); the
extract date is 2022-12-31.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from vawg.config import get_settings
from vawg.metrics import REGISTRY, compute


def test_look_back_metrics_declare_their_window() -> None:
    assert REGISTRY.get("da_repeat_victim_rate").lookback_days == 365
    assert REGISTRY.get("da_serial_perpetrators").lookback_days == 1095
    assert REGISTRY.get("da_recorded_crimes").lookback_days is None


def test_a_period_without_a_full_year_of_history_is_flagged(handmade: duckdb.DuckDBPyConnection) -> None:
    result = compute(handmade, "da_repeat_victim_rate", start=date(2021, 4, 1), end=date(2022, 12, 31))
    flags = dict(zip(result.frame["period"], result.frame["full_lookback"], strict=True))
    # 1 April 2021 + 365 days = 1 April 2022: March 2022 lacks a full year, April 2022 has it
    assert (flags["2022-03"], flags["2022-04"]) == (False, True)
    assert sum(flags.values()) == 9  # April to December 2022
    serial = compute(handmade, "da_serial_perpetrators", grain="fy")
    assert not serial.frame["full_lookback"].any()  # 3 years of history are never there


def test_exclude_warm_up_drops_those_periods(handmade: duckdb.DuckDBPyConnection) -> None:
    result = compute(handmade, "da_repeat_victim_rate", start=date(2021, 4, 1), end=date(2022, 12, 31),
                     exclude_warm_up=True)  # fmt: skip
    assert list(result.frame["period"]) == [f"2022-{m:02d}" for m in range(4, 13)]


def test_cohort_months_carry_their_follow_up_and_maturity(handmade: duckdb.DuckDBPyConnection) -> None:
    result = compute(handmade, "da_positive_outcome_rate", start=date(2022, 4, 1), end=date(2022, 6, 30))
    rows = {r["period"]: (r["follow_up_days"], r["mature"]) for r in result.frame.to_dict(orient="records")}
    # month ends 30 April, 31 May, 30 June: 245, 214 and 184 days to the extract (31 December 2022)
    assert rows == {"2022-04": (245, True), "2022-05": (214, True), "2022-06": (184, True)}
    year = compute(
        handmade, "da_positive_outcome_rate", grain="all", start=date(2022, 1, 1), end=date(2022, 12, 31)
    )
    assert (year.frame["follow_up_days"].iloc[0], year.frame["mature"].iloc[0]) == (0, False)
    assert "follow_up_days" not in compute(handmade, "da_positive_outcome_rate_closure").frame


def test_the_maturity_threshold_is_a_setting(
    handmade: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAWG_OUTCOME_FOLLOW_UP_DAYS", "200")
    get_settings.cache_clear()
    result = compute(handmade, "da_positive_outcome_rate", start=date(2022, 4, 1), end=date(2022, 6, 30))
    assert list(result.frame["mature"]) == [True, True, False]  # June: 184 days < 200


def test_victims_age_split_by_victim_sex(handmade: duckdb.DuckDBPyConnection) -> None:
    # FY2022/23 victims of VAWG crimes with age known (C09 is not VAWG, C06's age is unknown):
    # female C03, C05, C10 (22) and C01, C08 (32), C02 (27); male C04, C07 (62)
    profile = compute(handmade, "victim_age_profile", grain="fy", by=("sex",))
    got = {(r["sex"], r["age_band"]): (r["numerator"], r["denominator"]) for r in profile.frame.to_dict(orient="records")
           if r["period"] == "2022/23"}  # fmt: skip
    assert got == {("F", "18-24"): (3, 6), ("F", "25-34"): (3, 6), ("M", "55-64"): (2, 2)}
    young = compute(handmade, "victim_age_18_34_share", grain="fy", by=("sex",))
    rows = {r["sex"]: (r["numerator"], r["denominator"]) for r in young.frame.to_dict(orient="records")
            if r["period"] == "2022/23"}  # fmt: skip
    assert rows == {"F": (6, 6), "M": (0, 2)}


def test_online_and_honour_based_abuse_dimensions(handmade: duckdb.DuckDBPyConnection) -> None:
    # FY2022/23 VAWG crimes: C01-C10 less C09 (offence 49 has no VAWG category, no flag) = 9;
    # C10 alone carries the HBA flag (and is open); no crime is flagged online.
    by_hba = compute(handmade, "vawg_recorded_crimes", grain="fy", by=("hba",))
    got = {
        r["hba"]: r["numerator"] for r in by_hba.frame.to_dict(orient="records") if r["period"] == "2022/23"
    }
    assert got == {"hba": 1, "not_hba": 8}
    by_online = compute(handmade, "vawg_recorded_crimes", grain="fy", by=("online",))
    assert {r["online"]: r["numerator"] for r in by_online.frame.to_dict(orient="records")
            if r["period"] == "2022/23"} == {"not_online": 9}  # fmt: skip
    rate = compute(handmade, "vawg_positive_outcome_rate", grain="fy", by=("hba",))
    hba = rate.frame[(rate.frame["period"] == "2022/23") & (rate.frame["hba"] == "hba")].iloc[0]
    assert (hba["numerator"], hba["denominator"]) == (0, 1)


def test_fixed_follow_up_basis_counts_outcomes_within_n_days(tmp_path) -> None:
    from tests.metrics.conftest import build_handmade_store

    con = build_handmade_store(tmp_path / "s.duckdb")
    # C13: a DA crime recorded 2022-04-01 and charged 2022-08-01, 122 days later
    con.execute("INSERT INTO crimes VALUES ('C13', DATE '2022-04-01', '105A', 'Birmingham', true, false, false, "
                "NULL, NULL, 1)")  # fmt: skip
    con.execute("INSERT INTO outcomes VALUES ('C13', '1', DATE '2022-08-01', NULL, 1)")

    def cells(metric_id: str) -> tuple[int, int, int, bool]:
        row = compute(
            con, metric_id, grain="month", start=date(2022, 4, 1), end=date(2022, 4, 30)
        ).frame.iloc[0]
        return int(row["numerator"]), int(row["denominator"]), int(row["follow_up_days"]), bool(row["mature"])

    # April 2022 DA crimes: C01 (charged after 71 days), C02 (outcome 3 after 18 days), C13 (122 days):
    # within 90 days 2 of 3, within 180 days 3 of 3; April ends 245 days before the extract: mature.
    assert cells("da_positive_outcome_rate_90d") == (2, 3, 245, True)
    assert cells("da_positive_outcome_rate_180d") == (3, 3, 245, True)
    assert cells("da_positive_outcome_rate")[:2] == (3, 3)
    june = compute(con, "da_positive_outcome_rate_180d", grain="month", start=date(2022, 6, 1),
                   end=date(2022, 6, 30)).frame.iloc[0]  # fmt: skip
    assert (june["follow_up_days"], june["mature"]) == (184, True)
    con.close()


def test_finalised_basis_is_positive_share_of_outcomes_dated_in_the_period(
    handmade: duckdb.DuckDBPyConnection,
) -> None:
    # FY2022/23 DA crimes with a current outcome dated in the year: C01 (1), C02 (3), C05 (14), C08 (8);
    # C07 is open. Positive: C01, C02, C08 -> 3 of 4. FY2021/22: C11 (1), C12 (16) -> 1 of 2.
    result = compute(handmade, "da_positive_outcome_rate_finalised", grain="fy")
    rows = {r["period"]: (r["numerator"], r["denominator"]) for r in result.frame.to_dict(orient="records")}
    assert rows == {"2021/22": (1, 2), "2022/23": (3, 4)}
    assert REGISTRY.get("da_positive_outcome_rate_finalised").basis == "finalised"
