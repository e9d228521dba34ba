"""The national comparison recomputed from the raw Home Office file with plain Python csv."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from vawg.cli import app
from vawg.errors import ReportError
from vawg.national import COMPARISON_MEASURES, MEASURE_COLUMNS, compare_force, compare_forces, load_national
from vawg.reference import vawg_categories
from vawg.store import connect

HO_FILE = (
    Path(__file__).parents[1] / "data" / "ho-prc-pfa-2017-18" / "prc-pfa-mar2013-onwards-tables201718.csv"
)
NOT_TERRITORIAL = {
    "British Transport Police",
    "Action Fraud",
    "CIFAS",
    "UK Finance",
    "Financial Fraud Action UK",
}
FORCE = "West Midlands"


@pytest.fixture(scope="module")
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(":memory:")
    load_national(HO_FILE, con)
    yield con
    con.close()


def _raw_counts() -> tuple[dict[tuple[str, str, str], int], dict[tuple[str, str], int]]:
    """(quarter, force, vawg category) -> count and (quarter, force) -> all crime, from the raw file."""
    category = dict(zip(vawg_categories()["offence_code"], vawg_categories()["vawg_category"], strict=True))
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str], int] = defaultdict(int)
    with HO_FILE.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            n = int(row["Number of Offences"].strip())
            quarter, force = row["Financial Quarter"], row["Force Name"]
            totals[quarter, force] += n
            code_category = category.get(row["Offence Code"].strip())
            if code_category:
                counts[quarter, force, code_category] += n
                counts[quarter, force, "vawg_offences"] += n
    return counts, totals


def _rank(values: dict[str, float], force: str) -> int:
    """Competition rank (1 = largest) of ``force`` among ``values``."""
    return 1 + sum(v > values[force] for v in values.values())


@pytest.mark.parametrize("category", ["stalking", "rape", "harassment", "vawg_offences"])
def test_west_midlands_counts_shares_ranks_and_changes(
    store: duckdb.DuckDBPyConnection, category: str
) -> None:
    counts, totals = _raw_counts()
    forces = sorted({f for _, f in totals} - NOT_TERRITORIAL)
    rows = compare_force(store, FORCE).force_rows
    rows = rows[rows["category"] == category].set_index("financial_quarter")
    assert list(rows.index) == [1, 2, 3, 4]
    for quarter in ("1", "2", "3", "4"):
        row = rows.loc[int(quarter)]
        by_count = {f: counts[quarter, f, category] for f in forces}
        by_share = {f: counts[quarter, f, category] / totals[quarter, f] for f in forces}
        assert row["count"] == by_count[FORCE]
        assert row["force_total"] == totals[quarter, FORCE]
        assert row["share"] == pytest.approx(by_share[FORCE])
        assert row["rank_count"] == _rank(by_count, FORCE)
        assert row["rank_share"] == _rank(by_share, FORCE)
        assert row["forces_ranked"] == len(forces) == 43
        assert row["national_total"] == sum(by_count.values())
        if quarter != "1":
            assert row["change"] == by_count[FORCE] - counts[str(int(quarter) - 1), FORCE, category]
    assert pd.isna(rows.loc[1, "change"])


def test_the_stalking_counts_are_the_ones_in_the_file(store: duckdb.DuckDBPyConnection) -> None:
    # Looked up by hand: West Midlands 8Q, lines 5491, 11258, 17025, 22792.
    rows = compare_force(store, FORCE).force_rows
    assert list(rows[rows["category"] == "stalking"]["count"]) == [80, 87, 91, 95]


def test_bodies_that_are_not_territorial_forces_take_no_rank(store: duckdb.DuckDBPyConnection) -> None:
    frame = compare_forces(store)
    outside = frame[frame["force_name"].isin(NOT_TERRITORIAL)]
    assert set(outside["force_name"]) == NOT_TERRITORIAL
    assert outside["rank_count"].isna().all() and outside["rank_share"].isna().all()
    inside = frame[~frame["force_name"].isin(NOT_TERRITORIAL)]
    assert inside["rank_count"].notna().all() and int(inside["rank_count"].max()) <= 43


def test_every_measure_in_the_catalogue_is_a_column(store: duckdb.DuckDBPyConnection) -> None:
    frame = compare_forces(store)
    assert [m.id for m in COMPARISON_MEASURES] == MEASURE_COLUMNS
    assert set(MEASURE_COLUMNS) <= set(frame.columns)
    assert all(m.definition and m.title for m in COMPARISON_MEASURES)


def test_an_unknown_force_names_the_close_ones(store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ReportError, match="did you mean 'West Midlands'"):
        compare_force(store, "West Midland")


def test_a_store_without_national_data_says_how_to_load_it() -> None:
    with pytest.raises(ReportError, match="vawg national load"):
        compare_forces(connect(":memory:"))


def test_cli_load_then_compare_json(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    runner = CliRunner()
    loaded = runner.invoke(app, ["national", "load", str(HO_FILE), "--db", str(db), "--json"])
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.output)["territorial_forces"] == 43
    result = runner.invoke(
        app, ["national", "compare", "--db", str(db), "--force", FORCE, "--category", "stalking", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [r["count"] for r in payload["rows"]] == [80, 87, 91, 95]
    assert {m["id"] for m in payload["measures"]} == set(MEASURE_COLUMNS)
    table = runner.invoke(app, ["national", "compare", "--db", str(db), "--force", FORCE])
    assert table.exit_code == 0 and "Stalking" in table.output
