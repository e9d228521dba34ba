"""XLSX through openpyxl with no live formula: every text cell neutralised and stored as text.

openpyxl turns any string that begins with ``=`` into a formula cell; we neutralise the text first
(:func:`vawg.outputs.neutralise`) and then set the cell's type to string explicitly, so no cell this
module writes can ever be a formula, whatever the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vawg.outputs._neutralise import xlsx_safe


def _cell_value(value: Any) -> Any:
    """A pandas/numpy value as openpyxl takes it (None for missing; naive datetimes; plain numbers)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()  # Excel has no time zones: keep the instant as text
    if isinstance(value, date | int | float | bool | str) or value is None:
        return xlsx_safe(value)
    return xlsx_safe(str(value))


def write_rows(sheet: Worksheet, rows: Iterable[Sequence[Any]]) -> None:
    """Append ``rows`` to ``sheet``: text neutralised and typed as text, so no cell is a formula."""
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def mark_worksheet(sheet: Worksheet, marking: str) -> None:
    """Print ``marking`` in the sheet's page header and footer (centre), with page numbers on the right."""
    sheet.oddHeader.center.text = marking
    sheet.oddFooter.center.text = marking
    sheet.oddFooter.right.text = "Page &P of &N"


def write_frame(sheet: Worksheet, frame: pd.DataFrame, marking: str | None) -> None:
    """``frame`` as a table: a marking row first when marked, then the header, then the rows."""
    if marking:
        write_rows(sheet, [[marking]])
        sheet.cell(1, 1).font = Font(bold=True, color="C00000")
        mark_worksheet(sheet, marking)
    write_rows(sheet, [[str(c) for c in frame.columns]])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    write_rows(sheet, frame.itertuples(index=False, name=None))
    sheet.freeze_panes = f"A{header + 1}"
    for i, name in enumerate(frame.columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, min(60, len(str(name)) + 2))


__all__ = ["mark_worksheet", "write_frame", "write_rows"]
