"""Physical line numbers of records, for the quarantine (header = line 1).

DuckDB reads records in file order (the stage table's ``rowid`` is the record's position) but does
not say on which line each began. When every record is one line and there are no blank lines, which
one pass over the bytes can tell (physical lines == 1 + records + rejected records), record k is on
line k + 2, shifted past the lines DuckDB rejected before it: cheap arithmetic over the few
quarantined records. Otherwise (a quoted value holding a line break, blank lines) the file is walked
once more with Python's csv module to find where each record starts; that slower path runs only for
such files, and only when a row is quarantined.
"""

from __future__ import annotations

import csv
import hashlib
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK = 1 << 22


@dataclass(frozen=True)
class FileScan:
    """SHA-256 of the file's bytes, its number of physical lines, and how its lines end.

    ``crlf`` counts CR LF pairs, ``stray_cr`` CR CR LF (a stray CR before a line ending). Both
    count quoted line breaks too: enough to tell a file that needs its line endings made uniform.
    """

    sha256: str
    lines: int
    newlines: int = 0
    crlf: int = 0
    stray_cr: int = 0

    @property
    def has_cr(self) -> bool:
        return self.crlf > 0

    @property
    def mixed_endings(self) -> bool:
        """Some lines end LF and some CR LF, or a CR stands before a line ending."""
        return 0 < self.crlf < self.newlines or self.stray_cr > 0


def scan_file(path: Path) -> FileScan:
    """One pass over the bytes: the digest (same file again?), the line count, the line endings."""
    digest = hashlib.sha256()
    newlines = crlf = stray = 0
    last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            newlines += chunk.count(b"\n")
            if b"\r" in chunk:  # memchr: an LF-only file pays nothing more for the counts below
                crlf += chunk.count(b"\r\n")
                stray += chunk.count(b"\r\r\n")
            # A CR LF (or CR CR LF) may straddle two chunks.
            if last.endswith(b"\r") and chunk.startswith(b"\n"):
                crlf += 1
                stray += last.endswith(b"\r\r")
            stray += last.endswith(b"\r") and chunk.startswith(b"\r\n")
            last = (last + chunk)[-2:]
    lines = newlines + (1 if last[-1:] not in (b"\n", b"") else 0)
    return FileScan(digest.hexdigest(), lines, newlines, crlf, stray)


class LineMap:
    """Maps a record's position (0-based, rejected records excluded) to its physical line.

    ``records`` is the number of records DuckDB read (rejected ones not counted); ``rejected`` are the line numbers DuckDB gave the records it could not split: physical lines in
    a simple file; in other files, 1 + the record's position counting blank lines and rejects.
    """

    def __init__(self, path: Path, fmt: str, physical_lines: int, records: int, rejected: list[int]) -> None:
        self.path = path
        self.fmt = fmt
        self.rejected = np.array(sorted(set(rejected)), dtype=np.int64)
        self.simple = fmt != "csv" or physical_lines == 1 + records + len(self.rejected)
        self._walked: tuple[array, array] | None = None

    def record_lines(self, recs: np.ndarray) -> np.ndarray:
        recs = np.asarray(recs, dtype=np.int64)
        if self.fmt != "csv":
            return recs + 1
        if self.simple:
            # The j-th rejected line (1-based j) shifts every record at position >= r_j - 1 - j.
            thresholds = self.rejected - 1 - np.arange(1, len(self.rejected) + 1)
            return recs + 2 + np.searchsorted(thresholds, recs, side="right")
        starts, kept = self._walk()
        return np.asarray(starts, dtype=np.int64)[np.asarray(kept, dtype=np.int64)[recs]]

    def reject_lines(self, lines: np.ndarray) -> np.ndarray:
        lines = np.asarray(lines, dtype=np.int64)
        if self.simple:
            return lines
        starts, _ = self._walk()
        index = np.clip(lines - 1, 0, len(starts) - 1)
        return np.asarray(starts, dtype=np.int64)[index]

    def _walk(self) -> tuple[array, array]:
        """Start line of every row csv.reader yields, and which of them are DuckDB's records."""
        if self._walked is not None:
            return self._walked
        starts, kept = array("q"), array("q")
        rejected = set(self.rejected.tolist())
        csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))  # DuckDB allows long values too
        # Lines end at LF only (a CR CR LF, or a CR inside a quoted value, is not two lines), as
        # scan_file counts them and as editors and `grep -n` number them: newline="" would also
        # end a line at every lone CR, and a quoted "a\r\r\nb" would push later lines down by one.
        with self.path.open(newline="\n", encoding="utf-8-sig", errors="replace") as fh:
            reader = csv.reader(fh)
            previous_end = 0
            for index, row in enumerate(reader):
                starts.append(previous_end + 1)
                previous_end = reader.line_num
                # DuckDB skips blank lines and sets aside the rows it rejected; the rest are records.
                if index > 0 and row and (index + 1) not in rejected:
                    kept.append(index)
        self._walked = (starts, kept)
        return self._walked
