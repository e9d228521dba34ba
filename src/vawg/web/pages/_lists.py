"""Work lists (``vawg.operations``): the registry, one list filtered, sorted and paged, and its export.

Person-level: a user sees a list only for the areas they may (``check_list_access``: every area with
person_level_all, else one of their own areas, chosen for them when they have one); every view and
export is audited (``record_list_access``: list id, as-of date, area, rows shown or exported); pages
and files carry the marking; URLs carry only the list id, area, a column name and a page number.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from starlette.exceptions import HTTPException
from starlette.responses import Response

from vawg.accounts import Permission, PermissionDenied
from vawg.operations import (
    LISTS,
    WorkList,
    areas,
    check_list_access,
    compute_list,
    data_window,
    log_shown_scores,
    record_list_access,
    scoring_version,
)
from vawg.risk import ModelRegistry
from vawg.web._context import Context
from vawg.web._guard import bad_request, not_found, one_of

PAGE_ROWS = 50
# A list with this column shows RFSDI scores (outstanding-suspects).
SCORE_COLUMN = "rfsdi_score"
MAX_PAGE = 10_000
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def lists_index(ctx: Context) -> Response:
    """GET /lists: what each list is for and who uses it (no person data)."""
    return ctx.render("lists.html", lists=list(LISTS))


def _spec(ctx: Context) -> Any:
    list_id = ctx.request.path_params["list_id"]
    if list_id not in {spec.id for spec in LISTS}:
        raise not_found("There is no work list with that id.")
    return LISTS.get(list_id)


def _work(ctx: Context, spec: Any) -> tuple[WorkList, list[str], str | None]:
    """The list for the area asked, after the access check (cached per store version and area)."""
    assert ctx.user is not None
    user = ctx.user
    with ctx.web.reader.snapshot() as snap:
        known = ctx.web.reader.cached(snap, "list-areas", lambda con: list(areas(con)))
        area = one_of(ctx.param("area"), known, "area")
        if area is None and not user.can(Permission.PERSON_LEVEL_ALL) and user.areas:
            area = user.areas[0]  # an officer sees their own area's list without asking
        try:
            check_list_access(user, spec.id, area)
        except PermissionDenied as exc:
            raise HTTPException(403, str(exc)) from None

        if SCORE_COLUMN in spec.column_names:
            # A scored list is kept per store version and approved RFSDI version (an approval or a
            # retirement changes the key), built under governance's checks for a user who may see
            # scores; each view logs the scores it shows against its user (D-operations-6).
            version = scoring_version(snap.con, user)

            def build_scored(con: duckdb.DuckDBPyConnection) -> WorkList:
                return compute_list(
                    con, spec.id, data_window(con)[1], area=area, actor=user, log_scores=False
                )

            work = ctx.web.reader.cached(snap, ("list", spec.id, area, "scored", version), build_scored)
        else:

            def build(con: duckdb.DuckDBPyConnection) -> WorkList:
                return compute_list(con, spec.id, data_window(con)[1], area=area, actor=user.username)

            work = ctx.web.reader.cached(snap, ("list", spec.id, area), build)
    return work, known, area


def _log_scores(ctx: Context, rows: pd.DataFrame) -> None:
    """The scores on the page (or in the file) go to the score log under the signed-in user."""
    assert ctx.user is not None  # the route guard signed them in
    if SCORE_COLUMN in rows.columns and rows[SCORE_COLUMN].notna().any():
        with ModelRegistry.for_store(ctx.web.db) as registry:
            log_shown_scores(registry, rows, ctx.user, client=ctx.client)


def _page_number(ctx: Context) -> int:
    text = ctx.param("page") or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise bad_request("page: expected a whole number from 1")
    return int(text)


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def list_page(ctx: Context) -> Response:
    """GET /lists/{list_id}: the list for one area (or all, for supervisors), sorted, 50 rows a page."""
    spec = _spec(ctx)
    work, known, area = _work(ctx, spec)
    sort = one_of(ctx.param("sort"), spec.column_names, "sort")
    descending = ctx.param("desc") == "1"
    page = _page_number(ctx)
    frame = work.frame
    if sort is not None:
        frame = frame.sort_values(sort, ascending=not descending, na_position="last", kind="stable")
    shown = frame.iloc[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    _log_scores(ctx, shown)
    record_list_access(ctx.web.db, work, actor=ctx.user, client=ctx.client, output="screen")
    rows = [[_cell(v) for v in row] for row in shown.astype(object).itertuples(index=False)]
    return ctx.render(
        "list.html", spec=spec, work=work, rows=rows, area=area, areas=known, sort=sort, desc=descending,
        page=page, pages=max(1, -(-len(frame) // PAGE_ROWS)),
        person_at=spec.column_names.index("person_id") if "person_id" in spec.column_names else None,
        may_pick_any=ctx.user is not None and ctx.user.can(Permission.PERSON_LEVEL_ALL),
        area_choices=[a for a in known if ctx.user is not None and ctx.user.may_see_area(a)],
    )  # fmt: skip


def list_export(ctx: Context) -> Response:
    """GET /lists/{list_id}/export?area=&format=csv|xlsx: every row, marked, audited as an export."""
    spec = _spec(ctx)
    fmt = one_of(ctx.param("format"), EXPORTS, "format", "csv") or "csv"
    work, _, area = _work(ctx, spec)
    name = f"{spec.id}-{work.as_of.isoformat()}{'-' + area if area else ''}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="vawg-web-list-") as tmp:
        body = work.write(Path(tmp) / name).read_bytes()
    _log_scores(ctx, work.frame)
    record_list_access(ctx.web.db, work, actor=ctx.user, client=ctx.client, output=fmt)
    return Response(body, media_type=EXPORTS[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


__all__ = ["list_export", "list_page", "lists_index"]
