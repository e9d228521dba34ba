"""The reports page: the board report (PDF) and the quarterly national return (CSV, Excel).

Both are built by ``vawg.reports`` from the current store version and cached per version, so the
second download of the same report is immediate. Every download is audited (they are marked
OFFICIAL-SENSITIVE).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import duckdb
from starlette.responses import Response

import vawg.reports as reports  # its modules load on first use (the board report's bring matplotlib)
from vawg.web._context import Context
from vawg.web._facts import store_facts
from vawg.web._guard import bad_request, one_of

RETURN_FORMATS = {"csv": "text/csv; charset=utf-8",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip
QUARTERS_SHOWN = 8


def quarters_before(last_day: date | None, count: int = QUARTERS_SHOWN) -> list[str]:
    """The ``count`` complete calendar quarters up to ``last_day``, newest first ("2023-Q1", ...)."""
    if last_day is None:
        return []
    year, quarter = last_day.year, (last_day.month - 1) // 3 + 1
    out: list[str] = []
    while len(out) < count:
        label = f"{year}-Q{quarter}"
        if reports.quarter_bounds(label)[1] <= last_day:  # complete quarters only
            out.append(label)
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return out


def reports_page(ctx: Context) -> Response:
    """GET /reports: what can be downloaded."""
    with ctx.web.reader.snapshot() as snap:
        facts = ctx.web.reader.cached(snap, "facts", store_facts)
    return ctx.render("reports.html", facts=facts, quarters=quarters_before(facts.last_day))


def _board_pdf(con: duckdb.DuckDBPyConnection) -> bytes:
    with tempfile.TemporaryDirectory(prefix="vawg-web-report-") as tmp:
        files = reports.write_board_report(con, Path(tmp), pdf=True)
        assert files.pdf is not None
        return files.pdf.read_bytes()


def board_report(ctx: Context) -> Response:
    """GET /reports/board.pdf: the board report of the current data (PDF)."""
    with ctx.web.reader.snapshot() as snap:
        pdf = ctx.web.reader.cached(snap, "board.pdf", _board_pdf)
    ctx.audit("report.board", "board-report", {"format": "pdf"})
    return Response(pdf, media_type="application/pdf",
                    headers={"content-disposition": 'attachment; filename="board-report.pdf"'})  # fmt: skip


def national_return(ctx: Context) -> Response:
    """GET /reports/return?quarter=2022-Q4&format=csv|xlsx: the national return, small counts suppressed."""
    with ctx.web.reader.snapshot() as snap:
        facts = ctx.web.reader.cached(snap, "facts", store_facts)
        quarter = ctx.param("quarter")
        if quarter not in quarters_before(facts.last_day):
            raise bad_request("quarter: choose one of the quarters listed on the reports page")
        fmt = one_of(ctx.param("format"), RETURN_FORMATS, "format", "csv") or "csv"

        def files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, bytes]]:
            with tempfile.TemporaryDirectory(prefix="vawg-web-return-") as tmp:
                written = reports.write_return(reports.build_return(con, quarter), Path(tmp))
                return {"csv": (written.csv.name, written.csv.read_bytes()),
                        "xlsx": (written.xlsx.name, written.xlsx.read_bytes())}  # fmt: skip

        name, body = ctx.web.reader.cached(snap, ("return", quarter), files)[fmt]
    ctx.audit("report.return", "national-return", {"quarter": quarter, "format": fmt})
    return Response(body, media_type=RETURN_FORMATS[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


__all__ = ["board_report", "national_return", "quarters_before", "reports_page"]
