"""Downloads: a metric's selected values as CSV or Excel (aggregates, as the metric page shows them)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from starlette.responses import Response

from vawg.metrics import Metric
from vawg.outputs import write_table
from vawg.web._context import Context
from vawg.web._facts import store_facts
from vawg.web._guard import one_of
from vawg.web._selection import Selection
from vawg.web.pages._metrics import _metric, metric_rows, selection_of

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_frame(metric: Metric, rows: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """The rows a download holds: the metric, the filters, and the values with their intervals."""
    columns = [
        c for c in ("period", "numerator", "denominator", "value", "ci_low", "ci_high") if c in rows.columns
    ]
    out = rows[columns].copy()
    out.insert(0, "metric", metric.id)
    for name, value in (("area", sel.area), ("vawg_category", sel.category), ("da", sel.da)):
        if value and name in metric.dimensions:
            out.insert(2, name, value)
    return out


def metric_download(ctx: Context) -> Response:
    """GET /metrics/{metric_id}/download?format=csv|xlsx: the values of the metric page's table."""
    metric = _metric(ctx.request.path_params["metric_id"])
    fmt = one_of(ctx.param("format"), FORMATS, "format", "csv") or "csv"
    with ctx.web.reader.snapshot() as snap:
        sel = selection_of(ctx, ctx.web.reader.cached(snap, "facts", store_facts))
        chosen = metric_rows(ctx, snap, metric, sel, sel.grain)
    frame = download_frame(metric, chosen.rows, sel)
    name = f"{metric.id}-{sel.grain}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="vawg-web-download-") as tmp:
        # the project's one writer: formula-safe cells; aggregates, so no marking
        body = write_table(frame, Path(tmp) / name, marking=None, sheet_name=metric.id[:31]).read_bytes()
    return Response(body, media_type=FORMATS[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


__all__ = ["FORMATS", "download_frame", "metric_download"]
