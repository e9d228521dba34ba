"""What the tactical lead and the board look at: overdue actions, actions without evidence, RAG by
strand over time, and actions whose linked indicator moved the wrong way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from vawg.strategy._action import RAGS, Action
from vawg.strategy._plan import ActionPlan
from vawg.strategy._plan_views import PLAN_VIEWS
from vawg.strategy._strands import Strand


def overdue(actions: Sequence[Action], as_of: date) -> pd.DataFrame:
    """Open actions past their due date on ``as_of`` (overdue from the day after due), most overdue first."""
    rows = [
        {
            "ref": a.ref,
            "strand": a.strand,
            "owner": a.owner,
            "due_date": a.due_date,
            "days_overdue": (as_of - a.due_date).days,
            "status": a.status,
            "rag": a.rag,
        }
        for a in actions
        if a.is_overdue(as_of)
    ]
    frame = pd.DataFrame(
        rows, columns=["ref", "strand", "owner", "due_date", "days_overdue", "status", "rag"]
    )
    return frame.sort_values(["days_overdue", "ref"], ascending=[False, True], ignore_index=True)


def without_evidence(actions: Sequence[Action]) -> pd.DataFrame:
    """Open actions that link no indicator and no document: nothing shows whether they worked."""
    rows = [
        {"ref": a.ref, "strand": a.strand, "owner": a.owner, "due_date": a.due_date}
        for a in actions
        if a.is_open and not a.evidence
    ]
    return pd.DataFrame(rows, columns=["ref", "strand", "owner", "due_date"])


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def rag_by_strand(plan: ActionPlan, dates: Sequence[date], strands: Sequence[Strand]) -> pd.DataFrame:
    """Counts of actions by RAG for each strand as the plan stood at the end of each date."""
    rows: list[dict[str, Any]] = []
    for day in dates:
        state = plan.as_at(_end_of(day))
        for strand in strands:
            mine = [a for a in state if a.strand == strand.id and a.status != "cancelled"]
            rows.append(
                {"date": day, "strand": strand.id, **{rag: sum(a.rag == rag for a in mine) for rag in RAGS}}
            )
    return pd.DataFrame(rows, columns=["date", "strand", *RAGS])


def completed_between(plan: ActionPlan, start: date, end: date) -> set[str]:
    """Refs whose status became 'complete' within [start, end] (from the history)."""
    done: set[str] = set()
    for change in plan.history():
        when = datetime.fromisoformat(change["changed_at"]).date()
        if change["field"] == "status" and change["new"] == "complete" and start <= when <= end:
            done.add(change["ref"])
    return done


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def strand_summary(plan: ActionPlan, strands: Sequence[Strand], as_of: date) -> pd.DataFrame:
    """Per strand (id, title): one column per plan view of ``PLAN_VIEWS`` (actions, counts by RAG, open,
    overdue, without evidence, completed this financial year), cancelled actions left out."""
    actions = [a for a in plan.actions() if a.status != "cancelled"]
    done = frozenset(completed_between(plan, financial_year_start(as_of), as_of))
    rows = []
    for strand in strands:
        mine = [a for a in actions if a.strand == strand.id]
        rows.append(
            {
                "strand": strand.id,
                "title": strand.title,
                **{view.id: sum(view.counts(a, as_of, done) for a in mine) for view in PLAN_VIEWS},
            }
        )
    return pd.DataFrame(rows, columns=["strand", "title", *(view.id for view in PLAN_VIEWS)])


@dataclass(frozen=True)
class WrongWay:
    """An open action whose linked indicator shows special-cause variation of concern."""

    ref: str
    strand: str
    metric_id: str
    variation: str
    latest_period: str
    latest_value: float


def wrong_way(
    db: Path | str | Any, actions: Sequence[Action], *, series: Callable[[str], pd.Series] | None = None
) -> list[WrongWay]:
    """Open actions linked to an indicator whose monthly SPC chart signals concern (NHS Making Data
    Count: a special cause in the direction that is worse). ``series`` gives a metric's monthly
    values (default: computed from the store ``db``)."""
    from vawg.metrics import REGISTRY, compute, spc

    def monthly(metric_id: str) -> pd.Series:
        return compute(db, metric_id, grain="month").series()

    values = series or monthly

    found: list[WrongWay] = []
    cache: dict[str, tuple[Any, pd.Series] | None] = {}
    for action in actions:
        if not action.is_open:
            continue
        for metric_id in action.metric_ids:
            if metric_id not in cache:
                metric = REGISTRY.get(metric_id)
                points = values(metric_id) if metric.higher_is_better is not None else pd.Series(dtype=float)
                enough = len(points.dropna()) >= 2
                cache[metric_id] = (spc(points, metric.higher_is_better), points) if enough else None
            entry = cache[metric_id]
            if entry is None:
                continue
            chart, points = entry
            if chart.variation.startswith("concern"):
                latest = points.dropna()
                found.append(
                    WrongWay(
                        action.ref,
                        action.strand,
                        metric_id,
                        chart.variation,
                        str(latest.index[-1]),
                        float(latest.iloc[-1]),
                    )
                )
    return found
