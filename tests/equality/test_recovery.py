"""The analysis recovers what the synthetic force planted (``truth/equality.json``,
``truth/ethnicity.parquet``): female DA suspects charged less and cautioned more than male at the
same offence, and ethnicity missing not at random. Tolerances are the analysis's own intervals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from vawg.equality import DEFAULT_REFERENCE, POPULATIONS, person_frame, rate_table, relative_rates

START, END = date(2020, 4, 1), date(2023, 3, 31)  # the synthetic force's whole period
POP = POPULATIONS["da-suspects"]


@pytest.fixture(scope="module")
def con(small_force: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(small_force[1]), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def default_con(default_force: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    """The default force (scale 1, built once per run for the calibration tests): at scale 0.05
    there are about 35 women charged, too few to tell a 0.6 ratio from 1 every time."""
    con = duckdb.connect(str(default_force[1]), read_only=True)
    yield con
    con.close()


def _row(table: pd.DataFrame, stage: str, group: str) -> pd.Series:
    return table.set_index(["stage", "group"]).loc[(stage, group)]


def test_planted_charge_gap_is_recovered(
    default_con: duckdb.DuckDBPyConnection, default_force: tuple[Path, Path]
) -> None:
    truth = json.loads((default_force[0] / "truth" / "equality.json").read_text())
    planted = truth["female_charge_share_ratio"]
    rows = relative_rates(default_con, "da-suspects", "sex", start=START, end=END).rows
    charged = _row(rows, "charged", "Female")
    # The planted ratio lies in the 95% interval, raw and offence-adjusted, and the gap is real.
    assert charged["ci_low"] <= planted <= charged["ci_high"]
    assert charged["adjusted_low"] <= planted <= charged["adjusted_high"] and charged["adjusted_high"] < 1
    cautioned = _row(rows, "cautioned", "Female")
    assert cautioned["adjusted_low"] > 1 and cautioned["ci_low"] > 1
    # Ethnicity has no planted effect on any outcome: no clear difference in charging by ethnicity.
    eth = relative_rates(default_con, "da-suspects", "ethnicity", start=START, end=END).rows
    for group in ("Asian", "Black"):
        row = _row(eth, "charged", group)
        assert row["ci_low"] < 1 < row["ci_high"]


def test_missing_ethnicity_is_visible_and_bounded(
    con: duckdb.DuckDBPyConnection, small_force: tuple[Path, Path]
) -> None:
    people = person_frame(con, POP, START, END)
    recorded = rate_table(people, POP, ("Ethnicity",), DEFAULT_REFERENCE, START, END).rows
    # Planted: people never arrested are more often "not stated" — the group shows it.
    assert _row(recorded, "arrested", "Not stated")["ci_high"] < 1
    true_groups = pd.read_parquet(small_force[0] / "truth" / "ethnicity.parquet")
    with_truth = people.merge(true_groups, on="person_id", how="left", validate="one_to_one")
    assert with_truth["true_group"].notna().all()
    truth = rate_table(
        with_truth.assign(Ethnicity=with_truth["true_group"]),
        POP,
        ("Ethnicity",),
        DEFAULT_REFERENCE,
        START,
        END,
    ).rows
    for group in ("Asian", "Black", "Mixed"):
        # Where the missingness is made (arrest) the true ratio lies inside the bounds …
        rec, true = _row(recorded, "arrested", group), _row(truth, "arrested", group)
        assert rec["bound_low"] <= true["rr"] <= rec["bound_high"]
        # … and at later stages within them up to the true ratio's own 95% interval (sampling).
        for stage in ("rui", "nfa", "charged", "evidential"):
            rec, true = _row(recorded, stage, group), _row(truth, stage, group)
            if pd.notna(rec["bound_low"]):
                assert true["ci_low"] <= rec["bound_high"] and rec["bound_low"] <= true["ci_high"], (
                    stage,
                    group,
                )
