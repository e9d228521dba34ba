"""``write_table``: the one writer of every table vawg saves (CSV, XLSX, Parquet, JSON).

CSV and XLSX are what spreadsheets open, so their text is neutralised against formula injection;
Parquet and JSON are read by programs and keep every value exactly. A person-level output carries its
marking in every format (see docs/outputs.md for the conventions):

- CSV: the first line is ``# <MARKING>`` (a comment line; read with ``skiprows=1``), and every
  text field is quoted (``QUOTE_NONNUMERIC``) so a reader whose list separator is ``;`` cannot split a
  cell into a new one that begins with a trigger; numbers are written bare.
- XLSX: the marking in the first row and in every sheet's page header and footer.
- Parquet: the marking in the file's schema metadata (key ``vawg.marking``).
- JSON: ``{"marking": ..., "rows": [...]}``.

Files are written beside the target and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from vawg.errors import ReportError
from vawg.outputs._neutralise import neutralise, neutralise_frame
from vawg.outputs._workbook import write_frame

SUFFIXES = (".csv", ".xlsx", ".parquet", ".json")


def _write_csv(frame: pd.DataFrame, tmp: Path, marking: str | None) -> None:
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if marking:
            fh.write(f"# {marking}\n")
        neutralise_frame(frame).to_csv(fh, index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")


def _write_xlsx(
    frame: pd.DataFrame, tmp: Path, marking: str | None, sheet_name: str, extra: Mapping[str, pd.DataFrame]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name
    write_frame(sheet, frame, marking)
    for name, other in extra.items():
        write_frame(book.create_sheet(name), other, marking)
    book.save(tmp)


def _write_parquet(frame: pd.DataFrame, tmp: Path, marking: str | None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if marking:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"vawg.marking": marking})
    pq.write_table(table, tmp)


def _write_json(frame: pd.DataFrame, tmp: Path, marking: str | None) -> None:
    rows = json.loads(frame.to_json(orient="records", date_format="iso"))
    tmp.write_text(json.dumps({"marking": marking, "rows": rows}, indent=2), encoding="utf-8")


def write_table(
    frame: pd.DataFrame,
    path: Path | str,
    *,
    marking: str | None = None,
    sheet_name: str = "data",
    extra_sheets: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Write ``frame`` to ``path`` in the format its suffix names (.csv, .xlsx, .parquet or .json).

    ``marking`` (e.g. ``vawg.MARKING`` for person-level data) is carried as the module docstring says;
    ``None`` for aggregates. ``extra_sheets`` adds sheets to an XLSX (other formats ignore them).
    Raises :class:`~vawg.errors.ReportError` for any other suffix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportError(
            f"{path}: expected a {', '.join(SUFFIXES)} file; found {suffix or 'no suffix'}", path=str(path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        if suffix == ".csv":
            _write_csv(frame, tmp, marking)
        elif suffix == ".xlsx":
            _write_xlsx(frame, tmp, marking, neutralise(sheet_name)[:31], dict(extra_sheets or {}))
        elif suffix == ".parquet":
            _write_parquet(frame, tmp, marking)
        else:
            _write_json(frame, tmp, marking)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
    finally:
        tmp.unlink(missing_ok=True)
    return path


__all__ = ["SUFFIXES", "write_table"]
