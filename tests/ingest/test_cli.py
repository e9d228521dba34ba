"""`vawg ingest` and `vawg quarantine` through the command line (typer's CliRunner)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest._helpers import base_rows, write_bundle
from vawg import MARKING
from vawg.cli import app

runner = CliRunner()
COUNTS = {"rows_read", "rows_loaded", "rows_quarantined", "rows_unchanged"}


def _bad_bundle(folder: Path) -> Path:
    tables = base_rows()
    tables["crimes"].append({**tables["crimes"][0], "crime_id": "C8", "offence_code": "NOPE"})
    tables["persons"].append({**tables["persons"][0], "person_id": "P8", "sex": "?"})
    return write_bundle(folder, tables)


def _ingest(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["ingest", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_json_shape_and_exit_0(tmp_path: Path) -> None:
    code, out = _ingest(str(write_bundle(tmp_path / "b")), "--db", str(tmp_path / "s.duckdb"))
    assert code == 0 and out["exit_code"] == 0 and out["loaded"] is True
    assert out["extract_date"] == "2023-03-31" and out["rejected"] == []
    assert set(out["tables"]) == set(base_rows())
    for counts in out["tables"].values():
        assert set(counts) >= COUNTS
        assert (
            counts["rows_read"]
            == counts["rows_loaded"] + counts["rows_quarantined"] + counts["rows_unchanged"]
        )
    code, again = _ingest(str(tmp_path / "b"), "--db", str(tmp_path / "s.duckdb"))
    assert code == 0 and all(c["rows_unchanged"] == c["rows_read"] for c in again["tables"].values())


def test_quarantined_rows_exit_1_and_strict_exit_2(tmp_path: Path) -> None:
    bundle = _bad_bundle(tmp_path / "b")
    code, out = _ingest(str(bundle), "--db", str(tmp_path / "strict.duckdb"), "--strict")
    assert code == 2 and out["loaded"] is False
    code, out = _ingest(str(bundle), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1 and out["tables"]["crimes"]["rows_quarantined"] == 1


def test_rejected_file_exit_2_with_what_was_found(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    (bundle / "persons.csv").write_text((bundle / "persons.csv").read_text().replace(",", "\t"))
    code, out = _ingest(str(bundle), "--db", str(tmp_path / "s.duckdb"))
    assert code == 2
    [rejected] = out["rejected"]
    assert rejected["table"] == "persons" and "(is the delimiter '\\t'?)" in rejected["found"]
    assert rejected["expected"].startswith("columns person_id, sex")


def test_extract_date_option(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b")
    code, out = _ingest(str(bundle), "--db", str(tmp_path / "s.duckdb"), "--extract-date", "2023-04-01")
    assert code == 0 and out["extract_date"] == "2023-04-01"
    result = runner.invoke(
        app, ["ingest", str(bundle), "--db", str(tmp_path / "t.duckdb"), "--extract-date", "31/03"]
    )
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_missing_bundle_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "not a folder" in result.output


def test_text_report(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(_bad_bundle(tmp_path / "b")), "--db", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 1
    assert "crime_persons" in result.stdout and "2 rows quarantined" in result.stdout


@pytest.fixture
def bad_store(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(_bad_bundle(tmp_path / "b")), "--db", str(db), "--json"])
    return db


def test_quarantine_json_and_filters(bad_store: Path) -> None:
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--json"])
    out = json.loads(result.stdout)
    assert result.exit_code == 0 and out["marking"] == MARKING
    assert sorted((r["table_name"], r["rule"], r["line"]) for r in out["rows"]) == [
        ("crimes", "unknown_code", 5), ("persons", "unknown_code", 6)
    ]  # fmt: skip
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--json", "--table", "crimes"])
    [row] = json.loads(result.stdout)["rows"]
    assert row["value"] == "NOPE" and row["raw"]["crime_id"] == "C8" and row["raw"]["offence_code"] == "NOPE"
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--json", "--rule", "bad_type"])
    assert json.loads(result.stdout)["rows"] == []
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--json", "--limit", "1"])
    assert len(json.loads(result.stdout)["rows"]) == 1


def test_quarantine_csv_and_table(bad_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--csv", str(out)])
    assert result.exit_code == 0 and "2 quarantined rows" in result.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {MARKING}"
    rows = list(csv.DictReader(lines[1:]))
    assert {r["value"] for r in rows} == {"NOPE", "?"} and all(r["raw"].startswith("{") for r in rows)
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store)])
    assert result.exit_code == 0 and MARKING in result.stdout and "unknown_code" in result.stdout


def test_quarantine_unknown_rule_or_table(bad_store: Path) -> None:
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--rule", "typo"])
    assert result.exit_code == 2 and "bad_type" in result.output
    result = runner.invoke(app, ["quarantine", "--db", str(bad_store), "--table", "crime"])
    assert result.exit_code == 2 and "crimes" in result.output


def test_text_report_says_what_a_correction_and_a_delta_removed(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(write_bundle(tmp_path / "first")), "--db", db, "--json"])
    tables = base_rows()
    tables["crime_persons"][2]["role"] = "suspect"  # C2-P3 corrected from victim
    result = runner.invoke(app, ["ingest", str(write_bundle(tmp_path / "newer", tables)), "--db", db])
    assert result.exit_code == 0 and "removed by correction: crime_persons 1" in result.stdout
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "manifest.json").write_text(json.dumps({"extract_date": "2023-03-31", "kind": "delta"}))
    (delta / "deletions.csv").write_text("table_name,record_key\nintelligence,N1\n")
    code, report = _ingest(str(delta), "--db", db)
    assert code == 0 and report["kind"] == "delta" and report["deleted"] == {"intelligence": 1}


def test_ingest_without_extract_date_warns_that_it_was_inferred(tmp_path) -> None:
    from typer.testing import CliRunner

    from tests.ingest._helpers import write_bundle
    from vawg.cli import app

    bundle = write_bundle(tmp_path / "b", extract=None)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(bundle), "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "warning: extract date 2023-03-30 INFERRED from the latest date in the data" in result.output
    quality = CliRunner().invoke(app, ["quality", "--db", str(db)], env={"COLUMNS": "200"})
    assert "warning: Extract date 2023-03-30: INFERRED" in quality.output


def test_quarantine_resolved_rows_only_on_request(tmp_path: Path) -> None:
    """A row fixed by a later extract leaves the open list; --resolved shows it with the load that fixed it."""
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(_bad_bundle(tmp_path / "b")), "--db", str(db), "--json"])
    fixed = base_rows()
    fixed["crimes"].append({**fixed["crimes"][0], "crime_id": "C8"})  # C8 sent again, code fixed
    fixed["persons"].append({**fixed["persons"][0], "person_id": "P8", "sex": "?"})  # still bad
    runner.invoke(app, ["ingest", str(write_bundle(tmp_path / "c", fixed)), "--db", str(db), "--json"])
    open_rows = json.loads(runner.invoke(app, ["quarantine", "--db", str(db), "--json"]).stdout)["rows"]
    assert [r["table_name"] for r in open_rows] == ["persons"]
    every = json.loads(runner.invoke(app, ["quarantine", "--db", str(db), "--json", "--resolved"]).stdout)[
        "rows"
    ]
    resolved = [r for r in every if r["resolved_by_load"] is not None]
    assert {(r["table_name"], r["value"]) for r in resolved} >= {("crimes", "NOPE")}
    shown = runner.invoke(app, ["quarantine", "--db", str(db), "--resolved"], env={"COLUMNS": "80"})
    # at 80 columns the identifiers stand whole (the message folds instead) and the fixing load shows
    assert shown.exit_code == 0 and "fixed by" in shown.stdout
    assert "offence_code" in shown.stdout and "unknown_code" in shown.stdout


def test_every_quarantine_listing_is_audited_and_needs_the_quality_permission(
    bad_store: Path, tmp_path: Path
) -> None:
    from vawg.accounts import AccountStore
    from vawg.audit import AuditLog

    password = "a long enough password"
    with AccountStore.for_store(bad_store) as accounts:
        admin = accounts.add_user("chief", roles={"admin"}, password=password)
        accounts.add_user("analyst.one", roles={"analyst"}, password=password, by=admin)
        accounts.add_user("board.one", roles={"board"}, password=password, by=admin)

    def as_user(name: str) -> list[str]:  # the password is typed at the prompt
        return ["quarantine", "--db", str(bad_store), "--user", name]

    result = runner.invoke(app, [*as_user("analyst.one"), "--table", "crimes"], input=password + "\n")
    assert result.exit_code == 0
    runner.invoke(app, ["quarantine", "--db", str(bad_store), "--csv", str(tmp_path / "q.csv")])
    refused = runner.invoke(app, as_user("board.one"), input=password + "\n")
    assert refused.exit_code == 2 and "NOPE" not in refused.stdout
    with AuditLog.for_store(bad_store) as log:
        entries = [e for e in log.entries() if e.target == "quarantine"]
        assert log.verify().ok
    assert [(e.action, e.row_count) for e in entries] == [("quarantine.view", 1), ("quarantine.export", 2)]
    assert entries[0].actor == "analyst.one" and entries[0].detail["table"] == "crimes"
    assert "NOPE" not in json.dumps([e.detail for e in entries])  # filters, never the rows
