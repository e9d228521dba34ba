"""Formula-injection neutralisation for every cell a spreadsheet may open (OWASP "CSV Injection").

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) evaluates a cell whose text begins with
``=``, ``+``, ``-`` or ``@`` as a formula, and one that begins with a tab or carriage return can hide
such a prefix; ``=HYPERLINK(...)`` or ``=cmd|...`` in a person id or an area then runs on the reader's
machine. The OWASP guidance is to prefix such a cell with a single quote, which the spreadsheet takes
as "this cell is text". We do that for every *text* value that begins with one of those characters
(also a line feed, a NUL and the full-width forms ``＝ ＋ － ＠``, which some locales read as formulas).
Spreadsheets may trim leading blanks, so a trigger hidden behind spaces, control characters or
zero-width characters (``"  =1+1"``) counts as leading too.

Numbers are not text: a genuine negative count or score (an ``int``/``float``/``Decimal`` value, or a
numeric column) stays a number — ``-3`` is a literal every spreadsheet reads as minus three, never a
formula. A *string* that merely looks like a number (``"-3"`` in an identifier column) is text and is
neutralised like any other, so a text column never carries a bare leading ``-``.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

# The first characters that make a spreadsheet evaluate (or hide) a formula. OWASP lists = + - @ tab CR;
# the ASVS adds NUL; LF and the full-width forms are added because some spreadsheets accept them too.
FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r\n\x00＝＋－＠")

# Blanks a spreadsheet may trim before it looks for a formula: whitespace, C0/C1 controls, zero-width.
_LEADING_BLANKS = re.compile(r"^[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]*")

# Characters an XLSX file cannot hold (openpyxl refuses them): replaced, so a hostile value cannot
# stop an export; U+FFFD is the Unicode replacement character.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Any) -> Any:
    """``value`` made safe to open in a spreadsheet: text starting with a trigger gets a leading ``'``.

    Anything that is not a ``str`` (numbers, dates, booleans, None, NaN) is returned unchanged.
    Idempotent: a neutralised value begins with ``'``, which is not a trigger.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_TRIGGERS:
        return "'" + value
    rest = _LEADING_BLANKS.sub("", value, count=1)
    if rest != value and rest and rest[0] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def is_text_column(column: pd.Series) -> bool:
    """Whether a column may hold text (object, string or categorical), i.e. needs neutralising."""
    dtype = column.dtype
    return not (
        ptypes.is_numeric_dtype(dtype) or ptypes.is_bool_dtype(dtype) or ptypes.is_datetime64_any_dtype(dtype)
    )


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text value and every column name neutralised."""
    out = frame.copy()
    for name in out.columns:
        if is_text_column(out[name]):
            out[name] = out[name].astype(object).map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def xlsx_safe(value: Any) -> Any:
    """A value as an XLSX cell can hold it: neutralised text without XML-illegal characters."""
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("\ufffd", neutralise(value))
    return value


__all__ = ["FORMULA_TRIGGERS", "is_text_column", "neutralise", "neutralise_frame", "xlsx_safe"]
