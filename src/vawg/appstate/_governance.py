"""The model registry's tables in the app-state file (schema version 2, decision D-gov-8).

``model_versions`` (one row per name and version), ``model_status_log`` (every status change,
hash-chained), ``score_log`` (one row per person scored, hash-chained), ``model_ethics_decisions``,
``model_ethics_packs`` and ``score_overrides``. They lived in the DuckDB data store until schema
version 2; they moved here because the web app opens the data store read-only while it must approve
models and log the scores it shows (``vawg.risk.governance`` copies an older store's tables once).

Times are stored as text (``str(datetime)``, naive UTC) and dates as ISO text: the chains hash the
same text, so a row read back hashes as it did when it was written.
"""

from __future__ import annotations

GOVERNANCE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS model_versions (
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        training_start TEXT,
        training_end TEXT,
        metrics TEXT,
        metadata TEXT,
        submitted_by TEXT,
        submitted_at TEXT,
        approved_by TEXT,
        approved_at TEXT,
        conditions TEXT,
        retired_by TEXT,
        retired_at TEXT,
        artifact_sha256 TEXT,
        submitted_by_id INTEGER,
        approved_by_id INTEGER,
        retired_by_id INTEGER,
        PRIMARY KEY (name, version)
    )""",
    """CREATE TABLE IF NOT EXISTS model_status_log (
        seq INTEGER,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_by_id INTEGER,
        changed_at TEXT NOT NULL,
        note TEXT,
        prev_hash TEXT,
        hash TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS score_log (
        seq INTEGER,
        logged_at TEXT NOT NULL,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        purpose TEXT NOT NULL,
        "user" TEXT NOT NULL,
        user_id INTEGER,
        person_id TEXT NOT NULL,
        score REAL,
        level TEXT,
        prev_hash TEXT,
        hash TEXT
    )""",
    """CREATE INDEX IF NOT EXISTS score_log_person ON score_log (model, version, person_id)""",
    # Each append reads the chain's head (the highest seq): without these, a scan of the whole log.
    # Not unique: a row inserted directly with a used seq must stay visible to `vawg audit verify`.
    """CREATE INDEX IF NOT EXISTS score_log_seq ON score_log (seq)""",
    """CREATE INDEX IF NOT EXISTS model_status_log_seq ON model_status_log (seq)""",
    """CREATE TABLE IF NOT EXISTS model_ethics_decisions (
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        decision TEXT NOT NULL,
        committee TEXT NOT NULL,
        decided_on TEXT NOT NULL,
        reference TEXT NOT NULL,
        conditions TEXT NOT NULL,
        dpia_reference TEXT NOT NULL,
        eia_reference TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_by_id INTEGER,
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS model_ethics_packs (
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        model_card_sha256 TEXT NOT NULL,
        atrs_sha256 TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS score_overrides (
        recorded_at TEXT NOT NULL,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        person_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        reason TEXT NOT NULL,
        "user" TEXT NOT NULL,
        user_id INTEGER NOT NULL
    )""",
)

GOVERNANCE_TABLES = (
    "model_versions",
    "model_status_log",
    "score_log",
    "model_ethics_decisions",
    "model_ethics_packs",
    "score_overrides",
)

__all__ = ["GOVERNANCE_SCHEMA", "GOVERNANCE_TABLES"]
