"""The data page (last ingest, quality summary) and the quarantine browser (person-level: audited)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from vawg.contract import RULES, TABLES_BY_NAME
from vawg.ingest import quarantine_rows
from vawg.quality import quality_report
from vawg.web._context import Context
from vawg.web._guard import bad_request, one_of

PAGE_ROWS = 50
MAX_PAGE = 10_000


def data_page(ctx: Context) -> Response:
    """GET /data: the last loads, what was quarantined, completeness and date coverage."""
    with ctx.web.reader.snapshot() as snap:
        report = ctx.web.reader.cached(snap, "quality", quality_report)
    completeness = report.completeness[report.completeness["missing"] > 0]
    return ctx.render(
        "data.html",
        report=report,
        loads=report.loads.head(20).to_dict(orient="records"),
        quarantine=report.quarantine.to_dict(orient="records"),
        completeness=completeness.to_dict(orient="records"),
        coverage=report.date_coverage.to_dict(orient="records"),
    )


def _page(ctx: Context) -> int:
    text = ctx.param("page") or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise bad_request("page: expected a whole number from 1")
    return int(text)


def quarantine_page(ctx: Context) -> Response:
    """GET /data/quarantine: quarantined rows as sent (OFFICIAL-SENSITIVE), 50 a page; every view audited."""
    table = one_of(ctx.param("table"), TABLES_BY_NAME, "table")
    rule = one_of(ctx.param("rule"), RULES, "rule")
    page = _page(ctx)
    with ctx.web.reader.snapshot() as snap:
        rows = quarantine_rows(snap.con, table=table, rule=rule, limit=page * PAGE_ROWS + 1)
    shown = rows.iloc[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    ctx.audit("quarantine.view", "quarantine", {"table": table, "rule": rule, "page": page}, rows=len(shown))
    records: list[dict[str, Any]] = [
        {str(k): ("" if v is None or v != v else v) for k, v in r.items()}
        for r in shown.to_dict(orient="records")
    ]
    return ctx.render(
        "quarantine.html", rows=records, table=table, rule=rule, page=page,
        has_next=len(rows) > page * PAGE_ROWS, tables=sorted(TABLES_BY_NAME), rules=sorted(RULES),
    )  # fmt: skip


__all__ = ["data_page", "quarantine_page"]
