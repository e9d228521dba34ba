"""Hand-made bundles for the ingest tests: a small valid force to break one row at a time."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from vawg.contract import TABLES

EXTRACT = date(2023, 3, 31)

Rows = list[dict[str, str]]


def base_rows() -> dict[str, Rows]:
    """Every contract table with a few valid rows (a fresh copy each call)."""
    return {
        "persons": [
            {"person_id": "P1", "sex": "F", "birth_year": "1990", "ethnicity": "W1"},
            {"person_id": "P2", "sex": "M", "birth_year": "1985", "ethnicity": "A1"},
            {"person_id": "P3", "sex": "F", "birth_year": "", "ethnicity": ""},
            {"person_id": "P4", "sex": "M", "birth_year": "1970", "ethnicity": "NS"},
        ],
        "crimes": [
            {"crime_id": "C1", "recorded_date": "2022-01-10", "offence_code": "8Q", "area": "Birmingham",
             "da_flag": "true", "hba_flag": "false", "online_flag": "false", "committed_date": "2022-01-08"},
            {"crime_id": "C2", "recorded_date": "2022-02-01", "offence_code": "19C", "area": "Coventry",
             "da_flag": "false", "hba_flag": "", "online_flag": "", "committed_date": ""},
            {"crime_id": "C3", "recorded_date": "2022-03-05", "offence_code": "105A", "area": "Dudley",
             "da_flag": "true", "hba_flag": "false", "online_flag": "true", "committed_date": "2022-03-05"},
        ],
        "crime_persons": [
            {"crime_id": "C1", "person_id": "P1", "role": "victim", "linked_date": "", "age": "31"},
            {"crime_id": "C1", "person_id": "P2", "role": "suspect", "linked_date": "2022-01-11", "age": "36"},
            {"crime_id": "C2", "person_id": "P3", "role": "victim", "linked_date": "", "age": ""},
            {"crime_id": "C3", "person_id": "P4", "role": "suspect", "linked_date": "", "age": "51"},
        ],
        "outcomes": [
            {"crime_id": "C1", "outcome_code": "16", "outcome_date": "2022-02-01"},
            {"crime_id": "C1", "outcome_code": "1", "outcome_date": "2022-03-01"},
            {"crime_id": "C2", "outcome_code": "1", "outcome_date": "2022-04-01"},
        ],
        "incidents": [
            {"incident_id": "I1", "reported_date": "2022-01-09", "area": "Birmingham", "da_flag": "true",
             "crime_id": "C1"},
            {"incident_id": "I2", "reported_date": "2022-02-02", "area": "Coventry", "da_flag": "true",
             "crime_id": ""},
        ],
        "custody": [
            {"custody_id": "K1", "person_id": "P2", "crime_id": "C1", "arrest_date": "2022-01-11",
             "disposal": "bail", "bail_end_date": "2022-02-11", "bail_conditions": "true",
             "referral": "new_chance"},
            {"custody_id": "K2", "person_id": "P4", "crime_id": "C3", "arrest_date": "2023-03-30",
             "disposal": "bail", "bail_end_date": "2023-06-30", "bail_conditions": "false", "referral": ""},
        ],
        "orders": [
            {"order_id": "O1", "person_id": "P2", "order_type": "DVPN", "status": "granted",
             "start_date": "2022-01-12", "end_date": "2022-01-14", "parent_order_id": "",
             "victim_person_id": "P1"},
            {"order_id": "O2", "person_id": "P2", "order_type": "DVPO", "status": "granted",
             "start_date": "2023-03-14", "end_date": "2023-04-11", "parent_order_id": "O1",
             "victim_person_id": "P1"},
        ],
        "order_breaches": [{"order_id": "O2", "breach_date": "2023-03-20", "action": "arrest"}],
        "interventions": [
            {"person_id": "P2", "programme": "EASI", "referred_date": "2022-02-01",
             "completed_date": "2022-05-01", "status": "completed"},
        ],
        "intelligence": [
            {"intel_id": "N1", "person_id": "P2", "submitted_date": "2022-01-01", "topic": "drugs"},
        ],
        "actions": [
            {"action_id": "A1", "crime_id": "C1", "forum": "stalking_clinic", "description": "Apply for an SPO",
             "owner": "PPU Stalking Team", "set_date": "2023-03-15", "due_date": "2023-04-15",
             "done_date": ""},
        ],
    }  # fmt: skip


def write_csv(path: Path, rows: Rows, header: list[str] | None = None) -> Path:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
    return path


def write_bundle(
    folder: Path, tables: dict[str, Rows] | None = None, *, extract: date | None = EXTRACT
) -> Path:
    """Write ``tables`` (default: the base rows) as CSV files plus a manifest with the extract date."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (base_rows() if tables is None else tables).items():
        write_csv(folder / f"{name}.csv", rows)
    if extract is not None:
        (folder / "manifest.json").write_text(
            json.dumps({"contract_version": 1, "extract_date": str(extract)})
        )
    return folder


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Every data table's rows (sorted, load ids left out), the history and the quarantine."""
    out: dict[str, Any] = {}
    for spec in TABLES:
        cols = ", ".join(f"CAST({c} AS VARCHAR)" for c in spec.column_names)
        out[spec.name] = con.execute(
            f"SELECT {cols}, CAST(extra AS VARCHAR) FROM {spec.name} ORDER BY ALL"
        ).fetchall()
    out["history"] = con.execute("SELECT table_name, record_key, row FROM history ORDER BY ALL").fetchall()
    out["quarantine"] = con.execute(
        "SELECT table_name, file, line, column_name, rule, value, message FROM quarantine ORDER BY ALL"
    ).fetchall()
    return out


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])
