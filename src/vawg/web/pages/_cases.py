"""Professional Standards' cases (``vawg.strategy.conduct_cases``): a filtered list and one case.

For the professional_standards role only; the board and analysts see the registry's aggregates on
the dashboard. Case ids are pseudonyms treated as person data: URLs carry filter codes, dates, a page
number; one case is opened by POST of a handle valid in this session only (``SessionStore.handle_for``),
so neither a case id nor a handle is ever in a URL, a history or a referrer. Pages
carry the OFFICIAL-SENSITIVE marking; every list view and case view is written to the audit log.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
from starlette.responses import Response

from vawg.contract import ALLEGATION, CASE_TYPE, SUBJECT_ROLE
from vawg.strategy import CASE_COLUMNS, CASE_STATES, CaseFilter, conduct_case, conduct_cases
from vawg.web._context import Context
from vawg.web._guard import bad_request, not_found, one_of

PAGE_ROWS = 50
MAX_PAGE = 10_000
HANDLE_KIND = "conduct_case"


def _date(ctx: Context, name: str) -> date | None:
    text = ctx.param(name)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise bad_request(f"{name}: expected a date YYYY-MM-DD") from None


def _filters(ctx: Context) -> CaseFilter:
    return CaseFilter(
        allegation=one_of(ctx.param("allegation"), ALLEGATION, "allegation"),
        case_type=one_of(ctx.param("case_type"), CASE_TYPE, "case_type"),
        subject_role=one_of(ctx.param("subject_role"), SUBJECT_ROLE, "subject_role"),
        state=one_of(ctx.param("state"), CASE_STATES, "state"),
        received_from=_date(ctx, "from"),
        received_to=_date(ctx, "to"),
    )


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str | bool | date) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def cases_page(ctx: Context) -> Response:
    """GET /cases: the cases matching the filters, 50 a page, each with a link by session handle."""
    assert ctx.user is not None and ctx.session is not None
    filters = _filters(ctx)
    text = ctx.param("page") or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise bad_request("page: expected a whole number from 1")
    page = int(text)
    with ctx.web.reader.snapshot() as snap:
        frame = conduct_cases(snap.con, filters, user=ctx.user)
    shown = frame.iloc[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    rows = [
        {
            "handle": ctx.web.sessions.handle_for(ctx.session, HANDLE_KIND, str(r["case_id"])),
            "cells": [_cell(r[c]) for c in CASE_COLUMNS],
        }
        for r in shown.astype(object).to_dict(orient="records")
    ]
    ctx.audit("conduct.cases.view", "conduct_cases", {**filters.as_detail(), "page": page}, rows=len(rows))
    return ctx.render(
        "cases.html", rows=rows, columns=CASE_COLUMNS, total=len(frame), page=page,
        pages=max(1, -(-len(frame) // PAGE_ROWS)), f=filters, allegations=ALLEGATION, case_types=CASE_TYPE,
        subject_roles=SUBJECT_ROLE, states=CASE_STATES,
        query={k: ctx.param(k) or "" for k in ("allegation", "case_type", "subject_role", "state", "from", "to")},
    )  # fmt: skip


def case_page(ctx: Context) -> Response:
    """POST /cases/case (form field ``case``: a handle of this session; another's or a stale one is a 404)."""
    assert ctx.user is not None and ctx.session is not None
    case_id = ctx.web.sessions.resolve(ctx.session, HANDLE_KIND, ctx.form.get("case", ""))
    if case_id is None:
        raise not_found("There is no case behind that link in this session; open it from the case list.")
    with ctx.web.reader.snapshot() as snap:
        case = conduct_case(snap.con, case_id, user=ctx.user)
    if case is None:
        raise not_found("That case is no longer in the store.")
    # The audit log (admin-only, hash-chained) names the case: who saw which case must be answerable
    # after the session (and its handles) are gone (D-strategy-4).
    ctx.audit("conduct.case.view", "conduct_cases", {"case_id": case_id}, rows=1)
    return ctx.render("case.html", case={k: _cell(v) for k, v in case.items()})


__all__ = ["case_page", "cases_page"]
