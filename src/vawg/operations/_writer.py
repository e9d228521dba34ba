"""The one place a work list becomes a file: ``vawg.outputs.write_table`` (formula-safe, marked).

CSV: a first line ``# OFFICIAL-SENSITIVE``; XLSX: the marking in the first row and the page header and
footer of every sheet, with an "about" sheet (list, date, filters, row count); Parquet: the marking in
the schema metadata (``vawg.marking``), Arrow types kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vawg.outputs import write_table


def write_marked_table(frame: pd.DataFrame, path: Path, *, marking: str, about: str) -> Path:
    """Write ``frame`` to ``path`` (.csv, .xlsx or .parquet) carrying ``marking`` in the file."""
    if path.suffix.lower() == ".parquet":
        return write_table(frame, path, marking=marking)
    plain = frame.astype(object).where(frame.notna(), None)  # spreadsheets take plain values
    return write_table(
        plain,
        path,
        marking=marking,
        sheet_name="list",
        extra_sheets={"about": pd.DataFrame({"about": [about]})},
    )


__all__ = ["write_marked_table"]
