from pathlib import Path

import pytest

from vawg.errors import ReferenceDataError
from vawg.reference import VAWG_CATEGORIES, load_reference
from vawg.reference._loaders import _load


def test_every_entry_says_where_it_came_from() -> None:
    ref = load_reference()
    for frame in (ref.offence_codes, ref.vawg_categories, ref.outcome_types, ref.harm_weights):
        assert (frame["source"].str.strip() != "").all()


def test_vawg_codes_from_domain_facts() -> None:
    cats = load_reference().vawg_categories.set_index("offence_code")["vawg_category"]
    assert cats["19C"] == "rape" and cats["8Q"] == "stalking" and cats["8L"] == "harassment"
    assert cats["8U"] == "controlling_coercive"
    assert set(cats) <= set(VAWG_CATEGORIES)


def test_harm_weights_cite_a_guideline_and_rape_outweighs_stalking() -> None:
    weights = load_reference().harm_weights.set_index("offence_code")
    assert weights["guideline"].str.len().min() > 10
    assert float(weights.loc["19C", "harm_days"]) > float(weights.loc["8Q", "harm_days"])


def test_force_can_replace_a_file(tmp_path: Path) -> None:
    (tmp_path / "harm_weights.csv").write_text(
        "offence_code,harm_days,guideline,starting_point,source\n8Q,99,local,local,force\n"
    )
    _load.cache_clear()
    ref = load_reference(tmp_path)
    assert ref.harm_weights["harm_days"].tolist() == ["99"]
    assert len(ref.offence_codes) > 100  # the other files still come from the package


def test_bad_replacement_is_named(tmp_path: Path) -> None:
    (tmp_path / "vawg_categories.csv").write_text("offence_code,vawg_category,source\nZZZ,rape,x\n")
    _load.cache_clear()
    with pytest.raises(ReferenceDataError, match=r"vawg_categories\.csv: offence codes not in"):
        load_reference(tmp_path)
