"""Shared fixtures. Each test gets its own settings (no leakage of VAWG_* between tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vawg.config import get_settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(__import__("os").environ):
        if name.startswith("VAWG_"):
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
