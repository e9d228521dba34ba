"""Person summaries on the hand-made bundle, against answers worked out by hand from its CSV files.

As-of date D = 2023-01-31 unless a test says otherwise.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.operations.conftest import ingest_handmade
from tests.risk.governed import PASSWORD, approve_rfsdi
from vawg.accounts import AccountStore, PermissionDenied
from vawg.audit import AuditLog
from vawg.errors import OperationsError
from vawg.operations import PERSON_SECTIONS, compute_list, person_summary, record_person_access
from vawg.risk import ModelRegistry, score_rfsdi

D = date(2023, 1, 31)


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    return [
        tuple(None if v is pd.NA or v is None else v for v in record)
        for record in frame[list(columns)].astype(object).itertuples(index=False)
    ]


def test_outstanding_crimes_and_status(handmade) -> None:
    s = person_summary(handmade, "P-A2", D)
    # C-A2a: recorded 2022-11-01 (South), linked 2022-11-05 -> 87 days; C-A2b recorded 2023-01-20 (North).
    assert _rows(s.sections["crimes"], "crime_id", "days_outstanding", "area", "suspect_status", "status_date") == [
        ("C-A2a", 87, "South", "wanted", date(2022, 11, 10)),
        ("C-A2b", 11, "North", "circulated", date(2023, 1, 25)),
    ]  # fmt: skip
    assert (s.area, s.areas) == ("North", ("North", "South"))
    # The status set on 2023-02-05 is not known on D, but is a month later.
    assert _rows(s.sections["status"], "crime_id", "status") == [("C-A2b", "circulated"), ("C-A2a", "wanted")]
    later = person_summary(handmade, "P-A2", date(2023, 2, 28))
    assert _rows(later.sections["status"], "status")[0] == ("arrest_ready",)
    assert s.marking == "OFFICIAL-SENSITIVE"


def test_the_da_crimes_agree_with_the_outstanding_suspects_list(handmade) -> None:
    listed = compute_list(handmade, "outstanding-suspects", D).frame.set_index("person_id")
    for person in listed.index:
        crimes = person_summary(handmade, person, D).sections["crimes"]
        da = crimes[crimes["da"].astype(bool)]
        assert ", ".join(da["crime_id"]) == listed.loc[person, "crime_ids"]
        assert int(da["days_outstanding"].max()) == listed.loc[person, "days_outstanding"]


def test_a_stalking_crime_is_outstanding_as_vawg_not_da(handmade) -> None:
    s = person_summary(handmade, "P-S1", D)
    assert _rows(s.sections["crimes"], "crime_id", "vawg_category", "da", "days_outstanding") == [
        ("C-S1", "stalking", False, 29)
    ]
    # AC-2 due 2023-01-20 open (11 days overdue), AC-1 done 4 days late, AC-3 done after D (open);
    # AC-4 is set after D. The EASI referral completes after D, so on D it is only referred.
    assert _rows(s.sections["clinic"], "action_id", "action_state", "days_overdue") == [
        ("AC-2", "overdue", 11), ("AC-1", "done late", 4), ("AC-3", "open", 0),
    ]  # fmt: skip
    assert _rows(s.sections["interventions"], "programme", "state", "completed_date") == [
        ("EASI", "referred", None)
    ]


def test_arrested_then_on_bail(handmade) -> None:
    assert _rows(person_summary(handmade, "P-A1", D).sections["crimes"], "crime_id") == [("C-A1",)]
    after = person_summary(handmade, "P-A1", date(2023, 2, 28))  # arrested 2023-02-03, bailed to 03-03
    assert after.sections["crimes"].empty
    assert _rows(after.sections["custody"], "custody_id", "state", "days_to_bail_end", "bail_conditions") == [
        ("CU-A1", "on bail", 3, True)
    ]
    # P-B3's bail is resolved by the charge on 2023-01-12.
    assert _rows(person_summary(handmade, "P-B3", D).sections["custody"], "custody_id", "disposal", "state") == [
        ("CU-B3b", "charged", None), ("CU-B3", "bail", "resolved"),
    ]  # fmt: skip


def test_orders_breaches_and_dvpn_conversion(handmade) -> None:
    # OR-1 ends the day after D, breaches 2022-09-01 and 2022-12-15 (one within 90 days); OR-3 ended.
    assert _rows(
        person_summary(handmade, "P-O1", D).sections["orders"],
        "order_id", "state", "days_to_expiry", "breaches", "breaches_90d", "last_breach_date",
    ) == [("OR-1", "current", 1, 2, 1, date(2022, 12, 15)), ("OR-3", "ended", None, 0, 0, None)]  # fmt: skip
    # DVPN OR-D47 had its DVPO application in time; OR-D49's came too late (the orders-briefing rule).
    o3 = person_summary(handmade, "P-O3", D).sections["orders"]
    assert _rows(o3[o3["order_type"] == "DVPN"], "order_id", "dvpo_applied", "dvpo_within_48h") == [
        ("OR-D47", date(2023, 1, 22), True)
    ]
    o4 = person_summary(handmade, "P-O4", D).sections["orders"]
    assert _rows(o4[o4["order_type"] == "DVPN"], "order_id", "dvpo_within_48h") == [("OR-D49", False)]


def test_new_chance_only_where_it_applies(handmade) -> None:
    s = person_summary(handmade, "P-F3", D)  # NFA on 2023-01-20, not referred: still in the window
    assert _rows(s.sections["new-chance"], "state", "custody_id", "refer_by") == [
        ("open", "CU-N3", date(2023, 2, 17))
    ]
    assert person_summary(handmade, "P-M1", D).sections["new-chance"].empty  # a man: not relevant


def test_every_section_is_typed_and_documented(handmade) -> None:
    s = person_summary(handmade, "P-S1", D)
    assert list(s.sections) == PERSON_SECTIONS.ids()
    for spec in PERSON_SECTIONS:
        assert tuple(s.sections[spec.id].columns) == spec.column_names
    payload = s.to_dict()
    assert (
        payload["marking"] == "OFFICIAL-SENSITIVE"
        and payload["sections"]["clinic"]["rows"][0]["action_id"] == "AC-2"
    )


@pytest.mark.parametrize(("person", "as_of", "says"), [
    ("P-NOBODY", D, "no person with the id given"),
    ("P-A2", date(2019, 1, 1), "outside the data"),
])  # fmt: skip
def test_bad_input(handmade, person: str, as_of: date, says: str) -> None:
    with pytest.raises(OperationsError, match=says) as caught:
        person_summary(handmade, person, as_of)
    assert "P-NOBODY" not in str(caught.value)  # the id given is not echoed


@pytest.fixture
def store(tmp_path: Path):
    con = ingest_handmade(tmp_path / "store.duckdb")
    yield con, tmp_path / "store.duckdb"
    con.close()


def _users(db: Path) -> dict:  # type: ignore[type-arg]
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        return {
            name: accounts.add_user(name, roles=roles, password=PASSWORD, areas=areas, by=admin)
            for name, roles, areas in (
                ("analyst", {"governance"}, ()),
                ("chair", {"governance"}, ()),
                ("pc.south", {"officer"}, ("South",)),
                ("sgt", {"supervisor"}, ()),
                ("board", {"board"}, ()),
            )
        }


def test_officers_see_only_people_of_their_areas(store) -> None:
    con, db = store
    people = _users(db)
    assert person_summary(con, "P-A2", D, actor=people["pc.south"]).areas == ("North", "South")
    for person in ("P-S1", "P-O3"):  # North only; no area at all (orders, no crime)
        with pytest.raises(PermissionDenied, match="none of the person's areas"):
            person_summary(con, person, D, actor=people["pc.south"])
    with pytest.raises(PermissionDenied):
        person_summary(con, "P-A2", D, actor=people["board"])
    assert person_summary(con, "P-O3", D, actor=people["sgt"]).sections["orders"].shape[0] == 2


def test_rfsdi_per_component_from_the_approved_version_and_logged(store) -> None:
    con, db = store
    people = _users(db)
    assert "no approved version" in person_summary(con, "P-A2", D, actor=people["sgt"]).rfsdi["note"]
    with ModelRegistry.for_connection(con) as registry:
        version = approve_rfsdi(registry, con, submitter=people["analyst"], approver=people["chair"])
    s = person_summary(con, "P-A2", D, actor=people["sgt"])
    expected = score_rfsdi(con, D, persons=["P-A2"]).frame.iloc[0]
    assert s.rfsdi["version"] == version and s.rfsdi["score"] == pytest.approx(expected["score"])
    assert s.rfsdi["level"] == expected["level"]
    parts = s.sections["rfsdi"].set_index("component")
    for name in ("recency", "frequency", "severity", "drugs", "intelligence"):
        assert parts.loc[name, "points"] == pytest.approx(expected[f"{name}_points"])
    assert parts["points"].sum() == pytest.approx(s.rfsdi["score"])
    with ModelRegistry.for_connection(con) as registry:
        assert registry.rows('SELECT person_id, "user" FROM score_log') == [("P-A2", "sgt")]
    # A login name (no signed-in user) sees no score, and nothing more is logged.
    assert person_summary(con, "P-A2", D, actor="someone").sections["rfsdi"].empty
    with ModelRegistry.for_connection(con) as registry:
        assert registry.rows("SELECT count(*) FROM score_log") == [(1,)]


def test_every_section_and_column_is_documented() -> None:
    text = (Path(__file__).parents[2] / "docs" / "operations.md").read_text()
    body = text.split("## Person summaries", 1)[1]
    parts = {p.split("\n", 1)[0].strip().strip("`"): p for p in re.split(r"^### ", body, flags=re.M)[1:]}
    for spec in PERSON_SECTIONS:
        assert spec.id in parts, f"person section {spec.id} missing from docs/operations.md"
        for column in spec.columns:
            assert f"| `{column.name}` |" in parts[spec.id], f"{spec.id}.{column.name} not documented"


def test_every_view_is_audited_with_the_pseudonym(store) -> None:
    con, db = store
    people = _users(db)
    s = person_summary(con, "P-O1", D, actor=people["sgt"])
    entry = record_person_access(db, s, actor=people["sgt"], client="cli")
    with AuditLog.for_store(db) as log:
        last = log.entries(action="person.")[-1]
        assert log.verify().ok
    assert (last.actor, last.action, last.target, last.row_count) == ("sgt", "person.view", "P-O1", 2)
    assert (
        last.detail["as_of"] == "2023-01-31" and last.detail["rows"]["orders"] == 2 and entry.seq == last.seq
    )
