"""Reading one spreadsheet row into an Action, with messages that name the file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vawg.outputs import neutralise
from vawg.strategy._action import EVIDENCE_KINDS, RAGS, STATUSES, Action


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell of the plan spreadsheet."""

    file: str
    row: int  # the spreadsheet's own row number (the header is row 1)
    column: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, column {self.column}: expected {self.expected}; found {self.found!r}"


def _text(value: Any) -> str:
    """A cell as text. The quote vawg puts before formula-like text on export is taken off again, so an
    exported plan imports unchanged (the stored text is never evaluated by vawg)."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from an empty spreadsheet cell
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value)
    if text.startswith("'") and neutralise(text[1:]) != text[1:]:
        text = text[1:]
    return text.strip()


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def parse_row(
    values: dict[str, Any], *, file: str, row: int, strand_ids: set[str], known_metrics: set[str]
) -> tuple[Action | None, list[RowProblem]]:
    """The Action a row describes, or the problems that stop it (every one, not only the first)."""
    cell = {k: _text(v) for k, v in values.items()}
    problems: list[RowProblem] = []

    def bad(column: str, expected: str) -> None:
        problems.append(RowProblem(file, row, column, expected, cell.get(column, "")))

    for column in ("ref", "description", "owner", "strand_lead"):
        if not cell.get(column):
            bad(column, "a value (it is required)")
    if cell.get("strand", "") not in strand_ids:
        bad("strand", "one of " + ", ".join(sorted(strand_ids)))
    due = _date(cell.get("due_date", ""))
    if due is None:
        bad("due_date", "a date YYYY-MM-DD")
    start = _date(cell.get("start_date", ""))
    if cell.get("start_date") and start is None:
        bad("start_date", "a date YYYY-MM-DD or empty")
    if start and due and due < start:
        bad("due_date", f"a date on or after the start date {start.isoformat()}")
    status = cell.get("status", "").lower().replace(" ", "_") or "not_started"
    if status not in STATUSES:
        bad("status", "one of " + ", ".join(STATUSES))
    rag = cell.get("rag", "").lower() or ("blue" if status == "complete" else "")
    if rag not in RAGS:
        bad("rag", "one of " + ", ".join(RAGS))
    if rag in {"red", "amber"} and not cell.get("rag_reason"):
        bad("rag_reason", f"a reason (required when the RAG is {rag})")
    evidence: list[str] = []
    for link in (e.strip() for e in cell.get("evidence", "").split(";")):
        if not link:
            continue
        kind, _, target = link.partition(":")
        if kind not in EVIDENCE_KINDS or not target.strip():
            bad("evidence", "links like metric:<metric id> or doc:<reference>, separated by ';'")
        elif kind == "metric" and target.strip() not in known_metrics:
            bad("evidence", f"a metric id of the registry (no metric {target.strip()!r})")
        else:
            evidence.append(f"{kind}:{target.strip()}")
    if problems:
        return None, problems
    assert due is not None
    return (
        Action(
            ref=cell["ref"],
            strand=cell["strand"],
            description=cell["description"],
            owner=cell["owner"],
            strand_lead=cell["strand_lead"],
            due_date=due,
            status=status,
            rag=rag,
            rag_reason=cell.get("rag_reason", ""),
            start_date=start,
            evidence=tuple(evidence),
        ),
        [],
    )
