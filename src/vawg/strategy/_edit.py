"""Editing one action from a form (the web app): the same checks as a spreadsheet row, and who may
edit which strand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vawg.accounts import PermissionDenied, User
from vawg.strategy._action import TEMPLATE_COLUMNS, Action
from vawg.strategy._plan import check_may_edit
from vawg.strategy._spreadsheet import PlanImportError
from vawg.strategy._strands import Strand
from vawg.strategy._validate import parse_row


def may_edit(user: User, strand: str) -> bool:
    """Whether ``user`` may change actions of ``strand`` (:func:`check_may_edit` without raising)."""
    try:
        check_may_edit(user, strand)
    except PermissionDenied:
        return False
    return True


def editable_strands(user: User, strands: Sequence[Strand]) -> list[Strand]:
    """The strands ``user`` may change (every one for an analyst; their own for a strand lead)."""
    return [s for s in strands if may_edit(user, s.id)]


def action_from_form(
    values: Mapping[str, str], *, strand_ids: set[str], known_metrics: set[str], form: str = "the form"
) -> Action:
    """The action a form describes (the template's fields), checked as a spreadsheet row is; every
    problem is raised at once as a :class:`PlanImportError` naming the field and what was expected."""
    row = {column: values.get(column, "") for column in TEMPLATE_COLUMNS}
    action, problems = parse_row(row, file=form, row=1, strand_ids=strand_ids, known_metrics=known_metrics)
    if action is None:
        raise PlanImportError("the action was not saved", problems)
    return action
