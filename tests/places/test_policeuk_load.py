"""police.uk street files into the store: counts against the raw files, vintages, the 2011 format."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from vawg.errors import FileRejected, IngestError
from vawg.places import load_policeuk, map_category, policeuk_category_counts, read_policeuk_file
from vawg.store import connect

DATA = Path(__file__).parents[1] / "data" / "policeuk"
EARLY = DATA / "city-of-london-2019-download"
LATER = DATA / "city-of-london-2021-download"
LEGACY = DATA / "west-midlands-2011-legacy" / "2011-02-west-midlands-street.csv"


def _raw_rows(folder: Path) -> list[dict[str, str]]:
    """The files read with the csv module only (the oracle the store is checked against)."""
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    return rows


@pytest.fixture
def con():
    con = connect(":memory:")
    yield con
    con.close()


def test_counts_per_month_and_category_match_the_raw_files(con) -> None:
    report = load_policeuk(EARLY, con, vintage=date(2019, 4, 28))
    raw = _raw_rows(EARLY)
    expected = Counter((r["Month"], r["Crime type"]) for r in raw)
    stored = con.execute(
        "SELECT strftime(month, '%Y-%m'), crime_type, count(*) FROM policeuk_crimes GROUP BY ALL"
    ).fetchall()
    assert {(m, c): n for m, c, n in stored} == dict(expected)
    assert report.rows == len(raw) == 767 + 715
    # Rows without coordinates are counted and kept, not dropped.
    no_location = sum(1 for r in raw if not r["Longitude"] or not r["Latitude"])
    assert report.rows_without_location == no_location > 0
    kept = con.execute("SELECT count(*) FROM policeuk_crimes WHERE longitude IS NULL").fetchall()[0][0]
    assert kept == no_location
    # Hand-checked (grep -c) against the 2018-08 file: 105 "Violence and sexual offences" rows.
    assert expected[("2018-08", "Violence and sexual offences")] == 105


def test_later_vintage_keeps_the_latest_outcome_and_records_the_change(con) -> None:
    load_policeuk(EARLY, con, vintage=date(2019, 4, 28))
    report = load_policeuk(LATER, con, vintage=date(2021, 5, 19))
    assert [(m.month, m.action) for m in report.months] == [("2018-08", "replaced")]

    # The oracle: rows matched on Crime ID and occurrence in file order, outcomes compared.
    def by_occurrence(folder: Path) -> dict[tuple[str, int], str]:
        seen: defaultdict[str, int] = defaultdict(int)
        out = {}
        for r in _raw_rows(folder):
            if r["Month"] == "2018-08" and r["Crime ID"]:
                seen[r["Crime ID"]] += 1
                out[(r["Crime ID"], seen[r["Crime ID"]])] = r["Last outcome category"]
        return out

    old, new = by_occurrence(EARLY), by_occurrence(LATER)
    differ = [k for k in new if old[k] != new[k]]
    assert report.outcome_changes == len(differ) == 69  # of 597 rows with an ID: about 12%
    month = con.execute(
        "SELECT count(*), sum(outcome_changed::INT) FROM policeuk_crimes WHERE month = '2018-08-01'"
    ).fetchall()[0]
    assert month == (715, 69)  # replaced, not added to: no crime counted twice
    crime = "32adf0ed4d840c417fe51944cc3ccad97e2e89466f21254da11c6f09bf5c0079"
    assert con.execute(
        "SELECT last_outcome, previous_outcome, outcome_changed, vintage FROM policeuk_crimes WHERE crime_id = ?",
        [crime],
    ).fetchall() == [("Court result unavailable", "Awaiting court outcome", True, date(2021, 5, 19))]
    # The untouched month keeps its first vintage.
    assert con.execute(
        "SELECT DISTINCT vintage FROM policeuk_crimes WHERE month = '2018-07-01'"
    ).fetchall() == [(date(2019, 4, 28),)]


def test_an_older_vintage_loaded_later_does_not_win(con) -> None:
    load_policeuk(LATER, con, vintage=date(2021, 5, 19))
    report = load_policeuk(EARLY, con, vintage=date(2019, 4, 28))
    actions = {m.month: m.action for m in report.months}
    assert actions == {"2018-07": "inserted", "2018-08": "skipped"}
    crime = "32adf0ed4d840c417fe51944cc3ccad97e2e89466f21254da11c6f09bf5c0079"
    assert con.execute("SELECT last_outcome FROM policeuk_crimes WHERE crime_id = ?", [crime]).fetchall() == [
        ("Court result unavailable",)
    ]


def test_legacy_2011_file_converted_and_mapped(con) -> None:
    report = load_policeuk(LEGACY, con, vintage=date(2011, 3, 28))
    assert report.months[0].file_format == "legacy"
    assert report.unmapped_categories == {"Other crime": 389}
    # First data row: 408811 E, 284398 N, "On or near Alfred Road": grid square SP, 8.8 km east and
    # 4.4 km north of SP 00 80, i.e. Alfred Road, Sparkhill, Birmingham, at about 52.4575 N, 1.8718 W.
    # Swapped axes or an untransformed datum would land kilometres (or a continent) away.
    lon, lat, crime_type, original = con.execute(
        "SELECT longitude, latitude, crime_type, crime_type_original FROM policeuk_crimes WHERE source_line = 2"
    ).fetchall()[0]
    assert (crime_type, original) == ("Robbery", "Robbery")
    assert lat == pytest.approx(52.4575, abs=0.0015) and lon == pytest.approx(-1.8718, abs=0.0015)
    mapped = dict(
        con.execute(
            "SELECT crime_type_original, any_value(coalesce(crime_type, '-')) FROM policeuk_crimes GROUP BY 1"
        ).fetchall()
    )
    assert mapped["Violent crime"] == "Violence and sexual offences"
    assert mapped["Other crime"] == "-"  # split in September 2011: not assigned to any current category
    # Every point lies within the West Midlands (roughly 52.35-52.65 N, 1.4-2.25 W).
    box = con.execute(
        "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM policeuk_crimes"
    ).fetchall()[0]
    assert box[0] > 52.3 and box[1] < 52.7 and box[2] > -2.3 and box[3] < -1.3


def test_category_counts_name_what_could_not_be_mapped(con) -> None:
    load_policeuk(LEGACY, con, vintage=date(2011, 3, 28))
    counts = policeuk_category_counts(con)
    by = dict(zip(counts["category"], counts["crimes"], strict=True))
    # Hand-counted (cut -d, -f7 | sort | uniq -c) from the excerpt.
    assert by == {
        "Anti-social behaviour": 436, "Burglary": 123, "Robbery": 44, "Vehicle crime": 129,
        "Violence and sexual offences": 157, "unmapped: Other crime": 389,
    }  # fmt: skip
    assert counts["without_location"].sum() == 0


def test_crlf_does_not_leak_into_the_last_column() -> None:
    assert LEGACY.read_bytes().count(b"\r\n") == 1279  # the test file really has CRLF endings
    parsed = read_policeuk_file(LEGACY)
    # The last column is blank but for two rows reading "Airport" (checked with grep): no "\r" left.
    assert parsed.rows["context"].dropna().tolist() == ["Airport", "Airport"]
    assert not parsed.rows["crime_type_original"].str.contains("\r").any()


def test_modern_other_crime_is_current_but_legacy_other_crime_is_not() -> None:
    assert map_category("Other crime", legacy=False) == ("Other crime", "current")
    assert map_category("Other crime", legacy=True) == (None, "unmappable")
    assert map_category("Violent crime", legacy=True) == ("Violence and sexual offences", "renamed")
    assert map_category("Public disorder and weapons", legacy=False) == (None, "unmappable")
    assert map_category("Cyber things", legacy=False) == (None, "unknown")


def test_two_files_for_one_force_month_in_one_load_are_refused(con, tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "2018-08.csv").write_bytes(
            (LATER / "2018-08-city-of-london-street.csv").read_bytes()
        )
    with pytest.raises(IngestError, match="two files for one force-month"):
        load_policeuk(tmp_path, con)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Month,Crime type\n2018-01,Burglary\n", "police.uk street-level header"),
        (
            "Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context\n"
            "2011-02,WMP,WMP,408811.0,284398.0,On or near A,Robbery,\n"
            "2011-02,WMP,WMP,east,284398.0,On or near B,Robbery,\n",
            r"line 3, column 'Easting': expected a number from 0 to 700000 or blank; found 'east'",
        ),
        (
            "Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context\n"
            "2011-13,WMP,WMP,408811.0,284398.0,On or near A,Robbery,\n",
            r"line 2, column 'Month': expected a month YYYY-MM",
        ),
    ],
)
def test_bad_files_are_named_with_line_and_column(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises((FileRejected, IngestError), match=match):
        read_policeuk_file(path)
