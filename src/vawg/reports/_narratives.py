"""Strand narratives: the strand leads' own words, one Markdown file per strand, merged into the report.

A folder holds ``<strand-id>.md`` files (ids: ``vawg.reports.STRAND_IDS``, e.g.
``criminal-justice.md``); each is placed under its strand's key points, in the paper's order, in
the HTML, the PDF and the DOCX. Markdown is CommonMark (markdown-it-py) with raw HTML switched off,
so a narrative cannot inject markup into the paper. A file whose name is not a strand id is an error
naming the file and the ids expected (a misspelt file would otherwise vanish from the paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vawg.errors import ReportError
from vawg.reports._indicators import STRAND_IDS


@dataclass(frozen=True)
class Narrative:
    strand_id: str
    strand: str
    path: Path
    markdown: str

    @property
    def html(self) -> str:
        return _parser().render(self.markdown)

    def blocks(self) -> list[tuple[str, list[tuple[str, bool, bool]]]]:
        """The text as (kind, runs) blocks for a word processor: kind is heading, bullet, number or
        paragraph; each run is (text, bold, italic)."""
        blocks: list[tuple[str, list[tuple[str, bool, bool]]]] = []
        lists: list[str] = []
        kind = "paragraph"
        for token in _parser().parse(self.markdown):
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append("bullet" if token.type.startswith("bullet") else "number")
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "heading_open":
                kind = "heading"
            elif token.type == "paragraph_open":
                kind = lists[-1] if lists else "paragraph"
            elif token.type == "inline":
                blocks.append((kind, _runs(token.children or [])))
        return blocks


def _runs(children: list[Any]) -> list[tuple[str, bool, bool]]:
    runs, bold, italic = [], False, False
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            runs.append((child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", bold, italic))
    return runs


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def read_narratives(folder: Path | str | None) -> dict[str, Narrative]:
    """The narratives in ``folder`` keyed by strand name (in the paper's order); {} for None."""
    if folder is None:
        return {}
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(f"{folder}: the narratives folder does not exist", path=str(folder))
    found: dict[str, Narrative] = {}
    for path in sorted(folder.glob("*.md")):
        if path.stem not in STRAND_IDS:
            raise ReportError(
                f"{path}: not a strand; name narratives <strand-id>.md with one of {', '.join(STRAND_IDS)}",
                path=str(path),
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ReportError(f"{path}: expected UTF-8 text (Markdown)", path=str(path)) from None
        found[STRAND_IDS[path.stem]] = Narrative(path.stem, STRAND_IDS[path.stem], path, text)
    return {strand: found[strand] for strand in STRAND_IDS.values() if strand in found}


__all__ = ["Narrative", "read_narratives"]
