"""The board report in the shape of the March 2023 paper: HTML (Jinja2) and PDF (WeasyPrint).

``build_board_report`` gathers the numbers and writes the figures; ``render_html`` fills the
template; ``write_board_report`` does both and prints the PDF. Every page of the PDF carries the
handling marking in its top and bottom margin boxes (CSS ``@page``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from vawg import MARKING, __version__
from vawg.config import get_settings
from vawg.metrics import REGISTRY
from vawg.reports._board_data import (
    ReportWindow,
    bail_sentence,
    equal_follow_up_sentence,
    fetch_metrics,
    outstanding_sentence,
    report_window,
    seasonal_sentence,
    stalking_run_sentence,
    women_and_girls_sentence,
)
from vawg.reports._disproportionality import DisproportionalitySection, disproportionality_section
from vawg.reports._figures import render_paper_figures
from vawg.reports._indicators import STRANDS, IndicatorRow, indicator_rows
from vawg.reports._narratives import Narrative, read_narratives
from vawg.reports._sections import (
    EqualitySection,
    NationalSection,
    QualitySection,
    SpcTile,
    equality_section,
    national_section,
    quality_section,
    spc_tiles,
)
from vawg.reports._sentences import (
    IMMATURE_WORDS,
    format_value,
    plural,
    possessive,
    twelve_month_sentence,
    with_basis,
)
from vawg.reports._style import RenderedFigure
from vawg.store import extract_date

NO_DATA_STRAND = (
    "No indicator in the force's records covers this strand; its progress is reported by the strand lead."
)


@dataclass
class BoardReport:
    """Everything the template shows, already computed and worded."""

    force: str
    window: ReportWindow
    extract: date | None
    made_at: str
    marking: str
    purpose: list[str]
    key_points: dict[str, list[str]]
    figures: list[RenderedFigure]
    tiles: list[SpcTile]
    indicators: list[IndicatorRow]
    equality: EqualitySection
    national: NationalSection | None
    quality: QualitySection
    narratives: dict[str, Narrative] = field(default_factory=dict)  # strand name -> the lead's words
    appendix: list[AppendixRow] = field(default_factory=list)  # the metric behind each number (analysts)
    disproportionality: DisproportionalitySection | None = None  # vawg.equality's section (issue 13)
    safety: Any = None  # vawg.places.SafetySection: the "Safety in Public" section (issue 14)


@dataclass(frozen=True)
class AppendixRow:
    where: str
    metric_ids: str
    basis: str


def _appendix(
    figures: list[RenderedFigure], tiles: list[SpcTile], rows: list[IndicatorRow]
) -> list[AppendixRow]:
    """Which metric each figure, chart, table and sentence of the paper comes from, with its basis."""

    def basis(*ids: str) -> str:
        return ", ".join(sorted({REGISTRY.get(i).basis or "—" for i in ids}))

    out = [AppendixRow(f"Figure {f.number}. {f.title}" if f.number else f.title, ", ".join(f.metric_ids),
                       basis(*f.metric_ids)) for f in figures]  # fmt: skip
    out += [AppendixRow(f"SPC chart: {t.title}", t.metric_id, basis(t.metric_id)) for t in tiles]
    out += [AppendixRow(f"Indicators table: {r.metric.title}", r.metric.id, basis(r.metric.id)) for r in rows]
    extra = (("Key points: share of DA positive outcomes that were outcome 1", "da_outcome_1_share"),
             ("Key points: EASI completions to date", "easi_completions"),
             ("Equality: victims by age band (equal-width bands)", "victim_age_years"),
             ("Equality: victims aged 18–34", "victim_age_18_34_share"),
             ("Equality: victims by sex", "victim_sex_profile"))  # fmt: skip
    out += [AppendixRow(where, i, basis(i)) for where, i in extra if i in REGISTRY]
    return out


def _key_points(
    rows: list[IndicatorRow], bundle: object, window: ReportWindow, equal_follow_up: str | None = None
) -> dict[str, list[str]]:
    by_id = {r.spec.metric_id: r for r in rows}
    monthly = bundle.monthly  # type: ignore[attr-defined]
    points: dict[str, list[str]] = {strand: [] for strand in STRANDS}
    if "da_outstanding_suspects" in by_id:
        points["Criminal Justice"].append(
            outstanding_sentence(by_id["da_outstanding_suspects"], monthly["da_outstanding_suspects"], window)
        )
    if "stalking_recorded_crimes" in by_id:
        points["Criminal Justice"].append(by_id["stalking_recorded_crimes"].sentence)
    if "stalking_positive_outcome_rate" in monthly:
        points["Criminal Justice"].append(stalking_run_sentence(monthly["stalking_positive_outcome_rate"]))  # type: ignore[arg-type]
    easi = bundle.easi_to_date  # type: ignore[attr-defined]
    if easi is not None and len(easi.frame):
        points["Criminal Justice"].append(
            f"To date {plural(int(easi.frame['numerator'].iloc[0]), 'suspect')} have completed the Early Awareness "
            "Stalking Intervention."
        )
    if "da_incidents" in by_id:
        points["Criminal Justice"].append(by_id["da_incidents"].sentence)
        seasonal = seasonal_sentence(monthly["da_incidents"])
        if seasonal:
            points["Criminal Justice"].append(seasonal)
    if "da_positive_outcome_rate" in by_id:
        row = by_id["da_positive_outcome_rate"]
        share = bundle.current.get("da_outcome_1_share")  # type: ignore[attr-defined]
        extra = None
        if share is not None and len(share.frame):
            extra = f"{format_value(float(share.frame['value'].iloc[0]), 'rate', digits=0)} were outcome 1 (charged or summonsed)"
        points["Criminal Justice"].append(
            twelve_month_sentence(
                with_basis(row.spec.phrase, row.metric),
                row.previous,
                row.current,
                row.metric.unit,
                row.comparison,
                extra,
            )
            + f" On this basis {IMMATURE_WORDS}."
        )
    if equal_follow_up is not None:
        points["Criminal Justice"].append(equal_follow_up)
    if "da_suspects_bailed" in monthly:
        bail = bail_sentence(monthly["da_suspects_bailed"])
        if bail:
            points["Criminal Justice"].append(bail)
    for row in rows:
        if row.spec.strand != "Criminal Justice" and not row.is_empty:
            points[row.spec.strand].append(row.sentence)
    points["Be Intelligence and Data Informed"].append(
        f"Every number in this report is computed from the force's records by one of {len(REGISTRY)} defined "
        "indicators; the appendix for analysts lists the indicator behind each figure, chart and table."
    )
    return {strand: (sentences or [NO_DATA_STRAND]) for strand, sentences in points.items()}


def build_board_report(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    *,
    period_end: date | None = None,
    narratives: Path | None = None,
) -> BoardReport:
    """Compute the report's numbers and write its figures into ``out_dir / "figures"``.

    ``narratives``: a folder of ``<strand-id>.md`` files merged under their strands.
    """
    strand_words = read_narratives(narratives)  # a bad folder fails before any work
    window = report_window(con, period_end)
    force = get_settings().force_name
    extract = extract_date(con)
    note = f"{force}, {window.previous_start:%b %Y}–{window.end:%b %Y}" + (
        f", extract {extract}" if extract else ""
    )
    bundle = fetch_metrics(con, window)
    rows = indicator_rows(bundle.current, bundle.previous, bundle.monthly, window.last_month)
    figure_dir = Path(out_dir) / "figures"
    figures = render_paper_figures(bundle.monthly, figure_dir, source_note=note, show_ids=False)
    purpose = [
        f"This paper updates the board on {possessive(force)} work to tackle violence against women and girls (VAWG) over "
        f"the past twelve months, {window.label}, against the twelve months before ({window.previous_label}).",
        "Each sentence with a number is written from the force's records by a defined indicator, with the direction "
        "of change and its statistical significance taken from the data; outcome rates say on which basis they are "
        "counted. The appendix for analysts gives the definitions and sources.",
    ]
    tiles = spc_tiles(bundle.monthly, figure_dir, note)
    if "victim_sex_profile" in bundle.current and "victim_sex_profile" in bundle.previous:
        headline = women_and_girls_sentence(
            bundle.current["victim_sex_profile"], bundle.previous["victim_sex_profile"]
        )
        if headline:
            purpose.append(headline)
    safety = _safety_in_public(con, figure_dir, window, force)
    key_points = _key_points(rows, bundle, window, equal_follow_up_sentence(con, window))
    if safety is not None:
        key_points["Safety in Public"] = safety.sentences
    return BoardReport(
        force=force,
        window=window,
        extract=extract,
        made_at=datetime.now().strftime("%d %B %Y %H:%M"),
        marking=MARKING,
        purpose=purpose,
        key_points=key_points,
        figures=figures,
        tiles=tiles,
        indicators=rows,
        equality=equality_section(bundle.current, window),
        national=national_section(con),
        quality=quality_section(con),
        narratives=strand_words,
        appendix=_appendix(figures, tiles, rows),
        disproportionality=disproportionality_section(con, window, figure_dir, force),
        safety=safety,
    )


def _safety_in_public(
    con: duckdb.DuckDBPyConnection, figure_dir: Path, window: ReportWindow, force: str
) -> Any:
    """The "Safety in Public" section (vawg.places) over the report's 24 months; None without locations."""
    from vawg.places import safety_in_public_section

    return safety_in_public_section(con, figure_dir, window.previous_start, window.end, force_name=force)


