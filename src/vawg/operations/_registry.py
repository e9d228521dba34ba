"""The registry of work lists: each list is a record, and the CLI, the web app and the docs read it.

A :class:`WorkListSpec` says what a list is for (title, audience, plain-English definition, the board
paper paragraph) and what each of its columns means and holds (:class:`ListColumn`). The computed
frame has exactly these columns in this order and these types, so a column cannot appear on a list
without being documented (``_result.typed_frame`` refuses it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Literal

import pyarrow as pa

from vawg.errors import OperationsError

ColumnKind = Literal["text", "int", "float", "date", "bool"]

ARROW_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
}


# Words of column names written as a reader writes them in a heading.
_WORDS = {"id": "ID", "ids": "IDs", "da": "DA", "dvpn": "DVPN", "dvpo": "DVPO", "easi": "EASI",
          "rfsdi": "RFSDI", "rui": "RUI", "vawg": "VAWG", "90d": "in 90 days", "48h": "48 hours"}  # fmt: skip


def heading_of(name: str) -> str:
    """``days_to_bail_end`` → "Days to bail end", ``rfsdi_level`` → "RFSDI level"."""
    words = [_WORDS.get(word, word) for word in name.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


@dataclass(frozen=True)
class ListColumn:
    """One column of a work list: its name, type and meaning in plain English.

    ``name`` is what exports and the CLI use; ``heading`` what a page shows above the column
    (``label`` when given, else the name in words).
    """

    name: str
    kind: ColumnKind
    meaning: str
    identifier: bool = False  # a person, crime, order … id: never truncated in a table
    label: str = ""

    @property
    def heading(self) -> str:
        return self.label or heading_of(self.name)


@dataclass(frozen=True)
class WorkListSpec:
    """One work list: who uses it, what it holds, and its columns."""

    id: str
    title: str
    audience: str
    definition: str
    paper_ref: str
    columns: tuple[ListColumn, ...]
    sort: str  # how the rows are ordered, in words
    summary_columns: tuple[ListColumn, ...] = ()  # a second, aggregate table (e.g. per owner)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def arrow_schema(self, summary: bool = False) -> pa.Schema:
        cols = self.summary_columns if summary else self.columns
        return pa.schema([(c.name, ARROW_TYPES[c.kind]) for c in cols])

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ListRegistry:
    """The work lists in the order the CLI and docs show them, looked up by id."""

    def __init__(self, specs: tuple[WorkListSpec, ...]) -> None:
        self._specs = {s.id: s for s in specs}
        if len(self._specs) != len(specs):
            raise OperationsError("a work list id is registered twice")

    def get(self, list_id: str) -> WorkListSpec:
        """The list called ``list_id``; an unknown id is an OperationsError naming the valid ones."""
        try:
            return self._specs[list_id]
        except KeyError:
            close = difflib.get_close_matches(list_id, list(self._specs), n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise OperationsError(
                f"no work list {list_id!r}{hint}; the lists are: {', '.join(self._specs)}",
                list_id=list_id,
                valid=list(self._specs),
            ) from None

    def ids(self) -> list[str]:
        return list(self._specs)

    def __iter__(self) -> Iterator[WorkListSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, list_id: object) -> bool:
        return list_id in self._specs


__all__ = ["ARROW_TYPES", "ColumnKind", "ListColumn", "ListRegistry", "WorkListSpec"]
