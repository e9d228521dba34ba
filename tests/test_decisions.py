"""docs/decisions.md: every decision has its own id, so a reference to one is never ambiguous."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

DECISIONS = Path(__file__).parents[1] / "docs" / "decisions.md"


def test_decision_ids_are_unique() -> None:
    ids = re.findall(r"^## (D[-a-z0-9]*)\.", DECISIONS.read_text(encoding="utf-8"), flags=re.M)
    assert len(ids) > 10
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    assert repeated == [], f"decision ids used twice: {repeated}"
