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

from vawg.reports._board import (
    BoardReport,
    BoardReportFiles,
    build_board_report,
    render_html,
    write_board_report,
)
from vawg.reports._board_data import BAIL_CHANGE, ReportWindow, report_window
from vawg.reports._figures import PAPER_FIGURES, PaperFigure, render_paper_figures
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
from vawg.reports._return_files import COLUMN_NOTES, ReturnFiles, write_return
from vawg.reports._sentences import change_phrase, direction, format_value, significance_clause
from vawg.reports._spc_chart import draw_spc, icon_label, icon_svg, render_spc_chart
from vawg.reports._style import OKABE_ITO, RenderedFigure

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
