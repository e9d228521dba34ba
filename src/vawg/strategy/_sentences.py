"""Plain-English sentences for the board report: a strand's action plan, and training coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

_RAG_WORDS = (("red", "red"), ("amber", "amber"), ("green", "green"), ("blue", "complete"))


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def plan_sentence(row: dict[str, Any] | pd.Series) -> str:
    """One strand's action plan in a sentence (a row of :func:`strand_summary`)."""
    total = int(row["actions"])
    if total == 0:
        return "No actions are recorded in the action plan for this strand."
    parts = ", ".join(f"{int(row[key]):,} {word}" for key, word in _RAG_WORDS if int(row[key]))
    text = f"The action plan holds {_n(total, 'action')} ({parts})"
    overdue = int(row["overdue"])
    text += (
        f"; {_n(overdue, 'open action is', 'open actions are')} overdue" if overdue else "; none is overdue"
    )
    done = int(row["completed_this_year"])
    return text + f"; {_n(done, 'action was', 'actions were')} completed this financial year."


def coverage_sentence(frame: pd.DataFrame, as_of: date, course: str = "sexual_harassment") -> str | None:
    """E.g. "By 26 January 2023, 6,987 staff had completed the sexual harassment training: 56% of the
    12,510 eligible (tier 4 100%, tier 3 85%, …)." None when there is no headcount for the course."""
    rows = frame[frame["course"] == course]
    total = rows[rows["tier"] == "all"]
    if total.empty or pd.isna(total["coverage"].iloc[0]):
        return None
    t = total.iloc[0]
    tiers = rows[rows["tier"] != "all"].sort_values("tier", ascending=False)
    by_tier = ", ".join(
        f"tier {tier} {float(cover):.0%}"
        for tier, cover in zip(tiers["tier"], tiers["coverage"], strict=True)
        if not pd.isna(cover)
    )
    name = course.replace("_", " ")
    return (
        f"By {as_of.day} {as_of:%B %Y}, {int(t['completed']):,} staff had completed the {name} training: "
        f"{t['coverage']:.0%} of the {int(t['eligible']):,} eligible ({by_tier})."
    )
