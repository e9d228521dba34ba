"""The action-plan counts as a registry (data): each count the CLI, the web app and the board report
show is one record here, with its definition, so a figure in any of them traces to one place.

A view is a test on one action, given the date judged by and the refs completed this financial year;
:func:`vawg.strategy.strand_summary` counts, per strand, the non-cancelled actions that pass it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vawg.strategy._action import Action


@dataclass(frozen=True)
class PlanView:
    """One count of the action plan: ``counts(action, as_of, completed_refs)`` says if an action is in it."""

    id: str
    title: str
    definition: str
    counts: Callable[[Action, date, frozenset[str]], bool]


def _rag(colour: str) -> Callable[[Action, date, frozenset[str]], bool]:
    return lambda a, _day, _done: a.rag == colour


PLAN_VIEWS: tuple[PlanView, ...] = (
    PlanView("actions", "Actions", "Actions of the strand, cancelled ones left out.", lambda a, _d, _c: True),
    PlanView("red", "Red", "Actions whose RAG is red (off track; a reason is recorded).", _rag("red")),
    PlanView("amber", "Amber", "Actions whose RAG is amber (at risk; a reason is recorded).", _rag("amber")),
    PlanView("green", "Green", "Actions whose RAG is green (on track).", _rag("green")),
    PlanView("blue", "Blue (complete)", "Actions whose RAG is blue: complete.", _rag("blue")),
    PlanView("open", "Open", "Actions not started or in progress.", lambda a, _d, _c: a.is_open),
    PlanView(
        "overdue",
        "Overdue",
        "Open actions past their due date: overdue from the day after the due date.",
        lambda a, day, _c: a.is_overdue(day),
    ),
    PlanView(
        "without_evidence",
        "Without evidence",
        "Open actions that link no indicator and no document: nothing shows whether they worked.",
        lambda a, _d, _c: a.is_open and not a.evidence,
    ),
    PlanView(
        "completed_this_year",
        "Completed this financial year",
        "Actions whose status became complete between 1 April and the date judged by (from the history).",
        lambda a, _d, done: a.ref in done,
    ),
)


def plan_view(view_id: str) -> PlanView:
    """The view ``view_id`` (KeyError naming the known ids otherwise)."""
    for view in PLAN_VIEWS:
        if view.id == view_id:
            return view
    raise KeyError(f"no plan view {view_id!r}; known: {', '.join(v.id for v in PLAN_VIEWS)}")
