"""Each indicator's definition, checked on the hand-made store (see conftest.py for the records).

Every expected value is worked out by hand in a comment next to it.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from vawg.metrics import compute

FY22 = {"start": "2022-04-01", "end": "2023-03-31"}
Q2_22 = {"start": "2022-04-01", "end": "2022-06-30"}


def rows(con: duckdb.DuckDBPyConnection, metric_id: str, **kwargs: object) -> dict[tuple, tuple]:
    """{(period, *dims): (numerator, denominator or None, value)} of a metric."""
    result = compute(con, metric_id, **kwargs)  # type: ignore[arg-type]
    dims = result.dimension_columns
    out = {}
    for r in result.frame.to_dict(orient="records"):
        den = (
            None
            if r["denominator"] is None or r["denominator"] is __import__("pandas").NA
            else int(r["denominator"])
        )
        out[(r["period"], *(r[d] for d in dims))] = (int(r["numerator"]), den, r["value"])
    return out


def value(con: duckdb.DuckDBPyConnection, metric_id: str, key: tuple, **kwargs: object) -> tuple:
    return rows(con, metric_id, **kwargs)[key]


# --- crimes ------------------------------------------------------------------------------------
def test_vawg_recorded_crimes(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "vawg_recorded_crimes", **Q2_22)
    # Apr: C01 (8Q), C02 (DA), C03 (19C) = 3; May: C04 (8Q), C05 (DA), C06 (8L) = 3;
    # Jun: C07 (DA), C08 (8Q), C10 (HBA flag) = 3, C09 (theft, no flag) is not VAWG.
    assert {k: v[0] for k, v in got.items()} == {("2022-04",): 3, ("2022-05",): 3, ("2022-06",): 3}
    assert all(v[1] is None for v in got.values())  # a count has no denominator


def test_vawg_recorded_crimes_by_category_and_da(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "vawg_recorded_crimes", grain="fy", by=("vawg_category", "da"), **FY22)
    nonzero = {k: v[0] for k, v in got.items() if v[0]}
    # stalking: C01 (DA), C04, C08 (DA); DA with no VAWG code: C02, C05, C07; HBA: C10;
    # rape C03; harassment C06.
    assert nonzero == {
        ("2022/23", "stalking", "da"): 2,
        ("2022/23", "stalking", "non_da"): 1,
        ("2022/23", "other_offence", "da"): 3,
        ("2022/23", "other_offence", "non_da"): 1,
        ("2022/23", "rape", "non_da"): 1,
        ("2022/23", "harassment", "non_da"): 1,
    }


def test_grid_fills_empty_months_with_zero(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "da_recorded_crimes", start="2021-04-01", end="2022-06-30")
    # 15 months Apr 2021 – Jun 2022; DA crimes in Apr 2021 (C12), May 2021 (C11), then none until
    # Apr 2022 (C01, C02), May (C05), Jun (C07, C08).
    assert len(got) == 15
    assert got[("2021-04",)][0] == 1 and got[("2021-05",)][0] == 1 and got[("2021-12",)][0] == 0
    assert [got[(m,)][0] for m in ("2022-04", "2022-05", "2022-06")] == [2, 1, 2]


def test_stalking_recorded_crimes_quarter(handmade: duckdb.DuckDBPyConnection) -> None:
    # C01, C04, C08 are 8Q and all recorded in calendar Q2 2022.
    assert value(handmade, "stalking_recorded_crimes", ("2022-Q2",), grain="quarter")[0] == 3


def test_da_incidents_and_crimed_rate(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "da_incidents", by=("crimed",))
    # Apr: I1 (crimed, C01), I2 (not); May: I3 (crimed); I4 is not DA.
    assert {k: v[0] for k, v in got.items() if v[0]} == {
        ("2022-04", "crimed"): 1,
        ("2022-04", "not_crimed"): 1,
        ("2022-05", "crimed"): 1,
    }
    rate = rows(handmade, "da_incident_crimed_rate")
    assert rate[("2022-04",)][:2] == (1, 2) and rate[("2022-04",)][2] == pytest.approx(0.5)
    assert rate[("2022-05",)][:2] == (1, 1)


# --- outcomes: cohort basis ---------------------------------------------------------------------
def test_da_positive_outcome_rate_cohort(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "da_positive_outcome_rate", grain="fy", start="2021-04-01", end="2023-03-31")
    # FY2022/23 DA crimes: C01 (current 1: positive; its earlier 16 is history), C02 (3: positive),
    # C05 (14), C07 (open), C08 (8: positive) -> 3 / 5.
    assert got[("2022/23",)][:2] == (3, 5) and got[("2022/23",)][2] == pytest.approx(0.6)
    # FY2021/22: C11 (1: positive), C12 (16) -> 1 / 2.
    assert got[("2021/22",)][:2] == (1, 2)


def test_da_outcome_1_share_charge_and_victim_support(handmade: duckdb.DuckDBPyConnection) -> None:
    # Of the 3 positive DA outcomes above, only C01's is code 1 -> 1 / 3.
    assert value(handmade, "da_outcome_1_share", ("2022/23",), grain="fy", **FY22)[:2] == (1, 3)
    # Charge/summons (1, 1A): C01 -> 1 / 5.
    assert value(handmade, "da_charge_rate", ("2022/23",), grain="fy", **FY22)[:2] == (1, 5)
    # Victim does not support (14, 16) as CURRENT outcome: C05 (14); C01's 16 was superseded -> 1 / 5.
    assert value(handmade, "da_victim_not_supporting_rate", ("2022/23",), grain="fy", **FY22)[:2] == (1, 5)


def test_vawg_evidential_difficulties_by_month(handmade: duckdb.DuckDBPyConnection) -> None:
    # May VAWG crimes C04, C05, C06; outcome 15 only C06 -> 1 / 3.
    assert value(handmade, "vawg_evidential_difficulties_rate", ("2022-05",), **Q2_22)[:2] == (1, 3)


# --- outcomes: closure basis ----------------------------------------------------------------------
def test_stalking_positive_outcome_rate_closure(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "stalking_positive_outcome_rate", **Q2_22)
    # Stalking crimes recorded: Apr C01, May C04, Jun C08. Positive current outcomes dated:
    # May C04 (1 on 05-20); Jun C01 (1 on 06-15) and C08 (8 on 06-28).
    assert got[("2022-04",)][:2] == (0, 1)
    assert got[("2022-05",)][:2] == (1, 1)
    assert got[("2022-06",)][:2] == (2, 1) and got[("2022-06",)][2] == pytest.approx(2.0)
    result = compute(handmade, "stalking_positive_outcome_rate", **Q2_22)  # type: ignore[arg-type]
    june = result.frame[result.frame["period"] == "2022-06"].iloc[0]
    assert math.isnan(june["ci_low"])  # 2 of 1 is not a proportion: no Wilson interval
    cohort = rows(handmade, "stalking_positive_outcome_rate_cohort", **Q2_22)
    # Cohort: each month's one stalking crime has a positive current outcome -> 1 / 1.
    assert [cohort[(m,)][:2] for m in ("2022-04", "2022-05", "2022-06")] == [(1, 1)] * 3


def test_outcome_1_share_closure(handmade: duckdb.DuckDBPyConnection) -> None:
    # Positive DA outcomes dated in June: C01 (1), C08 (8) -> outcome 1 share 1 / 2. April: C02 (3) -> 0 / 1.
    got = rows(handmade, "da_outcome_1_share_closure", **Q2_22)
    assert got[("2022-06",)][:2] == (1, 2) and got[("2022-04",)][:2] == (0, 1)


def test_days_to_outcome(handmade: duckdb.DuckDBPyConnection) -> None:
    median = rows(handmade, "da_days_to_outcome_median", **Q2_22)
    p90 = rows(handmade, "da_days_to_outcome_p90", **Q2_22)
    # DA current outcomes dated in June: C01 04-05 -> 06-15 = 71 days; C05 05-15 -> 06-05 = 21;
    # C08 06-10 -> 06-28 = 18. Median of [18, 21, 71] = 21 over n = 3.
    assert median[("2022-06",)][0] == 3 and median[("2022-06",)][2] == pytest.approx(21)
    # p90, linear: position 0.9 x (3 - 1) = 1.8 -> 21 + 0.8 x (71 - 21) = 61.
    assert p90[("2022-06",)][2] == pytest.approx(61)
    # April: C02 04-12 -> 04-30 = 18 days.
    assert median[("2022-04",)][2] == pytest.approx(18)
    # May: no DA outcome dated in May -> no value.
    assert median[("2022-05",)][0] == 0 and math.isnan(median[("2022-05",)][2])


def test_open_investigations(handmade: duckdb.DuckDBPyConnection) -> None:
    got = {k: v[0] for k, v in rows(handmade, "da_open_investigations").items()}
    # Open from recording to first outcome, counted at month ends:
    # C12 2021-04-20 -> 2021-08-01 (Apr-Jul 2021); C11 2021-05-10 -> 2021-07-01 (May, Jun 2021);
    # C01 04-05 -> 05-01 (Apr); C02 04-12 -> 04-30 (closed ON the month end: not open);
    # C05 05-15 -> 06-05 (May); C07 06-02, never closed (Jun to the extract, Dec 2022); C08 closed in June.
    assert [got[(m,)] for m in ("2021-04", "2021-05", "2021-06", "2021-07", "2021-08")] == [1, 2, 2, 1, 0]
    assert [got[(m,)] for m in ("2022-04", "2022-05", "2022-06", "2022-12")] == [1, 1, 1, 1]
    assert max(k[0] for k in got) == "2022-12"  # valued up to meta's extract_date, no further


# --- suspects and custody -----------------------------------------------------------------------
def test_da_outstanding_suspects(handmade: duckdb.DuckDBPyConnection) -> None:
    got = {k: v[0] for k, v in rows(handmade, "da_outstanding_suspects").items()}
    # C12/P07 2021-04-20 until outcome 2021-08-01 (Apr-Jul 2021); C11/P02 2021-05-10 until outcome
    # 2021-07-01 (May, Jun 2021). C01/P02 04-05 until outcome 05-01 (Apr 2022). C02/P02 linked 04-20,
    # arrested 04-25: never outstanding at a month end. C05/P04 arrested 05-20, five days after
    # recording. C07/P04 06-02 until arrest 08-10 (Jun, Jul). C08/P02 06-10 until outcome 06-28.
    assert [got[(m,)] for m in ("2021-04", "2021-05", "2021-06", "2021-07", "2021-08")] == [1, 2, 2, 1, 0]
    assert [got[(m,)] for m in ("2022-04", "2022-05", "2022-06", "2022-07", "2022-08")] == [1, 0, 1, 1, 0]
    quarterly = {k: v[0] for k, v in rows(handmade, "da_outstanding_suspects", grain="quarter").items()}
    # A quarter takes its last month end: 2022-Q2 = June = 1, 2022-Q3 = September = 0.
    assert quarterly[("2022-Q2",)] == 1 and quarterly[("2022-Q3",)] == 0


def test_da_outstanding_suspects_by_duration(handmade: duckdb.DuckDBPyConnection) -> None:
    got = {k: v[0] for k, v in rows(handmade, "da_outstanding_suspects_by_duration").items() if v[0]}
    # C07/P04 outstanding from 06-02: at 06-30 for 28 days (under 1 month), at 07-31 for 59 days (1-3 months).
    assert got[("2022-06", "under 1 month")] == 1 and got[("2022-07", "1-3 months")] == 1
    # C12/P07 from 2021-04-20: 10 days at Apr end, 41 at May end, 71 at June end, 102 at July end.
    assert got[("2021-05", "1-3 months")] == 1 and got[("2021-07", "3-6 months")] == 1
    # The bands always add up to the total.
    total = {k: v[0] for k, v in rows(handmade, "da_outstanding_suspects").items()}
    for month in ("2021-06", "2022-06", "2022-07"):
        assert sum(n for k, n in got.items() if k[0] == month) == total[(month,)]


def test_arrests_per_100_crimes(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "da_arrests_per_100_crimes", **Q2_22)
    # Arrests for DA crimes: K1 (C02, Apr), K2 (C05, May); DA crimes recorded Apr 2, May 1, Jun 2.
    assert got[("2022-04",)] == (1, 2, pytest.approx(50.0))
    assert got[("2022-05",)] == (1, 1, pytest.approx(100.0))
    assert got[("2022-06",)] == (0, 2, pytest.approx(0.0))


def test_bail_rui_and_expiring(handmade: duckdb.DuckDBPyConnection) -> None:
    bailed = {k: v[0] for k, v in rows(handmade, "da_suspects_bailed").items() if v[0]}
    # Bail on DA crimes by arrest month: K1 Apr, K3 Jul, K6 Aug.
    assert bailed == {("2022-04",): 1, ("2022-07",): 1, ("2022-08",): 1}
    rui = {k: v[0] for k, v in rows(handmade, "da_suspects_rui").items() if v[0]}
    assert rui == {("2022-05",): 1}  # K2
    share = rows(handmade, "da_bail_share")
    assert share[("2022-05",)][:2] == (0, 1) and share[("2022-07",)][:2] == (1, 1)
    expiring = {k: v[0] for k, v in rows(handmade, "da_bails_expiring").items() if v[0]}
    # bail_end_date: K1 07-25, K6 09-30, K3 10-05.
    assert expiring == {("2022-07",): 1, ("2022-09",): 1, ("2022-10",): 1}


def test_female_detainees_by_offence(handmade: duckdb.DuckDBPyConnection) -> None:
    got = {k: v[0] for k, v in rows(handmade, "female_detainees", by=("offence_group",)).items() if v[0]}
    # P06 (F): K4 in May with no crime (offence group unknown), K5 in June for C09 (theft).
    assert got == {("2022-05", "unknown"): 1, ("2022-06", "Theft offences"): 1}


# --- repeats and serial perpetrators -------------------------------------------------------------
def test_repeat_victims_and_suspects(handmade: duckdb.DuckDBPyConnection) -> None:
    victims = value(handmade, "da_repeat_victim_rate", ("2022/23",), grain="fy", **FY22)
    # DA victim links FY22/23: C01/P01 (previous DA as victim C11 2021-05-10, 330 days: repeat),
    # C02/P08 (first), C05/P03 (previous C12 2021-04-20, 390 days: NOT within 12 months),
    # C07/P05 (first; C04 is not DA), C08/P01 (C01, 66 days: repeat) -> 2 / 5.
    assert victims[:2] == (2, 5)
    suspects = value(handmade, "da_repeat_suspect_rate", ("2022/23",), grain="fy", **FY22)
    # DA suspect links: C01/P02 (C11, 330 days: repeat), C02/P02 (C01: repeat), C05/P04 (first
    # as DA suspect), C07/P04 (C05: repeat), C08/P02 (repeat) -> 4 / 5.
    assert suspects[:2] == (4, 5)


def test_serial_perpetrators(handmade: duckdb.DuckDBPyConnection) -> None:
    got = {k: v[0] for k, v in rows(handmade, "da_serial_perpetrators", **Q2_22).items()}
    # P02: at C02 (Apr) his 3-year window holds C11 and C01 (victim P01) and C02 (victim P08):
    # 2+ crimes, 2+ victims -> serial. P04: at C05 (May) one DA crime only; at C07 (Jun) C05 (P03)
    # and C07 (P05) -> serial. P02 again at C08 (Jun). P07 has one DA crime (and is 13).
    assert got == {("2022-04",): 1, ("2022-05",): 0, ("2022-06",): 2}
    # Over the quarter: distinct people, not the sum of months -> P02 and P04 = 2.
    assert value(handmade, "da_serial_perpetrators", ("2022-Q2",), grain="quarter", **Q2_22)[0] == 2


# --- victims ------------------------------------------------------------------------------------
def test_victim_age_profile(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "victim_age_profile", grain="fy", **FY22)
    # VAWG victim links FY22/23 with age known: C01 32, C02 27, C03 22, C04 62, C05 22, C07 62,
    # C08 32, C10 22 (C06's age is unknown; C09 is not VAWG) -> 8 links.
    # 18-24: C03, C05, C10 = 3/8; 25-34: C01, C02, C08 = 3/8; 55-64: C04, C07 = 2/8.
    assert got[("2022/23", "18-24")] == (3, 8, pytest.approx(0.375))
    assert got[("2022/23", "25-34")] == (3, 8, pytest.approx(0.375))
    assert got[("2022/23", "55-64")] == (2, 8, pytest.approx(0.25))
    assert sum(v[2] for v in got.values()) == pytest.approx(1.0)


def test_victim_age_18_34_share(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "victim_age_18_34_share", grain="fy", **FY22)
    # Of the 8 age-known VAWG victim links above, aged 18-34: C01 32, C02 27, C03 22, C05 22, C08 32,
    # C10 22 -> 6/8 (the 18-24 and 25-34 bands together).
    assert got[("2022/23",)] == (6, 8, pytest.approx(0.75))


def test_victim_sex_profile(handmade: duckdb.DuckDBPyConnection) -> None:
    got = rows(handmade, "victim_sex_profile", grain="fy", **FY22)
    # 9 VAWG victim links (C06 included: sex is known); P05 (male) on C04 and C07 -> M 2/9, F 7/9.
    assert got[("2022/23", "M")][:2] == (2, 9) and got[("2022/23", "F")][:2] == (7, 9)


# --- orders and interventions ---------------------------------------------------------------------
def test_orders(handmade: duckdb.DuckDBPyConnection) -> None:
    issued = {k: v[0] for k, v in rows(handmade, "orders_issued", by=("order_type",)).items() if v[0]}
    assert issued == {("2022-04", "DVPN"): 1, ("2022-04", "DVPO"): 1, ("2022-05", "DVPN"): 1,
                      ("2022-05", "DVPO"): 1, ("2022-06", "SPO"): 1}  # fmt: skip
    granted = rows(handmade, "orders_granted_rate")
    # May: O3 granted, O4 refused -> 1 / 2.
    assert granted[("2022-05",)][:2] == (1, 2)
    conversion = rows(handmade, "dvpn_dvpo_conversion_rate")
    # April DVPN O1 has granted DVPO O2 -> 1/1; May DVPN O3's DVPO O4 was refused -> 0/1.
    assert conversion[("2022-04",)][:2] == (1, 1) and conversion[("2022-05",)][:2] == (0, 1)
    breaches = {k: v[0] for k, v in rows(handmade, "order_breaches").items() if v[0]}
    assert breaches == {("2022-05",): 1, ("2022-07",): 1, ("2022-08",): 1}
    breached = rows(handmade, "orders_breached_rate")
    # Granted orders by start month: Apr O1 (no breach), O2 (breach) -> 1/2; Jun O5 (2 breaches) -> 1/1.
    assert breached[("2022-04",)][:2] == (1, 2) and breached[("2022-06",)][:2] == (1, 1)


def test_interventions(handmade: duckdb.DuckDBPyConnection) -> None:
    referrals = {k: v[0] for k, v in rows(handmade, "intervention_referrals").items() if v[0]}
    # May: P02 EASI; Jun: P04 EASI, P06 NEW_CHANCE; Sep: P02 EASI again.
    assert referrals == {("2022-05",): 1, ("2022-06",): 2, ("2022-09",): 1}
    monthly = {k: v[0] for k, v in rows(handmade, "easi_completions").items() if v[0]}
    assert monthly == {("2022-09",): 1, ("2022-11",): 1}  # P02 completed twice
    # Completed by the extract date: distinct people -> P02 only = 1 (not 2).
    assert value(handmade, "easi_completions", ("all",), grain="all")[0] == 1
    assert value(handmade, "new_chance_referrals", ("2022-06",))[0] == 1
