"""The metric page's SPC chart as SVG: ``vawg.metrics.spc`` statistics drawn by ``vawg.reports.draw_spc``.

The same drawing as the board report's tiles (shapes as well as colours mark special causes), at a
page size. Served as an image (``<img>`` with alt text) so the page's CSP stays strict.
"""

from __future__ import annotations

import io
import threading

import pandas as pd

from vawg.errors import MetricError
from vawg.metrics import Metric, SpcResult, spc
from vawg.reports import icon_label

_DRAW = threading.Lock()  # matplotlib's font and text caches are shared: draw one chart at a time
PAGE_SIZE = (7.6, 3.8)


def spc_of(metric: Metric, monthly: pd.DataFrame) -> SpcResult | None:
    """The XmR chart of a selected monthly series (None below two values)."""
    rows = monthly.dropna(subset=["value"])
    if len(rows) < 2:
        return None
    try:
        return spc(rows.set_index("period_start")["value"], metric.higher_is_better)
    except MetricError:
        return None


def chart_svg(metric: Metric, monthly: pd.DataFrame) -> bytes | None:
    result = spc_of(metric, monthly)
    if result is None:
        return None
    with _DRAW:
        from vawg.reports import draw_spc  # matplotlib: loaded with the first chart, not at start

        figure = draw_spc(result, title=None, unit=metric.unit, size=PAGE_SIZE)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def chart_alt(metric: Metric, result: SpcResult) -> str:
    """The chart in words: mean, limits, special causes and the latest point's icon."""
    scale, suffix = (100, "%") if metric.unit == "rate" else (1, "")
    return (
        f"SPC chart of {metric.title} by month: mean {result.mean * scale:,.1f}{suffix}, process limits "
        f"{result.lpl * scale:,.1f}{suffix} to {result.upl * scale:,.1f}{suffix}; "
        f"{int(result.frame['special_cause'].sum())} special-cause points; latest month: "
        f"{icon_label(result.variation).lower()}. The table gives every value."
    )


__all__ = ["chart_alt", "chart_svg", "spc_of"]
