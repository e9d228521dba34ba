"""The LP audit: hand-worked ranges, the issue's four attacks on small tables, random tables attacked
by an independent integer program (tests/disclosure/_attacker.py)."""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.disclosure._attacker import integer_ranges
from vawg.disclosure import Additivity, Equal, Nested, feasible_ranges, suppress_counts
from vawg.errors import ReportError

T = 5


def test_ranges_by_hand() -> None:
    # total 10 = a + b + c with c = 5 published: a + b = 5, each at least 1 -> a in [1, 4]
    add = Additivity("t", ("a", "b", "c"))
    got = feasible_ranges({"t": 10, "c": 5}, ["a", "b"], [add], ["a", "b"], floors={"a": 1, "b": 1})
    assert got == {"a": (1.0, 4.0), "b": (1.0, 4.0)}
    # without the floor (zeros may be hidden) a in [0, 5]; with the total hidden too, unbounded
    assert feasible_ranges({"t": 10, "c": 5}, ["a", "b"], [add], ["a"])["a"] == (0.0, 5.0)
    assert feasible_ranges({"c": 5}, ["a", "b", "t"], [add], ["a"])["a"][1] == float("inf")


def test_a_zeros_published_pin_each_hidden_cell_to_one() -> None:
    """(a) total 12 − published 10 − published 0 = 2 = number of hidden cells: each is 1 ... unless."""
    values = {"all": 12, "a": 1, "b": 1, "z": 0, "d": 10}
    result = suppress_counts(values, [Additivity("all", ("a", "b", "z", "d"))], threshold=T)
    assert result.suppressed == {"a", "b", "d"}  # d had to go too
    published = {k: v for k, v in values.items() if k not in result.suppressed}
    floors = dict.fromkeys(result.suppressed, 1)
    ranges = integer_ranges(published, floors, [{"all": 1, "a": -1, "b": -1, "z": -1, "d": -1}])
    assert all(high - low >= T for low, high in ranges.values()), ranges


def test_b_a_zero_is_never_a_protector() -> None:
    """(b) the old rule hid the smallest published cell, a 0, which protects nothing."""
    values = {"all": 10, "a": 3, "z": 0, "c": 7}
    result = suppress_counts(values, [Additivity("all", ("a", "z", "c"))], threshold=T)
    assert "z" not in result.suppressed and result.suppressed == {"a", "c"}
    assert result.ranges["a"][1] - result.ranges["a"][0] >= T


def test_c_differencing_nested_populations() -> None:
    """(c) VAWG in an area 12, DA in that area 11: 1 non-DA VAWG crime, unless one of them goes."""
    values = {"vawg": 40, "vawg_a": 12, "vawg_b": 28, "da": 30, "da_a": 11, "da_b": 19}
    adds = [Additivity("vawg", ("vawg_a", "vawg_b")), Additivity("da", ("da_a", "da_b"))]
    nested = [Nested("vawg_a", "da_a"), Nested("vawg_b", "da_b"), Nested("vawg", "da")]
    assert suppress_counts(values, adds, threshold=T).suppressed == frozenset()  # totals alone: nothing
    result = suppress_counts(values, adds, threshold=T, identities=nested)
    assert result.suppressed  # the difference 12 - 11 is protected by hiding cells
    latent = nested[0].latent
    assert result.ranges[latent][1] - result.ranges[latent][0] >= T
    published = {k: v for k, v in values.items() if k not in result.suppressed}
    floors: dict[Hashable, int] = dict.fromkeys(result.suppressed, 1) | {("d", i): 0 for i in range(3)}
    eqs = [{"vawg": 1, "vawg_a": -1, "vawg_b": -1}, {"da": 1, "da_a": -1, "da_b": -1}]
    eqs += [
        {o: 1, i: -1, ("d", n): -1}
        for n, (o, i) in enumerate([("vawg_a", "da_a"), ("vawg_b", "da_b"), ("vawg", "da")])
    ]
    ranges = integer_ranges(published, floors, eqs)
    assert ranges["d", 0][1] - ranges["d", 0][0] >= T


