"""The action plan: worked answers on a hand-made plan (overdue from the day after due; RAG history;
who changed what), permissions, and the audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from vawg.accounts import AccountStore, PermissionDenied, User
from vawg.audit import AuditLog
from vawg.strategy import (
    Action,
    ActionPlan,
    load_strands,
    overdue,
    rag_by_strand,
    strand_summary,
    without_evidence,
)

PW = "a long enough password"


def action(ref: str, **changes: object) -> Action:
    base: dict[str, object] = {
        "ref": ref,
        "strand": "our-behaviours",
        "description": "Deliver tier 2 sexual harassment training",
        "owner": "Learning and Development",
        "strand_lead": "Head of Professional Standards",
        "due_date": date(2023, 3, 31),
        "status": "in_progress",
        "rag": "green",
        "evidence": ("metric:female_detainees",),
    }
    base.update(changes)
    return Action(**base)  # type: ignore[arg-type]


@pytest.fixture
def people(tmp_path: Path) -> dict[str, User]:
    accounts = AccountStore.for_store(tmp_path / "s.duckdb")
    chief = accounts.add_user("chief", roles={"admin"}, password=PW)
    return {
        "analyst": accounts.add_user("ana", roles={"analyst"}, password=PW, by=chief),
        "lead": accounts.add_user(
            "lee", roles={"strand_lead"}, areas=["our-behaviours"], password=PW, by=chief
        ),
        "board": accounts.add_user("bo", roles={"board"}, password=PW, by=chief),
    }


@pytest.fixture
def plan(tmp_path: Path) -> ActionPlan:
    return ActionPlan.for_store(tmp_path / "s.duckdb")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC)


def test_overdue_from_the_day_after_the_due_date(plan: ActionPlan, people: dict[str, User]) -> None:
    plan.save(
        [action("OB-1"), action("OB-2", status="complete", rag="blue")], by=people["analyst"], source="test"
    )
    actions = plan.actions()
    assert overdue(actions, date(2023, 3, 31)).empty  # due today: not yet overdue
    late = overdue(actions, date(2023, 4, 1))
    assert late["ref"].tolist() == ["OB-1"] and late["days_overdue"].tolist() == [1]  # complete OB-2 never is


def test_rag_history_and_who_changed_what(plan: ActionPlan, people: dict[str, User]) -> None:
    plan.save(
        [action("OB-1"), action("OB-2", evidence=())],
        by=people["analyst"],
        source="import",
        at=at("2023-01-10"),
    )
    plan.save(
        [action("OB-1", rag="amber", rag_reason="trainer shortage")],
        by=people["lead"],
        source="web",
        at=at("2023-02-10"),
    )
    plan.save(
        [action("OB-1", rag="red", rag_reason="no trainer")],
        by=people["lead"],
        source="web",
        at=at("2023-03-10"),
    )
    strands = [s for s in load_strands() if s.id == "our-behaviours"]
    history = rag_by_strand(plan, [date(2023, 1, 31), date(2023, 2, 28), date(2023, 3, 31)], strands)
    assert history[["green", "amber", "red"]].values.tolist() == [[2, 0, 0], [1, 1, 0], [1, 0, 1]]
    changes = plan.history("OB-1")
    rag_changes = [(c["changed_by"], c["old"], c["new"]) for c in changes if c["field"] == "rag"]
    assert rag_changes == [("ana", None, "green"), ("lee", "green", "amber"), ("lee", "amber", "red")]
    assert without_evidence(plan.actions())["ref"].tolist() == ["OB-2"]
    audit = [e for e in AuditLog(plan.path).entries(action="plan.")]
    assert [(e.actor, e.target) for e in audit] == [
        ("ana", "OB-1"),
        ("ana", "OB-2"),
        ("lee", "OB-1"),
        ("lee", "OB-1"),
    ]


def test_unchanged_rows_are_not_changes(plan: ActionPlan, people: dict[str, User]) -> None:
    plan.save([action("OB-1")], by=people["analyst"], source="t")
    result = plan.save([action("OB-1")], by=people["analyst"], source="t")
    assert result == {"added": [], "updated": [], "unchanged": ["OB-1"]}
    assert len([c for c in plan.history() if c["field"] == "rag"]) == 1


def test_strand_leads_edit_only_their_own_strand_and_the_board_none(
    plan: ActionPlan, people: dict[str, User]
) -> None:
    plan.save([action("OB-1")], by=people["lead"], source="t")
    with pytest.raises(PermissionDenied, match="strand 'criminal-justice'"):
        plan.save([action("CJ-1", strand="criminal-justice")], by=people["lead"], source="t")
    with pytest.raises(PermissionDenied):
        plan.save([action("OB-3")], by=people["board"], source="t")
    # Moving one of another strand's actions into your own strand is a change to that strand too.
    plan.save([action("CJ-2", strand="criminal-justice")], by=people["analyst"], source="t")
    with pytest.raises(PermissionDenied):
        plan.save([action("CJ-2", strand="our-behaviours")], by=people["lead"], source="t")
    assert {a.ref for a in plan.actions()} == {"OB-1", "CJ-2"}


def test_summary_counts_completed_this_financial_year(plan: ActionPlan, people: dict[str, User]) -> None:
    plan.save([action("OB-1"), action("OB-2")], by=people["analyst"], source="t", at=at("2022-03-01"))
    plan.save(
        [action("OB-1", status="complete", rag="blue")], by=people["analyst"], source="t", at=at("2022-03-20")
    )
    plan.save(
        [action("OB-2", status="complete", rag="blue")], by=people["analyst"], source="t", at=at("2022-04-02")
    )
    strands = load_strands()
    row = strand_summary(plan, strands, date(2022, 6, 30)).set_index("strand").loc["our-behaviours"]
    assert (row["actions"], row["blue"], row["open"], row["completed_this_year"]) == (2, 2, 0, 1)


def test_plan_sentence() -> None:
    from vawg.strategy import plan_sentence

    row = {"actions": 5, "red": 1, "amber": 0, "green": 3, "blue": 1, "overdue": 1, "completed_this_year": 1}
    assert plan_sentence(row) == (
        "The action plan holds 5 actions (1 red, 3 green, 1 complete); 1 open action is overdue; "
        "1 action was completed this financial year."
    )
    empty = {
        "actions": 0,
        "red": 0,
        "amber": 0,
        "green": 0,
        "blue": 0,
        "overdue": 0,
        "completed_this_year": 0,
    }
    assert plan_sentence(empty) == "No actions are recorded in the action plan for this strand."


def test_every_plan_view_is_documented_and_counted() -> None:
    """A plan count the CLI, web and report show is a PLAN_VIEWS record: documented in
    docs/strategy.md, and a column of strand_summary (hand-made: one overdue, unevidenced action)."""
    from vawg.strategy import PLAN_VIEWS

    doc = (Path(__file__).parents[2] / "docs" / "strategy.md").read_text(encoding="utf-8")
    for view in PLAN_VIEWS:
        assert f"`{view.id}`" in doc, f"plan view {view.id} is not in docs/strategy.md"
    late = action("X-1", evidence=(), due_date=date(2023, 1, 31))
    counted = {v.id for v in PLAN_VIEWS if v.counts(late, date(2023, 2, 1), frozenset())}
    assert counted == {"actions", "green", "open", "overdue", "without_evidence"}
    on_the_day = {v.id for v in PLAN_VIEWS if v.counts(late, date(2023, 1, 31), frozenset({"X-1"}))}
    assert on_the_day == {"actions", "green", "open", "without_evidence", "completed_this_year"}
