"""Writing the equality tables to CSV or Excel, through the project's one writer
(``vawg.outputs.write_table``: formula injection neutralised, atomic). The tables are suppressed
aggregates, so they carry no person-level marking."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vawg.errors import ConfigError
from vawg.outputs import write_table

ABOUT = (
    "Aggregates from vawg.equality: counts under the suppression threshold are withheld (blank) and "
    "every rate computed from them too. See docs/equality.md for the method and how to read it."
)


def write_equality_table(frame: pd.DataFrame, path: Path | str, *, sheet: str = "relative rates") -> Path:
    """Write ``frame`` to ``path`` (.csv, or .xlsx with an "about" sheet); return the path."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ConfigError(
            f"{out}: expected a .csv or .xlsx file; found {suffix or 'no suffix'}", path=str(out)
        )
    return write_table(
        frame, out, marking=None, sheet_name=sheet, extra_sheets={"about": pd.DataFrame({"about": [ABOUT]})}
    )


__all__ = ["ABOUT", "write_equality_table"]
