"""A computed work list: the typed frame and what it is (as-of date, filters, definition, marking).

Every file a list is written to carries the marking (``vawg.MARKING``) inside the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from vawg import MARKING
from vawg.errors import OperationsError
from vawg.operations._registry import WorkListSpec
from vawg.operations._writer import write_marked_table

OUT_SUFFIXES = (".csv", ".xlsx", ".parquet")


def typed_frame(spec: WorkListSpec, frame: pd.DataFrame, *, summary: bool = False) -> pd.DataFrame:
    """``frame`` with exactly the registry's columns, in order, as Arrow-typed pandas columns.

    A column computed but not in the registry (or the reverse) is a programming error: every column
    shown to a user must be documented, so this fails loudly rather than dropping it.
    """
    schema = spec.arrow_schema(summary=summary)
    if list(frame.columns) != schema.names:
        raise AssertionError(
            f"{spec.id}: columns {list(frame.columns)} differ from the registry's {schema.names}"
        )
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


@dataclass(frozen=True)
class WorkList:
    """One work list as of a date: ``frame`` (one row per person, order … as the spec says)."""

    spec: WorkListSpec
    as_of: date
    filters: dict[str, str | None]
    frame: pd.DataFrame
    summary: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()
    marking: str = MARKING
    facts: dict[str, Any] = field(default_factory=dict)  # e.g. the RFSDI version used

    @property
    def row_count(self) -> int:
        return len(self.frame)

    @property
    def definition(self) -> str:
        return self.spec.definition

    def metadata(self) -> dict[str, Any]:
        """Everything about the list except its rows."""
        return {
            "marking": self.marking,
            "list": self.spec.id,
            "title": self.spec.title,
            "as_of": self.as_of.isoformat(),
            "filters": dict(self.filters),
            "definition": self.spec.definition,
            "sort": self.spec.sort,
            "row_count": self.row_count,
            "notes": list(self.notes),
            **self.facts,
        }

    def to_dict(self) -> dict[str, Any]:
        """Metadata, rows and the summary as JSON-ready values (dates as ISO strings, nulls as None)."""
        out = self.metadata()
        out["columns"] = [
            {"name": c.name, "heading": c.heading, "meaning": c.meaning} for c in self.spec.columns
        ]
        out["rows"] = _records(self.frame)
        if self.summary is not None:
            out["summary"] = _records(self.summary)
        return out

    def write(self, path: Path) -> Path:
        """Write the rows to a .csv, .xlsx or .parquet file, marked; any other suffix is refused."""
        suffix = path.suffix.lower()
        if suffix not in OUT_SUFFIXES:
            raise OperationsError(
                f"{path}: expected a .csv, .xlsx or .parquet file; found {suffix or 'no suffix'}",
                path=str(path),
                valid=list(OUT_SUFFIXES),
            )
        return write_marked_table(self.frame, path, marking=self.marking, about=self._about())

    def _about(self) -> str:
        filters = ", ".join(f"{k}={v}" for k, v in self.filters.items() if v) or "none"
        return f"{self.spec.title} as of {self.as_of.isoformat()} (filters: {filters}); {self.row_count} rows"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for record in frame.astype(object).to_dict(orient="records"):
        rows.append({str(k): _plain(v) for k, v in record.items()})
    return rows


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value


__all__ = ["OUT_SUFFIXES", "WorkList", "typed_frame"]
