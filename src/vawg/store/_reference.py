"""The store's reference tables (``ref_offence``, ``ref_outcome``): rewritten only when they differ.

The reference data (shipped CSVs, ``VAWG_REFERENCE_DIR``) and two settings (``default_harm_days``,
``positive_outcomes``) decide their content. A digest of that content is kept in ``meta``
(``reference_sha256``); a read-write open compares it and, only when it differs, replaces both
tables and the digest in one transaction. A crash mid-way leaves the old tables whole, never an
empty or partial one (which would silently shrink every metric that joins them).
"""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd

from vawg._faults import checkpoint
from vawg.config import get_settings
from vawg.reference import load_reference
from vawg.store._schema import REFERENCE_DDL

DIGEST_KEY = "reference_sha256"
OFFENCE_COLUMNS = [
    "offence_code",
    "description",
    "offence_group",
    "offence_subgroup",
    "vawg_category",
    "harm_days",
]


def reference_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ref_offence, ref_outcome) as the reference data and settings define them now."""
    settings = get_settings()
    ref = load_reference()
    offence = pd.DataFrame(ref.offence_table(settings.default_harm_days)[OFFENCE_COLUMNS])
    outcome = ref.outcome_types[["outcome_code", "description", "outcome_group"]].copy()
    outcome["is_positive"] = outcome["outcome_code"].isin(settings.positive_outcomes)
    return offence.reset_index(drop=True), pd.DataFrame(outcome).reset_index(drop=True)


def _digest(offence: pd.DataFrame, outcome: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for frame in (offence, outcome):
        digest.update(frame.to_csv(index=False).encode("utf-8"))
    return digest.hexdigest()


def write_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the reference tables and their digest (the caller holds the transaction)."""
    offence, outcome = reference_frames()
    for statement in REFERENCE_DDL:
        con.execute(statement)
    checkpoint("reference.replaced")
    con.register("_ref_offence_df", offence)
    con.execute("INSERT INTO ref_offence SELECT * FROM _ref_offence_df")
    con.unregister("_ref_offence_df")
    con.register("_ref_outcome_df", outcome)
    con.execute("INSERT INTO ref_outcome SELECT * FROM _ref_outcome_df")
    con.unregister("_ref_outcome_df")
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DIGEST_KEY, _digest(offence, outcome)])


def refresh_reference(con: duckdb.DuckDBPyConnection) -> bool:
    """Rewrite the reference tables in one transaction if they differ from the data; True if so."""
    offence, outcome = reference_frames()
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [DIGEST_KEY]).fetchall()
    if rows and rows[0][0] == _digest(offence, outcome):
        return False
    con.begin()
    try:
        write_reference(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return True
