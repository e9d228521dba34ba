"""The proof suite: malformed bundles, named and generated, never lose or double-count a row.

A store holding a first extract is loaded with a second whose ``crimes.csv`` is damaged at the
byte level (line endings mixed, stray CRs, garbage appended, truncation, blank lines, fields dropped
or added, stray quotes, a BOM, repeated lines, bytes that are not UTF-8). Whatever the damage, either
the bundle is rejected and the store is exactly as it was (crimes is a required table), or, checked
both by the report and by counting the store:

    rows_read = rows_loaded + rows_quarantined + rows_unchanged
    rows_loaded       = stored rows written by this load
    rows_quarantined  = distinct quarantine lines of this load (each within the file's lines)
    rows_updated      = history rows this load superseded
    stored crimes now = stored before + rows_loaded - rows_updated
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.ingest._helpers import base_rows, snapshot, write_bundle, write_csv
from vawg.ingest import ingest
from vawg.store import connect

Damage = Callable[[bytes, random.Random], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _at_some_lines(edit: Callable[[bytes], bytes]) -> Damage:
    def damage(data: bytes, rng: random.Random) -> bytes:
        lines = _lines(data)
        for i in rng.sample(range(1, len(lines) - 1), k=min(3, len(lines) - 2)):
            lines[i] = edit(lines[i])
        return b"\n".join(lines)

    return damage


DAMAGES: dict[str, Damage] = {
    "mixed_endings": _at_some_lines(lambda line: line + b"\r"),
    "crlf_tail": lambda data, rng: data[: len(data) // 2] + data[len(data) // 2 :].replace(b"\n", b"\r\n"),
    "stray_cr": _at_some_lines(lambda line: line + b"\r\r"),
    "garbage_appended": lambda data, rng: (
        data + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    ),
    "truncated": lambda data, rng: data[: rng.randrange(len(data) // 2, len(data))],
    "blank_lines": _at_some_lines(lambda line: b"\n" + line),
    "field_dropped": _at_some_lines(lambda line: line.replace(b",", b"", 1)),
    "field_added": _at_some_lines(lambda line: line + b",surplus"),
    "stray_quote": _at_some_lines(lambda line: line[:3] + b'"' + line[3:]),
    "bom": lambda data, rng: b"\xef\xbb\xbf" + data,
    "repeated_line": _at_some_lines(lambda line: line + b"\n" + line),
    "not_utf8": _at_some_lines(lambda line: line.replace(b"a", b"\xe9", 1)),
    "quoted_line_break": _at_some_lines(lambda line: line.replace(b",Walsall,", b',"Wal\r\nsall",', 1)),
}


def _crimes() -> list[dict[str, str]]:
    crimes = base_rows()["crimes"]
    for i in range(10, 34):
        crimes.append({**crimes[i % 3], "crime_id": f"C{i}", "area": "Walsall" if i % 2 else "Dudley"})
    return crimes


REQUIRED = ("persons", "crimes", "crime_persons", "outcomes")  # enough, and quick


def _check(folder: Path, damages: list[str], seed: int) -> None:
    rng = random.Random(seed)
    tables = {name: rows for name, rows in base_rows().items() if name in REQUIRED}
    tables["crimes"] = _crimes()[:15]
    con = connect(":memory:")
    ingest(write_bundle(folder / "first", tables), con, progress=False)
    before = snapshot(con)
    stored_before = con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]

    tables["crimes"] = _crimes()
    tables["crimes"][0]["area"] = "Sandwell"  # one update
    second = write_bundle(folder / "second", tables)
    path = write_csv(second / "crimes.csv", tables["crimes"])
    data = path.read_bytes()
    for name in damages:
        data = DAMAGES[name](data, rng)
    path.write_bytes(data)

    report = ingest(second, con, progress=False)
    counts = report.tables["crimes"]
    if counts.status != "loaded":
        assert report.exit_code == 2 and not report.loaded
        assert snapshot(con) == before  # rejected: nothing of the bundle committed
        return
    assert counts.rows_read == counts.rows_loaded + counts.rows_quarantined + counts.rows_unchanged
    (load_id,) = con.execute(
        "SELECT load_id FROM loads WHERE table_name = 'crimes' ORDER BY load_id DESC LIMIT 1"
    ).fetchall()[0]
    written = con.execute("SELECT count(*) FROM crimes WHERE load_id = ?", [load_id]).fetchall()[0][0]
    lines = con.execute(
        "SELECT count(DISTINCT line), coalesce(min(line), 2), coalesce(max(line), 2) FROM quarantine "
        "WHERE load_id = ?",
        [load_id],
    ).fetchall()[0]
    updated = con.execute("SELECT count(*) FROM history WHERE superseded_by_load = ?", [load_id]).fetchall()[
        0
    ][0]
    stored = con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]
    assert written == counts.rows_loaded
    assert lines[0] == counts.rows_quarantined
    assert lines[1] >= 2 and lines[2] <= data.count(b"\n") + 1
    assert updated == counts.rows_updated
    assert stored == stored_before + counts.rows_loaded - counts.rows_updated


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_each_kind_of_damage_keeps_the_accounting(tmp_path: Path, damage: str) -> None:
    _check(tmp_path, [damage], seed=7)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(DAMAGES)), min_size=1, max_size=4), st.integers(0, 10_000))
@example(["mixed_endings", "field_added", "truncated", "stray_quote"], 57)  # found: quotes mid-field
@example(["crlf_tail", "crlf_tail", "truncated", "blank_lines"], 0)  # found: lines walked in the copy
@example(["quoted_line_break", "truncated", "crlf_tail"], 0)  # found: a quoted CR CR LF walked as 2 lines
def test_any_mix_of_damage_keeps_the_accounting(damages: list[str], seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check(Path(folder), damages, seed)
