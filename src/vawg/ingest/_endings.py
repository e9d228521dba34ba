"""Files DuckDB's CSV reader cannot take as they are: mixed line endings, and what to say otherwise.

RFC 4180 ends lines with CR LF; most tools write LF. A file that mixes them (an LF file with a CR LF
tail, after two exports were concatenated) or has a stray CR before a line ending is still a
well-formed table, so it is read from a copy whose line endings, outside quoted values, are all LF.
A quoted value keeps its bytes (a line break inside a value is data); a value is quoted when a
``"`` starts its field, as RFC 4180 and DuckDB's reader have it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

CHUNK = 1 << 22
_ENDING = re.compile(rb"\r+\n")
_QUOTE = re.compile(rb'"')
_FIELD_START = frozenset(b",\r\n")
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalise(text: bytes, quoted: bool, previous: int) -> tuple[bytes, bool]:
    """``text`` with CR+ LF made LF outside quoted values; returns it and whether it ends inside one.

    ``quoted``: ``text`` starts inside a quoted value; ``previous``: the byte before ``text``. As in
    RFC 4180 (and DuckDB's reader), a quote opens a quoted value only at the start of a field; a
    quote elsewhere is an ordinary character. Inside, ``""`` is a quote and a lone ``"`` closes.
    Only the quotes are visited, so a file with few of them costs a regex pass.
    """
    quotes = [m.start() for m in _QUOTE.finditer(text)]
    parts: list[bytes] = []
    cut, k = 0, 0
    while k < len(quotes):
        at = quotes[k]
        if not quoted:
            before = text[at - 1] if at else previous
            if before in _FIELD_START:
                parts.append(_ENDING.sub(b"\n", text[cut:at]))
                cut, quoted = at, True
            k += 1
        elif k + 1 < len(quotes) and quotes[k + 1] == at + 1:
            k += 2  # "" inside a quoted value
        else:
            parts.append(text[cut : at + 1])
            cut, quoted = at + 1, False
            k += 1
    tail = text[cut:]
    parts.append(tail if quoted else _ENDING.sub(b"\n", tail))
    return b"".join(parts), quoted


def normalise_line_endings(path: Path) -> Path:
    """A copy of ``path`` (in a new temporary folder) with uniform LF line endings."""
    folder = Path(tempfile.mkdtemp(prefix="vawg-ingest-"))
    target = folder / path.name
    quoted = False
    previous = ord("\n")  # the file starts a field
    carry = b""
    with path.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            data = carry + chunk
            # Hold back trailing CRs and quotes: the LF, or the second quote, may start the next chunk.
            keep = len(data) - len(data.rstrip(b'\r"'))
            data, carry = (data[:-keep], data[-keep:]) if keep else (data, b"")
            if data:
                out, quoted = _normalise(data, quoted, previous)
                previous = data[-1]
                dst.write(out)
        if carry:
            out, quoted = _normalise(carry, quoted, previous)
            dst.write(out)
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
