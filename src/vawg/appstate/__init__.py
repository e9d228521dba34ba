"""App state: users, sessions and the audit log, in a transactional SQLite file beside the store.

Why not the DuckDB store itself: DuckDB allows one writing process per file, and a nightly ingest
must be able to write (or replace) the data store while the web app keeps serving and recording
logins, sessions and audit entries. SQLite in WAL mode takes many readers and short serialised
writes from several processes, and it is in the standard library (decision D-accounts-1).
"""

from vawg.appstate._governance import GOVERNANCE_TABLES
from vawg.appstate._sqlite import APP_SCHEMA_VERSION, app_state_path, connect_app_state, write_transaction

__all__ = [
    "APP_SCHEMA_VERSION",
    "GOVERNANCE_TABLES",
    "app_state_path",
    "connect_app_state",
    "write_transaction",
]
