"""`vawg risk` through Typer's test runner: governance refusals, scoring, files, explanations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.risk.governed import EVIDENCE_METRICS, PASSWORD, WINDOW, add_accounts, record_decision, record_pack
from tests.risk.storebuilder import StoreBuilder
from vawg import MARKING
from vawg.cli import app
from vawg.config import get_settings
from vawg.risk import ModelRegistry, approve, default_config_path, register_rfsdi, submit

runner = CliRunner()
VERSION = "rfsdi-1.1"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "s.duckdb"
    monkeypatch.setenv("VAWG_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    b = StoreBuilder.open(path)
    for p in ("A", "B", "V1", "V2"):
        b.person(p)
    b.crime(date(2021, 12, 1), offence="8Q", area="Birmingham", suspects=("A",), victims=("V1",))
    b.crime(date(2021, 10, 1), offence="8N", da=True, area="Birmingham", suspects=("A",), victims=("V2",))
    b.crime(date(2021, 5, 1), offence="8L", area="Coventry", suspects=("B",), victims=("V1",))
    b.intel("A", date(2021, 11, 1), "drugs")
    b.con.close()
    add_accounts(path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def score_log(db: Path) -> pd.DataFrame:
    with ModelRegistry.for_store(db) as registry:
        return registry.frame("SELECT * FROM score_log")


def approve_version(db: Path) -> None:
    """Register the shipped RFSDI with evidence, and approve it as two governance users."""
    users = _users(db)
    con, registry = duckdb.connect(str(db)), ModelRegistry.for_store(db)
    register_rfsdi(registry, con, metrics=EVIDENCE_METRICS, training_window=WINDOW)
    submit(registry, "rfsdi", VERSION, by=users["analyst"])
    record_pack(registry, "rfsdi", VERSION)
    record_decision(registry, "rfsdi", VERSION, conditions="pilot NPUs only")
    approve(registry, "rfsdi", VERSION, by=users["chair"], reason="ethics committee approved")
    registry.close()
    con.close()


def _users(db: Path) -> dict:  # type: ignore[type-arg]
    from vawg.accounts import AccountStore

    with AccountStore.for_store(db) as accounts:
        return {name: accounts.get_by_name(name) for name in ("analyst", "chair", "pc1")}


SCORE = ("risk", "score", "--as-of", "2022-01-01")


def test_operational_scoring_of_an_unregistered_version_is_refused(db: Path) -> None:
    code, _, err = run(*SCORE, "--db", str(db), "--purpose", "operational")
    assert code == 2 and "needs a vawg user" in err  # no user, no scoring
    code, _, err = run(*SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair")
    assert code == 2
    assert f"no version {VERSION} of model rfsdi" in err


def test_operational_scoring_needs_the_role(db: Path) -> None:
    approve_version(db)
    code, _, err = run(*SCORE, "--db", str(db), "--purpose", "operational", "--user", "pc1")
    assert code == 2 and "may not do this" in err
    assert score_log(db).empty


def test_operational_scoring_of_a_draft_is_refused_and_nothing_is_logged(db: Path) -> None:
    code, out, _ = run("risk", "register-rfsdi", "--db", str(db))
    assert code == 0 and f"Registered rfsdi {VERSION} as draft" in out
    code, out, err = run(*SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair")
    assert code == 2
    assert f"rfsdi version {VERSION} is draft, not approved" in err
    assert f"vawg model approve rfsdi {VERSION}" in err
    assert "A" not in out
    assert score_log(db).empty


def test_evaluation_scoring_of_a_draft_is_allowed_and_logged(db: Path) -> None:
    assert run("risk", "register-rfsdi", "--db", str(db))[0] == 0
    code, out, _ = run(*SCORE, "--db", str(db), "--purpose", "evaluation", "--user", "analyst", "--json")
    assert code == 0
    # Evaluation output is aggregates by level, never the people (they are in the score log only).
    payload = json.loads(out)
    assert sum(row["people"] for row in payload) == 2
    assert all("person_id" not in row for row in payload)
    assert '"A"' not in out and '"B"' not in out
    log = score_log(db)
    assert sorted(log["person_id"]) == ["A", "B"]
    assert set(log["purpose"]) == {"evaluation"} and set(log["user"]) == {"analyst"}
    assert set(log["version"]) == {VERSION}


def test_operational_scoring_once_approved_writes_marked_files(db: Path, tmp_path: Path) -> None:
    approve_version(db)
    for suffix in ("csv", "xlsx", "parquet"):
        out = tmp_path / f"scores.{suffix}"
        code, text, err = run(
            *SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair", "--out", str(out)
        )
        assert code == 0, err
        frame = {  # the marking line / row comes first in a CSV / XLSX (vawg.outputs)
            "csv": lambda p: pd.read_csv(p, skiprows=1),
            "xlsx": lambda p: pd.read_excel(p, header=1),
            "parquet": pd.read_parquet,
        }[suffix](out)
        assert (frame["marking"] == MARKING).all()
        assert frame["person_id"].tolist() == ["A", "B"]
        assert {"recency_points", "recency_value", "score", "level", "rank"} <= set(frame.columns)
    assert "OFFICIAL-SENSITIVE" in text
    code, out, _ = run(
        *SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair", "--top", "1", "--json"
    )
    assert [s["person_id"] for s in json.loads(out)["scores"]] == ["A"]
    code, out, _ = run(
        *SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair", "--area", "Coventry", "--json"
    )
    assert [s["person_id"] for s in json.loads(out)["scores"]] == ["B"]
    assert len(score_log(db)) == 3 * 2 + 1 + 1


def test_a_changed_config_file_cannot_score_under_the_approved_version(db: Path, tmp_path: Path) -> None:
    approve_version(db)
    edited = tmp_path / "edited.toml"
    edited.write_text(default_config_path().read_text(encoding="utf-8").replace("high = 50", "high = 45"))
    code, _, err = run(
        *SCORE, "--db", str(db), "--purpose", "operational", "--user", "chair", "--config", str(edited)
    )
    assert code == 2
    assert f"is not the file registered as rfsdi version {VERSION}" in err


def test_explain_prints_components_that_add_up(db: Path) -> None:
    approve_version(db)
    args = (
        "risk",
        "explain",
        "--db",
        str(db),
        "--person",
        "A",
        "--as-of",
        "2022-01-01",
        "--purpose",
        "operational",
        "--user",
        "chair",
    )
    code, out, _ = run(*args)
    assert code == 0
    assert out.startswith(MARKING) and "recency" in out and "31 days since the last offence" in out
    code, out, _ = run(*args, "--json")
    e = json.loads(out)
    assert sum(c["points"] for c in e["components"]) == pytest.approx(e["score"])
    code, _, err = run(*args[:4], "--person", "nobody", "--as-of", "2022-01-01", *args[-4:])
    assert code == 2 and "nobody has no rfsdi score" in err


def test_purpose_is_required_and_checked(db: Path) -> None:
    code, _, err = run(*SCORE, "--db", str(db))
    assert code == 2 and "--purpose" in err
    code, _, err = run(*SCORE, "--db", str(db), "--purpose", "curiosity")
    assert code == 2 and "curiosity" in err


def test_a_bad_date_is_a_usage_error(db: Path) -> None:
    code, _, err = run("risk", "score", "--db", str(db), "--as-of", "1/1/2022", "--purpose", "evaluation")
    assert code == 2 and "expected a date YYYY-MM-DD" in err


def test_evaluate_writes_json_tables_and_a_figure(small_force: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "evaluation"
    code, text, err = run(
        "risk", "evaluate", "--db", str(small_force[1]), "--n-boot", "500", "--out", str(out), "--json"
    )
    assert code == 0, err
    payload = json.loads(text)
    auc = payload["validity"]["auc"]
    assert 0.5 < auc["low"] < auc["estimate"] < auc["high"]
    assert payload["pilot"]["pilot_areas"] == ["Birmingham", "Wolverhampton"]
    assert "Parallel trends" in payload["pilot"]["parallel_trends_assumption"]
    written = {p.name for p in out.iterdir()}
    assert {
        "summary.json",
        "calibration.csv",
        "precision_at_k.csv",
        "pilot_panel.csv",
        "pilot_trends.png",
    } <= written
    assert json.loads((out / "summary.json").read_text())["validity"]["auc"] == auc
    # The bands are evaluated: the configured (capacity) bands beside the old fixed rule, per level.
    bands = payload["validity"]["bands"]
    assert {b["option"] for b in bands} == {"configured", "fixed 50/30 (before 1.1)", "top 1% / next 4%"}
    assert sum(b["people"] for b in bands if b["option"] == "configured") == sum(
        b["people"] for b in bands if b["option"] == "fixed 50/30 (before 1.1)"
    )
    code, text, _ = run("risk", "evaluate", "--db", str(small_force[1]), "--as-of", "2021-07-01,2021-10-01",
                        "--n-boot", "500", "--no-pilot")  # fmt: skip
    assert code == 0
    assert "2021-07-01, 2021-10-01" in text and "Calibration of risk levels" in text and "Pilot" not in text
    assert "Risk bands compared" in text


def test_register_with_evaluation_stores_the_figures(small_force: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(small_force[1], db)
    code, text, err = run("risk", "register-rfsdi", "--db", str(db), "--evaluate", "--json")
    assert code == 0, err
    registered = json.loads(text)
    assert registered["status"] == "draft" and registered["version"] == VERSION
    assert registered["metrics"]["auc"]["estimate"] > 0.5
    # The evidence an approval needs: an evaluation after the design window and RFSDI's fairness audit
    # by sex, age band, ethnicity, sex × ethnicity and area, with "Not stated" shown.
    assert registered["metrics"]["evaluation_period"]["start"] == registered["metrics"]["as_of_dates"][0]
    rows = registered["metrics"]["fairness"]["rfsdi"]["by_group"]
    assert {r["dimension"] for r in rows} == {"Sex", "Age band", "Ethnicity", "Sex × ethnicity", "Area"}
    assert any(r["group"] == "Not stated" for r in rows if r["dimension"] == "Ethnicity")
    # Error rates over the whole score range and at the audit's capacity, which is the high band's
    # size when the bands are capacity-based (the shipped file: the top 50), with Wilson intervals.
    assert registered["metrics"]["fairness"]["rfsdi"]["capacity"] == 50
    over_range = registered["metrics"]["fairness_range"]["rfsdi"]
    assert {r["cut"] for r in over_range} == {"top 1%", "top 2%", "top 5%", "top 10%", "top 20%", "top 50%",
                                              "capacity (top 50)"}  # fmt: skip
    assert {r["dimension"] for r in over_range} == {"Sex", "Age band", "Ethnicity", "Sex × ethnicity", "Area"}
    for r in over_range:
        inside = r["tpr_ci_low"] - 1e-9 <= r["tpr"] <= r["tpr_ci_high"] + 1e-9  # Wilson's 0 is 1e-17
        assert r["selected"] <= r["n"] and (r["positives"] == 0 or inside)
    everyone = [r for r in over_range if r["cut"] == "capacity (top 50)" and r["dimension"] == "Sex"]
    assert sum(r["selected"] for r in everyone) == 50
    # The bands' evaluation is stored with the version (the ethics pack shows it).
    bands = registered["metrics"]["bands"]
    assert [b["level"] for b in bands if b["option"] == "configured"] == ["high", "medium", "standard"]
    code, _, err = run("risk", "register-rfsdi", "--db", str(db))
    assert code == 2 and "already registered" in err
