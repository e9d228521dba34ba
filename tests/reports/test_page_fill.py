"""No page of the board report is two-thirds empty (issue 12, item 14): only the last page of a
section (before a forced page break, or the last page) may stop short of a third of the body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.reports._page_fill import Page, measure
from vawg import MARKING
from vawg.reports import write_board_report

CSS = Path(__file__).parents[2] / "src" / "vawg" / "reports" / "templates" / "board_report.css"
MIN_FILL = 1 / 3


def _margins() -> tuple[float, float]:
    """The top and bottom page margins (mm) the report's stylesheet sets, so the running marking
    and page numbers, which sit in the margins, are not counted as content."""
    found = re.search(r"@page\s*{[^}]*?margin:\s*([\d.]+)mm\s+[\d.]+mm\s+([\d.]+)mm", CSS.read_text())
    assert found, "board_report.css: no @page margin in mm"
    return float(found.group(1)), float(found.group(2))


def _short_pages(pdf: Path, html: str, work: Path) -> list[Page]:
    """The pages under a third filled that do not end a section."""
    top, bottom = _margins()
    pages = measure(pdf, html, work, marking=MARKING, top_mm=top, bottom_mm=bottom)
    assert pages, f"{pdf}: no pages"
    return [p for p in pages if p.fill < MIN_FILL and not p.ends_section]


def test_the_measure_catches_a_two_thirds_empty_page_and_spares_a_section_end(tmp_path: Path) -> None:
    """A hand-made paper: page 1 holds one line then breaks (a defect), page 2 one line before a
    forced new section (allowed), page 3 one line (the last page, allowed)."""
    from weasyprint import HTML

    top, bottom = _margins()
    html = (
        f"<style>@page {{ size: A4; margin: {top}mm 17mm {bottom}mm 17mm; "
        f"@top-center {{ content: '{MARKING}'; }} }} h2.new-page {{ break-before: page; }}</style>"
        "<p>One line, then a page break nobody meant.</p><div style='break-before: page'></div>"
        "<p>Another short page, but the end of its section.</p>"
        "<h2 class='new-page'>Next section</h2><p>The last page.</p>"
    )
    pdf = tmp_path / "paper.pdf"
    HTML(string=html).write_pdf(pdf)
    short = _short_pages(pdf, html, tmp_path / "pages")
    # One 12pt line under a 1em paragraph margin reaches about 9 mm into a 255 mm body: 3-4%.
    assert [(p.number, p.first_text) for p in short] == [(1, "One line, then a page break nobody meant.")]
    assert 0.02 < short[0].fill < 0.05


@pytest.fixture(scope="module")
def small_force_report(small_force: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, store = small_force
    out = tmp_path_factory.mktemp("board-small-force")
    files = write_board_report(store, out, docx=False)
    assert files.pdf is not None
    return files.pdf


def test_no_page_of_the_board_report_is_two_thirds_empty(small_force_report: Path, tmp_path: Path) -> None:
    html = small_force_report.with_suffix(".html").read_text(encoding="utf-8")
    short = _short_pages(small_force_report, html, tmp_path)
    assert short == [], "\n".join(f"page {p.number} is {p.fill:.0%} filled: {p.first_text}" for p in short)
