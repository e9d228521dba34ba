"""Reports: the board paper's figures, SPC charts, the board report (HTML/PDF) and the national return.

* ``render_paper_figures`` – Figures 1–3 of the board paper from metric results (PNG and SVG);
* ``render_spc_chart`` / ``icon_svg`` – XmR charts and "Making Data Count" icons from ``vawg.metrics.spc``;
* ``write_board_report`` – the board report in the paper's shape (HTML, PDF and an editable DOCX), every
  page marked OFFICIAL-SENSITIVE, with the strand leads' narratives (``read_narratives``);
* ``build_return`` / ``write_return`` – the quarterly national VAWG return (CSV, Excel) with small
  counts suppressed (``vawg.disclosure``).

Every number shown comes from a metric of ``vawg.metrics.REGISTRY`` or a measure of
``vawg.national.COMPARISON_MEASURES``. See docs/reports.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vawg._lazy import load_name

if TYPE_CHECKING:
    from vawg.reports._board import (
        BoardReport,
        BoardReportFiles,
        build_board_report,
        render_html,
        write_board_report,
    )
    from vawg.reports._board_data import BAIL_CHANGE, ReportWindow, report_window
    from vawg.reports._figures import render_paper_figures
    from vawg.reports._indicators import REPORT_INDICATORS, STRAND_IDS, STRANDS, IndicatorRow, ReportIndicator
    from vawg.reports._narratives import Narrative, read_narratives
    from vawg.reports._npcc import (
        NPCC_RETURN,
        TEMPLATE_COLUMNS,
        NationalReturn,
        ReturnIndicator,
        build_return,
        quarter_bounds,
    )
    from vawg.reports._palette import OKABE_ITO
    from vawg.reports._paper_figures import PAPER_FIGURES, PaperFigure
    from vawg.reports._return_files import COLUMN_NOTES, ReturnFiles, write_return
    from vawg.reports._sentences import change_phrase, direction, format_value, significance_clause
    from vawg.reports._spc_chart import draw_spc, render_spc_chart
    from vawg.reports._spc_icons import icon_label, icon_svg, point_key
    from vawg.reports._style import RenderedFigure

# Every name loads its module on first use: importing the package (the web app does, for a
# few light names) must not import what the heavy ones need.
_LAZY: dict[str, str] = {
    "BoardReport": "vawg.reports._board",
    "BoardReportFiles": "vawg.reports._board",
    "build_board_report": "vawg.reports._board",
    "render_html": "vawg.reports._board",
    "write_board_report": "vawg.reports._board",
    "BAIL_CHANGE": "vawg.reports._board_data",
    "ReportWindow": "vawg.reports._board_data",
    "report_window": "vawg.reports._board_data",
    "PAPER_FIGURES": "vawg.reports._paper_figures",
    "PaperFigure": "vawg.reports._paper_figures",
    "render_paper_figures": "vawg.reports._figures",
    "REPORT_INDICATORS": "vawg.reports._indicators",
    "STRAND_IDS": "vawg.reports._indicators",
    "STRANDS": "vawg.reports._indicators",
    "IndicatorRow": "vawg.reports._indicators",
    "ReportIndicator": "vawg.reports._indicators",
    "Narrative": "vawg.reports._narratives",
    "read_narratives": "vawg.reports._narratives",
    "NPCC_RETURN": "vawg.reports._npcc",
    "TEMPLATE_COLUMNS": "vawg.reports._npcc",
    "NationalReturn": "vawg.reports._npcc",
    "ReturnIndicator": "vawg.reports._npcc",
    "build_return": "vawg.reports._npcc",
    "quarter_bounds": "vawg.reports._npcc",
    "COLUMN_NOTES": "vawg.reports._return_files",
    "ReturnFiles": "vawg.reports._return_files",
    "write_return": "vawg.reports._return_files",
    "change_phrase": "vawg.reports._sentences",
    "direction": "vawg.reports._sentences",
    "format_value": "vawg.reports._sentences",
    "significance_clause": "vawg.reports._sentences",
    "draw_spc": "vawg.reports._spc_chart",
    "icon_label": "vawg.reports._spc_icons",
    "icon_svg": "vawg.reports._spc_icons",
    "point_key": "vawg.reports._spc_icons",
    "render_spc_chart": "vawg.reports._spc_chart",
    "OKABE_ITO": "vawg.reports._palette",
    "RenderedFigure": "vawg.reports._style",
}


def __getattr__(name: str) -> Any:
    return load_name(__name__, _LAZY, name)


__all__ = [
    "BAIL_CHANGE",
    "COLUMN_NOTES",
    "NPCC_RETURN",
    "OKABE_ITO",
    "PAPER_FIGURES",
    "REPORT_INDICATORS",
    "STRANDS",
    "STRAND_IDS",
    "TEMPLATE_COLUMNS",
    "BoardReport",
    "BoardReportFiles",
    "IndicatorRow",
    "Narrative",
    "NationalReturn",
    "PaperFigure",
    "RenderedFigure",
    "ReportIndicator",
    "ReportWindow",
    "ReturnFiles",
    "ReturnIndicator",
    "build_board_report",
    "build_return",
    "change_phrase",
    "direction",
    "draw_spc",
    "format_value",
    "icon_label",
    "icon_svg",
    "point_key",
    "quarter_bounds",
    "read_narratives",
    "render_html",
    "render_paper_figures",
    "render_spc_chart",
    "report_window",
    "significance_clause",
    "write_board_report",
    "write_return",
]
