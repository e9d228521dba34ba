"""Derived tables: what every metric and page reads, built once at ingest instead of per request.

* ``crime_base``  one row per crime: VAWG category, DA/HBA/online flags, offence group and the
  current outcome (latest date, then latest load, then code) with the first outcome date;
* ``crime_links`` every victim and suspect link with its crime's date, area, category and flags.

Their definitions are the metric frames of the same names (``vawg.metrics.frames``), compiled to
SQL, so a metric reads the same rows whether the table exists or the frame is computed on the fly.
Ingest refreshes them inside its own transaction (they are never out of step with the data a
reader sees): a delta or a correction rebuilds only the crimes its loads touched; a full extract,
a new definition or changed reference data rebuilds them whole.

``meta.derived_tables`` stamps what they were built from: the definitions' digest, the row counts
of crimes, outcomes and crime_persons, and the reference digest. A reader uses the tables only
when the stamp matches the store (``derived_current``), so a store written by other means (an
older vawg, a hand-made test store) is still read correctly, from the base tables.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import duckdb

from vawg._code_digest import code_digest
from vawg._faults import checkpoint
from vawg.store._reference import DIGEST_KEY

STAMP_KEY = "derived_tables"
SOURCES = ("crimes", "outcomes", "crime_persons")  # what the tables are built from (with ref_offence)
_IDS = "_vawg_derived_ids"
_DELTA = {name: f"_vawg_derived_{name}" for name in SOURCES}
# A refresh touching more than this share of crimes rebuilds whole (cheaper than deleting most rows).
_REBUILD_SHARE = 0.2


@cache
def _definitions(delta: bool) -> tuple[tuple[str, str], ...]:
    """(table, SELECT) of each derived table, compiled from the metric frames (with Ibis, once: the
    SQL is kept in the metrics' SQL cache, so a later process does not import Ibis). Each reads the
    derived tables before it (the links read crime_base, already refreshed); ``delta`` reads only
    the touched crimes' rows of the sources."""
    from vawg.metrics import derived_table_sql

    return derived_table_sql(_DELTA if delta else None)


@cache
def definition_digest() -> str:
    """A digest of what the derived tables' definitions are made of: the vawg and Ibis versions and
    the source of the frames, table schemas, contract and this module. Tables built by another
    definition are stale. Worked out from files, not by compiling, so reading a store never imports
    Ibis (a cold `vawg metrics show` does not); any edit of those files counts as a new definition."""
    import vawg

    package = Path(vawg.__file__).parent
    sources = [
        *sorted((package / "metrics" / "frames").glob("*.py")),
        package / "metrics" / "_tables.py",
        *sorted((package / "contract").glob("*.py")),
        Path(__file__),
    ]
    return code_digest(sources)[:16]


def _fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    counts = con.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in SOURCES)).fetchall()[0]
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [DIGEST_KEY]).fetchall()
    return {
        **dict(zip(SOURCES, (int(c) for c in counts), strict=True)),
        "reference": rows[0][0] if rows else None,
    }


def _stamp(con: duckdb.DuckDBPyConnection) -> dict[str, object] | None:
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [STAMP_KEY]).fetchall()
    return json.loads(rows[0][0]) if rows else None


def derived_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's derived tables hold what the data and this vawg's definitions give."""
    stamp = _stamp(con)
    if stamp is None or stamp.get("definition") != definition_digest():
        return False
    return {k: v for k, v in stamp.items() if k != "definition"} == _fingerprint(con)


def refresh_derived(con: duckdb.DuckDBPyConnection, since_load: int | None = None) -> None:
    """Bring the derived tables up to date inside the caller's transaction.

    ``since_load``: the last load before the changes (rows of later loads, and rows moved to history
    by them, are the changes), so only the crimes they touch are rebuilt; None rebuilds whole.
    """
    con.execute("SET enable_progress_bar = false")  # ingest shows its own progress
    stamp = _stamp(con)
    whole = (
        since_load is None
        or stamp is None
        or stamp.get("definition") != definition_digest()
        or stamp.get("reference") != _fingerprint(con)["reference"]
    )
    if not whole:
        whole = not _rebuild_touched(con, int(since_load or 0))
    if whole:
        for table, sql in _definitions(False):
            con.execute(f"CREATE OR REPLACE TABLE {table} AS {sql}")
    checkpoint("derived.built")
    value = json.dumps({"definition": definition_digest(), **_fingerprint(con)})
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [STAMP_KEY, value])


def _rebuild_touched(con: duckdb.DuckDBPyConnection, since_load: int) -> bool:
    """Rebuild the rows of the crimes the loads after ``since_load`` touched; False when so many
    crimes changed that a whole rebuild is cheaper (nothing done then)."""
    touched = " UNION ".join(
        [f"SELECT crime_id FROM {t} WHERE load_id > {since_load}" for t in SOURCES]
        + [
            "SELECT json_extract_string(row, '$.crime_id') FROM history "
            f"WHERE superseded_by_load > {since_load} AND table_name IN ({', '.join(repr(t) for t in SOURCES)})"
        ]
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {_IDS} AS SELECT crime_id FROM ({touched}) WHERE crime_id IS NOT NULL"
    )
    n_touched, n_crimes = con.execute(
        f"SELECT (SELECT count(*) FROM {_IDS}), (SELECT count(*) FROM crimes)"
    ).fetchall()[0]
    if n_touched > _REBUILD_SHARE * max(n_crimes, 1):
        con.execute(f"DROP TABLE {_IDS}")
        return False
    for name, stand_in in _DELTA.items():
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {stand_in} AS SELECT * FROM {name} WHERE crime_id IN (SELECT crime_id FROM {_IDS})"
        )
    # The links are built on crime_base, so crime_base is rebuilt first.
    for table, sql in _definitions(True):
        con.execute(f"DELETE FROM {table} WHERE crime_id IN (SELECT crime_id FROM {_IDS})")
        con.execute(f"INSERT INTO {table} BY NAME {sql}")
    for stand_in in _DELTA.values():
        con.execute(f"DROP VIEW {stand_in}")
    con.execute(f"DROP TABLE {_IDS}")
    return True


def add_missing_derived(con: duckdb.DuckDBPyConnection) -> None:
    """On a read-write open: an older store (data but no derived tables) gets them, and a store
    whose reference data or definitions changed gets them rebuilt (one transaction; the checks are
    cheap and import nothing)."""
    stamp = _stamp(con)
    if (
        stamp is not None
        and stamp.get("reference") == _fingerprint(con)["reference"]
        and stamp.get("definition") == definition_digest()
    ):
        return
    if not con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]:
        return
    con.begin()
    try:
        refresh_derived(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
