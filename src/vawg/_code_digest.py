"""A digest of the code that shapes generated SQL: the vawg and Ibis versions and source files.

Compiled SQL kept on disk (``vawg.metrics``' cache) and the derived tables a store keeps
(``vawg.store``) are each valid only for the code that made them; both key on this digest, worked
out from files (so checking it imports neither Ibis nor the frames).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def code_digest(sources: Iterable[Path]) -> str:
    """SHA-256 (hex) of the vawg and Ibis versions and each file's name and bytes, in order."""
    import vawg

    digest = hashlib.sha256(vawg.__version__.encode())
    try:
        digest.update(version("ibis-framework").encode())
    except PackageNotFoundError:  # pragma: no cover - Ibis is a declared dependency
        digest.update(b"ibis-unknown")
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


__all__ = ["code_digest"]
