"""Files DuckDB's CSV reader cannot take as they are: mixed line endings, and what to say otherwise.

RFC 4180 ends lines with CR LF; most tools write LF. A file that mixes them (an LF file with a CR LF
tail, after two exports were concatenated) or has a stray CR before a line ending is still a
well-formed table, so it is read from a copy whose line endings, outside quoted values, are all LF.
A quoted value keeps its bytes (a line break inside a value is data). Quote state is tracked by
counting ``"`` characters, which RFC 4180 escaping (``""``) keeps consistent.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

CHUNK = 1 << 22
_ENDING = re.compile(rb"\r+\n")
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalise(text: bytes, quoted: bool) -> tuple[bytes, bool]:
    """``text`` with CR+ LF made LF outside quotes; ``quoted``: the text starts inside a quoted value."""
    parts = text.split(b'"')
    for i in range(len(parts)):
        if (i % 2 == 0) != quoted:
            parts[i] = _ENDING.sub(b"\n", parts[i])
    return b'"'.join(parts), quoted ^ (len(parts) % 2 == 0)


def normalise_line_endings(path: Path) -> Path:
    """A copy of ``path`` (in a new temporary folder) with uniform LF line endings."""
    folder = Path(tempfile.mkdtemp(prefix="vawg-ingest-"))
    target = folder / path.name
    quoted = False
    carry = b""
    with path.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            data = carry + chunk
            # Hold back trailing CRs: their LF may start the next chunk.
            keep = len(data) - len(data.rstrip(b"\r"))
            data, carry = (data[:-keep], data[-keep:]) if keep else (data, b"")
            out, quoted = _normalise(data, quoted)
            dst.write(out)
        if carry:
            dst.write(carry)
    return target


def unreadable_found(path: Path) -> str | None:
    """What makes a CSV unreadable, for the rejection message: binary bytes, and on which line.

    Garbage appended to a file (a truncated copy, a binary blob) is the usual cause; the message
    names the first line holding a control byte, never the bytes themselves.
    """
    line = 1
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            match = _BINARY.search(chunk)
            if match:
                line += chunk.count(b"\n", 0, match.start())
                return (
                    f"binary data (byte 0x{match.group()[0]:02x}) on line {line}: not CSV text "
                    "(garbage appended to the file, or a file that is not CSV)"
                )
            line += chunk.count(b"\n")
    return None
