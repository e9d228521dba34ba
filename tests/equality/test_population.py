"""The first stage per head of the resident population: hand-worked on the 51-suspect store of
``_handmade.py`` with a hand-made population file; the file's checks name file, row and column."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.equality._handmade import END, START, build_handmade
from vawg.equality import findings, load_population, relative_rates
from vawg.errors import ConfigError

HEADER = "area,sex,ethnicity,population,source\n"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    store = build_handmade(tmp_path_factory.mktemp("population") / "handmade.duckdb")
    con = duckdb.connect(str(store), read_only=True)
    yield con
    con.close()


def _file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "population.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _first(result, group: str) -> dict:  # type: ignore[no-untyped-def]
    rows = result.rows[(result.rows["stage"] == "suspect") & (result.rows["group"] == group)]
    return rows.iloc[0].to_dict()


def test_first_stage_per_head_hand_worked(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # Two areas, summed: 1,000 women and 2,000 men. Suspects: 21 women, 30 men.
    residents = load_population(
        _file(tmp_path, "North,F,All,600,test\nSouth,F,All,400,test\nNorth,M,All,2000,test\n")
    )
    result = relative_rates(con, "da-suspects", "sex", start=START, end=END, residents=residents)
    female, male = _first(result, "Female"), _first(result, "Male")
    assert (female["population"], male["population"]) == (1000, 2000)
    assert female["per_1000"] == pytest.approx(21.0) and male["per_1000"] == pytest.approx(15.0)
    # (21/1000) / (30/2000) = 1.4; log interval: sqrt(1/21 + 1/30) = 0.28431;
    # 1.4 × exp(±1.95996 × 0.28431) = 0.8016–2.4452; z = ln 1.4 / 0.28431 = 1.1835, p = 0.2366.
    assert female["population_rr"] == pytest.approx(1.4)
    assert (female["population_low"], female["population_high"]) == (
        pytest.approx(0.8016, abs=1e-4), pytest.approx(2.4452, abs=1e-4),
    )  # fmt: skip
    assert female["population_p"] == pytest.approx(0.2366, abs=1e-3)
    assert male["population_rr"] == 1.0
    assert pd_isna(_first(result, "Not stated")["population"])  # nobody's population is "not stated"
    assert (
        "Female residents were identified as DA suspects at 21.00 per 1,000, 1.40 times the rate of male "
        "residents (95% interval 0.80–2.45); the interval includes 1, so no clear difference."
    ) in findings(result)
    # Only sex in the file: no population for an ethnic group, so no per-head rate by ethnicity.
    by_eth = relative_rates(con, "da-suspects", "ethnicity", start=START, end=END, residents=residents)
    assert by_eth.rows["population_rr"].isna().all()


def test_ethnic_groups_sum_to_the_sexes(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    rows = "".join(f"A,{s},{g},{n},test\n" for s in "FM" for g, n in
                   (("Asian", 100), ("Black", 200), ("Mixed", 50), ("White", 1000), ("Other", 50)))  # fmt: skip
    residents = load_population(_file(tmp_path, rows))
    assert residents.of({"Sex": "Female"}) == 1400 and residents.of({"Ethnicity": "Black"}) == 400
    assert residents.of({"Sex": "Male", "Ethnicity": "White"}) == 1000
    assert residents.of({"Sex": "Other (X)"}) is None and residents.of({"Age band": "18-24"}) is None
    result = relative_rates(con, "da-suspects", "ethnicity", start=START, end=END, residents=residents)
    # Black: 5 suspects (the five women) of 400 residents, 12.5 per 1,000; White: 36 (20 men, 16
    # women) of 2,000, 18 per 1,000; relative rate 12.5 / 18 = 0.694.
    black = _first(result, "Black")
    assert black["per_1000"] == pytest.approx(12.5) and black["population_rr"] == pytest.approx(12.5 / 18)


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ("A,F,All,100,x\nA,Q,All,100,x\n", "row 3, column sex: expected F or M; found 'Q'"),
        ("A,F,Asian,12x,x\n", "row 2, column population: expected a whole number of people"),
        ("A,F,Purple,10,x\n", "row 2, column ethnicity: expected one of Asian, Black"),
        (",F,All,10,x\n", "row 2, column area"),
        ("A,M,All,0,x\n", "row 2, column population: expected a positive number"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, rows: str, where: str) -> None:
    path = _file(tmp_path, rows)
    with pytest.raises(ConfigError) as caught:
        load_population(path)
    assert str(path) in str(caught.value) and where in str(caught.value)


def test_missing_column_and_the_shipped_file(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("area,sex,population\nA,F,10\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="missing ethnicity, source"):
        load_population(path)
    shipped = load_population()
    assert shipped.synthetic and "not ONS figures" in shipped.source
    women, men = shipped.of({"Sex": "Female"}), shipped.of({"Sex": "Male"})
    assert women is not None and men is not None and 2_800_000 < women + men < 3_000_000


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))
