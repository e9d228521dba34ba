"""Strategy delivery: the strands of the force's VAWG strategy and their action plan.

* :func:`load_strands` – the strands (the paper's six by default; a force-editable TOML file);
* :class:`ActionPlan` – actions with owner (a role or team), dates, status, RAG with a reason and
  evidence links, kept in the app-state file with the history of every change and an audit entry;
* :func:`read_plan` / :func:`write_plan` – the tactical lead's spreadsheet (CSV or XLSX template);
* views: :func:`overdue`, :func:`without_evidence`, :func:`rag_by_strand`, :func:`strand_summary`,
  :func:`wrong_way` (a linked indicator's SPC chart signals concern);
* :func:`training_coverage` – the Our Behaviours strand's training coverage by tier.

See docs/strategy.md.
"""

from vawg.strategy._action import COLUMN_MEANINGS, RAGS, STATUSES, TEMPLATE_COLUMNS, Action
from vawg.strategy._plan import ActionPlan, check_may_edit
from vawg.strategy._sentences import coverage_sentence, plan_sentence
from vawg.strategy._spreadsheet import (
    ParsedPlan,
    PlanError,
    PlanImportError,
    plan_frame,
    read_plan,
    write_plan,
)
from vawg.strategy._strands import Strand, default_strands_path, load_strands
from vawg.strategy._training import training_coverage
from vawg.strategy._validate import RowProblem
from vawg.strategy._views import (
    WrongWay,
    financial_year_start,
    overdue,
    rag_by_strand,
    strand_summary,
    without_evidence,
    wrong_way,
)

__all__ = [
    "COLUMN_MEANINGS",
    "RAGS",
    "STATUSES",
    "TEMPLATE_COLUMNS",
    "Action",
    "ActionPlan",
    "ParsedPlan",
    "PlanError",
    "PlanImportError",
    "RowProblem",
    "Strand",
    "WrongWay",
    "check_may_edit",
    "coverage_sentence",
    "default_strands_path",
    "financial_year_start",
    "load_strands",
    "overdue",
    "plan_frame",
    "plan_sentence",
    "rag_by_strand",
    "read_plan",
    "strand_summary",
    "training_coverage",
    "without_evidence",
    "write_plan",
    "wrong_way",
]
