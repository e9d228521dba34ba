"""Governance steps in the audit log (``vawg.audit``), with the heads of the governance chains.

Every status move and every batch of logged scores is recorded in the audit log (the same app-state
file as the registry, its own chain), with the head (last seq and hash) of the chained table it
appended to. Rows deleted from the end of a table show up when the table is compared with the last
head recorded there (:func:`recorded_heads`).
"""

from __future__ import annotations

from typing import Any

from vawg.accounts import User
from vawg.risk.governance._chain import chain_head, check_chains
from vawg.risk.governance._registry import ModelRegistry

# The audit actions governance writes (prefix "model.").
ACTIONS = (
    "model.register", "model.submit", "model.approve", "model.retire", "model.ethics", "model.score",
    "model.override", "model.moved",
)  # fmt: skip


def record_step(
    registry: ModelRegistry,
    actor: User | str,
    action: str,
    target: str,
    table: str | None,
    detail: dict[str, Any] | None = None,
    row_count: int | None = None,
    client: str = "vawg",
) -> None:
    """Write one governance step to the audit log, with ``table``'s chain head.

    Called after the registry's write transaction has committed (the audit log takes its own).
    """
    full = dict(detail or {})
    if table is not None:
        seq, digest = chain_head(registry, table)
        full.update({"chain": table, "head_seq": seq, "head": digest})
    registry.audit.record(
        actor=actor, action=action, target=target, detail=full, row_count=row_count, client=client
    )


def recorded_heads(registry: ModelRegistry) -> dict[str, tuple[int, str]]:
    """The last chain head the audit log recorded for each governance table."""
    heads: dict[str, tuple[int, str]] = {}
    for entry in registry.audit.entries(action="model."):
        chain = entry.detail.get("chain")
        if chain:
            heads[str(chain)] = (int(entry.detail["head_seq"]), str(entry.detail["head"]))
    return heads


def verify_chains(registry: ModelRegistry) -> list[str]:
    """Every sign of tampering with the model registry or the score log; empty when intact.

    Checks the hash chains of ``model_status_log`` and ``score_log``, that each version's status is
    the one its chained log ends at (a direct ``UPDATE model_versions SET status = ...`` shows), and
    that neither table ends before the head the audit log recorded (rows deleted from the end).
    ``vawg audit verify`` calls it.
    """
    return check_chains(registry, recorded_heads(registry))


__all__ = ["ACTIONS", "record_step", "recorded_heads", "verify_chains"]
