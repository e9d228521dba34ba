"""Model governance: legal status moves, refusal of unapproved scoring, the score log."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.risk.governed import (
    ANALYST,
    CHAIR,
    EVIDENCE_METRICS,
    OFFICER,
    SHA,
    WINDOW,
    move,
    with_evidence,
)
from vawg.accounts import PermissionDenied, User
from vawg.errors import GovernanceError
from vawg.risk import governance as gov


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def _draft(con: duckdb.DuckDBPyConnection, version: str = "1.0") -> gov.ModelVersion:
    return gov.register_version(
        con, "escalation", version, training_window=WINDOW, metrics=EVIDENCE_METRICS, metadata={"seed": 1},
        artifact_sha256=SHA,
    )  # fmt: skip


def _approved(con: duckdb.DuckDBPyConnection, version: str = "1.0") -> gov.ModelVersion:
    _draft(con, version)
    gov.submit(con, "escalation", version, by=ANALYST)
    with_evidence(con, "escalation", version)
    return gov.approve(con, "escalation", version, by=CHAIR, reason="committee approved")


SCORES = pd.DataFrame(
    {"person_id": ["P0000001", "P0000002"], "score": [0.12, 0.55], "level": ["low", "high"]}
)


def test_register_creates_a_draft_with_window_metrics_and_metadata(con: duckdb.DuckDBPyConnection) -> None:
    version = _draft(con)
    assert version.status == "draft"
    assert version.training_window == WINDOW
    assert version.metrics == EVIDENCE_METRICS
    assert version.artifact_sha256 == SHA
    assert version.metadata == {"seed": 1}
    assert gov.get_version(con, "escalation").version == "1.0"


def test_a_version_is_never_overwritten(con: duckdb.DuckDBPyConnection) -> None:
    _draft(con)
    with pytest.raises(GovernanceError) as err:
        _draft(con)
    assert str(err.value) == gov.DUPLICATE_VERSION.format(name="escalation", version="1.0", status="draft")


def test_full_lifecycle_is_logged(con: duckdb.DuckDBPyConnection) -> None:
    _approved(con)
    retired = gov.retire(con, "escalation", "1.0", by=CHAIR, reason="superseded")
    assert retired.status == "retired"
    assert retired.retired_by == "chair"
    history = gov.status_history(con, "escalation", "1.0")
    assert list(history["to_status"]) == ["draft", "submitted", "approved", "retired"]
    assert list(history["changed_by"])[1:] == ["analyst", "chair", "chair"]


@pytest.mark.parametrize(
    ("moves", "action", "status"),
    [
        ((), "approve", "draft"),  # cannot skip submission
        (("submit",), "submit", "submitted"),
        (("submit", "approve"), "submit", "approved"),
        (("submit", "approve"), "approve", "approved"),
        (("retire",), "submit", "retired"),
        (("retire",), "retire", "retired"),
        (("submit", "approve", "retire"), "approve", "retired"),
    ],
)
def test_illegal_transitions_are_refused(
    con: duckdb.DuckDBPyConnection, moves: tuple[str, ...], action: str, status: str
) -> None:
    _draft(con)
    with_evidence(con, "escalation", "1.0")
    for step in moves:
        move(con, step, "escalation", "1.0")
    other = User(id=9, username="someone else", roles=frozenset({"governance"}))
    with pytest.raises(GovernanceError) as err:
        getattr(gov, action)(
            con, "escalation", "1.0", by=other, **({} if action == "submit" else {"reason": "r"})
        )
    allowed = " or ".join(gov.TRANSITIONS[action][0])
    assert str(err.value) == gov.ILLEGAL_TRANSITION.format(
        action=action, name="escalation", version="1.0", status=status, allowed=allowed
    )
    assert gov.get_version(con, "escalation", "1.0").status == status


def test_approval_needs_a_second_user_compared_by_id(con: duckdb.DuckDBPyConnection) -> None:
    _draft(con)
    with_evidence(con, "escalation", "1.0")
    gov.submit(con, "escalation", "1.0", by=ANALYST)
    # The same account under another spelling of the name is still the same user (id 1).
    same = User(id=ANALYST.id, username="analyst\u200b", roles=ANALYST.roles)
    with pytest.raises(GovernanceError) as err:
        gov.approve(con, "escalation", "1.0", by=same, reason="looks fine")
    assert str(err.value) == gov.SAME_PERSON.format(by="analyst\u200b", name="escalation", version="1.0")
    assert gov.get_version(con, "escalation", "1.0").status == "submitted"


def test_a_typed_name_is_not_an_actor(con: duckdb.DuckDBPyConnection) -> None:
    _draft(con)
    for typed in ("alice", "alice\u200b", "  "):
        with pytest.raises(GovernanceError, match="authenticated vawg user"):
            gov.submit(con, "escalation", "1.0", by=typed)  # type: ignore[arg-type]
    assert gov.get_version(con, "escalation", "1.0").status == "draft"


@pytest.mark.parametrize("action", ["submit", "approve", "retire"])
def test_moves_need_the_governance_role(con: duckdb.DuckDBPyConnection, action: str) -> None:
    _draft(con)
    with_evidence(con, "escalation", "1.0")
    if action == "approve":
        move(con, "submit", "escalation", "1.0")
    with pytest.raises(PermissionDenied):
        getattr(gov, action)(
            con, "escalation", "1.0", by=OFFICER, **({} if action == "submit" else {"reason": "r"})
        )


@pytest.mark.parametrize("action", ["approve", "retire"])
def test_approve_and_retire_need_a_reason(con: duckdb.DuckDBPyConnection, action: str) -> None:
    _draft(con)
    with_evidence(con, "escalation", "1.0")
    move(con, "submit", "escalation", "1.0")
    with pytest.raises(GovernanceError, match="needs a reason"):
        getattr(gov, action)(con, "escalation", "1.0", by=CHAIR, reason=" ")


def test_approval_records_who_when_and_conditions(con: duckdb.DuckDBPyConnection) -> None:
    version = _approved(con)
    assert version.approved_by == "chair"
    assert version.approved_by_id == CHAIR.id
    assert version.approved_at is not None
    assert version.approved_at >= version.submitted_at >= version.created_at  # type: ignore[operator]
    assert version.conditions == "review in 6 months"


@pytest.mark.parametrize("moves", [(), ("submit",), ("submit", "approve", "retire")])
def test_operational_scoring_refused_unless_approved(
    con: duckdb.DuckDBPyConnection, moves: tuple[str, ...]
) -> None:
    _draft(con)
    with_evidence(con, "escalation", "1.0")
    for step in moves:
        move(con, step, "escalation", "1.0")
    status = gov.get_version(con, "escalation", "1.0").status
    expected = gov.NOT_APPROVED.format(name="escalation", version="1.0", status=status)
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(con, "escalation", "1.0")
    assert str(err.value) == expected
    assert "vawg model approve escalation 1.0" in str(err.value)
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(con, "escalation", "1.0", purpose="triage", user=CHAIR, scores=SCORES)
    assert str(err.value) == expected
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(con, "escalation")
    assert str(err.value) == gov.NO_APPROVED_VERSION.format(name="escalation")
    assert con.execute("SELECT count(*) FROM score_log").fetchall() == [(0,)]


def test_unknown_model_and_version_are_named(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(GovernanceError) as err:
        gov.get_version(con, "rfsdi")
    assert str(err.value) == gov.NO_VERSIONS.format(name="rfsdi")
    _draft(con)
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(con, "escalation", "9.9")
    assert str(err.value) == gov.UNKNOWN_VERSION.format(name="escalation", version="9.9")


def test_approved_scores_are_logged_row_by_row(con: duckdb.DuckDBPyConnection) -> None:
    _approved(con)
    assert gov.require_approved(con, "escalation").version == "1.0"
    n = gov.log_scores(con, "escalation", None, purpose="safeguarding triage", user=CHAIR, scores=SCORES)
    assert n == 2
    logged = con.execute(
        "SELECT model, version, purpose, user, person_id, score, level, logged_at FROM score_log ORDER BY person_id"
    ).df()
    assert list(logged["person_id"]) == ["P0000001", "P0000002"]
    assert list(logged["score"]) == [0.12, 0.55]
    assert list(logged["level"]) == ["low", "high"]
    assert set(logged["version"]) == {"1.0"}
    assert set(logged["user"]) == {"chair"}
    assert logged["logged_at"].notna().all()


def test_latest_approved_version_is_used_when_none_named(con: duckdb.DuckDBPyConnection) -> None:
    _approved(con, "1.0")
    _approved(con, "1.1")
    _draft(con, "2.0")
    assert gov.require_approved(con, "escalation").version == "1.1"
    gov.retire(con, "escalation", "1.1", by=CHAIR, reason="superseded")
    assert gov.require_approved(con, "escalation").version == "1.0"
    assert gov.get_version(con, "escalation").version == "2.0"


def test_log_scores_needs_user_purpose_and_columns(con: duckdb.DuckDBPyConnection) -> None:
    _approved(con)
    with pytest.raises(GovernanceError, match="purpose"):
        gov.log_scores(con, "escalation", "1.0", purpose="", user=CHAIR, scores=SCORES)
    with pytest.raises(GovernanceError, match="user"):
        gov.log_scores(con, "escalation", "1.0", purpose="triage", user=" ", scores=SCORES)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        gov.log_scores(con, "escalation", "1.0", purpose="triage", user=OFFICER, scores=SCORES)
    with pytest.raises(GovernanceError, match="person_id, score"):
        gov.log_scores(con, "escalation", "1.0", purpose="triage", user=CHAIR, scores=SCORES[["person_id"]])


def test_list_versions_shows_every_model(con: duckdb.DuckDBPyConnection) -> None:
    _approved(con)
    gov.register_version(
        con, "rfsdi", "1", training_window=WINDOW, metrics={}, metadata={}, artifact_sha256=SHA
    )
    listing = gov.list_versions(con)
    assert list(zip(listing["name"], listing["status"], strict=True)) == [
        ("escalation", "approved"),
        ("rfsdi", "draft"),
    ]
    assert list(gov.list_versions(con, "rfsdi")["version"]) == ["1"]


def test_evaluation_scores_of_a_draft_are_logged_but_not_of_a_retired_version(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _draft(con)
    assert gov.log_scores(con, "escalation", "1.0", purpose="evaluation", user=ANALYST, scores=SCORES) == 2
    assert con.execute("SELECT DISTINCT purpose FROM score_log").fetchall() == [("evaluation",)]
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(con, "escalation", None, purpose="evaluation", user=ANALYST, scores=SCORES)
    assert str(err.value) == gov.EVALUATION_NEEDS_VERSION.format(name="escalation")
    gov.retire(con, "escalation", "1.0", by=CHAIR, reason="superseded")
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(con, "escalation", "1.0", purpose="evaluation", user=ANALYST, scores=SCORES)
    assert str(err.value) == gov.RETIRED_EVALUATION.format(name="escalation", version="1.0")
    assert con.execute("SELECT count(*) FROM score_log").fetchall() == [(2,)]


def test_a_read_only_store_reads_the_registry_and_says_when_there_is_none(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "store.duckdb"
    duckdb.connect(str(path)).close()
    reader = duckdb.connect(str(path), read_only=True)
    with pytest.raises(GovernanceError) as err:
        gov.list_versions(reader)
    assert str(err.value) == gov.NO_REGISTRY
    reader.close()
    writer = duckdb.connect(str(path))
    _draft(writer)
    writer.close()
    reader = duckdb.connect(str(path), read_only=True)
    assert list(gov.list_versions(reader)["version"]) == ["1.0"]
    assert gov.get_version(reader, "escalation", "1.0").status == "draft"
