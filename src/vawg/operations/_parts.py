"""What a list builder returns before it is typed against the registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Parts:
    frame: pd.DataFrame
    summary: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)


__all__ = ["Parts"]
