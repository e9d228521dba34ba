"""Point in time: records dated after the as-of date never change a list (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vawg.operations import LISTS, compute_list

D = date(2023, 1, 31)
PEOPLE = ["P-A1", "P-A2", "P-B1", "P-F2", "P-F3", "P-O1", "P-S1", "P-V1"]
CRIMES = ["C-A1", "C-A2a", "C-A2b", "C-B1", "C-B2", "C-S1", "C-S2", "C-N2", "C-N3"]
ORDERS = ["OR-1", "OR-2", "OR-D49", "OR-DN"]

after = st.integers(min_value=1, max_value=60).map(lambda n: D + timedelta(days=n))
person, crime, order = st.sampled_from(PEOPLE), st.sampled_from(CRIMES), st.sampled_from(ORDERS)

# One later record of each kind the lists read: (table, columns and values), every own date after D.
records = st.one_of(
    st.tuples(st.just("outcomes"), st.fixed_dictionaries({"crime_id": crime, "outcome_code": st.just("1"), "outcome_date": after})),
    st.tuples(st.just("custody"), st.fixed_dictionaries({
        "person_id": person, "crime_id": crime, "arrest_date": after,
        "disposal": st.sampled_from(["charged", "bail", "rui", "caution", "nfa"]), "referral": st.sampled_from([None, "new_chance"]),
    })),
    st.tuples(st.just("crimes"), st.fixed_dictionaries({
        "recorded_date": after, "offence_code": st.sampled_from(["105A", "8Q", "46"]), "area": st.sampled_from(["North", "South"]),
        "da_flag": st.booleans(),
    })),
    st.tuples(st.just("crime_persons"), st.fixed_dictionaries({"crime_id": crime, "person_id": person, "linked_date": after})),
    st.tuples(st.just("interventions"), st.fixed_dictionaries({
        "person_id": person, "programme": st.sampled_from(["NEW_CHANCE", "EASI"]), "referred_date": after,
    })),
    st.tuples(st.just("orders"), st.fixed_dictionaries({
        "person_id": person, "order_type": st.sampled_from(["DVPO", "RO"]), "start_date": after, "parent_order_id": order,
    })),
    st.tuples(st.just("order_breaches"), st.fixed_dictionaries({"order_id": order, "breach_date": after})),
    st.tuples(st.just("actions"), st.fixed_dictionaries({"crime_id": crime, "set_date": after})),
    st.tuples(st.just("suspect_status"), st.fixed_dictionaries({
        "crime_id": crime, "person_id": person, "status": st.just("wanted"), "status_date": after,
    })),
)  # fmt: skip


def _insert(con, n: int, table: str, values: dict) -> None:
    """Insert one row, filling the rest of a table's required columns."""
    tag = f"X{n}"
    if table == "crimes":
        values = {**values, "crime_id": f"C-{tag}"}
    elif table == "crime_persons":
        values = {**values, "role": "suspect"}
    elif table == "custody":
        values = {
            **values,
            "custody_id": f"CU-{tag}",
            "bail_end_date": values["arrest_date"] + timedelta(days=20),
        }
    elif table == "orders":
        values = {
            **values,
            "order_id": f"OR-{tag}",
            "status": "granted",
            "end_date": values["start_date"] + timedelta(days=30),
        }
    elif table == "actions":
        values = {
            **values,
            "action_id": f"AC-{tag}",
            "description": "d",
            "owner": "o",
            "due_date": values["set_date"],
        }
    names = ", ".join([*values, "load_id"])
    marks = ", ".join(["?"] * (len(values) + 1))
    con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", [*values.values(), 99])


def _snapshot(con) -> dict[str, pd.DataFrame]:
    out = {}
    for list_id in LISTS.ids():
        work = compute_list(con, list_id, D)
        out[list_id] = work.frame
        if work.summary is not None:
            out[list_id + ":summary"] = work.summary
    return out


_BEFORE: dict[int, dict[str, pd.DataFrame]] = {}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(later=st.lists(records, min_size=1, max_size=8))
def test_records_after_the_as_of_date_change_no_list(handmade, later) -> None:
    if id(handmade) not in _BEFORE:  # the lists before any insert: computed once per store
        _BEFORE[id(handmade)] = _snapshot(handmade)
    before = _BEFORE[id(handmade)]
    handmade.execute("BEGIN TRANSACTION")
    try:
        for n, (table, values) in enumerate(later):
            _insert(handmade, n, table, values)
        after_insert = _snapshot(handmade)
    finally:
        handmade.execute("ROLLBACK")
    for key, frame in before.items():
        pd.testing.assert_frame_equal(frame, after_insert[key], obj=key)


def test_the_same_record_dated_on_the_as_of_date_does_change_a_list(handmade) -> None:
    """The property can fail: an arrest on D itself takes P-A1 off the outstanding list."""
    handmade.execute("BEGIN TRANSACTION")
    try:
        _insert(
            handmade,
            0,
            "custody",
            {"person_id": "P-A1", "crime_id": "C-A1", "arrest_date": D, "disposal": "charged"},
        )
        people = set(compute_list(handmade, "outstanding-suspects", D).frame["person_id"])
    finally:
        handmade.execute("ROLLBACK")
    assert "P-A1" not in people
