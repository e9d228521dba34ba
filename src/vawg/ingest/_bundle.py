"""A bundle folder: which file holds which contract table, and the extract date."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vawg.contract import TABLES_BY_NAME, load_sequence
from vawg.errors import FileRejected, IngestError

FORMATS = {".csv": "csv", ".parquet": "parquet"}
MANIFEST = "manifest.json"


@dataclass
class Bundle:
    """The contract tables found in a bundle folder (anything else there is ignored)."""

    path: Path
    files: dict[str, Path] = field(default_factory=dict)
    rejected: list[FileRejected] = field(default_factory=list)

    def format_of(self, table: str) -> str:
        return FORMATS[self.files[table].suffix.lower()]


def find_bundle(path: Path) -> Bundle:
    """Map each contract table to its file in ``path``; a missing required table is a rejection.

    File names match case-insensitively (``Crimes.CSV`` is crimes). Subfolders (``truth/``) and
    files that are not ``<table>.csv`` / ``<table>.parquet`` are ignored.
    """
    if not path.is_dir():
        raise IngestError(f"{path}: not a folder; a bundle is a folder of <table>.csv files", path=str(path))
    bundle = Bundle(path)
    for file in sorted(path.iterdir()):
        table, suffix = file.stem.lower(), file.suffix.lower()
        if not file.is_file() or suffix not in FORMATS or table not in TABLES_BY_NAME:
            continue
        if table in bundle.files:
            bundle.rejected.append(
                FileRejected(
                    file,
                    expected=f"one file for table {table}",
                    found=f"both {bundle.files[table].name} and {file.name}",
                    table=table,
                )
            )
            continue
        bundle.files[table] = file
    for spec in load_sequence():
        if spec.required and spec.name not in bundle.files:
            bundle.rejected.append(
                FileRejected(
                    path / f"{spec.name}.csv",
                    expected=f"{spec.name}.csv or {spec.name}.parquet (a required table)",
                    found="no such file in the bundle",
                    table=spec.name,
                )
            )
    return bundle


def manifest_is_synthetic(path: Path) -> bool:
    """Whether the bundle's manifest.json declares its data synthetic (``"synthetic": true``)."""
    manifest = path / MANIFEST
    try:
        return (
            manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")).get("synthetic") is True
        )
    except (ValueError, AttributeError):
        return False


def manifest_extract_date(path: Path) -> date | None:
    """``extract_date`` from the bundle's manifest.json, if there is one."""
    manifest = path / MANIFEST
    if not manifest.is_file():
        return None
    try:
        value = json.loads(manifest.read_text(encoding="utf-8")).get("extract_date")
    except (ValueError, AttributeError) as exc:
        raise IngestError(f"{manifest}: not a JSON object ({exc})", path=str(manifest)) from exc
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise IngestError(
            f"{manifest}: extract_date {value!r} is not an ISO date (YYYY-MM-DD)", path=str(manifest)
        ) from exc
