"""Read the Home Office police recorded crime table by police force area into ``national_crime``.

The published CSV has quirks that are kept or repaired on purpose:

* counts are padded with spaces (`` 66776 ``): stripped;
* zero is written ``-00``: read as 0;
* a quarter can hold a negative count (a reclassification adjustment): kept, so a force's yearly
  sum equals the published yearly figure;
* homicide is one code (``1/4.1/4.10/4.2``) on several rows per force and quarter: every row is kept
  (with its line number) and summed by the comparison;
* fraud bodies and British Transport Police are listed as forces: kept and flagged
  (``force_kind``), and excluded from ranks among territorial forces.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from vawg.errors import FileRejected, IngestError
from vawg.national._table import NATIONAL_TABLE, create_national_table, force_kind

# Column in the file -> column in national_crime. Matched case-insensitively, ignoring spaces around.
COLUMNS: dict[str, str] = {
    "Financial Year": "financial_year",
    "Financial Quarter": "financial_quarter",
    "Force Name": "force_name",
    "Offence Description": "offence_description",
    "Offence Group": "offence_group",
    "Offence Subgroup": "offence_subgroup",
    "Offence Code": "offence_code",
    "Number of Offences": "offences",
}

_COUNT = re.compile(r"^-?\d+$")
_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True)
class NationalLoadReport:
    """What ``load_national`` read: rows, years, and the quirks it met."""

    path: Path
    rows: int
    financial_years: tuple[str, ...]
    territorial_forces: int
    special_forces: tuple[str, ...]
    fraud_bodies: tuple[str, ...]
    zero_dash_rows: int
    negative_rows: int
    replaced_rows: int

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["path"] = str(self.path)
        return out


def _quarter_start(financial_year: str, quarter: int) -> date:
    """First day of quarter ``quarter`` (1 = April–June) of financial year ``2017/18``."""
    start_year = int(financial_year[:4])
    month = 4 + 3 * (quarter - 1)
    return date(start_year + (month > 12), (month - 1) % 12 + 1, 1)


def _fail(path: Path, line: int, column: str, expected: str, found: str) -> IngestError:
    return IngestError(
        f"{path}: line {line}, column {column!r}: expected {expected}; found {found!r}",
        path=str(path),
        line=line,
        column=column,
        expected=expected,
        found=found,
    )


def read_national_csv(path: Path) -> pd.DataFrame:
    """The file as a frame with the ``national_crime`` columns (not yet stored); raises on bad rows."""
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise FileRejected(path, "a UTF-8 CSV file", f"an unreadable file ({exc})") from exc
    by_key = {c.strip().lower(): c for c in raw.columns}
    missing = [c for c in COLUMNS if c.lower() not in by_key]
    if missing:
        raise FileRejected(
            path,
            f"columns {', '.join(COLUMNS)}",
            f"columns {', '.join(raw.columns)}; missing {', '.join(missing)}",
        )
    frame = pd.DataFrame({dest: raw[by_key[src.lower()]].str.strip() for src, dest in COLUMNS.items()})

    checks = (
        ("offences", "Number of Offences", "a whole number", ~frame["offences"].str.fullmatch(_COUNT.pattern)),
        ("financial_year", "Financial Year", "a year like 2017/18", ~frame["financial_year"].str.fullmatch(_YEAR.pattern)),
        ("financial_quarter", "Financial Quarter", "1, 2, 3 or 4", ~frame["financial_quarter"].isin(["1", "2", "3", "4"])),
        ("force_name", "Force Name", "a value", frame["force_name"] == ""),
        ("offence_code", "Offence Code", "a value", frame["offence_code"] == ""),
    )  # fmt: skip
    for column, heading, expected, bad in checks:
        positions = np.flatnonzero(bad.to_numpy(dtype=bool))
        if len(positions):
            first = int(positions[0])
            raise _fail(
                path, first + 2, heading, expected, str(frame[column].iloc[first])
            )  # header is line 1

    frame["zero_dash"] = frame["offences"] == "-00"
    frame["offences"] = frame["offences"].astype("int64")  # "-00" -> 0; "-45" -> -45 (kept)
    frame["financial_quarter"] = frame["financial_quarter"].astype("int64")
    starts = {
        key: _quarter_start(*key)
        for key in set(zip(frame["financial_year"], frame["financial_quarter"], strict=True))
    }
    frame["period_start"] = [
        starts[k] for k in zip(frame["financial_year"], frame["financial_quarter"], strict=True)
    ]
    frame["period"] = frame["financial_year"] + " Q" + frame["financial_quarter"].astype(str)
    frame["calendar_quarter"] = [f"{d.year}-Q{(d.month - 1) // 3 + 1}" for d in frame["period_start"]]

    only_fraud = frame.groupby("force_name")["offence_subgroup"].agg(
        lambda s: bool(s.str.startswith("Fraud:").all())
    )
    kinds = {
        str(name): force_kind(str(name), only_fraud_rows=bool(flag)) for name, flag in only_fraud.items()
    }
    frame["force_kind"] = frame["force_name"].map(kinds)
    frame["is_territorial"] = frame["force_kind"] == "territorial"
    frame["source_line"] = np.arange(2, len(frame) + 2, dtype="int64")  # header is line 1
    return frame


def load_national(path: Path, con: duckdb.DuckDBPyConnection) -> NationalLoadReport:
    """Load the Home Office table at ``path`` into ``national_crime``.

    Loading is idempotent: rows of the financial years in the file replace the stored rows of those
    years (a newer edition of the table revises earlier quarters), in one transaction.
    """
    path = Path(path)
    frame = read_national_csv(path)
    years = tuple(sorted(frame["financial_year"].unique()))
    create_national_table(con)
    stored = frame.drop(columns="zero_dash").assign(
        source_file=path.name, loaded_at=datetime.now(UTC).replace(tzinfo=None)
    )
    columns = [r[0] for r in con.execute(f"DESCRIBE {NATIONAL_TABLE}").fetchall()]
    con.execute("BEGIN TRANSACTION")
    try:
        placeholders = ", ".join("?" for _ in years)
        replaced = con.execute(
            f"SELECT count(*) FROM {NATIONAL_TABLE} WHERE financial_year IN ({placeholders})", list(years)
        ).fetchall()[0][0]
        con.execute(f"DELETE FROM {NATIONAL_TABLE} WHERE financial_year IN ({placeholders})", list(years))
        con.register("_national_rows", stored[columns])
        con.execute(f"INSERT INTO {NATIONAL_TABLE} SELECT * FROM _national_rows")
        con.unregister("_national_rows")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    kinds = frame.drop_duplicates("force_name").set_index("force_name")["force_kind"]
    return NationalLoadReport(
        path=path,
        rows=len(frame),
        financial_years=years,
        territorial_forces=int((kinds == "territorial").sum()),
        special_forces=tuple(sorted(kinds.index[kinds == "special"])),
        fraud_bodies=tuple(sorted(kinds.index[kinds == "fraud_body"])),
        zero_dash_rows=int(frame["zero_dash"].sum()),
        negative_rows=int((frame["offences"] < 0).sum()),
        replaced_rows=int(replaced),
    )


__all__ = ["COLUMNS", "NationalLoadReport", "load_national", "read_national_csv"]
