"""Make a delta extract from two full extracts (what a force's nightly export would send).

``write_delta(old, new, out)`` compares two full CSV bundles table by table and writes to ``out``
the rows of ``new`` that are not in ``old`` (new or changed records), ``deletions.csv`` for the
records of ``old`` that ``new`` no longer has, and a manifest with ``"kind": "delta"``. By the
correction rule (docs/data-contract.md), a crime whose row, links or outcomes changed is sent with
all of its links and all of its outcomes. Loading ``old`` and then the delta gives the same data
tables as loading ``new`` into an empty store (tests/ingest/test_delta.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from vawg.contract import load_sequence
from vawg.ingest._bundle import DELETIONS, MANIFEST, read_manifest
from vawg.ingest._corrections import PER_CRIME_TABLES
from vawg.store import sql_string


def _read(path: Path) -> str:
    return (
        f"read_csv({sql_string(str(path))}, header = true, delim = ',', quote = '\"', escape = '\"', "
        "all_varchar = true, ignore_errors = true)"
    )


def write_delta(old: Path | str, new: Path | str, out: Path | str) -> dict[str, int]:
    """Write the delta from full bundle ``old`` to full bundle ``new`` into ``out``; rows per file."""
    old, new, out = Path(old), Path(new), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    counts: dict[str, int] = {}
    con.execute("CREATE TEMP TABLE deletions (table_name VARCHAR, record_key VARCHAR)")
    con.execute("CREATE TEMP TABLE changed_crimes (crime_id VARCHAR)")
    for spec in load_sequence():  # crimes before its links and outcomes
        new_file, old_file = new / f"{spec.name}.csv", old / f"{spec.name}.csv"
        if not new_file.exists():
            continue
        con.execute(f"CREATE OR REPLACE TEMP TABLE n AS SELECT * FROM {_read(new_file)}")
        if old_file.exists():
            con.execute(f"CREATE OR REPLACE TEMP TABLE o AS SELECT * FROM {_read(old_file)}")
        else:
            con.execute("CREATE OR REPLACE TEMP TABLE o AS SELECT * FROM n LIMIT 0")
        same_columns = [r[0] for r in con.execute("DESCRIBE n").fetchall()] == [
            r[0] for r in con.execute("DESCRIBE o").fetchall()
        ]
        changed = "SELECT * FROM n EXCEPT ALL SELECT * FROM o" if same_columns else "SELECT * FROM n"
        key = "concat_ws('|', " + ", ".join(spec.key) + ")"
        con.execute(
            f"INSERT INTO deletions SELECT {sql_string(spec.name)}, k FROM "
            f"(SELECT {key} AS k FROM o EXCEPT SELECT {key} FROM n)"
        )
        if spec.name == "crimes":
            con.execute(f"INSERT INTO changed_crimes SELECT crime_id FROM ({changed})")
        if spec.name in PER_CRIME_TABLES:
            # Every crime in the delta, or with a changed or removed row here, goes with its whole set.
            scope = (
                f"SELECT crime_id FROM changed_crimes UNION SELECT crime_id FROM ({changed}) "
                f"UNION SELECT split_part(record_key, '|', 1) FROM deletions WHERE table_name = {sql_string(spec.name)}"
            )
            rows = f"SELECT * FROM n WHERE crime_id IN ({scope})"
        else:
            rows = changed
        con.execute(f"CREATE OR REPLACE TEMP TABLE d AS {rows}")
        counts[spec.name] = int(con.execute("SELECT count(*) FROM d").fetchall()[0][0])
        if counts[spec.name]:
            con.execute(f"COPY d TO {sql_string(str(out / new_file.name))} (HEADER, DELIMITER ',')")
    counts["deletions"] = int(con.execute("SELECT count(*) FROM deletions").fetchall()[0][0])
    if counts["deletions"]:
        con.execute(
            f"COPY (SELECT * FROM deletions ORDER BY ALL) TO {sql_string(str(out / DELETIONS))} (HEADER)"
        )
    con.close()
    extract = read_manifest(new).extract_date
    manifest = {
        "contract_version": 1,
        "kind": "delta",
        "extract_date": extract.isoformat() if extract else None,
    }
    (out / MANIFEST).write_text(json.dumps(manifest))
    return counts
