"""Suspect and victim sex and ethnicity as metric dimensions (issues 12 item 7 and 13 item 1), worked
by hand on a store of four DA crimes and two arrests, all in March 2022 (FY 2021/22):

* C1: one suspect, a woman (Black, B1); one victim, a man (White, W1). Suspect arrested, bailed.
* C2: two suspects, a man (ethnicity blank) and a woman; two victims, women (Asian A1; blank).
  The man arrested, bailed.
* C3: one suspect whose sex is not recorded (U); no victim.
* C4: no suspect; one victim recorded X.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.risk.storebuilder import StoreBuilder
from vawg.metrics import compute

DAY = date(2022, 3, 10)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    b = StoreBuilder.open(tmp_path_factory.mktemp("dims") / "dims.duckdb")
    woman_s, man_s = b.person(sex="F", ethnicity="B1"), b.person(sex="M", ethnicity=None)
    woman_s2, unknown_s = b.person(sex="F", ethnicity="W1"), b.person(sex="U", ethnicity="W1")
    man_v, woman_v1, woman_v2, x_v = (
        b.person(sex="M", ethnicity="W1"), b.person(sex="F", ethnicity="A1"),
        b.person(sex="F", ethnicity=None), b.person(sex="X", ethnicity="W1"),
    )  # fmt: skip
    c1 = b.crime(DAY, offence="8L", da=True, suspects=(woman_s,), victims=(man_v,))
    c2 = b.crime(DAY, offence="8L", da=True, suspects=(man_s, woman_s2), victims=(woman_v1, woman_v2))
    b.crime(DAY, offence="8L", da=True, suspects=(unknown_s,))
    b.crime(DAY, offence="8L", da=True, victims=(x_v,))
    b.arrest(woman_s, DAY, crime_id=c1, disposal="bail")
    b.arrest(man_s, DAY, crime_id=c2, disposal="bail")
    yield b.con
    b.con.close()


def _cells(con: duckdb.DuckDBPyConnection, metric: str, dim: str) -> dict[str, int]:
    frame = compute(con, metric, grain="fy", by=(dim,)).frame
    rows = frame[frame["period"] == "2021/22"]
    return {r[dim]: int(r["numerator"]) for r in rows.to_dict(orient="records") if r["numerator"]}


def test_crimes_by_suspect_and_victim_sex(con: duckdb.DuckDBPyConnection) -> None:
    assert _cells(con, "da_recorded_crimes", "suspect_sex") == {
        "female": 1, "mixed": 1, "not_stated": 1, "no_suspect": 1,
    }  # fmt: skip
    assert _cells(con, "vawg_recorded_crimes", "victim_sex") == {
        "male": 1, "female": 1, "no_victim": 1, "not_stated": 1,
    }  # fmt: skip
    # An outcome rate splits its denominator the same way: no outcomes here, 4 crimes in all.
    rate = compute(con, "da_positive_outcome_rate", grain="fy", by=("suspect_sex",)).frame
    assert int(rate[rate["period"] == "2021/22"]["denominator"].sum()) == 4


def test_custody_by_suspect_sex_and_ethnicity(con: duckdb.DuckDBPyConnection) -> None:
    assert _cells(con, "da_suspects_bailed", "suspect_sex") == {"female": 1, "male": 1}
    assert _cells(con, "da_suspects_bailed", "suspect_ethnicity") == {"Black": 1, "not_stated": 1}


def test_victims_by_sex_and_ethnicity(con: duckdb.DuckDBPyConnection) -> None:
    frame = compute(con, "victim_sex_profile", grain="fy", by=("victim_ethnicity",)).frame
    rows = frame[(frame["period"] == "2021/22") & (frame["numerator"] > 0)]
    got = {(r["victim_ethnicity"], r["sex"]): int(r["numerator"]) for r in rows.to_dict(orient="records")}
    # Victim links: man W1 (White), woman A1 (Asian), woman blank (not stated), X W1 (White).
    assert got == {("White", "M"): 1, ("Asian", "F"): 1, ("not_stated", "F"): 1, ("White", "X"): 1}


def test_unknown_dimension_is_refused(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    from vawg.errors import VawgError

    with pytest.raises(VawgError):
        compute(con, "female_detainees", grain="fy", by=("suspect_sex",))
