"""Every row rule of the contract, broken once per representative table and column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.ingest._helpers import base_rows, count_rows, write_bundle
from vawg.contract import RULES
from vawg.ingest import IngestReport, ingest, quarantine_rows
from vawg.store import connect

# A valid new row per table, with a key of its own; each case below breaks one thing in it.
FRESH = {
    "persons": {"person_id": "P9", "sex": "F", "birth_year": "1980", "ethnicity": "W1"},
    "crimes": {"crime_id": "C9", "recorded_date": "2022-05-01", "offence_code": "8L", "area": "Walsall",
               "da_flag": "false", "hba_flag": "false", "online_flag": "false", "committed_date": ""},
    "crime_persons": {"crime_id": "C3", "person_id": "P3", "role": "victim", "linked_date": "2022-03-06",
                      "age": "40"},
    "outcomes": {"crime_id": "C3", "outcome_code": "15", "outcome_date": "2022-06-01"},
    "incidents": {"incident_id": "I9", "reported_date": "2022-06-01", "area": "Solihull", "da_flag": "Y",
                  "crime_id": "C2"},
    "custody": {"custody_id": "K9", "person_id": "P1", "crime_id": "C2", "arrest_date": "2022-02-03",
                "disposal": "nfa", "bail_end_date": "", "bail_conditions": "", "referral": ""},
    "orders": {"order_id": "O9", "person_id": "P4", "order_type": "SPO", "status": "pending",
               "start_date": "2022-06-01", "end_date": "", "parent_order_id": "", "victim_person_id": "P3"},
    "order_breaches": {"order_id": "O1", "breach_date": "2022-01-13", "action": "nfa"},
    "interventions": {"person_id": "P4", "programme": "DAOM", "referred_date": "2022-07-01",
                      "completed_date": "", "status": "referred"},
    "intelligence": {"intel_id": "N9", "person_id": "P4", "submitted_date": "2022-08-01", "topic": "vawg"},
    "actions": {"action_id": "A9", "crime_id": "C3", "forum": "", "description": "Check bail",
                "owner": "Custody", "set_date": "2022-03-06", "due_date": "2022-03-10", "done_date": "2022-03-09"},
}  # fmt: skip

# (table, changes to the fresh row, rule, column, value stored in quarantine)
CASES = [
    ("crimes", {"crime_id": ""}, "required_missing", "crime_id", None),
    ("crimes", {"recorded_date": ""}, "required_missing", "recorded_date", None),
    ("persons", {"sex": ""}, "required_missing", "sex", None),
    ("custody", {"disposal": ""}, "required_missing", "disposal", None),
    ("actions", {"owner": ""}, "required_missing", "owner", None),
    ("order_breaches", {"breach_date": ""}, "required_missing", "breach_date", None),
    ("crimes", {"recorded_date": "2022-13-01"}, "bad_type", "recorded_date", "2022-13-01"),
    ("crimes", {"recorded_date": "05/01/2022"}, "bad_type", "recorded_date", "05/01/2022"),
    ("crimes", {"da_flag": "maybe"}, "bad_type", "da_flag", "maybe"),
    ("crimes", {"hba_flag": "t"}, "bad_type", "hba_flag", "t"),
    ("persons", {"birth_year": "19x0"}, "bad_type", "birth_year", "19x0"),
    ("persons", {"birth_year": "1980.5"}, "bad_type", "birth_year", "1980.5"),
    ("crime_persons", {"age": "old"}, "bad_type", "age", "old"),
    ("custody", {"bail_conditions": "perhaps"}, "bad_type", "bail_conditions", "perhaps"),
    ("interventions", {"completed_date": "soon"}, "bad_type", "completed_date", "soon"),
    ("crimes", {"offence_code": "ZZZ"}, "unknown_code", "offence_code", "ZZZ"),
    ("persons", {"sex": "Q"}, "unknown_code", "sex", "Q"),
    ("persons", {"ethnicity": "Martian"}, "unknown_code", "ethnicity", "Martian"),
    ("crime_persons", {"role": "witness"}, "unknown_code", "role", "witness"),
    ("outcomes", {"outcome_code": "99"}, "unknown_code", "outcome_code", "99"),
    ("custody", {"disposal": "jail"}, "unknown_code", "disposal", "jail"),
    ("orders", {"order_type": "XYZ"}, "unknown_code", "order_type", "XYZ"),
    ("orders", {"status": "maybe"}, "unknown_code", "status", "maybe"),
    ("interventions", {"status": "paused"}, "unknown_code", "status", "paused"),
    ("intelligence", {"topic": "gossip"}, "unknown_code", "topic", "gossip"),
    ("persons", {"person_id": "P1"}, "duplicate_id", "person_id", "P1"),
    ("crimes", {"crime_id": "C2"}, "duplicate_id", "crime_id", "C2"),
    ("crime_persons", {"crime_id": "C1", "person_id": "P1", "role": "VICTIM"}, "duplicate_id",
     "crime_id,person_id,role", "C1|P1|victim"),
    ("outcomes", {"crime_id": "C1", "outcome_code": "16", "outcome_date": "2022-02-01"}, "duplicate_id",
     "crime_id,outcome_code,outcome_date", "C1|16|2022-02-01"),
    ("incidents", {"incident_id": "I1"}, "duplicate_id", "incident_id", "I1"),
    ("interventions", {"person_id": "P2", "programme": "EASI", "referred_date": "2022-02-01"}, "duplicate_id",
     "person_id,programme,referred_date", "P2|EASI|2022-02-01"),
    ("crime_persons", {"crime_id": "C404"}, "unknown_reference", "crime_id", "C404"),
    ("crime_persons", {"person_id": "P404"}, "unknown_reference", "person_id", "P404"),
    ("outcomes", {"crime_id": "C404"}, "unknown_reference", "crime_id", "C404"),
    ("incidents", {"crime_id": "C404"}, "unknown_reference", "crime_id", "C404"),
    ("custody", {"person_id": "P404"}, "unknown_reference", "person_id", "P404"),
    ("orders", {"parent_order_id": "O404"}, "unknown_reference", "parent_order_id", "O404"),
    ("orders", {"victim_person_id": "P404"}, "unknown_reference", "victim_person_id", "P404"),
    ("order_breaches", {"order_id": "O404"}, "unknown_reference", "order_id", "O404"),
    ("interventions", {"person_id": "P404"}, "unknown_reference", "person_id", "P404"),
    ("intelligence", {"person_id": "P404"}, "unknown_reference", "person_id", "P404"),
    ("actions", {"crime_id": "C404"}, "unknown_reference", "crime_id", "C404"),
    ("crimes", {"recorded_date": "1899-12-31"}, "date_out_of_range", "recorded_date", "1899-12-31"),
    ("crimes", {"recorded_date": "2023-04-01"}, "date_out_of_range", "recorded_date", "2023-04-01"),
    ("crimes", {"committed_date": "2024-01-01"}, "date_out_of_range", "committed_date", "2024-01-01"),
    ("incidents", {"reported_date": "2030-01-01"}, "date_out_of_range", "reported_date", "2030-01-01"),
    ("custody", {"arrest_date": "1850-01-01"}, "date_out_of_range", "arrest_date", "1850-01-01"),
    ("orders", {"end_date": "1800-01-01"}, "date_out_of_range", "end_date", "1800-01-01"),
    ("outcomes", {"outcome_date": "2022-03-04"}, "outcome_before_recorded", "outcome_date", "2022-03-04"),
    ("orders", {"end_date": "2022-05-31"}, "end_before_start", "end_date", "2022-05-31"),
    ("custody", {"disposal": "bail", "bail_end_date": "2022-02-01"}, "end_before_start", "bail_end_date",
     "2022-02-01"),
    ("interventions", {"completed_date": "2022-06-30"}, "end_before_start", "completed_date", "2022-06-30"),
    ("actions", {"due_date": "2022-03-05"}, "end_before_start", "due_date", "2022-03-05"),
    ("actions", {"done_date": "2022-03-01"}, "end_before_start", "done_date", "2022-03-01"),
    ("order_breaches", {"breach_date": "2022-01-11"}, "end_before_start", "breach_date", "2022-01-11"),
    ("crime_persons", {"age": "121"}, "value_out_of_range", "age", "121"),
    ("crime_persons", {"age": "-1"}, "value_out_of_range", "age", "-1"),
    ("persons", {"birth_year": "1899"}, "value_out_of_range", "birth_year", "1899"),
    ("persons", {"birth_year": "2024"}, "value_out_of_range", "birth_year", "2024"),  # extract: 2023
]  # fmt: skip


# The key column given a value of its own per case, so that only the case's change breaks a rule.
FREE_KEY = {
    "persons": "person_id", "crimes": "crime_id", "crime_persons": "person_id", "outcomes": "outcome_date",
    "incidents": "incident_id", "custody": "custody_id", "orders": "order_id", "order_breaches": "breach_date",
    "interventions": "programme", "intelligence": "intel_id", "actions": "action_id",
}  # fmt: skip


def _unique(table: str, row: dict[str, str], i: int) -> dict[str, str]:
    column = FREE_KEY[table]
    if row[column] != FRESH[table][column]:
        return row  # the case sets this key itself
    if column.endswith("_date"):
        return {**row, column: f"2022-{6 + i // 28:02d}-{i % 28 + 1:02d}"}
    if table == "crime_persons":
        return {**row, column: f"Q{i}"}  # extra persons added to the bundle below
    return {**row, column: f"{row[column]}-{i}"}


@dataclass
class Loaded:
    con: duckdb.DuckDBPyConnection
    report: IngestReport
    lines: dict[int, int]  # case index -> line of its row
    base: dict[str, int]  # table -> rows before the cases


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """One bundle holding every case's row (each on its own line), ingested once."""
    tables = base_rows()
    tables["persons"] += [{"person_id": f"Q{i}", "sex": "U"} for i in range(len(CASES) + len(FRESH))]
    base = {name: len(rows) for name, rows in tables.items()}
    lines = {}
    for i, (table, changes, *_) in enumerate(CASES):
        tables[table].append(_unique(table, {**FRESH[table], **changes}, i))
        lines[i] = len(tables[table]) + 1  # the header is line 1
    for j, table in enumerate(sorted(FRESH)):  # a valid row per table, which must load
        tables[table].append(_unique(table, dict(FRESH[table]), len(CASES) + j))
    con = connect(":memory:")
    report = ingest(write_bundle(tmp_path_factory.mktemp("rules"), tables), con, progress=False)
    return Loaded(con, report, lines, base)


