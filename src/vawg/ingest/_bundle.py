"""A bundle folder: which file holds which contract table, the extract date and the extract's kind."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vawg.contract import TABLES_BY_NAME, load_sequence
from vawg.errors import FileRejected, IngestError

FORMATS = {".csv": "csv", ".parquet": "parquet"}
MANIFEST = "manifest.json"
DELETIONS = "deletions.csv"
KINDS = ("full", "delta")


@dataclass
class Bundle:
    """The contract tables found in a bundle folder (anything else there is ignored).

    ``deletions`` is a delta's ``deletions.csv`` (None in a full extract or when it has none).
    """

    path: Path
    files: dict[str, Path] = field(default_factory=dict)
    rejected: list[FileRejected] = field(default_factory=list)
    deletions: Path | None = None

    def format_of(self, table: str) -> str:
        return FORMATS[self.files[table].suffix.lower()]


@dataclass(frozen=True)
class Manifest:
    """What manifest.json declares: the extract date and whether the extract is full or a delta."""

    extract_date: date | None = None
    kind: str = "full"


def _escapes(file: Path, root: Path) -> bool:
    """True for a symlink whose target lies outside the bundle folder."""
    return file.is_symlink() and not file.resolve().is_relative_to(root)


def find_bundle(path: Path, *, delta: bool = False) -> Bundle:
    """Map each contract table to its file in ``path``; a missing required table is a rejection.

    File names match case-insensitively (``Crimes.CSV`` is crimes). Subfolders (``truth/``) and
    files that are not ``<table>.csv`` / ``<table>.parquet`` are ignored. A symlink pointing outside
    the folder is refused (never read). A delta holds only what changed: no table is required.
    """
    if not path.is_dir():
        raise IngestError(f"{path}: not a folder; a bundle is a folder of <table>.csv files", path=str(path))
    bundle = Bundle(path)
    root = path.resolve()
    for file in sorted(path.iterdir()):
        table, suffix = file.stem.lower(), file.suffix.lower()
        is_deletions = delta and file.name.lower() == DELETIONS
        if suffix not in FORMATS or (table not in TABLES_BY_NAME and not is_deletions):
            continue
        if _escapes(file, root):
            bundle.rejected.append(
                FileRejected(
                    file,
                    expected="a file inside the bundle folder",
                    found="a symbolic link to a file outside it (not read)",
                    table=None if is_deletions else table,
                )
            )
            continue
        if not file.is_file():
            continue
        if is_deletions:
            bundle.deletions = file
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
        if spec.required and not delta and spec.name not in bundle.files:
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


def read_manifest(path: Path) -> Manifest:
    """The bundle's manifest.json (optional: a bundle without one is a full extract of no stated date)."""
    manifest = path / MANIFEST
    if not manifest.is_file():
        return Manifest()
    try:
        data: Any = json.loads(manifest.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the top level is not an object")
    except (ValueError, UnicodeDecodeError) as exc:
        raise IngestError(f"{manifest}: not a JSON object ({exc})", path=str(manifest)) from exc
    kind = str(data.get("kind", "full"))
    if kind not in KINDS:
        raise IngestError(f"{manifest}: kind {kind!r} is not one of {', '.join(KINDS)}", path=str(manifest))
    value = data.get("extract_date")
    if value is None:
        return Manifest(None, kind)
    try:
        return Manifest(date.fromisoformat(str(value)), kind)
    except ValueError as exc:
        raise IngestError(
            f"{manifest}: extract_date {value!r} is not an ISO date (YYYY-MM-DD)", path=str(manifest)
        ) from exc
