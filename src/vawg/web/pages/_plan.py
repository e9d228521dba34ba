"""The strategy's action plan (``vawg.strategy``): the plan page, and adding and editing actions.

Everyone who reads aggregates sees the plan's counts by strand (``PLAN_VIEWS``) and RAG over time;
the action rows and the forms are for the editors: an analyst changes any strand, a strand lead the
strands given as their areas (``check_may_edit``; refused with a page saying why, not a 500). Every
change goes through ``ActionPlan.save``: the field history is kept and each change is audited. Action
refs are not person data (an owner is a role or team), so an action's ref may sit in a URL query
(no route has a path parameter beyond the app's fixed few).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from vawg.accounts import Permission, PermissionDenied, User
from vawg.metrics import REGISTRY
from vawg.strategy import (
    COLUMN_MEANINGS,
    PLAN_VIEWS,
    RAGS,
    STATUSES,
    TEMPLATE_COLUMNS,
    Action,
    ActionPlan,
    PlanImportError,
    action_from_form,
    check_may_edit,
    editable_strands,
    load_strands,
    may_edit,
    overdue,
    rag_by_strand,
    strand_summary,
    without_evidence,
)
from vawg.web._context import Context
from vawg.web._guard import not_found, one_of

EDITORS = frozenset({Permission.PLAN_EDIT, Permission.PLAN_EDIT_OWN_STRAND})
RAG_MONTHS = 6  # RAG over time: the ends of the last six months, and today


def _is_editor(user: User | None) -> bool:
    return user is not None and any(user.can(p) for p in EDITORS)


def _month_ends(today: date, months: int) -> list[date]:
    ends, day = [], today.replace(day=1) - timedelta(days=1)
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return [*reversed(ends), today]


def _refused(user: User, strand: str) -> HTTPException:
    own = ", ".join(user.areas) or "none"
    return HTTPException(
        403,
        f"You may change actions of the strands you lead only (yours: {own}); this action belongs to "
        f"the strand {strand}. Ask an analyst or that strand's lead.",
    )


def plan_page(ctx: Context) -> Response:
    """GET /plan: counts by strand and RAG over time for all; the actions, overdue and unevidenced
    lists, with edit links where the user may edit, for analysts and strand leads."""
    assert ctx.user is not None
    today, strands = date.today(), load_strands()
    with ActionPlan.for_store(ctx.web.db) as plan:
        summary = strand_summary(plan, strands, today)
        over_time = rag_by_strand(plan, _month_ends(today, RAG_MONTHS), strands)
        actions = plan.actions() if _is_editor(ctx.user) else []
    titles = {s.id: s.title for s in strands}
    return ctx.render(
        "plan.html", today=today, views=PLAN_VIEWS, summary=summary.to_dict(orient="records"),
        over_time=[r for r in over_time.to_dict(orient="records") if sum(r[rag] for rag in RAGS)], rags=RAGS, titles=titles,
        editor=_is_editor(ctx.user), actions=actions,
        editable={a.ref for a in actions if may_edit(ctx.user, a.strand)},
        overdue=overdue(actions, today).to_dict(orient="records"),
        bare=without_evidence(actions).to_dict(orient="records"),
        may_add=bool(editable_strands(ctx.user, strands)),
    )  # fmt: skip


def _form_page(
    ctx: Context, values: dict[str, Any], *, mode: str, status: int = 200, problems: Any = (),
    history: Any = (),
) -> Response:  # fmt: skip
    assert ctx.user is not None
    return ctx.render(
        "plan_action.html", status=status, values=values, mode=mode, problems=list(problems),
        history=list(history), strands=editable_strands(ctx.user, load_strands()), statuses=STATUSES,
        rags=RAGS, meanings=COLUMN_MEANINGS, saved=ctx.param("saved") == "1",
    )  # fmt: skip


def new_action_form(ctx: Context) -> Response:
    """GET /plan/new?strand=: an empty action for a strand the user may change."""
    assert ctx.user is not None
    mine = editable_strands(ctx.user, load_strands())
    if not mine:
        raise HTTPException(403, "You lead no strand of the strategy, so you cannot add actions.")
    strand = one_of(ctx.param("strand"), {s.id for s in mine}, "strand", mine[0].id)
    return _form_page(ctx, {"strand": strand, "status": "not_started", "rag": "green"}, mode="new")


def _action(plan: ActionPlan, ref: str) -> Action:
    action = plan.get(ref)
    if action is None:
        raise not_found("There is no action with that reference.")
    return action


def action_form(ctx: Context) -> Response:
    """GET /plan/action?ref=: the action's form (prefilled) and its history, for its strand's editors."""
    assert ctx.user is not None
    with ActionPlan.for_store(ctx.web.db) as plan:
        action = _action(plan, ctx.param("ref") or "")
        if not may_edit(ctx.user, action.strand):
            raise _refused(ctx.user, action.strand)
        history = plan.history(action.ref)
    return _form_page(ctx, action.to_record(), mode="edit", history=history)


def save_action(ctx: Context) -> Response:
    """POST /plan/actions: add (mode=new) or update (mode=edit) one action; the same checks as an
    imported row, every problem shown beside the form; refused (403) outside the user's strands."""
    assert ctx.user is not None
    mode = one_of(ctx.form.get("mode"), ("new", "edit"), "mode", "edit") or "edit"
    values = {c: ctx.form.get(c, "").strip() for c in TEMPLATE_COLUMNS}
    strands = load_strands()
    with ActionPlan.for_store(ctx.web.db) as plan:
        before = plan.get(values["ref"]) if values["ref"] else None
        if mode == "edit" and before is None:
            raise not_found("There is no action with that reference.")
        if mode == "edit" and before is not None:
            values["ref"] = before.ref
        for strand in {values["strand"], before.strand if before else values["strand"]}:
            if strand in {s.id for s in strands} and not may_edit(ctx.user, strand):
                raise _refused(ctx.user, strand)
        history = plan.history(before.ref) if before else []
        if mode == "new" and before is not None:
            problem = f"an action with the reference {values['ref']!r} exists already: choose another"
            return _form_page(ctx, values, mode=mode, status=400, problems=[problem])
        try:
            action = action_from_form(
                values, strand_ids={s.id for s in strands}, known_metrics={m.id for m in REGISTRY}
            )
            check_may_edit(ctx.user, action.strand)
        except PlanImportError as exc:
            problems = [f"{p.column}: expected {p.expected}; found {p.found!r}" for p in exc.problems]
            return _form_page(ctx, values, mode=mode, status=400, problems=problems, history=history)
        except PermissionDenied:
            raise _refused(ctx.user, action.strand) from None
        plan.save([action], by=ctx.user, source="web", client=ctx.client)
    return RedirectResponse(f"/plan/action?{urlencode({'ref': action.ref, 'saved': '1'})}", status_code=303)


__all__ = ["EDITORS", "action_form", "new_action_form", "plan_page", "save_action"]
