"""Plausible ranges of numeric columns (rule ``value_out_of_range``): a separate, additive entry.

An age of 430 or a birth year of 1066 is a keying error, not a fact: such a row is quarantined,
never silently loaded into an age-band analysis. ``high`` None means "the extract's year" (nobody
is born after the extract was taken).
"""

from __future__ import annotations

from dataclasses import dataclass

RANGE_RULE = "value_out_of_range"


@dataclass(frozen=True)
class ValueRange:
    """``table.column`` must lie in [``low``, ``high``] (``high`` None: the extract date's year)."""

    table: str
    column: str
    low: int
    high: int | None
    meaning: str

    def limit_text(self) -> str:
        return f"{self.low} to {self.high if self.high is not None else 'the extract year'}"


RANGES: tuple[ValueRange, ...] = (
    ValueRange("crime_persons", "age", 0, 120, "an age in years"),
    ValueRange("persons", "birth_year", 1900, None, "a year of birth"),
)


def ranges_of(table: str) -> tuple[ValueRange, ...]:
    return tuple(r for r in RANGES if r.table == table)
