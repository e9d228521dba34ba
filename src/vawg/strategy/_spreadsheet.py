"""The tactical lead's spreadsheet: read a plan from CSV or XLSX (all rows checked, all-or-nothing)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vawg.errors import VawgError
from vawg.strategy._action import TEMPLATE_COLUMNS, Action
from vawg.strategy._validate import RowProblem, parse_row

# Header spellings a hand-kept spreadsheet uses for the template's columns.
_ALIASES = {
    "reference": "ref",
    "action ref": "ref",
    "action": "description",
    "action description": "description",
    "owner (role or team)": "owner",
    "lead": "strand_lead",
    "strand lead": "strand_lead",
    "start": "start_date",
    "start date": "start_date",
    "due": "due_date",
    "due date": "due_date",
    "rag status": "rag",
    "rag reason": "rag_reason",
    "reason": "rag_reason",
}


class PlanError(VawgError):
    """The action plan cannot do what was asked (an unknown action, a bad spreadsheet …)."""


class PlanImportError(PlanError):
    """The spreadsheet cannot be imported; ``problems`` lists every bad cell (nothing was changed)."""

    def __init__(self, message: str, problems: list[RowProblem] | None = None) -> None:
        self.problems = problems or []
        detail = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(message + (":\n" + detail + more if self.problems else ""))


@dataclass
class ParsedPlan:
    """The actions a spreadsheet holds (rows that were entirely empty are skipped and counted)."""

    file: str
    actions: list[Action] = field(default_factory=list)
    blank_rows: int = 0


def _normalise_header(name: Any) -> str:
    key = str(name or "").strip().lower().replace("_", " ")
    key = " ".join(key.split())
    return _ALIASES.get(key, key.replace(" ", "_"))


def _read_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [row for row in csv.reader(handle)]
        except UnicodeDecodeError as exc:
            raise PlanImportError(
                f"{path}: not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8"
            ) from None
    if suffix in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several unrelated types for a broken file
            raise PlanImportError(
                f"{path}: cannot read as an Excel workbook ({exc.__class__.__name__})"
            ) from None
        sheet = book["actions"] if "actions" in book.sheetnames else book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    raise PlanImportError(f"{path}: expected a .csv or .xlsx file; found {suffix or 'no suffix'}")


def read_plan(path: Path | str, *, strand_ids: set[str], known_metrics: set[str]) -> ParsedPlan:
    """Every action in the sheet, or PlanImportError listing every problem (file, row, column)."""
    source = Path(path)
    if not source.is_file():
        raise PlanImportError(f"{source}: no such file")
    rows = _read_rows(source)
    # A marking or title row may sit above the header: the header is the first row naming 'ref'.
    header_at = next((i for i, r in enumerate(rows[:10]) if "ref" in {_normalise_header(c) for c in r}), None)
    if header_at is None:
        raise PlanImportError(
            f"{source}: no header row: expected the template's columns ({', '.join(TEMPLATE_COLUMNS)})"
        )
    header = [_normalise_header(c) for c in rows[header_at]]
    missing = [
        c for c in TEMPLATE_COLUMNS if c not in header and c not in {"start_date", "rag_reason", "evidence"}
    ]
    if missing:
        raise PlanImportError(f"{source}: row {header_at + 1}: missing column(s) {', '.join(missing)}")
    parsed, problems, seen = ParsedPlan(str(source)), [], dict[str, int]()
    for offset, raw in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {header[i]: v for i, v in enumerate(raw) if i < len(header) and header[i]}
        if all(str(v or "").strip() == "" for v in values.values()):
            parsed.blank_rows += 1
            continue
        action, row_problems = parse_row(
            values, file=source.name, row=offset, strand_ids=strand_ids, known_metrics=known_metrics
        )
        problems += row_problems
        if action is not None:
            if action.ref in seen:
                problems.append(
                    RowProblem(
                        source.name,
                        offset,
                        "ref",
                        f"a reference not used before (row {seen[action.ref]})",
                        action.ref,
                    )
                )
            seen[action.ref] = offset
            parsed.actions.append(action)
    if problems:
        raise PlanImportError(f"{source}: {len(problems)} problem(s); nothing was imported", problems)
    return parsed


def plan_frame(actions: list[Action]) -> Any:
    """The actions as the template's columns (what `write_plan` writes and `read_plan` reads back)."""
    import pandas as pd

    return pd.DataFrame(
        [{c: a.to_record()[c] for c in TEMPLATE_COLUMNS} for a in actions], columns=list(TEMPLATE_COLUMNS)
    )


def write_plan(
    actions: list[Action], path: Path | str, *, history: list[dict[str, Any]] | None = None
) -> Path:
    """The plan as the tactical lead's spreadsheet (the import template's columns). An XLSX also gets a
    'guide' sheet (what each column means) and, when given, the 'history' of changes."""
    import pandas as pd

    from vawg.outputs import write_table
    from vawg.strategy._action import COLUMN_MEANINGS

    guide = pd.DataFrame(
        {"column": list(TEMPLATE_COLUMNS), "meaning": [COLUMN_MEANINGS[c] for c in TEMPLATE_COLUMNS]}
    )
    extra = {"guide": guide}
    if history is not None:
        extra["history"] = pd.DataFrame(
            history, columns=["ref", "changed_at", "changed_by", "source", "field", "old", "new"]
        )
    return write_table(plan_frame(actions), path, sheet_name="actions", extra_sheets=extra)
