"""Print a work list legibly in a narrow terminal: identifiers whole, other columns wrapped or dropped.

Person, crime, order and custody ids are never cut: their columns are as wide as the longest id (a
list of ids is shown one per line). Other columns follow in the registry's order while they fit at a
readable width, wrapping inside it; the ones that do not fit are named in a note (``--json`` and
``--out`` give every column).
"""

from __future__ import annotations

import pandas as pd
from rich.table import Table

from vawg.operations import WorkList

CELL_OVERHEAD = 3  # one space either side and a border
MIN_TEXT_WIDTH = 8  # a wrapped column narrower than this is unreadable: drop it instead
MAX_TEXT_WIDTH = 28


def _cell(value: object, identifier: bool) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value)
    return text.replace(", ", "\n") if identifier else text


def _width(values: list[str], header: str) -> int:
    longest = max((len(line) for v in values for line in v.split("\n")), default=0)
    return max(longest, len(header) if longest else 0)


def list_table(work: WorkList, frame: pd.DataFrame, width: int) -> tuple[Table, list[str]]:
    """The rich table of ``frame`` (rows of ``work``) for a terminal ``width`` wide, and the columns
    left out (shown only with --json or --out)."""
    cells = {
        c.name: [_cell(v, c.identifier) for v in frame[c.name].astype(object)] for c in work.spec.columns
    }
    budget = width - 1
    chosen: dict[str, int] = {}
    dropped: list[str] = []
    for column in work.spec.columns:  # identifiers first: they are never dropped for width
        if column.identifier and any(cells[column.name]):
            chosen[column.name] = _width(cells[column.name], column.name)
            budget -= chosen[column.name] + CELL_OVERHEAD
    for column in work.spec.columns:
        if column.identifier or not any(cells[column.name]):
            continue
        wanted = min(_width(cells[column.name], column.name), MAX_TEXT_WIDTH)
        floor = min(wanted, MIN_TEXT_WIDTH)
        if budget - (floor + CELL_OVERHEAD) >= 0:
            chosen[column.name] = max(floor, min(wanted, budget - CELL_OVERHEAD))
            budget -= chosen[column.name] + CELL_OVERHEAD
        else:
            dropped.append(column.name)
    table = Table(show_lines=False, pad_edge=True, expand=False)
    order = [c for c in work.spec.columns if c.name in chosen]
    for column in order:
        size = chosen[column.name]
        if column.identifier:
            table.add_column(column.name, no_wrap=True, min_width=size, max_width=size, overflow="fold")
        else:
            table.add_column(column.name, max_width=size, overflow="fold")
    for i in range(len(frame)):
        table.add_row(*(cells[c.name][i] for c in order))
    return table, dropped


__all__ = ["list_table"]
