"""Shared fixtures. Each test gets its own settings (no leakage of VAWG_* between tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vawg.config import get_settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def _sql_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-SQL cache for the run (vawg.metrics._sql_cache), never the user's own."""
    return tmp_path_factory.getbasetemp() / "vawg-cache"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch, _sql_cache_dir: Path) -> Iterator[None]:
    for name in list(__import__("os").environ):
        if name.startswith("VAWG_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("VAWG_CACHE_DIR", str(_sql_cache_dir))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


# --- The synthetic force, built once per test run and shared by the xdist workers ---------------
# Session fixtures run once per worker; the file lock makes the first worker build and the others
# reuse, so the scale-1 force (the calibration targets) is generated and ingested once per run.

SMALL_SCALE = 0.05  # about 15k crimes: quick, with every table populated
DEFAULT_SCALE = 1.0  # the default synthetic force: the calibration targets hold here
SEED = 42


def _shared_dir(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in __import__("os").environ:
        root = root.parent
    return root / name


def _bundle(tmp_path_factory: pytest.TempPathFactory, scale: float, name: str) -> Path:
    """The bundle dir of the synthetic force at ``scale``, written once per run (no ingest)."""
    from filelock import FileLock

    base = _shared_dir(tmp_path_factory, name)
    base.mkdir(parents=True, exist_ok=True)
    bundle, written = base / "bundle", base / ".bundle-done"
    with FileLock(str(base / ".lock")):
        if not written.exists():
            from vawg.synth import write_bundle

            write_bundle(bundle, seed=SEED, scale=scale)
            written.write_text("ok")
    return bundle


def _build(tmp_path_factory: pytest.TempPathFactory, scale: float, name: str) -> tuple[Path, Path]:
    """(bundle dir, ingested store path) of the synthetic force at ``scale``."""
    from filelock import FileLock

    bundle = _bundle(tmp_path_factory, scale, name)
    db, done = bundle.parent / "store.duckdb", bundle.parent / ".done"
    with FileLock(str(bundle.parent / ".lock")):
        if not done.exists():
            from vawg.ingest import ingest

            ingest(bundle, db, progress=False)
            done.write_text("ok")
    return bundle, db


@pytest.fixture(scope="session")
def default_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default synthetic force's bundle folder (scale 1), not ingested. Treat as read-only."""
    return _bundle(tmp_path_factory, DEFAULT_SCALE, "force-default")


@pytest.fixture(scope="session")
def small_force(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The synthetic force at scale 0.05: (bundle, store). Treat both as read-only."""
    return _build(tmp_path_factory, SMALL_SCALE, "force-small")


@pytest.fixture(scope="session")
def default_force(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default synthetic force (scale 1): (bundle, store). Treat both as read-only."""
    return _build(tmp_path_factory, DEFAULT_SCALE, "force-default")
