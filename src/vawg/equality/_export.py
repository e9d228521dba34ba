"""Writing the equality tables to CSV or Excel.

One private writer so the switch to the shared ``vawg.outputs.write_table`` (when it is on main)
happens in one place: :func:`write_equality_table`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vawg.errors import ConfigError

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
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(out, index=False)
    else:
        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
            pd.DataFrame({"about": [ABOUT]}).to_excel(writer, sheet_name="about", index=False)
    return out


__all__ = ["ABOUT", "write_equality_table"]
