"""Replace the store atomically: write a new store file beside it, then rename it over the old one.

DuckDB allows one writer per file, and a writer cannot open a file that readers (``vawg serve``)
hold open. So a refresh that must not interrupt readers works on a copy: the copy keeps every table
(loads history and the rest; the model registry is in the app state, D-gov-8), ingest writes into it, and ``os.replace`` swaps it in.
Readers that have the old file open keep reading it (POSIX keeps the unlinked file alive) until
they reopen the path and see the new one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from vawg.errors import StoreError


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


# Working copy -> the store it will replace, while a refresh runs in this process: what belongs beside
# the store (the app state) belongs beside the target, not the copy (vawg.store.connect asks).
_REPLACING: dict[Path, Path] = {}


def store_being_replaced(path: Path | str) -> Path:
    """The store a working copy at ``path`` will replace; ``path`` itself when it is no copy."""
    return _REPLACING.get(Path(path).resolve(), Path(path))


@contextmanager
def replacing_store(path: Path | str) -> Iterator[Path]:
    """Yield the path of a working copy of the store at ``path``; on success swap it in atomically.

    Refreshes are serialised by a lock file (``<store>.swap.lock``). If the block raises, the copy is
    deleted and the store is untouched. A store with a pending write-ahead log (a writer still open,
    or one that crashed) is refused: copying it would lose or tear that writer's work.
    """
    target = Path(path)
    work = target.with_name(f".{target.name}.next")
    with FileLock(str(target.with_name(target.name + ".swap.lock"))):
        if _wal(target).exists():
            raise StoreError(
                f"{target}: a write is in progress or was interrupted ({_wal(target).name} exists); "
                "close the other writer, or open the store once with `vawg quality` to replay it",
                path=str(target),
            )
        for stale in (work, _wal(work)):
            stale.unlink(missing_ok=True)
        if target.exists():
            shutil.copyfile(target, work)
        _REPLACING[work.resolve()] = target
        try:
            yield work
        except BaseException:
            for stale in (work, _wal(work)):
                stale.unlink(missing_ok=True)
            raise
        finally:
            _REPLACING.pop(work.resolve(), None)
        if _wal(work).exists():  # the writer left its log: fold it in before the swap
            import duckdb

            duckdb.connect(str(work)).close()
        os.replace(work, target)


__all__ = ["replacing_store", "store_being_replaced"]
