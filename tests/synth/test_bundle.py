"""The bundle meets the input contract, read back with DuckDB; same seed, same bytes; scale scales."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from vawg.contract import EARLIEST_DATE, FALSE_VALUES, TABLES, TRUE_VALUES, code_sets
from vawg.errors import ConfigError
from vawg.synth import EXTRACT_DATE, FORCE, write_bundle

SMALL = 0.02


@pytest.fixture(scope="module")
def raw(default_bundle: Path) -> duckdb.DuckDBPyConnection:
    """Every file read as text (no type sniffing): the contract's types are checked here, not assumed."""
    con = duckdb.connect()
    for t in TABLES:
        con.sql(f"CREATE TABLE {t.name} AS SELECT * FROM read_csv('{default_bundle / (t.name + '.csv')}', "
                "all_varchar=true, header=true)")  # fmt: skip
    return con


def test_every_contract_table_is_a_file_with_the_contract_header(default_bundle: Path) -> None:
    for t in TABLES:
        path = default_bundle / f"{t.name}.csv"
        with path.open(encoding="utf-8") as fh:
            header = fh.readline().strip()
        assert [h.strip('"') for h in header.split(",")] == list(t.column_names), t.name


def test_every_table_is_populated(raw: duckdb.DuckDBPyConnection) -> None:
    for t in TABLES:
        assert raw.sql(f"SELECT count(*) FROM {t.name}").fetchall()[0][0] > 0, t.name  # type: ignore[index]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_values_have_their_types_codes_and_required_presence(raw: duckdb.DuckDBPyConnection, table) -> None:  # type: ignore[no-untyped-def]
    sets = code_sets()
    bools = ", ".join(f"'{v}'" for v in (*TRUE_VALUES, *FALSE_VALUES))
    for col in table.columns:
        c = col.name
        if col.required:
            assert (
                raw.sql(f"SELECT count(*) FROM {table.name} WHERE {c} IS NULL OR trim({c}) = ''").fetchall()[
                    0
                ][0]
                == 0
            ), c  # type: ignore[index]
        bad = {
            "date": f"TRY_CAST({c} AS DATE) IS NULL OR {c}::DATE < DATE '{EARLIEST_DATE}'"
            + ("" if getattr(col, "may_be_future", False) else f" OR {c}::DATE > DATE '{EXTRACT_DATE}'"),
            "int": f"TRY_CAST({c} AS INTEGER) IS NULL",
            "number": f"TRY_CAST({c} AS DOUBLE) IS NULL",
            "time": f"NOT regexp_full_match(CAST({c} AS VARCHAR), '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?')",
            "bool": f"lower(trim({c})) NOT IN ({bools})",
            "code": "upper({c}) NOT IN ({codes})".format(
                c=c, codes=", ".join(f"'{v.upper()}'" for v in sets.get(col.codes or "", ()))
            ),
            "text": "false",
        }[col.type]
        n = raw.sql(f"SELECT count(*) FROM {table.name} WHERE {c} IS NOT NULL AND ({bad})").fetchall()[0][0]  # type: ignore[index]
        assert n == 0, f"{table.name}.{c}: {n} values break the contract"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_keys_are_unique_and_references_resolve(raw: duckdb.DuckDBPyConnection, table) -> None:  # type: ignore[no-untyped-def]
    key = ", ".join(table.key)
    dupes = raw.sql(f"SELECT count(*) FROM (SELECT {key} FROM {table.name} GROUP BY ALL HAVING count(*) > 1)")
    assert dupes.fetchall()[0][0] == 0  # type: ignore[index]
    for ref in table.references:
        n = raw.sql(f"""SELECT count(*) FROM {table.name} t WHERE t.{ref.column} IS NOT NULL
                        AND t.{ref.column} NOT IN (SELECT {ref.target} FROM {ref.table})""").fetchall()[0][0]  # type: ignore[index]
        assert n == 0, f"{table.name}.{ref.column}: {n} references to nothing"


@pytest.mark.parametrize("table", [t for t in TABLES if t.date_orders], ids=lambda t: t.name)
def test_date_orders_hold(raw: duckdb.DuckDBPyConnection, table) -> None:  # type: ignore[no-untyped-def]
    for order in table.date_orders:
        if order.earlier_table:
            key = order.via or ""
            other = next(t for t in TABLES if t.name == order.earlier_table).key[0]
            sql = f"""SELECT count(*) FROM {table.name} t JOIN {order.earlier_table} e ON e.{other} = t.{key}
                      WHERE t.{order.later}::DATE < e.{order.earlier}::DATE"""
        else:
            sql = f"SELECT count(*) FROM {table.name} WHERE {order.later}::DATE < {order.earlier}::DATE"
        assert raw.sql(sql).fetchall()[0][0] == 0, f"{table.name}: {order.later} before {order.earlier}"  # type: ignore[index]


def test_manifest_and_truth_folder(default_bundle: Path) -> None:
    manifest = json.loads((default_bundle / "manifest.json").read_text())
    assert manifest["contract_version"] == 1 and manifest["force"] == FORCE
    assert (manifest["extract_date"], manifest["period_start"], manifest["period_end"]) == (
        "2023-03-31", "2020-04-01", "2023-03-31",
    )  # fmt: skip
    assert (manifest["seed"], manifest["scale"]) == (42, 1.0)
    assert (default_bundle / "truth" / "escalation.parquet").is_file()
    assert json.loads((default_bundle / "truth" / "pilot.json").read_text())["planted_pilot_effect"] > 0


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    a, b, c = (write_bundle(tmp_path / n, seed=s, scale=SMALL) for n, s in (("a", 7), ("b", 7), ("c", 8)))
    assert _digests(a.out_dir) == _digests(b.out_dir)
    differ = {k for k, v in _digests(a.out_dir).items() if _digests(c.out_dir)[k] != v}
    assert {"crimes.csv", "persons.csv", "crime_persons.csv", "outcomes.csv"} <= differ


def test_volume_scales_roughly_in_proportion(tmp_path: Path) -> None:
    small = write_bundle(tmp_path / "s", seed=3, scale=SMALL).rows
    double = write_bundle(tmp_path / "d", seed=3, scale=2 * SMALL).rows
    # Volumes are random draws around rates proportional to scale: doubling the scale doubles each
    # table within ±10% (a table that did not scale, or scaled twice, falls far outside).
    for table in ("crimes", "crime_persons", "persons", "outcomes", "custody", "incidents"):
        assert 1.8 < double[table] / small[table] < 2.2, table


def test_parquet_holds_the_same_rows_as_csv(tmp_path: Path) -> None:
    csv = write_bundle(tmp_path / "csv", seed=5, scale=SMALL)
    pq = write_bundle(tmp_path / "pq", seed=5, scale=SMALL, fmt="parquet")
    con = duckdb.connect()
    for t in TABLES:
        as_text = ", ".join(f"CAST({c} AS VARCHAR)" for c in t.column_names)
        same = con.sql(f"""SELECT count(*) FROM (
            SELECT * FROM read_csv('{csv.out_dir / (t.name + ".csv")}', all_varchar=true) EXCEPT ALL
            SELECT {as_text} FROM read_parquet('{pq.out_dir / (t.name + ".parquet")}'))""")
        assert same.fetchall()[0][0] == 0, t.name  # type: ignore[index]
        assert csv.rows[t.name] == pq.rows[t.name]


def test_bad_scale_or_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="scale"):
        write_bundle(tmp_path, scale=0)
    with pytest.raises(ConfigError, match="format"):
        write_bundle(tmp_path, fmt="xlsx")  # type: ignore[arg-type]
