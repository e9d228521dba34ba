"""How an audit entry is hashed: canonical JSON of its fields plus the previous entry's hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

# The "previous hash" of the first entry.
GENESIS = "0" * 64

# The fields that are hashed, in order. Adding one would change every hash: bump the app schema.
HASHED_FIELDS = ("seq", "at", "actor_id", "actor", "action", "target", "detail", "row_count", "client")


def canonical_detail(detail: dict[str, Any] | None) -> str:
    """``detail`` as canonical JSON (sorted keys, no spaces): the same dict always hashes the same."""
    return json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False)


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields (``detail`` already canonical JSON)."""
    payload = json.dumps(
        [prev_hash, *(fields[name] for name in HASHED_FIELDS)], separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
