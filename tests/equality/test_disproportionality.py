"""Relative rates hand-worked on the tiny store of ``_handmade.py``.

Each expected value is worked from the counts in that module's docstring: rate = people at the
stage / people at the stage before; RR = group rate / reference rate; 95% interval (Katz)
RR × exp(±1.96 × sqrt(1/a − 1/n₁ + 1/c − 1/n₀)).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.equality._handmade import END, START, build_handmade
from vawg.equality import relative_rates
from vawg.errors import ConfigError


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_handmade(tmp_path_factory.mktemp("equality") / "handmade.duckdb")


@pytest.fixture
def con(store: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(store), read_only=True)
    yield con
    con.close()


def row(result, stage: str, group: str) -> dict:
    rows = result.rows[(result.rows["stage"] == stage) & (result.rows["group"] == group)]
    assert len(rows) == 1, (stage, group)
    return rows.iloc[0].to_dict()


def test_people_not_links_and_the_window(con: duckdb.DuckDBPyConnection) -> None:
    result = relative_rates(con, "da-suspects", "sex", start=START, end=END)
    assert result.people == 51  # the non-DA suspect and the 2021 suspect are out
    male_arrested = row(result, "arrested", "Male")
    # 11 custody rows for men, but man 0 is one person: 10 White + 5 not stated.
    assert (male_arrested["people"], male_arrested["base"]) == (15, 30)
    assert row(result, "bailed", "Male")["people"] == 5 and row(result, "rui", "Male")["people"] == 6


def test_sex_relative_rates_hand_worked(con: duckdb.DuckDBPyConnection) -> None:
    result = relative_rates(con, "da-suspects", "sex", start=START, end=END)
    arrested = row(result, "arrested", "Female")  # (8/21) / (15/30)
    assert arrested["rr"] == pytest.approx(0.761905, abs=1e-6)
    assert arrested["ci_low"] == pytest.approx(0.396893, abs=1e-6)
    assert arrested["ci_high"] == pytest.approx(1.462606, abs=1e-6)
    assert arrested["p_value"] == pytest.approx(0.413779, abs=1e-5)
    charged = row(result, "charged", "Female")  # (5/21) / (13/30); 1A counts as a charge
    assert charged["rr"] == pytest.approx(0.549451, abs=1e-6)
    assert (charged["ci_low"], charged["ci_high"]) == pytest.approx((0.230735, 1.308409), abs=1e-6)
    nfa = row(result, "nfa", "Female")  # of those arrested: (8/8) / (5/15)
    assert nfa["rr"] == pytest.approx(3.0) and (nfa["ci_low"], nfa["ci_high"]) == pytest.approx(
        (1.466582, 6.136717), abs=1e-6
    )
    assert nfa["cumulative_rr"] == pytest.approx(2.285714, abs=1e-6)  # from the first stage: (8/21) / (5/30)
    assert (nfa["cumulative_low"], nfa["cumulative_high"]) == pytest.approx((0.867997, 6.019016), abs=1e-6)
    assert row(result, "bailed", "Female")["rr"] == 0.0  # nobody: a zero, no interval
    cautioned = row(result, "cautioned", "Female")  # the reference has nobody cautioned: no ratio
    assert cautioned["people"] == 5 and cautioned["rr"] != cautioned["rr"]
    reference = row(result, "arrested", "Male")
    assert reference["rr"] == 1.0 and reference["is_reference"]
    # Every offence is the same, so adjusting for it changes nothing.
    assert arrested["adjusted_rr"] == pytest.approx(arrested["rr"], rel=1e-6)
    assert arrested["mh_rr"] == pytest.approx(arrested["rr"], rel=1e-9)


def test_not_stated_is_a_group_even_when_empty(con: duckdb.DuckDBPyConnection) -> None:
    result = relative_rates(con, "da-suspects", "sex", start=START, end=END)
    assert row(result, "suspect", "Not stated")["people"] == 0
    eth = relative_rates(con, "da-suspects", "ethnicity", start=START, end=END)
    assert list(dict.fromkeys(eth.rows["group"])) == ["Black", "White", "Not stated"]
    assert row(eth, "charged", "Not stated")["rr"] == pytest.approx((5 / 10) / (13 / 36))


def test_suppressed_cells_hide_their_rates(con: duckdb.DuckDBPyConnection) -> None:
    eth = relative_rates(con, "da-suspects", "ethnicity", start=START, end=END)
    black = row(eth, "arrested", "Black")  # 2 people: under 5
    assert (black["suppressed"] and black["people"] is None) or black["people"] != black["people"]
    assert black["rr"] != black["rr"] and black["rate"] != black["rate"]
    cross = relative_rates(con, "da-suspects", "sex,ethnicity", start=START, end=END)
    assert cross.reference == "Male · White"
    cell = row(cross, "arrested", "Female · Black")
    assert cell["suppressed"] and cell["rr"] != cell["rr"]
    white_women = row(cross, "arrested", "Female · White")  # (6/16) / (10/20)
    assert white_women["rr"] == pytest.approx(0.75) and not white_women["suppressed"]
    assert (white_women["ci_low"], white_women["ci_high"]) == pytest.approx((0.347412, 1.619115), abs=1e-6)


def test_not_stated_bounds_hand_worked(con: duckdb.DuckDBPyConnection) -> None:
    eth = relative_rates(con, "da-suspects", "ethnicity", start=START, end=END)
    black = row(eth, "charged", "Black")
    # Black: 0/5, or (0+5)/(5+10) with all 10 not-stated; White: 13/36, or (13+5)/(36+10).
    assert black["rr"] == 0.0
    assert (black["bound_low"], black["bound_high"]) == pytest.approx((0.0, (1 / 3) / (13 / 36)))
    cross = relative_rates(con, "da-suspects", "sex,ethnicity", start=START, end=END)
    women = row(cross, "charged", "Female · White")
    # Female · White 5/16 (no women not stated); Male · White 8/20, or (8+5)/(20+10).
    assert (women["bound_low"], women["bound_high"]) == pytest.approx(
        ((5 / 16) / (13 / 30), (5 / 16) / (8 / 20))
    )


def test_bad_reference_and_by_are_clear_errors(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ConfigError, match="reference group 'Asian'"):
        relative_rates(
            con, "da-suspects", "ethnicity", start=START, end=END, reference={"Ethnicity": "Asian"}
        )
    with pytest.raises(ConfigError, match="stated group"):
        relative_rates(con, "da-suspects", "sex", start=START, end=END, reference={"Sex": "Not stated"})
    with pytest.raises(ConfigError, match="--by"):
        relative_rates(con, "da-suspects", "height", start=START, end=END)
    with pytest.raises(ConfigError, match="unknown population"):
        relative_rates(con, "cat-owners", "sex", start=START, end=END)


def test_stratum_ties_are_broken_the_same_way_every_run(tmp_path: Path) -> None:
    """A suspect of two DA crimes of equal harm (8Q and 105A, 10 days each) takes the first code in
    order, 105A, whichever row the store reads first (arg_max took the first row it met: 8Q here,
    and in a parallel scan any of them, so the adjusted rates changed from run to run)."""
    from datetime import date

    from tests.risk.storebuilder import StoreBuilder
    from vawg.equality import person_frame, population

    b = StoreBuilder.open(tmp_path / "ties.duckdb")
    pid = b.person(sex="F")
    b.crime(date(2022, 6, 1), offence="8Q", da=True, suspects=(pid,))
    b.crime(date(2022, 6, 2), offence="105A", da=True, suspects=(pid,))
    frame = person_frame(b.con, population("da-suspects"), START, END)
    b.con.close()
    assert frame["stratum"].tolist() == ["105A"]
