"""The point-in-time property: records dated on or after the as-of date never change a feature or a score.

Hypothesis builds a small random store, then adds, removes and changes only records dated on or after
the as-of date, in every table the features read; the features, RFSDI and RFGV must be identical.
A control test shows the same comparison does notice a change before the as-of date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.risk.storebuilder import StoreBuilder
from vawg.contract import TABLES_BY_NAME
from vawg.risk import person_features, score_rfgv, score_rfsdi
from vawg.risk.features._labels import future_offending

AS_OF = date(2022, 1, 1)
PEOPLE = [f"P{i}" for i in range(6)]
OFFENCES = ["8Q", "8L", "8R", "8N", "20A", "19C", "105A", "8U", "22A"]
pre_day = st.dates(date(2018, 6, 1), AS_OF - timedelta(days=1))
post_day = st.dates(AS_OF, AS_OF + timedelta(days=500))
person = st.sampled_from(PEOPLE)

crime = st.fixed_dictionaries(
    {
        "offence": st.sampled_from(OFFENCES),
        "da": st.booleans(),
        "hba": st.sampled_from([None, False, True]),
        "area": st.sampled_from(["Birmingham", "Coventry", "Wolverhampton North"]),
        "suspects": st.lists(person, min_size=1, max_size=2, unique=True),
        "victims": st.lists(person, max_size=2, unique=True),
        "late": st.integers(0, 3),  # days after recording the links are made (0: no linked_date)
    }
)
intel = st.tuples(person, st.sampled_from(["drugs", "vawg", "weapons", "violence", "other"]))


@st.composite
def world(draw: Any) -> dict[str, Any]:
    """A base store (records on both sides of as-of) and changes to its post-as-of records only."""
    return {
        "crimes": draw(st.lists(st.tuples(pre_day, crime), min_size=1, max_size=8)),
        "post_crimes": draw(st.lists(st.tuples(post_day, crime), max_size=4)),
        "late_links": draw(
            st.lists(
                st.tuples(st.integers(0, 20), person, st.sampled_from(["suspect", "victim"]), post_day),
                max_size=3,
            )
        ),
        "orders": draw(
            st.lists(st.tuples(person, pre_day, st.lists(pre_day | post_day, max_size=2)), max_size=3)
        ),
        "intel": draw(st.lists(st.tuples(intel, pre_day | post_day), max_size=6)),
        "arrests": draw(st.lists(st.tuples(person, pre_day | post_day), max_size=4)),
        # The changes, all to records dated on or after AS_OF:
        "add_crimes": draw(st.lists(st.tuples(post_day, crime), max_size=3)),
        "drop_post": draw(st.booleans()),
        "move_post": draw(
            st.lists(st.tuples(post_day, st.sampled_from(OFFENCES), st.booleans()), max_size=4)
        ),
        "add_links": draw(
            st.lists(
                st.tuples(st.integers(0, 20), person, st.sampled_from(["suspect", "victim"]), post_day),
                max_size=3,
            )
        ),
        "add_orders": draw(st.lists(st.tuples(person, post_day, st.lists(post_day, max_size=2)), max_size=2)),
        "add_breaches": draw(st.lists(st.tuples(st.integers(0, 5), post_day), max_size=2)),
        "add_intel": draw(st.lists(st.tuples(intel, post_day), max_size=3)),
        "add_arrests": draw(st.lists(st.tuples(person, post_day), max_size=3)),
        "retopic": draw(st.sampled_from(["drugs", "other"])),
    }


def _add_crime(b: StoreBuilder, day: date, c: dict[str, Any]) -> str:
    linked = day + timedelta(days=c["late"]) if c["late"] else None
    return b.crime(day, offence=c["offence"], da=c["da"], hba=c["hba"], area=c["area"],
                   suspects=tuple(c["suspects"]), victims=tuple(v for v in c["victims"] if v not in c["suspects"]),
                   linked=linked)  # fmt: skip


_STORE: list[StoreBuilder] = []


def _empty_store() -> StoreBuilder:
    """One in-memory store for all examples, emptied each time (creating a store is the slow part)."""
    if not _STORE:
        _STORE.append(StoreBuilder.open())
    b = _STORE[0]
    for table in TABLES_BY_NAME:
        b.con.execute(f"DELETE FROM {table}")
    b._ids.clear()
    return b


def _build(w: dict[str, Any]) -> tuple[StoreBuilder, list[str], list[str]]:
    b = _empty_store()
    for p in PEOPLE:
        b.person(p, birth_year=1980 + int(p[1:]) * 5)
    pre = [_add_crime(b, day, c) for day, c in w["crimes"]]
    post = [_add_crime(b, day, c) for day, c in w["post_crimes"]]
    for i, who, role, day in w["late_links"]:  # links made after as-of to earlier crimes
        _link_once(b, pre[i % len(pre)], who, role, day)
    orders = []
    for who, start, breaches in w["orders"]:
        orders.append(b.order(who, start))
        for d in sorted(set(breaches)):
            if d >= start:
                b.breach(orders[-1], d)
    for (who, topic), day in w["intel"]:
        b.intel(who, day, topic)
    for who, day in w["arrests"]:
        b.arrest(who, day)
    return b, pre + post, orders


def _link_once(b: StoreBuilder, crime_id: str, who: str, role: str, day: date) -> None:
    exists = b.con.execute(
        "SELECT count(*) FROM crime_persons WHERE crime_id = ? AND person_id = ?", [crime_id, who]
    ).fetchall()[0][0]
    if not exists:
        b.link(crime_id, who, role, linked=day)


def _change_post_records(b: StoreBuilder, w: dict[str, Any], crimes: list[str], orders: list[str]) -> None:
    con = b.con
    post = [
        c for (c,) in con.execute("SELECT crime_id FROM crimes WHERE recorded_date >= ?", [AS_OF]).fetchall()
    ]
    if w["drop_post"] and post:  # remove a post-as-of crime with its links
        con.execute("DELETE FROM crime_persons WHERE crime_id = ?", [post[0]])
        con.execute("DELETE FROM crimes WHERE crime_id = ?", [post[0]])
        post = post[1:]
    for (day, offence, da), cid in zip(w["move_post"], post, strict=False):  # change post crimes
        con.execute("UPDATE crimes SET recorded_date = ?, offence_code = ?, da_flag = ? WHERE crime_id = ?",
                    [day, offence, da, cid])  # fmt: skip
        con.execute("UPDATE crime_persons SET linked_date = NULL WHERE crime_id = ?", [cid])
    for day, c in w["add_crimes"]:
        _add_crime(b, day, c)
    for i, who, role, day in w["add_links"]:  # new links, dated after as-of, to any crime
        _link_once(b, crimes[i % len(crimes)], who, role, day)
    # Post-as-of links to earlier crimes: move them later still, or drop them.
    con.execute(
        "UPDATE crime_persons SET linked_date = linked_date + 30 WHERE linked_date >= ? AND role = 'victim'",
        [AS_OF],
    )
    con.execute(
        "DELETE FROM crime_persons WHERE linked_date >= ? AND role = 'suspect' AND person_id = 'P0'", [AS_OF]
    )
    for who, start, breaches in w["add_orders"]:
        oid = b.order(who, start)
        for d in sorted(set(breaches)):
            if d >= start:
                b.breach(oid, d)
    for i, day in w["add_breaches"]:  # post-as-of breaches of any order
        if orders:
            oid = orders[i % len(orders)]
            if not con.execute("SELECT count(*) FROM order_breaches WHERE order_id = ? AND breach_date = ?",
                               [oid, day]).fetchall()[0][0]:  # fmt: skip
                b.breach(oid, day)
    con.execute("UPDATE orders SET person_id = 'P5' WHERE start_date >= ?", [AS_OF])
    con.execute(
        "DELETE FROM order_breaches WHERE breach_date >= ? AND breach_date < ?",
        [AS_OF, AS_OF + timedelta(days=60)],
    )
    for (who, topic), day in w["add_intel"]:
        b.intel(who, day, topic)
    con.execute("UPDATE intelligence SET topic = ? WHERE submitted_date >= ?", [w["retopic"], AS_OF])
    for who, day in w["add_arrests"]:
        b.arrest(who, day)
    con.execute("DELETE FROM custody WHERE arrest_date >= ? AND person_id = 'P1'", [AS_OF])


def _snapshot(b: StoreBuilder) -> list[pd.DataFrame]:
    return [
        person_features(b.con, AS_OF),
        score_rfsdi(b.con, AS_OF).frame,
        score_rfgv(b.con, AS_OF).frame,
    ]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world())
def test_records_dated_after_as_of_never_change_features_or_scores(w: dict[str, Any]) -> None:
    b, crimes, orders = _build(w)
    before = _snapshot(b)
    _change_post_records(b, w, crimes, orders)
    after = _snapshot(b)
    for old, new in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(old, new)


def test_the_comparison_notices_a_change_before_as_of() -> None:
    """Control: the same snapshot does change when a record dated before as-of is added."""
    b = StoreBuilder.open()
    for p in PEOPLE:
        b.person(p)
    b.crime(date(2021, 6, 1), offence="8Q", suspects=("P1",), victims=("P2",))
    b.crime(date(2021, 6, 1), offence="8N", da=True, suspects=("P3",), victims=("P2",))
    b.crime(date(2021, 7, 1), offence="8N", da=True, suspects=("P3",), victims=("P4",))
    before = _snapshot(b)
    b.crime(AS_OF - timedelta(days=1), offence="8N", da=True, suspects=("P3",), victims=("P1",))
    b.intel("P1", AS_OF - timedelta(days=1), "drugs")
    after = _snapshot(b)
    for old, new in zip(before, after, strict=True):
        assert not old.equals(new)
    # ... and that the labels, which look forward, do change with a post-as-of crime.
    labels_before = future_offending(b.con, [AS_OF])
    b.crime(AS_OF, offence="8Q", suspects=("P1",))
    assert not labels_before.equals(future_offending(b.con, [AS_OF]))
