"""The one writer of every table vawg saves, safe to open in a spreadsheet and marked when personal.

``write_table(frame, path, marking=...)`` picks CSV, XLSX, Parquet or JSON by the file's suffix;
CSV and XLSX text is neutralised against formula injection (OWASP), a person-level output carries
the ``OFFICIAL-SENSITIVE`` marking. ``neutralise`` is the rule for one cell; ``write_rows`` and
``mark_worksheet`` are for hand-built openpyxl workbooks. See ``docs/outputs.md``.
"""

from vawg.outputs._neutralise import FORMULA_TRIGGERS, neutralise, neutralise_frame
from vawg.outputs._workbook import mark_worksheet, write_rows
from vawg.outputs._write import write_table

__all__ = [
    "FORMULA_TRIGGERS",
    "mark_worksheet",
    "neutralise",
    "neutralise_frame",
    "write_rows",
    "write_table",
]
