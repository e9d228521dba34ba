"""Model governance: legal status moves, refusal of unapproved scoring, the score log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
def registry(tmp_path: Path) -> Iterator[gov.ModelRegistry]:
    with gov.ModelRegistry(tmp_path / "store.app.sqlite") as opened:
        yield opened


def _draft(registry: gov.ModelRegistry, version: str = "1.0") -> gov.ModelVersion:
    return gov.register_version(
        registry, "escalation", version, training_window=WINDOW, metrics=EVIDENCE_METRICS, metadata={"seed": 1},
        artifact_sha256=SHA,
    )  # fmt: skip


def _approved(registry: gov.ModelRegistry, version: str = "1.0") -> gov.ModelVersion:
    _draft(registry, version)
    gov.submit(registry, "escalation", version, by=ANALYST)
    with_evidence(registry, "escalation", version)
    return gov.approve(registry, "escalation", version, by=CHAIR, reason="committee approved")


SCORES = pd.DataFrame(
    {"person_id": ["P0000001", "P0000002"], "score": [0.12, 0.55], "level": ["low", "high"]}
)


def test_register_creates_a_draft_with_window_metrics_and_metadata(registry: gov.ModelRegistry) -> None:
    version = _draft(registry)
    assert version.status == "draft"
    assert version.training_window == WINDOW
    assert version.metrics == EVIDENCE_METRICS
    assert version.artifact_sha256 == SHA
    assert version.metadata == {"seed": 1}
    assert gov.get_version(registry, "escalation").version == "1.0"


def test_a_version_is_never_overwritten(registry: gov.ModelRegistry) -> None:
    _draft(registry)
    with pytest.raises(GovernanceError) as err:
        _draft(registry)
    assert str(err.value) == gov.DUPLICATE_VERSION.format(name="escalation", version="1.0", status="draft")


def test_full_lifecycle_is_logged(registry: gov.ModelRegistry) -> None:
    _approved(registry)
    retired = gov.retire(registry, "escalation", "1.0", by=CHAIR, reason="superseded")
    assert retired.status == "retired"
    assert retired.retired_by == "chair"
    history = gov.status_history(registry, "escalation", "1.0")
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
    registry: gov.ModelRegistry, moves: tuple[str, ...], action: str, status: str
) -> None:
    _draft(registry)
    with_evidence(registry, "escalation", "1.0")
    for step in moves:
        move(registry, step, "escalation", "1.0")
    other = User(id=9, username="someone else", roles=frozenset({"governance"}))
    with pytest.raises(GovernanceError) as err:
        getattr(gov, action)(
            registry, "escalation", "1.0", by=other, **({} if action == "submit" else {"reason": "r"})
        )
    allowed = " or ".join(gov.TRANSITIONS[action][0])
    assert str(err.value) == gov.ILLEGAL_TRANSITION.format(
        action=action, name="escalation", version="1.0", status=status, allowed=allowed
    )
    assert gov.get_version(registry, "escalation", "1.0").status == status


def test_approval_needs_a_second_user_compared_by_id(registry: gov.ModelRegistry) -> None:
    _draft(registry)
    with_evidence(registry, "escalation", "1.0")
    gov.submit(registry, "escalation", "1.0", by=ANALYST)
    # The same account under another spelling of the name is still the same user (id 1).
    same = User(id=ANALYST.id, username="analyst\u200b", roles=ANALYST.roles)
    with pytest.raises(GovernanceError) as err:
        gov.approve(registry, "escalation", "1.0", by=same, reason="looks fine")
    assert str(err.value) == gov.SAME_PERSON.format(by="analyst\u200b", name="escalation", version="1.0")
    assert gov.get_version(registry, "escalation", "1.0").status == "submitted"


def test_a_typed_name_is_not_an_actor(registry: gov.ModelRegistry) -> None:
    _draft(registry)
    for typed in ("alice", "alice\u200b", "  "):
        with pytest.raises(GovernanceError, match="authenticated vawg user"):
            gov.submit(registry, "escalation", "1.0", by=typed)  # type: ignore[arg-type]
    assert gov.get_version(registry, "escalation", "1.0").status == "draft"


@pytest.mark.parametrize("action", ["submit", "approve", "retire"])
def test_moves_need_the_governance_role(registry: gov.ModelRegistry, action: str) -> None:
    _draft(registry)
    with_evidence(registry, "escalation", "1.0")
    if action == "approve":
        move(registry, "submit", "escalation", "1.0")
    with pytest.raises(PermissionDenied):
        getattr(gov, action)(
            registry, "escalation", "1.0", by=OFFICER, **({} if action == "submit" else {"reason": "r"})
        )


@pytest.mark.parametrize("action", ["approve", "retire"])
def test_approve_and_retire_need_a_reason(registry: gov.ModelRegistry, action: str) -> None:
    _draft(registry)
    with_evidence(registry, "escalation", "1.0")
    move(registry, "submit", "escalation", "1.0")
    with pytest.raises(GovernanceError, match="needs a reason"):
        getattr(gov, action)(registry, "escalation", "1.0", by=CHAIR, reason=" ")


def test_approval_records_who_when_and_conditions(registry: gov.ModelRegistry) -> None:
    version = _approved(registry)
    assert version.approved_by == "chair"
    assert version.approved_by_id == CHAIR.id
    assert version.approved_at is not None
    assert version.approved_at >= version.submitted_at >= version.created_at  # type: ignore[operator]
    assert version.conditions == "review in 6 months"


@pytest.mark.parametrize("moves", [(), ("submit",), ("submit", "approve", "retire")])
def test_operational_scoring_refused_unless_approved(
    registry: gov.ModelRegistry, moves: tuple[str, ...]
) -> None:
    _draft(registry)
    with_evidence(registry, "escalation", "1.0")
    for step in moves:
        move(registry, step, "escalation", "1.0")
    status = gov.get_version(registry, "escalation", "1.0").status
    expected = gov.NOT_APPROVED.format(name="escalation", version="1.0", status=status)
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(registry, "escalation", "1.0")
    assert str(err.value) == expected
    assert "vawg model approve escalation 1.0" in str(err.value)
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(registry, "escalation", "1.0", purpose="triage", user=CHAIR, scores=SCORES)
    assert str(err.value) == expected
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(registry, "escalation")
    assert str(err.value) == gov.NO_APPROVED_VERSION.format(name="escalation")
    assert registry.rows("SELECT count(*) FROM score_log") == [(0,)]


def test_unknown_model_and_version_are_named(registry: gov.ModelRegistry) -> None:
    with pytest.raises(GovernanceError) as err:
        gov.get_version(registry, "rfsdi")
    assert str(err.value) == gov.NO_VERSIONS.format(name="rfsdi")
    _draft(registry)
    with pytest.raises(GovernanceError) as err:
        gov.require_approved(registry, "escalation", "9.9")
    assert str(err.value) == gov.UNKNOWN_VERSION.format(name="escalation", version="9.9")


def test_approved_scores_are_logged_row_by_row(registry: gov.ModelRegistry) -> None:
    _approved(registry)
    assert gov.require_approved(registry, "escalation").version == "1.0"
    n = gov.log_scores(registry, "escalation", None, purpose="safeguarding triage", user=CHAIR, scores=SCORES)
    assert n == 2
    logged = registry.frame(
        "SELECT model, version, purpose, user, person_id, score, level, logged_at FROM score_log ORDER BY person_id"
    )
    assert list(logged["person_id"]) == ["P0000001", "P0000002"]
    assert list(logged["score"]) == [0.12, 0.55]
    assert list(logged["level"]) == ["low", "high"]
    assert set(logged["version"]) == {"1.0"}
    assert set(logged["user"]) == {"chair"}
    assert logged["logged_at"].notna().all()


def test_latest_approved_version_is_used_when_none_named(registry: gov.ModelRegistry) -> None:
    _approved(registry, "1.0")
    _approved(registry, "1.1")
    _draft(registry, "2.0")
    assert gov.require_approved(registry, "escalation").version == "1.1"
    gov.retire(registry, "escalation", "1.1", by=CHAIR, reason="superseded")
    assert gov.require_approved(registry, "escalation").version == "1.0"
    assert gov.get_version(registry, "escalation").version == "2.0"


def test_log_scores_needs_user_purpose_and_columns(registry: gov.ModelRegistry) -> None:
    _approved(registry)
    with pytest.raises(GovernanceError, match="purpose"):
        gov.log_scores(registry, "escalation", "1.0", purpose="", user=CHAIR, scores=SCORES)
    with pytest.raises(GovernanceError, match="user"):
        gov.log_scores(registry, "escalation", "1.0", purpose="triage", user=" ", scores=SCORES)  # type: ignore[arg-type]
    board = User(id=9, username="b1", roles=frozenset({"board"}))  # aggregates only: acts on no score
    with pytest.raises(PermissionDenied):
        gov.log_scores(registry, "escalation", "1.0", purpose="triage", user=board, scores=SCORES)
    with pytest.raises(GovernanceError, match="person_id, score"):
        gov.log_scores(
            registry, "escalation", "1.0", purpose="triage", user=CHAIR, scores=SCORES[["person_id"]]
        )


def test_list_versions_shows_every_model(registry: gov.ModelRegistry) -> None:
    _approved(registry)
    gov.register_version(
        registry, "rfsdi", "1", training_window=WINDOW, metrics={}, metadata={}, artifact_sha256=SHA
    )
    listing = gov.list_versions(registry)
    assert list(zip(listing["name"], listing["status"], strict=True)) == [
        ("escalation", "approved"),
        ("rfsdi", "draft"),
    ]
    assert list(gov.list_versions(registry, "rfsdi")["version"]) == ["1"]


def test_evaluation_scores_of_a_draft_are_logged_but_not_of_a_retired_version(
    registry: gov.ModelRegistry,
) -> None:
    _draft(registry)
    assert (
        gov.log_scores(registry, "escalation", "1.0", purpose="evaluation", user=ANALYST, scores=SCORES) == 2
    )
    assert registry.rows("SELECT DISTINCT purpose FROM score_log") == [("evaluation",)]
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(registry, "escalation", None, purpose="evaluation", user=ANALYST, scores=SCORES)
    assert str(err.value) == gov.EVALUATION_NEEDS_VERSION.format(name="escalation")
    gov.retire(registry, "escalation", "1.0", by=CHAIR, reason="superseded")
    with pytest.raises(GovernanceError) as err:
        gov.log_scores(registry, "escalation", "1.0", purpose="evaluation", user=ANALYST, scores=SCORES)
    assert str(err.value) == gov.RETIRED_EVALUATION.format(name="escalation", version="1.0")
    assert registry.rows("SELECT count(*) FROM score_log") == [(2,)]


def test_the_registry_is_beside_a_read_only_store_and_writable(tmp_path: Path) -> None:
    """The web app's case: the data store is open read-only, the registry beside it takes writes."""
    from vawg.store import connect

    path = tmp_path / "store.duckdb"
    connect(path).close()
    reader = connect(path, read_only=True)
    with gov.ModelRegistry.for_connection(reader) as beside:
        _draft(beside)
        assert beside.path == tmp_path / "store.app.sqlite"
    reader.close()
    with gov.ModelRegistry.for_store(path) as again:
        assert list(gov.list_versions(again)["version"]) == ["1.0"]
    con = duckdb.connect(str(path), read_only=True)
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert not tables & {"model_versions", "model_status_log", "score_log"}