def render_html(report: BoardReport, *, for_pdf: bool = False) -> str:
    """The report as one HTML document (styles inline; figures referenced under ``figures/``)."""
    env = Environment(
        loader=PackageLoader("vawg.reports", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    css = env.loader.get_source(env, "board_report.css")[0]  # type: ignore[union-attr]
    template = env.get_template("board_report.html.j2")
    return template.render(
        r=report, css=css, for_pdf=for_pdf, version=__version__, image_ext="png" if for_pdf else "svg"
    )


@dataclass(frozen=True)
class BoardReportFiles:
    html: Path
    pdf: Path | None
    figures: tuple[Path, ...]
    docx: Path | None = None


def write_board_report(
    con: duckdb.DuckDBPyConnection | Path | str,
    out_dir: Path,
    *,
    period_end: date | None = None,
    pdf: bool = True,
    docx: bool = True,
    narratives: Path | None = None,
) -> BoardReportFiles:
    """Write ``board-report.html`` (and ``.pdf``, and the editable ``.docx``) with figures into ``out_dir``.

    ``con`` is an open store or the path of one (opened read-only and closed again); ``narratives``
    a folder of strand narratives (``<strand-id>.md``).
    """
    if not isinstance(con, duckdb.DuckDBPyConnection):
        from vawg.store import connect

        owned = connect(con, read_only=True)
        try:
            return write_board_report(
                owned, out_dir, period_end=period_end, pdf=pdf, docx=docx, narratives=narratives
            )
        finally:
            owned.close()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = build_board_report(con, out_dir, period_end=period_end, narratives=narratives)
    html_path = out_dir / "board-report.html"
    html_path.write_text(render_html(report), encoding="utf-8")
    pdf_path = None
    if pdf:
        from weasyprint import HTML

        pdf_path = out_dir / "board-report.pdf"
        HTML(string=render_html(report, for_pdf=True), base_url=str(out_dir)).write_pdf(pdf_path)
    docx_path = None
    if docx:
        from vawg.reports._docx import write_docx

        docx_path = write_docx(report, out_dir / "board-report.docx")
    made = tuple(p for f in [*report.figures, *(t.chart for t in report.tiles)] for p in (f.png, f.svg))
    return BoardReportFiles(html_path, pdf_path, made, docx_path)


__all__ = [
    "NO_DATA_STRAND",
    "AppendixRow",
    "BoardReport",
    "BoardReportFiles",
    "build_board_report",
    "render_html",
    "write_board_report",
]
