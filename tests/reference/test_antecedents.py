"""The stalking antecedent codes (issue 11 item 12): stated from the domain, shipped, documented, used."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vawg.errors import ReferenceDataError
from vawg.reference import STALKING_ANTECEDENT_CODES, _antecedents, stalking_antecedents
from vawg.risk.features import STALKING_CODES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_antecedents_are_stalking_harassment_and_malicious_communications_not_8m() -> None:
    # Home Office subgroup "Stalking and harassment" (8L, 8M, 8Q, 8R, and 8U as shipped) without the
    # racially or religiously aggravated harassment (a hate crime) and coercive control (DA).
    assert STALKING_ANTECEDENT_CODES == ("8Q", "8L", "8R")
    table = stalking_antecedents().set_index("offence_code")
    assert set(table.index) == {"8Q", "8L", "8R", "8M", "8U"}
    assert not table.loc["8M", "antecedent"] and not table.loc["8U", "antecedent"]
    assert table.loc["8M", "description"] == "Racially or religiously aggravated harassment"
    assert (table["reason"].str.len() > 40).all() and table["source"].str.contains(r"\[S\]|\[M\]").all()


def test_the_risk_features_count_the_antecedents_only() -> None:
    assert STALKING_CODES == STALKING_ANTECEDENT_CODES


def test_the_list_and_its_source_are_documented() -> None:
    text = (DOCS / "risk-escalation.md").read_text(encoding="utf-8")
    assert "stalking_antecedents.csv" in text
    for row in stalking_antecedents().itertuples():
        assert f"| {row.offence_code} |" in text, row.offence_code


def _shipped_with(monkeypatch: pytest.MonkeyPatch, frame: pd.DataFrame) -> None:
    real = _antecedents._shipped
    monkeypatch.setattr(
        _antecedents, "_shipped", lambda name: frame if name == "stalking_antecedents.csv" else real(name)
    )
    _antecedents.stalking_antecedents.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_cache() -> object:
    _antecedents.stalking_antecedents.cache_clear()
    yield None
    _antecedents.stalking_antecedents.cache_clear()


def test_a_bad_entry_is_named_by_row_and_column(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _antecedents._shipped("stalking_antecedents.csv")
    frame.loc[3, "antecedent"] = "maybe"
    _shipped_with(monkeypatch, frame)
    with pytest.raises(
        ReferenceDataError, match=r"row 5, column antecedent: expected yes or no; found 'maybe'"
    ):
        _antecedents.stalking_antecedents()


def test_a_missing_code_of_the_subgroup_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _antecedents._shipped("stalking_antecedents.csv")
    _shipped_with(monkeypatch, frame[frame["offence_code"] != "8M"].reset_index(drop=True))
    with pytest.raises(ReferenceDataError, match="each code of the subgroup 'Stalking and harassment' once"):
        _antecedents.stalking_antecedents()
