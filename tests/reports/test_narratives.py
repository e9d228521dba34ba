"""Strand narratives (Markdown, one per strand) in the HTML and the editable DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from vawg.errors import ReportError
from vawg.reports import read_narratives

CJ = """Charging decisions **improved** after the *CPS* pilot.

- Two new DA courts
- Body-worn video in every case

<script>alert(1)</script>
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "narratives"
    folder.mkdir()
    (folder / "criminal-justice.md").write_text(CJ, encoding="utf-8")
    (folder / "safety-in-public.md").write_text("# Night-time economy\n\nWalk and Talk ran in 12 towns.\n")
    (folder / "README.txt").write_text("not markdown: ignored")
    return folder


def test_narratives_are_read_in_the_papers_order_without_raw_html(tmp_path: Path) -> None:
    found = read_narratives(_folder(tmp_path))
    assert list(found) == ["Safety in Public", "Criminal Justice"]
    html = found["Criminal Justice"].html
    assert "<strong>improved</strong>" in html and "<li>Two new DA courts</li>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    blocks = found["Criminal Justice"].blocks()
    assert blocks[0][1] == [("Charging decisions ", False, False), ("improved", True, False),
                            (" after the ", False, False), ("CPS", False, True), (" pilot.", False, False)]  # fmt: skip
    assert [kind for kind, _ in blocks][:3] == ["paragraph", "bullet", "bullet"]
    assert found["Safety in Public"].blocks()[0] == ("heading", [("Night-time economy", False, False)])


def test_a_file_that_is_not_a_strand_is_an_error_naming_it_and_the_ids(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "criminal_justice.md").write_text("misspelt")
    with pytest.raises(ReportError, match=r"criminal_justice\.md: not a strand.*criminal-justice"):
        read_narratives(folder)
    with pytest.raises(ReportError, match="does not exist"):
        read_narratives(tmp_path / "none")


def test_the_report_carries_the_narratives_in_html_and_an_editable_docx(
    handmade_store: Path, tmp_path: Path
) -> None:
    from docx import Document

    from vawg import MARKING
    from vawg.reports import write_board_report

    files = write_board_report(handmade_store, tmp_path / "out", pdf=False, narratives=_folder(tmp_path))
    html = files.html.read_text(encoding="utf-8")
    # under its strand: after the Criminal Justice heading, before the next strand's
    cj, next_strand = (
        html.index("<h3>Criminal Justice</h3>"),
        html.index("<h3>Offender and Suspect Management</h3>"),
    )
    assert cj < html.index("Two new DA courts") < next_strand
    assert files.docx is not None and files.docx.name == "board-report.docx"
    doc = Document(str(files.docx))
    texts = [p.text for p in doc.paragraphs]
    assert "Walk and Talk ran in 12 towns." in texts
    bullet = next(p for p in doc.paragraphs if p.text == "Two new DA courts")
    assert bullet.style.name == "List Bullet"
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert "improved" in bold
    assert doc.sections[0].header.paragraphs[0].text == MARKING
    assert doc.sections[0].footer.paragraphs[0].text == MARKING
    assert texts.index("Criminal Justice") < texts.index("Two new DA courts") < texts.index("Figures")
    assert len(doc.inline_shapes) >= 3 + len([t for t in doc.paragraphs if t.style.name == "Heading 3"])
    assert len(doc.tables) >= 3  # indicators, age, sex