def test_every_rule_has_a_case() -> None:
    assert {c[2] for c in CASES} | {"malformed_row"} == set(RULES)


def test_only_the_broken_rows_are_quarantined_and_the_rest_loads(loaded: Loaded) -> None:
    rows = quarantine_rows(loaded.con)
    expected = {(CASES[i][0], line) for i, line in loaded.lines.items()}
    assert set(zip(rows["table_name"], rows["line"], strict=True)) == expected
    for table, counts in loaded.report.tables.items():
        cases = sum(1 for c in CASES if c[0] == table)
        assert counts.rows_quarantined == cases
        assert counts.rows_loaded == loaded.base[table] + 1 == count_rows(loaded.con, table)
        assert counts.rows_read == counts.rows_loaded + counts.rows_quarantined
    assert loaded.report.exit_code == 1


@pytest.mark.parametrize("case", range(len(CASES)), ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_rule_quarantines_the_row(loaded: Loaded, case: int) -> None:
    table, _, rule, column, value = CASES[case]
    rows = quarantine_rows(loaded.con, table=table)
    at_line = rows[rows["line"] == loaded.lines[case]]
    hit = at_line[(at_line["rule"] == rule) & (at_line["column_name"] == column)]
    assert len(hit) == 1, at_line.to_dict(orient="records")
    found = hit.iloc[0]
    assert Path(found["file"]).name == f"{table}.csv"
    assert (found["value"] if isinstance(found["value"], str) else None) == value
    assert column.split(",")[0] in json.loads(found["raw"])


@pytest.mark.parametrize(
    ("line_text", "found"),
    [("C9,2022-05-01,8L,Walsall,false,false,false,,surplus", "too many"), ("C9,2022-05-01", "missing")],
)
def test_malformed_row_is_quarantined_whole(tmp_path: Path, line_text: str, found: str) -> None:
    bundle = write_bundle(tmp_path / "bundle")
    with (bundle / "crimes.csv").open("a", encoding="utf-8") as fh:
        fh.write(line_text + "\nC10,2022-05-02,8L,Walsall,false,false,false,\n")
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    rows = quarantine_rows(con)
    assert list(rows["rule"]) == ["malformed_row"]
    assert rows.iloc[0]["line"] == 5 and rows.iloc[0]["value"] == line_text
    assert found in rows.iloc[0]["message"]
    assert report.tables["crimes"].rows_read == 5 and report.tables["crimes"].rows_loaded == 4


def test_codes_and_booleans_in_any_case_are_stored_canonically(tmp_path: Path) -> None:
    tables = base_rows()
    tables["crimes"][0].update(offence_code="8q", da_flag="YES", hba_flag="n", online_flag="0")
    tables["persons"][0].update(sex="f", ethnicity="w1")
    tables["persons"][1].update(ethnicity="asian")
    tables["custody"][1].update(disposal="Community_Resolution")
    tables["orders"][0].update(order_type="dvpn", status="GRANTED")
    con = connect(":memory:")
    report = ingest(write_bundle(tmp_path / "b", tables), con, progress=False)
    assert report.exit_code == 0
    assert con.execute(
        "SELECT offence_code, da_flag, hba_flag, online_flag FROM crimes WHERE crime_id = 'C1'"
    ).fetchone() == ("8Q", True, False, False)
    persons = dict(
        con.execute(
            "SELECT person_id, ethnicity || '/' || ethnicity_group || '/' || sex FROM persons"
        ).fetchall()
    )
    assert persons["P1"] == "W1/White/F" and persons["P2"] == "Asian/Asian/M"
    assert persons["P3"] is None and persons["P4"] == "NS/Not stated/M"
    assert con.execute("SELECT ethnicity_group FROM persons WHERE person_id = 'P3'").fetchone() == (
        "Not stated",
    )
    assert con.execute("SELECT disposal FROM custody WHERE custody_id = 'K2'").fetchone() == (
        "community_resolution",
    )
    assert con.execute("SELECT order_type, status FROM orders WHERE order_id = 'O1'").fetchone() == (
        "DVPN",
        "granted",
    )


def test_scheduled_dates_may_be_after_the_extract(tmp_path: Path) -> None:
    con = connect(":memory:")
    report = ingest(write_bundle(tmp_path / "b"), con, progress=False)
    assert report.exit_code == 0
    assert con.execute("SELECT max(end_date) FROM orders").fetchone() == (
        __import__("datetime").date(2023, 4, 11),
    )


def test_a_parent_order_in_the_same_file_must_itself_load(tmp_path: Path) -> None:
    tables = base_rows()
    tables["orders"] += [
        {**FRESH["orders"], "order_id": "O10", "order_type": "BAD"},  # quarantined: unknown code
        {**FRESH["orders"], "order_id": "O11", "parent_order_id": "O10"},  # its parent does not load
        {**FRESH["orders"], "order_id": "O12", "parent_order_id": "O11"},  # nor does its grandparent
        {**FRESH["orders"], "order_id": "O13", "parent_order_id": "O2"},  # fine
    ]
    con = connect(":memory:")
    ingest(write_bundle(tmp_path / "b", tables), con, progress=False)
    rows = quarantine_rows(con)
    assert sorted(zip(rows["line"], rows["rule"], strict=True)) == [
        (4, "unknown_code"), (5, "unknown_reference"), (6, "unknown_reference")
    ]  # fmt: skip
    assert sorted(r[0] for r in con.execute("SELECT order_id FROM orders").fetchall()) == ["O1", "O13", "O2"]


def test_range_limits_are_inclusive(tmp_path: Path) -> None:
    tables = base_rows()
    tables["persons"] += [{"person_id": "P8", "sex": "F", "birth_year": "1900"},
                          {"person_id": "P9", "sex": "F", "birth_year": "2023"}]  # fmt: skip
    tables["crime_persons"][0]["age"] = "0"
    tables["crime_persons"][1]["age"] = "120"
    con = connect(":memory:")
    assert ingest(write_bundle(tmp_path / "b", tables), con, progress=False).exit_code == 0
