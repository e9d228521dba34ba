"""The one place a work list becomes a file, so the shared writer can replace it in one line.

Interim writer until ``vawg.outputs.write_table`` is on main: the marking is a first column of every
row (CSV, Parquet) and the header and footer of the sheet (XLSX); text that a spreadsheet would run
as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype(object).where(frame.notna(), None)
    for column in out.columns:
        out[column] = out[column].map(
            lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
        )
    return out


def write_marked_table(frame: pd.DataFrame, path: Path, *, marking: str, about: str) -> Path:
    """Write ``frame`` to ``path`` (.csv, .xlsx or .parquet) carrying ``marking`` in the file."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        out = frame.copy()
        out.insert(0, "marking", marking)
        out.to_parquet(path, index=False)
        return path
    safe = _defused(frame)
    safe.insert(0, "marking", marking)
    if suffix == ".csv":
        safe.to_csv(path, index=False)
        return path
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name="list", index=False)
        sheet = writer.sheets["list"]
        sheet.oddHeader.center.text = marking
        sheet.oddFooter.center.text = f"{marking}. {about}"
        pd.DataFrame({"about": [marking, about]}).to_excel(writer, sheet_name="about", index=False)
    return path


__all__ = ["write_marked_table"]
