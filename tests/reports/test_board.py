"""The board report: generated sentences, sections, and a PDF marked on every page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vawg import MARKING
from vawg.cli import app
from vawg.metrics import compute
from vawg.reports import PAPER_FIGURES, report_window
from vawg.reports._sections import national_section
from vawg.reports._sentences import change_phrase
from vawg.store import connect


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def made(store_with_national: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report made once through the CLI, PDF included."""
    out = tmp_path_factory.mktemp("board")
    result = CliRunner().invoke(app, ["report", "--db", str(store_with_national), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _expected_da_sentence(store: Path) -> str:
    """The paper's key sentence, recomputed here from the metrics."""
    con = connect(store, read_only=True)
    window = report_window(con)
    now = compute(con, "da_positive_outcome_rate", grain="all", start=window.start, end=window.end).frame
    before = compute(con, "da_positive_outcome_rate", grain="all", start=window.previous_start,
                     end=window.previous_end).frame  # fmt: skip
    share = compute(con, "da_outcome_1_share", grain="all", start=window.start, end=window.end).frame
    con.close()
    phrase = change_phrase(float(before["value"].iloc[0]), float(now["value"].iloc[0]), "rate")
    return (
        "Positive outcome rates for domestic abuse (cohort basis: outcomes so far of the crimes recorded in "
        f"the period) over the past twelve months {phrase}; "
        f"{float(share['value'].iloc[0]) * 100:.0f}% were outcome 1"
    )


def test_pdf_every_page_marked_with_key_sentence_and_figure_titles(
    made: Path, store_with_national: Path
) -> None:
    pdf = made / "board-report.pdf"
    assert shutil.which("pdftotext"), "poppler-utils is needed: scripts/install-system-packages.sh"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        assert lines[0] == MARKING, f"page {number} has no marking at the top"
        assert lines[-1].startswith(MARKING), f"page {number} has no marking at the bottom"
    flat = _words(text)
    assert _expected_da_sentence(store_with_national) in flat
    for spec in PAPER_FIGURES:
        assert spec.title in flat


def test_html_has_every_section_and_its_figures(made: Path) -> None:
    html = (made / "board-report.html").read_text(encoding="utf-8")
    for heading in ("Purpose of paper", "Key points", "Criminal Justice", "Offender and Suspect Management",
                    "Be Intelligence and Data Informed", "Statistical process control summary",
                    "Equality implications", "National context", "Data quality caveats"):  # fmt: skip
        assert f">{heading}<" in html, heading
    assert html.count(MARKING) >= 3  # title, top and bottom banners
    for spec in PAPER_FIGURES:
        assert (made / "figures" / f"{spec.key}.svg").exists() and (
            made / "figures" / f"{spec.key}.png"
        ).exists()
        assert f'src="figures/{spec.key}.svg"' in html
    assert 'alt="Line chart of outstanding domestic abuse suspects' in html


def test_equality_and_national_sentences_come_from_the_data(made: Path, store_with_national: Path) -> None:
    html = _words((made / "board-report.html").read_text(encoding="utf-8"))
    con = connect(store_with_national, read_only=True)
    window = report_window(con)
    ages = compute(con, "victim_age_years", grain="all", start=window.start, end=window.end).frame
    young = compute(con, "victim_age_18_34_share", grain="all", start=window.start, end=window.end).frame
    section = national_section(con)
    con.close()
    # equal-width bands worked here: under 18, 18-24, then 5-year bands from 25, 75+
    counts: dict[str, int] = {}
    for age, n in zip(ages["age"].astype(int), ages["numerator"], strict=True):
        low = 25 + (age - 25) // 5 * 5
        band = "0–17" if age < 18 else "18–24" if age < 25 else "75+" if age >= 75 else f"{low}–{low + 4}"
        counts[band] = counts.get(band, 0) + int(n)
    band, count = max(counts.items(), key=lambda item: item[1])
    share = count / int(ages["denominator"].iloc[0])
    assert (
        f"The largest single age group for victims (in bands of 5 years after 18–24) is {band}, with "
        f"{share * 100:.1f}% of victims" in html
    )
    assert f"the age range 18–34 accounts for {young['value'].iloc[0] * 100:.1f}%" in html
    assert section is not None and section.period == "2017/18 Q4"
    assert "West Midlands recorded 4,378 offences in VAWG offence categories" in html  # the HO file, Q4


def test_no_national_section_without_national_data(handmade_store: Path) -> None:
    con = connect(handmade_store, read_only=True)
    assert national_section(con) is None
    con.close()


def test_quality_caveats_come_from_the_quality_report(handmade_store: Path) -> None:
    from vawg.quality import quality_report
    from vawg.reports._sections import quality_section

    con = connect(handmade_store, read_only=True)
    section = quality_section(con)
    completeness = quality_report(con).completeness
    con.close()
    ethnicity = completeness[(completeness["table"] == "persons") & (completeness["column"] == "ethnicity")]
    expected = f"Ethnicity is not stated for {float(ethnicity['not_stated_pct'].iloc[0]):.1f}% of people"
    assert section.source == "vawg.quality.quality_report"
    assert any(s.startswith(expected) for s in section.sentences)
    assert section.sentences[0] == "1 row was quarantined at ingest; quarantined rows are in no figure."


def test_a_mid_month_period_end_reports_the_complete_months_before(
    handmade_store: Path, tmp_path: Path
) -> None:
    from datetime import date

    from vawg.reports import write_board_report

    # The store holds April 2021 to March 2023 (24 months): 15 April 2023 reports up to March 2023.
    files = write_board_report(handmade_store, tmp_path, period_end=date(2023, 4, 15), pdf=False)
    assert files.pdf is None
    html = _words(files.html.read_text(encoding="utf-8"))
    assert "Period: April 2022 to March 2023 (compared with April 2021 to March 2022)" in html
    assert "National context" not in html  # no national data in this store


def test_the_paper_reads_as_a_board_paper(made: Path) -> None:
    """Before the analysts' appendix: no software or column names, every outcome rate says its
    basis, relative changes are labelled, and the national section states its year."""
    import re

    from vawg.metrics import REGISTRY

    text = subprocess.run(["pdftotext", str(made / "board-report.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    body, appendix = _words(text).split("Appendix for analysts", 1)
    assert not re.search(r"\bvawg\b", body), "the software's name is in the board's text"
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", body), (
        "an identifier or column name is in the board's text"
    )
    assert not any(metric_id in body for metric_id in REGISTRY.ids())
    assert "da_positive_outcome_rate" in appendix and "cohort" in appendix  # the ids are kept for analysts
    for sentence in re.findall(
        r"[^.]*positive outcome rates? [^.]*(?:increased|decreased|unchanged)[^.]*\.", body
    ):
        assert "basis" in sentence, sentence
    for change in re.findall(r"\([+-]\d+\.\d%, 95% CI", body):
        raise AssertionError(f"an unlabelled relative change: {change}")
    assert "relative change" in body and "percentage points" in body
    assert re.search(r"financial year 20\d\d", body)  # the Home Office data's year (national section)


def test_the_papers_figures_and_charts_carry_no_ids(made: Path) -> None:
    import re

    from vawg.metrics import REGISTRY

    for svg in (made / "figures").glob("*.svg"):  # the visible text (file metadata names its creator)
        drawing = re.sub(r"<metadata>.*?</metadata>", "", svg.read_text(encoding="utf-8"), flags=re.S)
        text = " ".join(re.findall(r">([^<>]+)<", drawing))
        assert "vawg" not in text and not any(m in text for m in REGISTRY.ids()), svg.name
