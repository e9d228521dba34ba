"""The audit log: append-only and hash-chained, for every person-level view or export, every model
approval or retirement, every login and every change to a user.

Each entry carries the SHA-256 of the entry before it, so an edited, deleted or reordered entry
breaks the chain and :meth:`AuditLog.verify` names where. The log lives in the app-state file
(`vawg.appstate`) that the web app and the CLI share.
"""

from vawg.audit._chain import GENESIS, entry_hash
from vawg.audit._log import Actor, AuditEntry, AuditLog, AuditVerification

__all__ = ["GENESIS", "Actor", "AuditEntry", "AuditLog", "AuditVerification", "entry_hash"]
