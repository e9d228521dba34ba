"""New Chance eligibility is the force's TOML: editing it changes the list; a bad file is named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vawg.config import get_settings
from vawg.errors import ConfigError
from vawg.operations import compute_list, load_eligibility
from vawg.operations._eligibility import SHIPPED

D = date(2023, 1, 31)


def _force_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> Path:
    text = SHIPPED.read_text()
    assert old in text
    path = tmp_path / "new_chance.toml"
    path.write_text(text.replace(old, new))
    monkeypatch.setenv("VAWG_NEW_CHANCE_CONFIG", str(path))
    get_settings.cache_clear()
    return path


def test_the_shipped_file_is_the_default() -> None:
    rules = load_eligibility()
    assert rules.source == str(SHIPPED)
    assert rules.offence_groups == ("Theft offences",) and rules.offence_subgroups == (
        "Violence without injury",
    )
    assert rules.disposals == ("caution", "community_resolution", "nfa")
    assert (rules.min_age, rules.referral_window_days, rules.list_lookback_days) == (18, 28, 90)


def test_a_wider_window_counts_the_day_29_referral(handmade, tmp_path, monkeypatch) -> None:
    _force_file(tmp_path, monkeypatch, "referral_window_days = 28", "referral_window_days = 29")
    work = compute_list(handmade, "new-chance", D)
    assert list(work.frame["custody_id"]) == ["CU-N3"]  # P-F2's day-29 referral is now in time


def test_dropping_theft_drops_the_shoplifter(handmade, tmp_path, monkeypatch) -> None:
    _force_file(tmp_path, monkeypatch, 'offence_groups = ["Theft offences"]', "offence_groups = []")
    assert list(compute_list(handmade, "new-chance", D).frame["custody_id"]) == ["CU-N3"]


def test_adding_harassment_adds_that_detainee(handmade, tmp_path, monkeypatch) -> None:
    _force_file(tmp_path, monkeypatch, "offence_codes = []", 'offence_codes = ["8L"]')
    assert list(compute_list(handmade, "new-chance", D).frame["custody_id"]) == ["CU-N2", "CU-N7", "CU-N3"]


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('disposals = ["caution"', 'disposals = ["cautioned"', "cautioned not a disposal"),
        ("min_age = 18", 'min_age = "adult"', "eligibility.min_age: expected a whole number"),
        ("min_age = 18", "", "missing min_age"),
        ("[eligibility]", "[eligible]", r"expected an \[eligibility\] table"),
        ("offence_codes = []", "offence_codes = [", "not a valid TOML file"),
    ],
)
def test_a_bad_file_names_the_file_and_key(tmp_path, monkeypatch, old: str, new: str, says: str) -> None:
    path = _force_file(tmp_path, monkeypatch, old, new)
    with pytest.raises(ConfigError, match=says) as caught:
        load_eligibility()
    assert str(path) in str(caught.value)
