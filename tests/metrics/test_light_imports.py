"""A cold CLI stays light: the catalogue imports neither Ibis nor pandas, and `vawg metrics show`
runs compiled SQL from the disk cache without importing Ibis (vawg.metrics._sql_cache).

Each check runs a fresh interpreter, because an import made by another test would hide the cost.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vawg.config import get_settings
from vawg.metrics import _sql_cache

HEAVY = ("ibis", "sqlglot", "pandas", "numpy", "duckdb", "statsmodels")
RUN = "from vawg.cli import main; sys.argv = ['vawg', *sys.argv[1:]]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
LOADED = "print('LOADED', ','.join(m for m in {heavy!r} if m in sys.modules))"


def _loaded(code: str, *args: str, cache: Path | None = None) -> tuple[list[str], str]:
    """The heavy packages ``code`` left imported, and what it printed before saying so."""
    env = {**os.environ, "COLUMNS": "200"}
    if cache is not None:
        env["VAWG_CACHE_DIR"] = str(cache)
    script = f"import sys\n{code}\n{LOADED.format(heavy=HEAVY)}"
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    out, _, last = done.stdout.rpartition("LOADED")
    return [m for m in last.strip().split(",") if m], out


def test_the_catalogue_imports_neither_ibis_nor_pandas() -> None:
    loaded, out = _loaded(
        "import vawg.metrics as m\nprint(len(m.REGISTRY), len([x.to_dict() for x in m.REGISTRY]))"
    )
    assert loaded == [] and int(out.split()[0]) > 50


def test_the_cli_starts_without_pandas_or_ibis() -> None:
    assert _loaded("import vawg.cli")[0] == []


def test_metrics_list_imports_no_ibis_and_no_pandas() -> None:
    loaded, out = _loaded(RUN, "metrics", "list")
    assert loaded == [] and "da_outstanding_suspects" in out


def test_the_lazy_names_of_vawg_metrics_load_on_first_use() -> None:
    loaded, out = _loaded("import vawg.metrics as m\nprint(m.compute.__module__)")
    assert out.strip() == "vawg.metrics._compute" and "pandas" in loaded and "ibis" not in loaded


def test_a_second_cold_show_runs_cached_sql_without_ibis(handmade_path: Path, tmp_path: Path) -> None:
    """The first run compiles with Ibis and writes the cache; the second prints the same table
    (hand-worked: FY2022/23, 3 of 5 DA crimes with a positive current outcome, 60.0%) without Ibis."""
    args = ("metrics", "show", "da_positive_outcome_rate", "--grain", "fy", "--from", "2022-04-01",
            "--to", "2023-03-31", "--db", str(handmade_path))  # fmt: skip
    first_loaded, first = _loaded(RUN, *args, cache=tmp_path)
    assert (
        "ibis" in first_loaded and len(list((tmp_path / "sql").glob("*.sql"))) == 2
    )  # current outcome + query
    second_loaded, second = _loaded(RUN, *args, cache=tmp_path)
    assert "ibis" not in second_loaded and "sqlglot" not in second_loaded
    assert second == first and "60.0%" in second and "│         3 │           5 │" in second


def test_metrics_show_of_a_count_needs_neither_ibis_nor_statsmodels(
    handmade_path: Path, tmp_path: Path
) -> None:
    args = ("metrics", "show", "da_incidents", "--grain", "fy", "--db", str(handmade_path))
    _loaded(RUN, *args, cache=tmp_path)
    loaded, out = _loaded(RUN, *args, cache=tmp_path)
    # Incidents I1, I2 and I3 are DA (I4 is not), all in FY2022/23.
    assert "2022/23" in out and "│         3 │" in out
    assert "ibis" not in loaded and "statsmodels" not in loaded


def test_the_cache_key_follows_the_request_and_the_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    request = ("job", ("1", "1A"), (), ("flow", "crimes", "recorded_date"))
    key = _sql_cache.cache_key(request)
    assert _sql_cache.cache_key(request) == key
    assert _sql_cache.cache_key(("job", ("1",), (), ("flow", "crimes", "recorded_date"))) != key
    source = tmp_path / "frame.py"
    source.write_text("A = 1\n")
    monkeypatch.setattr(_sql_cache, "_SOURCES", (source,))
    _sql_cache._code_fingerprint.cache_clear()
    before = _sql_cache.cache_key(request)
    source.write_text("A = 2\n")  # an edited frame module: the old SQL must not be served
    _sql_cache._code_fingerprint.cache_clear()
    assert _sql_cache.cache_key(request) != before
    _sql_cache._code_fingerprint.cache_clear()


def test_cached_sql_compiles_once_and_survives_an_unwritable_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[int] = []

    def compile_sql() -> str:
        calls.append(1)
        return "SELECT 1"

    monkeypatch.setenv("VAWG_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    request = ("test", str(tmp_path))
    assert _sql_cache.cached_sql(request, compile_sql) == "SELECT 1"
    assert _sql_cache.cached_sql(request, compile_sql) == "SELECT 1"
    assert len(calls) == 1 and [p.suffix for p in (tmp_path / "cache" / "sql").iterdir()] == [".sql"]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("VAWG_CACHE_DIR", str(blocked))
    get_settings.cache_clear()
    assert _sql_cache.cached_sql(request, compile_sql) == "SELECT 1" and len(calls) == 2


def test_the_cache_keeps_the_newest_statements_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VAWG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_sql_cache, "MAX_FILES", 3)
    get_settings.cache_clear()
    for i in range(5):
        _sql_cache.cached_sql(("test", i), lambda i=i: f"SELECT {i}")
        path = tmp_path / "sql" / f"{_sql_cache.cache_key(('test', i))}.sql"
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # written in order, a second apart
    kept = sorted(p.read_text() for p in (tmp_path / "sql").glob("*.sql"))
    assert kept == ["SELECT 2", "SELECT 3", "SELECT 4"]


def test_a_second_cold_ingest_builds_the_derived_tables_without_ibis(
    small_force: tuple[Path, Path], tmp_path: Path
) -> None:
    """A nightly `vawg ingest` in a new process reads the derived tables' SQL from the cache (the
    first compiles it), and both stores hold the same derived rows."""
    bundle, _ = small_force
    runs = []
    for name in ("first", "second"):
        db = tmp_path / f"{name}.duckdb"
        loaded, _ = _loaded(RUN, "ingest", str(bundle), "--db", str(db), cache=tmp_path / "cache")
        runs.append((loaded, db))
    assert "ibis" in runs[0][0] and "ibis" not in runs[1][0] and "sqlglot" not in runs[1][0]
    import duckdb

    with (
        duckdb.connect(str(runs[0][1]), read_only=True) as one,
        duckdb.connect(str(runs[1][1]), read_only=True) as two,
    ):
        for table in ("crime_base", "crime_links"):
            order = "ORDER BY ALL"
            assert (
                one.execute(f"SELECT * FROM {table} {order}").fetchall()
                == two.execute(f"SELECT * FROM {table} {order}").fetchall()
            )
