"""Write the national return as CSV and Excel (through vawg.outputs), in the documented template."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vawg import MARKING, __version__
from vawg.metrics import REGISTRY
from vawg.outputs import mark_worksheet, write_rows, write_table
from vawg.reports._npcc import TEMPLATE_COLUMNS, NationalReturn

COLUMN_NOTES: dict[str, str] = {
    "force": "The force's name as the Home Office spells it (settings force_name).",
    "quarter": "Calendar quarter, e.g. 2022-Q4 (October to December 2022).",
    "indicator_id": "Stable id of the metric in the vawg registry (`vawg metrics list`).",
    "indicator_title": "The metric's title in the registry.",
    "breakdown": "'All', or 'dimension: value' for one value of a breakdown (area, VAWG category, sex, age band).",
    "numerator": "The count (counts), or the rate's numerator. Blank when suppressed.",
    "denominator": "The rate's denominator; blank for counts and when suppressed.",
    "value": "The count (an integer), or the rate as a proportion rounded to 4 decimal places "
    "(0.0437 = 4.37%). Blank when suppressed or undefined.",
    "unit": "count or rate (as in the registry).",
    "suppressed": "TRUE when any of numerator, denominator or value is withheld.",
    "note": "Why a cell is withheld, or why a rate is missing.",
}


@dataclass(frozen=True)
class ReturnFiles:
    csv: Path
    xlsx: Path
    rows: int
    suppressed_rows: int


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _write_xlsx(ret: NationalReturn, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Return"
    write_rows(sheet, [list(TEMPLATE_COLUMNS)])
    write_rows(sheet, ret.frame.itertuples(index=False, name=None))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    value_column = TEMPLATE_COLUMNS.index("value") + 1
    unit_column = TEMPLATE_COLUMNS.index("unit") + 1
    for number in range(2, sheet.max_row + 1):
        if sheet.cell(number, unit_column).value == "rate":
            sheet.cell(number, value_column).number_format = "0.0%"
    widths = {"indicator_id": 30, "indicator_title": 44, "breakdown": 36, "note": 60}
    for i, name in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(name, 13)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    about = book.create_sheet("About")
    lines = [
        ("Marking", MARKING),
        ("Force", ret.force),
        ("Quarter", ret.quarter),
        ("Made", f"{datetime.now().isoformat(timespec='seconds')} by vawg {__version__}"),
        ("Suppression", f"counts under {ret.threshold} withheld, and further non-zero cells withheld until no "
                        f"withheld count, nor any difference of nested populations under {ret.threshold}, "
                        f"can be narrowed to a range under {ret.threshold} from the published cells and the "
                        "identities between them (totals, nested populations, equal counts); zeros are "
                        "always published; a rate is withheld when its numerator or denominator is. "
                        "See docs/reports.md."),
        ("Rows", f"{len(ret.frame)} ({int(ret.frame['suppressed'].sum())} with a withheld cell)"),
        ("", ""),
        ("Column", "Meaning"),
        *COLUMN_NOTES.items(),
        ("", ""),
        ("Indicator", "Definition (from the vawg metric registry)"),
        *((i.metric_id, REGISTRY.get(i.metric_id).definition) for i in ret.indicators),
    ]  # fmt: skip
    write_rows(about, lines)
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 110
    for row in about.iter_rows():
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        if row[0].value in ("Column", "Indicator", "Marking"):
            row[0].font = row[1].font = bold
    for ws in (sheet, about):
        mark_worksheet(ws, MARKING)
    book.save(path)


RATE_DECIMALS = 4  # a proportion to 4 places: a rate to a hundredth of a percentage point


def csv_frame(ret: NationalReturn) -> pd.DataFrame:
    """The return as the CSV shows it: integer counts, rates rounded, TRUE/FALSE as documented."""
    frame = ret.frame.copy()
    values = []
    for value, unit in zip(frame["value"], frame["unit"], strict=True):
        if pd.isna(value):
            values.append("")
        elif unit == "rate":
            values.append(f"{float(value):.{RATE_DECIMALS}f}")
        else:
            values.append(str(round(float(value))))
    frame["value"] = values
    frame["suppressed"] = frame["suppressed"].map({True: "TRUE", False: "FALSE"})
    return frame


def write_return(ret: NationalReturn, out_dir: Path) -> ReturnFiles:
    """Write ``<force>-vawg-return-<quarter>.csv`` and ``.xlsx`` into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{_slug(ret.force)}-vawg-return-{ret.quarter}"
    csv_path, xlsx_path = out_dir / f"{stem}.csv", out_dir / f"{stem}.xlsx"
    write_table(csv_frame(ret), csv_path)  # an aggregate in the Home Office template: no marking line
    _write_xlsx(ret, xlsx_path)
    return ReturnFiles(csv_path, xlsx_path, len(ret.frame), int(ret.frame["suppressed"].sum()))


__all__ = ["COLUMN_NOTES", "ReturnFiles", "write_return"]
