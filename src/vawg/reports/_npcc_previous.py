"""An earlier release of the same quarter's return, read back so revisions are not small counts.

A quarter returned again (late outcomes, a newer extract's corrections) can be subtracted from its
earlier release; ``vawg.disclosure`` withholds every cell revised by 1 to threshold − 1
(``_revisions``). This reads what the earlier CSV published, cell by cell, refusing a file that is
not a return of the same quarter with a message naming the file, line and column.
"""

from __future__ import annotations

import csv
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from vawg.errors import ReportError

NEEDED = ("quarter", "indicator_id", "breakdown", "numerator", "denominator")


def previous_counts(path: Path, quarter: str, rows: Iterable[Any]) -> dict[Hashable, int]:
    """{cell key: count} of every cell the earlier release at ``path`` published (withheld ones left
    out). ``rows`` are this release's rows (``num_key``/``den_key`` name their cells); a row of the
    earlier file that this release no longer has is ignored: nothing to subtract it from."""
    cells: dict[tuple[str, str, str], Hashable] = {}
    for row in rows:
        cells[(row.metric.id, row.breakdown, "numerator")] = row.num_key
        if row.den_key is not None:
            cells[(row.metric.id, row.breakdown, "denominator")] = row.den_key
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.DictReader(fh))
            header = list(lines[0]) if lines else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReportError(f"{path}: cannot read the earlier release ({exc})", path=str(path)) from None
    missing = [c for c in NEEDED if c not in header]
    if missing:
        raise ReportError(
            f"{path}: expected the national return's columns {', '.join(NEEDED)}; missing {', '.join(missing)}",
            path=str(path),
        )
    counts: dict[Hashable, int] = {}
    for line, record in enumerate(lines, start=2):
        if record["quarter"] != quarter:
            raise ReportError(
                f"{path}, line {line}, column quarter: expected {quarter} (the quarter being returned); "
                f"found {record['quarter']!r}",
                path=str(path),
                line=line,
            )
        for part in ("numerator", "denominator"):
            text = (record[part] or "").strip()
            key = cells.get((record["indicator_id"], record["breakdown"], part))
            if not text or key is None:
                continue
            try:
                count = int(text)
            except ValueError:
                raise ReportError(
                    f"{path}, line {line}, column {part}: expected a whole count or nothing; found {text!r}",
                    path=str(path),
                    line=line,
                ) from None
            if counts.setdefault(key, count) != count:  # a quantity the return publishes twice
                raise ReportError(
                    f"{path}, line {line}, column {part}: {count} disagrees with {counts[key]} published "
                    f"elsewhere in the file for the same quantity; is it an edited copy of a return?",
                    path=str(path),
                    line=line,
                )
    return counts


__all__ = ["previous_counts"]
