import duckdb
import pytest

from vawg.contract import TABLES
from vawg.errors import StoreError
from vawg.store import connect


def test_schema_has_every_contract_column_typed() -> None:
    con = connect(":memory:")
    for spec in TABLES:
        cols = {r[0]: r[1] for r in con.execute(f"DESCRIBE {spec.name}").fetchall()}
        assert set(spec.column_names) <= set(cols)
        assert {"extra", "load_id"} <= set(cols)
    crimes = {r[0]: r[1] for r in con.execute("DESCRIBE crimes").fetchall()}
    assert crimes["offence_code"].startswith("ENUM(") and crimes["recorded_date"] == "DATE"


def test_unknown_code_cannot_be_stored() -> None:
    con = connect(":memory:")
    with pytest.raises(duckdb.ConversionException):
        con.execute(
            "INSERT INTO crimes (crime_id, recorded_date, offence_code, area, da_flag, load_id) "
            "VALUES ('C1', DATE '2022-01-01', 'NOPE', 'A', true, 1)"
        )


def test_crime_outcome_view_takes_latest() -> None:
    con = connect(":memory:")
    con.execute(
        "INSERT INTO outcomes VALUES ('C1','16',DATE '2022-02-01',null,1), ('C1','1',DATE '2022-03-01',null,1)"
    )
    assert con.execute("SELECT outcome_code FROM crime_outcome").fetchall() == [("1",)]


def test_positive_outcomes_follow_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from vawg.config import get_settings

    monkeypatch.setenv("VAWG_POSITIVE_OUTCOMES", '["1","22"]')
    get_settings.cache_clear()
    con = connect(":memory:")
    rows = con.execute("SELECT outcome_code FROM ref_outcome WHERE is_positive ORDER BY 1").fetchall()
    assert rows == [("1",), ("22",)]


def test_read_only_missing_store_says_how_to_create(tmp_path) -> None:
    with pytest.raises(StoreError, match="vawg ingest"):
        connect(tmp_path / "none.duckdb", read_only=True)


def test_schema_version_mismatch_is_refused(tmp_path) -> None:
    path = tmp_path / "s.duckdb"
    connect(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        connect(path)
