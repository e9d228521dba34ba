"""The board report's "Equality and disproportionality" section: figure, table and sentences all
from vawg.equality, for the report's twelve months."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

import pytest

from vawg.equality import answer_para_42
from vawg.reports import report_window, write_board_report
from vawg.reports._disproportionality import FIGURE_KEY, disproportionality_section
from vawg.store import connect


@pytest.fixture(scope="module")
def report_dir(handmade_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("board-equality")
    write_board_report(handmade_store, out, pdf=False)
    return out


def test_section_figure_table_and_words(report_dir: Path, handmade_store: Path) -> None:
    page = html_lib.unescape((report_dir / "board-report.html").read_text(encoding="utf-8"))
    assert ">Equality and disproportionality<" in page
    assert (report_dir / "figures" / f"{FIGURE_KEY}.svg").exists() and (
        report_dir / "figures" / f"{FIGURE_KEY}.png"
    ).exists()
    assert f'src="figures/{FIGURE_KEY}.svg"' in page
    con = connect(handmade_store, read_only=True)
    window = report_window(con)
    answer = answer_para_42(con, start=window.start, end=window.end)
    con.close()
    assert answer.overall_sentences, "the hand-made store has female and male DA suspects"
    for sentence in answer.overall_sentences:  # every overall finding is in the report, word for word
        assert sentence in page
    assert answer.caveat[0] in page and "Ethnicity was not stated for" in answer.caveat[0]
    rows = answer.overall.rows
    women = rows[(rows["group"] == "Female") & rows["ci_low"].notna()]
    assert len(women)
    for r in women.to_dict(orient="records"):  # each readable stage: its ratio and interval in the table
        assert (
            f'<td class="num">{r["rr"]:.2f}</td><td class="num">{r["ci_low"]:.2f}–{r["ci_high"]:.2f}</td>'
            in page
        )


def test_no_section_without_male_suspects(tmp_path: Path) -> None:
    from datetime import date

    from tests.risk.storebuilder import StoreBuilder

    b = StoreBuilder.open(tmp_path / "s.duckdb")
    woman = b.person(sex="F")
    b.crime(date(2022, 6, 1), offence="105A", da=True, suspects=(woman,))
    con = b.con
    window = report_window(con, date(2023, 3, 31))
    assert disproportionality_section(con, window, tmp_path, "Test force") is None
    con.close()
