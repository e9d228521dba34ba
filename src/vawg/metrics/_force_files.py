"""The force's own SPC context: declared change points and targets, as editable CSV files.

* ``change_points.csv`` — ``metric_id,date,reason``: known step changes (a law, a new process)
  after which an SPC chart's limits are recalculated. Shipped with the October 2022 bail change.
* ``targets.csv`` — ``metric_id,value,direction,from_date,reason``: a target for a metric from a
  date; ``direction`` is ``at_least`` or ``at_most``; a rate may be written ``5%`` or ``0.05``.
  Shipped empty: targets are the force's to set.

The shipped files are in ``vawg/metrics/data``; ``VAWG_CHANGE_POINTS_FILE`` and
``VAWG_TARGETS_FILE`` point at the force's copies. A bad row is a ConfigError naming the file, the
row, the column and what was expected.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from vawg.config import get_settings
from vawg.errors import ConfigError

DIRECTIONS = {"at_least": True, "at_most": False}


@dataclass(frozen=True)
class ChangePoint:
    metric_id: str
    date: date
    reason: str


@dataclass(frozen=True)
class Target:
    metric_id: str
    value: float
    higher_is_better: bool  # at_least: meeting it means being at or above the value
    from_date: date
    reason: str

    @property
    def direction(self) -> str:
        return "at_least" if self.higher_is_better else "at_most"


def _rows(path: Path | None, shipped: str, columns: tuple[str, ...]) -> tuple[str, list[dict[str, str]]]:
    if path is None:
        name = f"vawg/metrics/data/{shipped}"
        text = resources.files("vawg.metrics").joinpath("data", shipped).read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})", path=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(
            f"{name}: expected the columns {', '.join(columns)}; missing {', '.join(missing)}", path=name
        )
    return name, list(reader)


def _problem(name: str, row: int, column: str, expected: str, found: str) -> ConfigError:
    return ConfigError(f"{name}, row {row}, column {column}: expected {expected}; found {found!r}",
                       path=name, row=row, column=column)  # fmt: skip


def _metric(name: str, row: int, value: str) -> str:
    from vawg.metrics.catalogue._all import REGISTRY

    if value.strip() not in REGISTRY:
        raise _problem(name, row, "metric_id", "a metric id of `vawg metrics list`", value)
    return value.strip()


def _date(name: str, row: int, column: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _problem(name, row, column, "a date YYYY-MM-DD", value) from None


def load_change_points(path: Path | None = None) -> tuple[ChangePoint, ...]:
    """The declared change points (``path``, else VAWG_CHANGE_POINTS_FILE, else the shipped file)."""
    name, rows = _rows(path or get_settings().change_points_file, "change_points.csv",
                       ("metric_id", "date", "reason"))  # fmt: skip
    points = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        reason = (row.get("reason") or "").strip()
        if not reason:
            raise _problem(name, number, "reason", "why the process changed", "")
        points.append(ChangePoint(_metric(name, number, row["metric_id"]),
                                  _date(name, number, "date", row["date"]), reason))  # fmt: skip
    return tuple(sorted(points, key=lambda p: (p.metric_id, p.date)))


def load_targets(path: Path | None = None) -> tuple[Target, ...]:
    """The force's targets (``path``, else VAWG_TARGETS_FILE, else the shipped, empty file)."""
    name, rows = _rows(path or get_settings().targets_file, "targets.csv",
                       ("metric_id", "value", "direction", "from_date"))  # fmt: skip
    targets = []
    for number, row in enumerate(rows, start=2):
        text = (row.get("value") or "").strip()
        try:
            value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise _problem(name, number, "value", "a number, or a percentage like 5%", text) from None
        direction = (row.get("direction") or "").strip()
        if direction not in DIRECTIONS:
            raise _problem(name, number, "direction", "at_least or at_most", direction)
        targets.append(Target(_metric(name, number, row["metric_id"]), value, DIRECTIONS[direction],
                              _date(name, number, "from_date", row["from_date"]),
                              (row.get("reason") or "").strip()))  # fmt: skip
    return tuple(sorted(targets, key=lambda t: (t.metric_id, t.from_date)))


def change_dates(metric_id: str, points: tuple[ChangePoint, ...] | None = None) -> list[date]:
    """The change-point dates declared for ``metric_id``."""
    return [p.date for p in (load_change_points() if points is None else points) if p.metric_id == metric_id]


def target_on(metric_id: str, day: date, targets: tuple[Target, ...] | None = None) -> Target | None:
    """The target in force for ``metric_id`` on ``day`` (the latest from_date on or before it)."""
    found = [t for t in (load_targets() if targets is None else targets)
             if t.metric_id == metric_id and t.from_date <= day]  # fmt: skip
    return found[-1] if found else None


__all__ = [
    "ChangePoint",
    "Target",
    "change_dates",
    "load_change_points",
    "load_targets",
    "target_on",
]
