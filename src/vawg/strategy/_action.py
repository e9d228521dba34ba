"""An action of the strategy's action plan, and the values its fields may take."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

STATUSES = ("not_started", "in_progress", "complete", "cancelled")
OPEN_STATUSES = ("not_started", "in_progress")
# BRAG as forces use it: blue is complete; red, amber and green say whether an open action is on track.
RAGS = ("red", "amber", "green", "blue")
# Evidence is "metric:<metric id>" (a registry indicator that should move) or "doc:<reference>".
EVIDENCE_KINDS = ("metric", "doc")

# The spreadsheet template's columns, in order (docs/strategy.md).
TEMPLATE_COLUMNS = (
    "ref",
    "strand",
    "description",
    "owner",
    "strand_lead",
    "start_date",
    "due_date",
    "status",
    "rag",
    "rag_reason",
    "evidence",
)

COLUMN_MEANINGS = {
    "ref": "The action's reference, unique in the plan (e.g. SIP-03)",
    "strand": "The strand id (see `vawg plan strands`)",
    "description": "What will be done",
    "owner": "The role or team that owns it (not a person's name)",
    "strand_lead": "The strand lead's role",
    "start_date": "Start date, YYYY-MM-DD (may be empty)",
    "due_date": "Due date, YYYY-MM-DD",
    "status": "One of " + ", ".join(STATUSES),
    "rag": "One of " + ", ".join(RAGS) + " (blue = complete)",
    "rag_reason": "Why the RAG is what it is (required for red and amber)",
    "evidence": "Links separated by ';': metric:<metric id> or doc:<reference>",
}


@dataclass(frozen=True)
class Action:
    """One action. ``evidence`` holds "metric:<id>" and "doc:<reference>" links."""

    ref: str
    strand: str
    description: str
    owner: str
    strand_lead: str
    due_date: date
    status: str = "not_started"
    rag: str = "green"
    rag_reason: str = ""
    start_date: date | None = None
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, as_of: date) -> bool:
        """Open and past its due date: overdue from the day after the due date."""
        return self.is_open and as_of > self.due_date

    @property
    def metric_ids(self) -> tuple[str, ...]:
        return tuple(e.split(":", 1)[1] for e in self.evidence if e.startswith("metric:"))

    def to_record(self) -> dict[str, Any]:
        """Flat values for storage and spreadsheets (dates ISO, evidence joined by ';')."""
        record = asdict(self)
        record["due_date"] = self.due_date.isoformat()
        record["start_date"] = self.start_date.isoformat() if self.start_date else ""
        record["evidence"] = ";".join(self.evidence)
        return record
