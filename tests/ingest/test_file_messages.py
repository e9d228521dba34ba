"""Files that cannot be read say why in words (never DuckDB's parser state, never the bytes)."""

from __future__ import annotations

import random
from pathlib import Path

from tests.ingest._helpers import count_rows, write_bundle
from vawg.ingest import ingest
from vawg.store import connect


def test_garbage_appended_to_a_file_is_named_with_its_line(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    rng = random.Random(1)
    with (bundle / "incidents.csv").open("ab") as fh:
        fh.write(bytes(rng.randrange(256) for _ in range(300)))  # trips DuckDB's "invalid state"
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    (rejected,) = report.rejected
    assert rejected.table == "incidents"
    assert rejected.found.startswith("binary data (byte 0x") and "on line 4" in rejected.found
    assert "state machine" not in rejected.message and "garbage appended" in rejected.found
    assert count_rows(con, "incidents") == 0 and count_rows(con, "crimes") == 3


def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    text = (bundle / "incidents.csv").read_text(encoding="utf-8")
    (bundle / "incidents.csv").write_bytes(text.encode("utf-16-le"))  # no BOM
    report = ingest(bundle, connect(":memory:"), progress=False)
    (rejected,) = report.rejected
    assert rejected.expected == "UTF-8 text" and "UTF-16" in rejected.found
    assert "\x00" not in rejected.message


def test_symlink_to_a_file_outside_the_bundle_is_refused_unread(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the first line of a file outside the bundle\n")
    (bundle / "intelligence.csv").unlink()
    (bundle / "intelligence.csv").symlink_to(secret)
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    (rejected,) = report.rejected
    assert rejected.table == "intelligence" and "outside" in rejected.found
    messages = " ".join(str(m) for (m,) in con.execute("SELECT message FROM loads").fetchall())
    assert "root:x" not in messages and "root:x" not in rejected.message
    assert report.loaded and count_rows(con, "crimes") == 3  # an optional table: the rest loads


def test_symlink_inside_the_bundle_is_followed(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "store").mkdir()
    (bundle / "intelligence.csv").rename(bundle / "store" / "intel.csv")
    (bundle / "intelligence.csv").symlink_to(bundle / "store" / "intel.csv")
    con = connect(":memory:")
    assert ingest(bundle, con, progress=False).exit_code == 0
    assert count_rows(con, "intelligence") == 1
