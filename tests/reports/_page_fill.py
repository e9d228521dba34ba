"""How full each page of a report PDF is, measured on the rendered page (poppler's pdftoppm).

A page is rasterised in grey at low resolution; its *fill* is how far down the body (the area
inside the @page margins, so the running marking and page number do not count) the last inked
row reaches, as a share of the body's height. A page that stops a third of the way down is two
thirds empty. A section ends where the next page starts with a forced page break (an
``h2.new-page`` heading of the report's HTML) and at the last page: only those may be short.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

A4_HEIGHT_MM = 297.0
INK = 200  # a grey level below this (0 black, 255 white) is content, not paper


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    fill: float  # 0 (empty body) to 1 (content down to the bottom margin)
    first_text: str  # the page's text after the running marking, whitespace collapsed
    ends_section: bool = False


def _pgm(path: Path) -> tuple[int, int, bytes]:
    """(width, height, pixels) of a binary greyscale PGM (P5, 8-bit) as pdftoppm writes it."""
    data = path.read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and int(maxval) == 255, f"{path}: not an 8-bit PGM"
    return int(width), int(height), pixels


def body_fill(pgm: Path, top_mm: float, bottom_mm: float) -> float:
    """How far down the body the last inked row of the page image ``pgm`` reaches (0 to 1)."""
    width, height, pixels = _pgm(pgm)
    top = round(height * top_mm / A4_HEIGHT_MM)
    bottom = round(height * (A4_HEIGHT_MM - bottom_mm) / A4_HEIGHT_MM)
    inked = [row for row in range(top, bottom) if min(pixels[row * width : (row + 1) * width]) < INK]
    return 0.0 if not inked else (max(inked) - top + 1) / (bottom - top)


class _NewPageHeadings(HTMLParser):
    """The text of every heading that forces a page break (class ``new-page``)."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "new-page" in (dict(attrs).get("class") or "").split():
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None:
            self.titles.append(" ".join("".join(self._open).split()))
            self._open = None


def new_page_headings(html: str) -> list[str]:
    parser = _NewPageHeadings()
    parser.feed(html)
    return parser.titles


def measure(pdf: Path, html: str, work: Path, *, marking: str, top_mm: float, bottom_mm: float) -> list[Page]:
    """Every page of ``pdf`` with its fill and whether it ends a section (``html`` is its source)."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed: scripts/install-system-packages.sh"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(work / "page")], check=True)
    images = sorted(work.glob("page-*.pgm"), key=lambda p: int(re.sub(r"\D", "", p.stem)))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    texts = [" ".join(t.replace(marking, " ").split()) for t in text.split("\f")][: len(images)]
    breaks = new_page_headings(html)
    starts_section = [any(t.startswith(title) for title in breaks) for t in texts]
    pages = []
    for i, (image, first) in enumerate(zip(images, texts, strict=True)):
        last = i == len(images) - 1
        pages.append(
            Page(i + 1, body_fill(image, top_mm, bottom_mm), first[:80], last or starts_section[i + 1])
        )
    return pages
