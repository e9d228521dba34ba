"""`vawg export npcc --previous`: a quarter returned again withholds the cells revised by a small count."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli import app
from vawg.store import connect

QUARTER = "2022-Q3"


def _export(store: Path, out: Path, *extra: str) -> tuple[int, str, list[dict[str, str]]]:
    result = CliRunner().invoke(
        app, ["export", "npcc", "--db", str(store), "--quarter", QUARTER, "--out", str(out), *extra]
    )
    files = list(out.glob("*.csv"))
    rows: list[dict[str, str]] = []
    if files:
        with files[0].open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    return result.exit_code, result.output, rows


def test_a_quarter_returned_again_reveals_no_small_revision(handmade_store: Path, tmp_path: Path) -> None:
    """The earlier release was made before two Coventry crimes of the quarter reached the store; the
    attacker subtracts it from the new one, cell by cell: every revision is 0 or at least 5."""
    earlier_store = tmp_path / "earlier.duckdb"
    shutil.copy(handmade_store, earlier_store)
    con = connect(earlier_store)
    late = con.execute(
        "SELECT crime_id FROM crimes WHERE area = 'Coventry' AND recorded_date BETWEEN '2022-07-01' AND "
        "'2022-09-30' AND offence_code IN (SELECT offence_code FROM ref_offence WHERE vawg_category IS NOT NULL) ORDER BY crime_id LIMIT 2"
    ).fetchall()
    assert len(late) == 2
    for table in ("outcomes", "crime_persons", "crimes"):
        con.execute(f"DELETE FROM {table} WHERE crime_id IN (?, ?)", [c for (c,) in late])
    con.close()
    code, _, first = _export(earlier_store, tmp_path / "first")
    assert code == 0
    (earlier_file,) = (tmp_path / "first").glob("*.csv")
    code, _, plain = _export(handmade_store, tmp_path / "plain")
    assert code == 0 and _small_revisions(first, plain), "without --previous the revision shows"
    code, output, second = _export(handmade_store, tmp_path / "second", "--previous", str(earlier_file))
    assert code == 0, output
    assert _small_revisions(first, second) == []


def _small_revisions(before: list[dict[str, str]], after: list[dict[str, str]]) -> list[str]:
    old = {(r["indicator_id"], r["breakdown"], p): r[p] for r in before for p in ("numerator", "denominator")}
    found = []
    for row in after:
        for part in ("numerator", "denominator"):
            was, now = old.get((row["indicator_id"], row["breakdown"], part), ""), row[part]
            if was and now and 0 < abs(int(now) - int(was)) < 5:
                found.append(f"{row['indicator_id']} {row['breakdown']} {part}: {was} -> {now}")
    return found


def test_an_earlier_release_of_another_quarter_is_refused_naming_line_and_column(
    handmade_store: Path, tmp_path: Path
) -> None:
    code, _, first = _export(handmade_store, tmp_path / "first")
    wrong = tmp_path / "wrong.csv"
    with wrong.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(first[0]))
        writer.writeheader()
        writer.writerows([{**r, "quarter": "2022-Q2"} for r in first])
    code, output, _ = _export(handmade_store, tmp_path / "second", "--previous", str(wrong))
    assert code == 2
    assert "line 2, column quarter: expected 2022-Q3" in " ".join(output.split())
    assert not (tmp_path / "second").exists() or not list((tmp_path / "second").glob("*.csv"))
