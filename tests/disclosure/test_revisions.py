"""A table released again: no cell, and no difference of nested cells, revised by a small count.

Hand-worked: the attacker holds both releases and subtracts; the integer program of
tests/disclosure/_attacker.py (written apart from vawg.disclosure) bounds each revision.
"""

from __future__ import annotations

from collections.abc import Hashable

from tests.disclosure._attacker import integer_ranges
from vawg.disclosure import Additivity, Nested, suppress_counts

THRESHOLD = 5


def test_a_cell_revised_by_a_small_count_is_withheld_and_its_revision_cannot_be_bounded() -> None:
    # Dudley 12 → 14 (+2: two crimes added since), Walsall 30 → 37 (+7), Sandwell 9 → 9.
    values: dict[Hashable, int] = {"all": 60, "Dudley": 14, "Walsall": 37, "Sandwell": 9}
    before = {"all": 51, "Dudley": 12, "Walsall": 30, "Sandwell": 9}
    adds = [Additivity("all", ("Dudley", "Walsall", "Sandwell"))]
    result = suppress_counts(values, adds, threshold=THRESHOLD, previous=before)
    assert "Dudley" in result.primary  # revised by 2
    assert "Walsall" not in result.primary and "Sandwell" not in result.primary  # by 7, by 0
    published = {k: v for k, v in values.items() if k not in result.suppressed}
    hidden = sorted(result.suppressed, key=str)
    assert len(hidden) >= 2  # a lone withheld part of a total would follow from it
    (low, high) = integer_ranges(
        published, dict.fromkeys(hidden, 1), [{"all": 1, "Dudley": -1, "Walsall": -1, "Sandwell": -1}]
    )["Dudley"]
    assert high - low >= THRESHOLD  # so Dudley's revision (value − 12) ranges as widely


def test_without_the_earlier_release_nothing_more_is_withheld() -> None:
    values: dict[Hashable, int] = {"all": 60, "Dudley": 14, "Walsall": 37, "Sandwell": 9}
    adds = [Additivity("all", ("Dudley", "Walsall", "Sandwell"))]
    assert suppress_counts(values, adds, threshold=THRESHOLD).suppressed == frozenset()


def test_a_nested_difference_revised_by_a_small_count_is_protected() -> None:
    # VAWG 35 → 30 and DA 27 → 20: each moved by 5 or more, but the non-DA VAWG crimes went 8 → 10.
    values: dict[Hashable, int] = {"vawg": 30, "da": 20}
    before = {"vawg": 35, "da": 27}
    result = suppress_counts(values, threshold=THRESHOLD, identities=[Nested("vawg", "da")], previous=before)
    assert result.suppressed == {"da"}
    low, high = result.ranges["da"]
    assert high - low >= THRESHOLD  # non-DA VAWG now = 30 − da: as wide, so its revision too


def test_a_cell_now_zero_is_never_withheld_for_a_revision() -> None:
    # zeros are always shown; an earlier release never published 1-4, so this cannot be a revision
    # of a published small count, and hiding a zero would protect nothing
    values: dict[Hashable, int] = {"all": 20, "a": 20, "b": 0}
    result = suppress_counts(values, [Additivity("all", ("a", "b"))], threshold=THRESHOLD, previous={"b": 3})
    assert "b" not in result.suppressed
