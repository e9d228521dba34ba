"""Load a folder of police.uk street-level files into the store, vintage by vintage.

police.uk re-publishes whole months as outcomes arrive, so the unit of replacement is a force's
month ("Reported by", "Month"). One ``load_policeuk`` call is one *vintage* (the date the files were
downloaded; default: today). For each force-month in it:

* not stored yet: its rows are inserted;
* stored from an older (or the same) vintage: the stored rows are replaced by the new ones; for a
  Crime ID in both whose "Last outcome category" differs, the new row keeps the latest outcome,
  carries ``outcome_changed`` and ``previous_outcome``, and the change is written to
  ``policeuk_outcome_changes``;
* stored from a newer vintage: the file is skipped (the latest vintage wins whatever the load order).

Two files for the same force-month in one load are refused: their order cannot be known.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from vawg.errors import IngestError
from vawg.places._policeuk import COLUMNS, read_policeuk_file

CRIMES_TABLE = "policeuk_crimes"
CHANGES_TABLE = "policeuk_outcome_changes"
LOADS_TABLE = "policeuk_loads"

_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {CRIMES_TABLE} (
  crime_id VARCHAR, month DATE NOT NULL, reported_by VARCHAR NOT NULL, falls_within VARCHAR,
  longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE, location VARCHAR,
  lsoa_code VARCHAR, lsoa_name VARCHAR, crime_type VARCHAR, crime_type_original VARCHAR NOT NULL,
  category_mapping VARCHAR NOT NULL, last_outcome VARCHAR, context VARCHAR, source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL, file_format VARCHAR NOT NULL, vintage DATE NOT NULL,
  outcome_changed BOOLEAN NOT NULL, previous_outcome VARCHAR, load_id BIGINT NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {CHANGES_TABLE} (
  crime_id VARCHAR NOT NULL, month DATE NOT NULL, reported_by VARCHAR NOT NULL,
  previous_outcome VARCHAR, outcome VARCHAR, previous_vintage DATE NOT NULL, vintage DATE NOT NULL,
  load_id BIGINT NOT NULL)""",
    f"""CREATE TABLE IF NOT EXISTS {LOADS_TABLE} (
  load_id BIGINT NOT NULL, file VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL, file_format VARCHAR NOT NULL,
  reported_by VARCHAR NOT NULL, month DATE NOT NULL, vintage DATE NOT NULL, rows BIGINT NOT NULL,
  rows_without_location BIGINT NOT NULL, outcome_changes BIGINT NOT NULL, action VARCHAR NOT NULL,
  loaded_at TIMESTAMP NOT NULL)""",
)


def create_policeuk_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The police.uk tables, created on first use (they are not part of the force's contract)."""
    for statement in _DDL:
        con.execute(statement)


@dataclass(frozen=True)
class MonthLoad:
    """What happened to one force-month of one file."""

    file: str
    file_format: str
    reported_by: str
    month: str
    rows: int
    rows_without_location: int
    action: str  # inserted, replaced, skipped (a newer vintage is stored)
    outcome_changes: int


@dataclass(frozen=True)
class PoliceUkLoadReport:
    """What ``load_policeuk`` did, file by file, and what it could not map."""

    folder: Path
    vintage: date
    months: tuple[MonthLoad, ...]
    unmapped_categories: dict[str, int] = field(default_factory=dict)
    unknown_categories: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(m.rows for m in self.months if m.action != "skipped")

    @property
    def rows_without_location(self) -> int:
        return sum(m.rows_without_location for m in self.months if m.action != "skipped")

    @property
    def outcome_changes(self) -> int:
        return sum(m.outcome_changes for m in self.months)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(folder=str(self.folder), vintage=self.vintage.isoformat(), rows=self.rows,
                   rows_without_location=self.rows_without_location, outcome_changes=self.outcome_changes)  # fmt: skip
        return out


def _files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise IngestError(f"{folder}: no such file or folder", path=str(folder))
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise IngestError(
            f"{folder}: no .csv files (expected police.uk street-level files)", path=str(folder)
        )
    return files


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute(f"SELECT coalesce(max(load_id), 0) + 1 FROM {LOADS_TABLE}").fetchall()[0][0])


