"""Strategy delivery: the strands of the force's VAWG strategy and their action plan.

* :func:`load_strands` – the strands (the paper's six by default; a force-editable TOML file);
* :data:`PLAN_VIEWS` – the plan's counts (actions, by RAG, open, overdue, without evidence, completed
  this year) as records with definitions: the CLI, the web app and the report read them;
* :func:`action_from_form`, :func:`may_edit`, :func:`editable_strands` – editing in the web app;
* :class:`ActionPlan` – actions with owner (a role or team), dates, status, RAG with a reason and
  evidence links, kept in the app-state file with the history of every change and an audit entry;
* :func:`read_plan` / :func:`write_plan` – the tactical lead's spreadsheet (CSV or XLSX template);
* views: :func:`overdue`, :func:`without_evidence`, :func:`rag_by_strand`, :func:`strand_summary`,
  :func:`wrong_way` (a linked indicator's SPC chart signals concern);
* :func:`conduct_cases`, :func:`conduct_case` – Professional Standards' case-level view (the
  professional_standards role only; :class:`CaseFilter` holds codes and dates, never an id);
* :func:`training_coverage` – the Our Behaviours strand's training coverage by tier, laid out from the
  registry metric ``training_coverage`` (one definition for the CLI, web and report).

See docs/strategy.md.
"""

from vawg.strategy._action import COLUMN_MEANINGS, RAGS, STATUSES, TEMPLATE_COLUMNS, Action
from vawg.strategy._cases import (
    CASE_COLUMNS,
    CASE_STATES,
    CaseFilter,
    check_may_see_cases,
    conduct_case,
    conduct_cases,
)
from vawg.strategy._edit import action_from_form, editable_strands, may_edit
from vawg.strategy._plan import ActionPlan, check_may_edit
from vawg.strategy._plan_views import PLAN_VIEWS, PlanView, plan_view
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
    "CASE_COLUMNS",
    "CASE_STATES",
    "COLUMN_MEANINGS",
    "PLAN_VIEWS",
    "RAGS",
    "STATUSES",
    "TEMPLATE_COLUMNS",
    "Action",
    "ActionPlan",
    "CaseFilter",
    "ParsedPlan",
    "PlanError",
    "PlanImportError",
    "PlanView",
    "RowProblem",
    "Strand",
    "WrongWay",
    "action_from_form",
    "check_may_edit",
    "check_may_see_cases",
    "conduct_case",
    "conduct_cases",
    "coverage_sentence",
    "default_strands_path",
    "editable_strands",
    "financial_year_start",
    "load_strands",
    "may_edit",
    "overdue",
    "plan_frame",
    "plan_sentence",
    "plan_view",
    "rag_by_strand",
    "read_plan",
    "strand_summary",
    "training_coverage",
    "without_evidence",
    "write_plan",
    "wrong_way",
]
