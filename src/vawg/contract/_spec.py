"""The building blocks of the input contract: columns, tables, references, date orders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "bool", "int", "code", "number", "time"]  # number, time: contract 1.1

CONTRACT_VERSION = 1

# Accepted spellings of booleans (compared lower-case, stripped).
TRUE_VALUES = ("true", "1", "y", "yes")
FALSE_VALUES = ("false", "0", "n", "no")

# Dates outside [EARLIEST_DATE, extract date] break the "date before 1900 or after the extract" rule.
EARLIEST_DATE = "1900-01-01"


@dataclass(frozen=True)
class Column:
    """One column of a contract table.

    ``codes`` names a code set (a key of ``code_sets()``) for ``type == "code"``; codes are matched
    case-insensitively and stored in their canonical spelling.
    """

    name: str
    type: ColumnType
    required: bool
    meaning: str
    example: str
    codes: str | None = None
    # A scheduled or expiry date (bail ends, order expires, action due) may lie after the extract
    # date; every other date must not ("date before 1900 or after the extract date").
    may_be_future: bool = False


@dataclass(frozen=True)
class Reference:
    """``column`` must name a row of ``table``.``target`` (in this bundle or already in the store)."""

    column: str
    table: str
    target: str


@dataclass(frozen=True)
class DateOrder:
    """``later`` must not be before ``earlier``; ``earlier_table`` set when it lives in another table."""

    earlier: str
    later: str
    earlier_table: str | None = None
    via: str | None = None  # the column joining to earlier_table's key
    rule: str = "end_before_start"  # the RULES id a breach is quarantined under


@dataclass(frozen=True)
class Table:
    """One table of the contract."""

    name: str
    required: bool
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    date_orders: tuple[DateOrder, ...] = ()
    load_order: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")
