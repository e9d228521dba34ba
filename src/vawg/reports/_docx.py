"""The board report as an editable Word document (python-docx), beside the PDF: boards amend papers.

The same ``BoardReport`` the HTML and PDF are filled from, so the three never disagree: purpose,
key points and the strand leads' narratives by strand, the figures (PNG) with their captions, the
SPC tiles (icon meanings in words, charts and notes), the indicators table, the equality tables,
the national context and the data quality caveats. The handling marking is in every page's header
and footer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vawg.reports._narratives import Narrative

WIDTH_CM = 16.0  # A4 less 2.5 cm margins
TILE_CM = 12.0


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _narrative(doc: Any, narrative: Narrative) -> None:
    styles = {"heading": "Heading 4", "bullet": "List Bullet", "number": "List Number", "paragraph": None}
    for kind, runs in narrative.blocks():
        paragraph = doc.add_paragraph(style=styles[kind])
        for text, bold, italic in runs:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None


def _marking(doc: Any, marking: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.text = marking
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].bold = True


def write_docx(report: Any, path: Path) -> Path:
    """Write ``report`` (a BoardReport) as ``path`` (.docx)."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    _marking(doc, report.marking)
    doc.core_properties.title = (
        f"Violence Against Women and Girls (VAWG) · {report.force} · {report.window.label}"
    )
    doc.add_paragraph(f"Board report · {report.force}")
    doc.add_heading("Violence Against Women and Girls (VAWG)", level=0)
    doc.add_paragraph(f"Period: {report.window.label} (compared with {report.window.previous_label})"
                      + (f" · records extracted {report.extract:%d %B %Y}" if report.extract else ""))  # fmt: skip
    doc.add_heading("Purpose of paper", level=1)
    for text in report.purpose:
        doc.add_paragraph(text)
    doc.add_heading("Key points", level=1)
    for strand, sentences in report.key_points.items():
        doc.add_heading(strand, level=2)
        for sentence in sentences:
            doc.add_paragraph(sentence, style="List Number")
        if strand in report.narratives:
            _narrative(doc, report.narratives[strand])
    doc.add_heading("Figures", level=1)
    for figure in report.figures:
        doc.add_picture(str(figure.png), width=Cm(WIDTH_CM))
        doc.add_paragraph(figure.title, style="Caption")
    doc.add_heading("Statistical process control summary", level=1)
    for tile in report.tiles:
        doc.add_heading(tile.title, level=3)
        doc.add_paragraph(f"Latest: {tile.latest} ({tile.latest_period}). Variation: {tile.variation_label}. "
                          f"Assurance: {tile.assurance_label}.")  # fmt: skip
        doc.add_picture(str(tile.chart.png), width=Cm(TILE_CM))
        for note in tile.notes:
            doc.add_paragraph(note)
    doc.add_heading("Indicators: past twelve months against the twelve before", level=1)
    _table(doc, ["Indicator", report.window.label, report.window.previous_label, "Direction", "Significance"],
           [[row.metric.title, row.current_text, row.previous_text,
             f"{row.arrow} {row.direction}" + (f" ({row.judgement})" if row.judgement else ""), row.significance]
            for row in report.indicators])  # fmt: skip
    doc.add_heading("Equality implications", level=1)
    for text in report.equality.sentences:
        doc.add_paragraph(text)
    for label, rows in (("Victim age band", report.equality.age), ("Victim sex", report.equality.sex)):
        _table(doc, [label, "Victims", "Share", "95% interval"],
               [[p.group, f"{p.victims:,}", p.share, p.interval] for p in rows])  # fmt: skip
        doc.add_paragraph()
    if report.national:
        doc.add_heading("National context", level=1)
        for text in report.national.sentences:
            doc.add_paragraph(text)
    doc.add_heading("Data quality caveats", level=1)
    for text in report.quality.sentences:
        doc.add_paragraph(text)
    doc.add_page_break()
    doc.add_heading("Appendix for analysts", level=1)
    _table(doc, ["Where in the paper", "Indicator (metric id)", "Basis"],
           [[a.where, a.metric_ids, a.basis] for a in report.appendix])  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


__all__ = ["write_docx"]
