"""Compiled metric SQL kept on disk, so a cold `vawg metrics show` runs SQL without importing Ibis.

Building a query's Ibis expression and compiling it costs far more in a new process (importing
Ibis and sqlglot, about half a second) than running the SQL on a force's store. The SQL of a query
depends only on what it asks (frame, date column, dimensions, measures, grain, dates), on the
settings that shape it (the positive outcome codes, the tables already materialised) and on the
code that builds it. So each compiled statement is written to ``<cache dir>/<key>.sql`` where the
key hashes all of those: the request, the vawg version, the installed Ibis version and the bytes
of every module that shapes the SQL (the frames, the planner, the periods, the table schemas and
the data contract). Editing any of them, or upgrading, misses the cache; nothing is ever served
stale. The cache directory is ``Settings.cache_dir`` (``VAWG_CACHE_DIR``; default the user's cache
folder, ``$XDG_CACHE_HOME/vawg``). A cache that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from vawg._code_digest import code_digest
from vawg.config import get_settings

MAX_FILES = 5000  # statements kept (a few kB each); the oldest go first
_METRICS = Path(__file__).parent
# The modules whose code decides the SQL text (the key changes when any of them changes).
_SOURCES = (
    *sorted((_METRICS / "frames").glob("*.py")),
    _METRICS / "_plan.py",
    _METRICS / "_periods.py",
    _METRICS / "_tables.py",
    *sorted((_METRICS.parent / "contract").glob("*.py")),
)


@cache
def _code_fingerprint() -> str:
    """The vawg and Ibis versions and a hash of the modules that shape the SQL."""
    return code_digest(_SOURCES)


def cache_dir() -> Path:
    """Where compiled SQL is kept: ``Settings.cache_dir``, else ``$XDG_CACHE_HOME/vawg/sql``."""
    configured = get_settings().cache_dir
    if configured is not None:
        return Path(configured) / "sql"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vawg" / "sql"


def cache_key(request: tuple[object, ...]) -> str:
    """The file name of ``request``'s SQL: a hash of the request (its ``repr``, which for tuples
    of strings, dates and frozen dataclasses is exact and stable) and the code fingerprint."""
    return hashlib.sha256(f"{_code_fingerprint()}\n{request!r}".encode()).hexdigest()


def cached_sql(request: tuple[object, ...], compile_sql: Callable[[], str]) -> str:
    """The SQL of ``request``: from the disk cache, else ``compile_sql()`` (which imports Ibis),
    written to the cache for the next process."""
    path = cache_dir() / f"{cache_key(request)}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    sql = compile_sql()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader in another process sees the whole statement or none.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:  # fmt: skip
            temp = Path(handle.name)
            handle.write(sql)
        try:
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        _prune(path.parent)
    except OSError:
        pass  # a read-only home or a full disk: run uncached rather than fail
    return sql


def _prune(folder: Path) -> None:
    """Delete the least recently written statements beyond ``MAX_FILES`` (each date range asked for is
    a statement of its own, so a long-running web app would otherwise grow the folder forever)."""
    files = list(folder.glob("*.sql"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda f: f.stat().st_mtime)
    for old in files[: len(files) - MAX_FILES]:
        old.unlink(missing_ok=True)


__all__ = ["cache_dir", "cache_key", "cached_sql"]