def _replace_month(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, force: str, month: date, vintage: date,
                   load_id: int) -> tuple[str, int]:  # fmt: skip
    """Write one force-month; (action, outcome changes)."""
    stored = con.execute(
        f"SELECT max(vintage) FROM {CRIMES_TABLE} WHERE reported_by = ? AND month = ?", [force, month]
    ).fetchall()[0][0]
    if stored is not None and stored > vintage:
        return "skipped", 0
    staged = rows.assign(vintage=vintage, outcome_changed=False, previous_outcome=None, load_id=load_id)
    con.register("_policeuk_new", staged)
    # Typed like the table (an all-NULL column of the frame would otherwise get no useful type).
    con.execute(f"CREATE OR REPLACE TEMP TABLE _policeuk_stage AS SELECT * FROM {CRIMES_TABLE} LIMIT 0")
    con.execute("INSERT INTO _policeuk_stage SELECT * FROM _policeuk_new")
    con.unregister("_policeuk_new")
    changes = 0
    if stored is not None:
        # Rows are matched on Crime ID and, as real files repeat an ID within a month (one row per
        # offence of a crime), on its occurrence in file order: the n-th row of an ID in the old
        # vintage is the n-th row of that ID in the new one.
        occurrence = "row_number() OVER (PARTITION BY crime_id ORDER BY source_line)"
        old = f"""(SELECT crime_id, {occurrence} AS occurrence, last_outcome, outcome_changed, previous_outcome,
                   vintage FROM {CRIMES_TABLE} WHERE reported_by = ? AND month = ? AND crime_id IS NOT NULL)"""
        new = f"(SELECT *, {occurrence} AS occurrence FROM _policeuk_stage WHERE crime_id IS NOT NULL)"
        con.execute(
            f"""INSERT INTO {CHANGES_TABLE}
                SELECT s.crime_id, s.month, s.reported_by, o.last_outcome, s.last_outcome, o.vintage,
                       s.vintage, s.load_id
                FROM {new} s JOIN {old} o USING (crime_id, occurrence)
                WHERE s.last_outcome IS DISTINCT FROM o.last_outcome""",
            [force, month],
        )
        changes = int(
            con.execute(
                f"SELECT count(*) FROM {CHANGES_TABLE} WHERE load_id = ? AND reported_by = ? AND month = ?",
                [load_id, force, month],
            ).fetchall()[0][0]
        )
        con.execute(
            f"""UPDATE _policeuk_stage t SET
                  outcome_changed = o.outcome_changed OR t.last_outcome IS DISTINCT FROM o.last_outcome,
                  previous_outcome = CASE WHEN t.last_outcome IS DISTINCT FROM o.last_outcome
                                          THEN o.last_outcome ELSE o.previous_outcome END
                FROM {new} s JOIN {old} o USING (crime_id, occurrence)
                WHERE t.source_line = s.source_line""",
            [force, month],
        )
        con.execute(f"DELETE FROM {CRIMES_TABLE} WHERE reported_by = ? AND month = ?", [force, month])
    con.execute(f"INSERT INTO {CRIMES_TABLE} SELECT * FROM _policeuk_stage")
    return ("replaced" if stored is not None else "inserted"), changes


def load_policeuk(folder: Path | str, con: duckdb.DuckDBPyConnection, *, vintage: date | None = None,
                  progress: bool = False) -> PoliceUkLoadReport:  # fmt: skip
    """Load every police.uk street-level CSV under ``folder`` as one vintage (see the module doc)."""
    folder = Path(folder)
    vintage = vintage or datetime.now(UTC).date()
    files = _files(folder)
    create_policeuk_tables(con)
    read = []
    seen: dict[tuple[str, date], Path] = {}
    unmapped: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for path in _with_progress(files, progress):
        parsed = read_policeuk_file(path)
        for force, month in _force_months(parsed.rows):
            if (force, month) in seen:
                raise IngestError(
                    f"{path}: {force} {month:%Y-%m} is also in {seen[(force, month)]}; two files for one "
                    "force-month cannot be ordered: load each download separately, oldest first, or with "
                    "--vintage DATE",
                    path=str(path),
                )
            seen[(force, month)] = path
        for target, found in ((unmapped, parsed.unmapped_categories), (unknown, parsed.unknown_categories)):
            for name, count in found.items():
                target[name] = target.get(name, 0) + count
        read.append(parsed)
    months: list[MonthLoad] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for parsed in read:
            load_id = _next_load_id(con)
            digest = _sha256(parsed.path)
            for force, month in _force_months(parsed.rows):
                sel = (parsed.rows["reported_by"] == force) & (parsed.rows["month"] == month)
                rows = parsed.rows.loc[sel, list(COLUMNS)]
                action, changes = _replace_month(con, rows, force, month, vintage, load_id)
                no_loc = int((rows["longitude"].isna() | rows["latitude"].isna()).sum())
                con.execute(
                    f"INSERT INTO {LOADS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [load_id, str(parsed.path), digest, parsed.file_format, force, month, vintage,
                     len(rows), no_loc, changes, action, datetime.now(UTC).replace(tzinfo=None)],
                )  # fmt: skip
                months.append(MonthLoad(parsed.path.name, parsed.file_format, force, f"{month:%Y-%m}",
                                        len(rows), no_loc, action, changes))  # fmt: skip
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return PoliceUkLoadReport(folder, vintage, tuple(months), dict(sorted(unmapped.items())),
                              dict(sorted(unknown.items())))  # fmt: skip


def _force_months(rows: pd.DataFrame) -> list[tuple[str, date]]:
    """The distinct (Reported by, Month) pairs of a file, sorted."""
    return sorted({(str(f), m) for f, m in zip(rows["reported_by"], rows["month"], strict=True)})


def _with_progress(files: list[Path], show: bool) -> Any:
    if not show:
        return files
    from rich.progress import track

    return track(files, description="police.uk files", transient=True)


__all__ = [
    "CHANGES_TABLE",
    "CRIMES_TABLE",
    "LOADS_TABLE",
    "MonthLoad",
    "PoliceUkLoadReport",
    "create_policeuk_tables",
    "load_policeuk",
]