def test_d_cells_equal_by_definition_are_hidden_together() -> None:
    """(d) stalking crimes = the stalking category: hiding one and publishing the other hides nothing."""
    values = {"vawg": 50, "stalking_cat": 3, "other_cat": 47, "stalking": 3, "stalking_a": 1, "stalking_b": 2}
    adds = [
        Additivity("vawg", ("stalking_cat", "other_cat")),
        Additivity("stalking", ("stalking_a", "stalking_b")),
    ]
    result = suppress_counts(values, adds, threshold=T, identities=[Equal("stalking", "stalking_cat")])
    assert {"stalking", "stalking_cat"} <= result.suppressed


def test_a_declared_identity_that_does_not_hold_is_refused() -> None:
    with pytest.raises(ReportError, match="does not hold"):
        suppress_counts({"outer": 3, "inner": 4}, identities=[Nested("outer", "inner")], threshold=T)


COUNT = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def nested_tables(draw: st.DrawFn) -> tuple[list[list[int]], list[list[int]]]:
    """An outer r × c table and an inner one inside it cell by cell (DA within VAWG by area × type)."""
    r, c = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    outer = [[draw(COUNT) for _ in range(c)] for _ in range(r)]
    inner = [[draw(st.integers(0, v)) for v in row] for row in outer]
    return outer, inner


def _cells(name: str, grid: list[list[int]]) -> tuple[dict[Hashable, int], list[Additivity]]:
    r, c = len(grid), len(grid[0])
    cells: dict[Hashable, int] = {(name, i, j): grid[i][j] for i in range(r) for j in range(c)}
    cells |= {(name, i, "*"): sum(grid[i]) for i in range(r)}
    cells |= {(name, "*", j): sum(grid[i][j] for i in range(r)) for j in range(c)}
    cells[name, "*", "*"] = sum(map(sum, grid))
    adds = [Additivity((name, i, "*"), tuple((name, i, j) for j in range(c))) for i in range(r)]
    adds += [Additivity((name, "*", j), tuple((name, i, j) for i in range(r))) for j in range(c)]
    adds.append(Additivity((name, "*", "*"), tuple((name, i, "*") for i in range(r))))
    return cells, adds


@settings(max_examples=15, deadline=None)  # each example: an LP audit and an attacker MILP per cell
@given(nested_tables())
def test_random_nested_tables_cannot_be_narrowed(tables: tuple[list[list[int]], list[list[int]]]) -> None:
    outer, inner = tables
    values, adds = _cells("vawg", outer)
    inner_values, inner_adds = _cells("da", inner)
    values |= inner_values
    values["copy"] = values["da", "*", "*"]  # the inner total published again (equal by definition)
    nested = [Nested(("vawg", *k[1:]), k) for k in inner_values]
    identities = [*nested, Equal("copy", ("da", "*", "*"))]
    result = suppress_counts(values, [*adds, *inner_adds], threshold=T, identities=identities)
    hidden = result.suppressed
    assert {k for k, v in values.items() if 0 < v < T} <= hidden
    assert all(values[k] > 0 for k in result.secondary)  # no zero protects anything
    # the attacker: every identity, the published cells, integers, hidden >= 1, differences >= 0
    published = {k: v for k, v in values.items() if k not in hidden}
    differences = {("diff", n.outer): values[n.outer] - values[n.inner] for n in nested}
    floors: dict[Hashable, int] = dict.fromkeys(hidden, 1) | dict.fromkeys(differences, 0)
    eqs: list[dict[Hashable, int]] = [{a.total: 1, **{p: -1 for p in a.parts}} for a in [*adds, *inner_adds]]
    eqs += [{n.outer: 1, n.inner: -1, ("diff", n.outer): -1} for n in nested]
    eqs.append({"copy": 1, ("da", "*", "*"): -1})
    small = [k for k, true in differences.items() if 0 < true < T]
    ranges = integer_ranges(published, floors, eqs, targets=[*hidden, *small])
    for key in hidden:
        low, high = ranges[key]
        assert low <= values[key] <= high and high - low >= T, (key, values[key], ranges[key])
    for key in small:
        low, high = ranges[key]
        assert high - low >= T, (key, differences[key], ranges[key])
