"""Every strand gets its section: the action plan's state, and the Our Behaviours strand's evidence
(Professional Standards cases with small counts withheld, training coverage) — no "No indicator"
placeholder for a strand that has something to say."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from vawg.accounts import User
from vawg.reports import build_board_report
from vawg.store import connect
from vawg.strategy import Action, ActionPlan

ANALYST = User(id=1, username="ana", roles=frozenset({"analyst"}))
PLACEHOLDER = "No indicator in the force's records covers this strand"


def _action(ref: str, strand: str, **extra: object) -> Action:
    return Action(ref=ref, strand=strand, description="d", owner="team", strand_lead="lead",
                  due_date=date(2023, 1, 31), **extra)  # type: ignore[arg-type]  # fmt: skip


@pytest.fixture(scope="module")
def report(handmade_store: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("strands")
    db = folder / "store.duckdb"
    shutil.copy(handmade_store, db)
    con = connect(db)
    # Professional Standards: 3 cases in the report's year (under 5: withheld), 7 the year before.
    cases = [("2022-05-01", "apsp", True), ("2022-06-01", "misogyny", False), ("2022-09-01", "apsp", False)]
    cases += [(f"2021-{m:02d}-10", "sexual_harassment", m == 5) for m in range(4, 11)]
    for n, (day, allegation, iopc) in enumerate(cases):
        con.execute(
            "INSERT INTO conduct_cases (case_id, received_date, case_type, allegation, subject_role, referred_iopc, "
            "load_id) VALUES (?, ?, 'complaint', ?, 'officer', ?, 1)",
            [f"PS{n}", day, allegation, iopc],
        )
    for n in range(6):
        con.execute(
            "INSERT INTO training_completions VALUES (?, ?, 'sexual_harassment', '1', DATE '2022-11-01', NULL, 1)",
            [f"TC{n}", f"ST{n}"],
        )
    con.execute(
        "INSERT INTO training_eligible VALUES ('sexual_harassment', '1', DATE '2022-04-01', 8, NULL, 1)"
    )
    with ActionPlan.for_store(db) as plan:
        plan.save(
            [
                _action("OB-1", "our-behaviours", rag="red", rag_reason="late"),
                _action("SIP-1", "safety-in-public"),
            ],
            by=ANALYST,
            source="test",
        )
    built = build_board_report(con, folder / "out")
    con.close()
    return built


def test_every_strand_with_a_plan_gets_its_plan_and_no_placeholder(report) -> None:  # type: ignore[no-untyped-def]
    ob = report.key_points["Our Behaviours"]
    assert "The action plan holds 1 action (1 red); 1 open action is overdue" in " ".join(ob)
    assert not any(PLACEHOLDER in s for s in ob)
    assert any("The action plan holds 1 action (1 green)" in s for s in report.key_points["Safety in Public"])


def test_our_behaviours_evidence_withholds_small_counts(report) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(report.key_points["Our Behaviours"])
    assert "received fewer than 5 complaints and conduct matters" in text
    assert "against 7 in the twelve months before" in text
    assert "fewer than 5 concerned abuse of position for a sexual purpose" in text
    assert "6 staff had completed the sexual harassment training: 75% of the 8 eligible" in text


def test_a_strand_with_nothing_keeps_the_placeholder(report) -> None:  # type: ignore[no-untyped-def]
    assert any(PLACEHOLDER in s for s in report.key_points["Engagement, Insight and Communication"])
