"""Model pages: the registry, a version, its ethics pack, and submit/approve/retire with four eyes.

The registry is in the app state (D-gov-8), so the app, which reads the data store read-only, makes
the moves. The library's rules hold in the browser: the submitter cannot approve (a clear refusal on
the page, status 400, not a 500), a reason is required, CSRF is checked, every move is audited.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.risk.governed import EVIDENCE_METRICS, WINDOW, record_decision
from tests.web.conftest import PASSWORD, csrf_from, serving, sign_in
from tests.web.test_browser import _shot
from tests.web.test_fuzz import ODD_VALUES
from vawg.accounts import AccountStore, User
from vawg.audit import AuditLog
from vawg.risk import (
    ModelRegistry,
    default_config_path,
    get_version,
    load_config,
    register_rfsdi,
    status_history,
)
from vawg.store import connect

VERSION = load_config(default_config_path()).version  # the shipped RFSDI file's version
PAGE = f"/models/rfsdi/{VERSION}"


@dataclass
class ModelStore:
    db: Path
    people: dict[str, User]


@pytest.fixture()
def model_store(small_force, tmp_path: Path) -> ModelStore:  # type: ignore[no-untyped-def]
    """A copy of the small store with RFSDI registered as a draft with its evaluation and fairness
    audit and an approving ethics decision (the pack is generated through the app), two governance
    users and an officer."""
    db = tmp_path / "store.duckdb"
    shutil.copyfile(small_force[1], db)
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        people = {
            name: accounts.add_user(name, roles={role}, password=PASSWORD, by=admin)
            for name, role in (("gov1", "governance"), ("gov2", "governance"), ("pc", "officer"))
        }
    con = connect(db, read_only=True)
    with ModelRegistry.for_store(db) as registry:
        register_rfsdi(registry, con, metrics=EVIDENCE_METRICS, training_window=WINDOW)
        record_decision(registry, "rfsdi", VERSION)
    con.close()
    return ModelStore(db, people)


@pytest.fixture()
def app(model_store: ModelStore):  # type: ignore[no-untyped-def]
    from vawg.web import create_app

    return create_app(model_store.db)


@pytest.fixture()
def client(app) -> Iterator[object]:  # type: ignore[no-untyped-def]
    def make(username: str) -> TestClient:
        return sign_in(TestClient(app, base_url="http://127.0.0.1"), username)

    yield make


def _post(client: TestClient, action: str, **data: str) -> object:
    token = csrf_from(client.get(PAGE).text)
    return client.post(f"{PAGE}/{action}", data={"csrf_token": token, **data}, follow_redirects=False)


def test_four_eyes_in_the_app_with_reasons_csrf_and_audit(client, model_store: ModelStore) -> None:  # type: ignore[no-untyped-def]
    gov1, gov2 = client("gov1"), client("gov2")
    listing = gov1.get("/models")
    assert listing.status_code == 200 and VERSION in listing.text and "draft" in listing.text
    page = gov1.get(PAGE)
    assert "no generated ethics pack" in page.text and "Status history" in page.text
    assert ">nan<" not in page.text and ">registered<" in page.text  # the history, without empty cells
    assert _post(gov1, "submit").status_code == 303
    pack = gov1.get(f"{PAGE}/pack", params={"doc": "card", "format": "md"})
    assert pack.status_code == 200 and "attachment" in pack.headers["content-disposition"]
    assert "Model card" in pack.text or "model card" in pack.text.lower()
    assert "no generated ethics pack" not in gov1.get(PAGE).text  # generating it is the evidence

    refused = _post(gov1, "approve", reason="I submitted it and I like it")
    assert refused.status_code == 400
    assert "cannot also approve it" in refused.text and "four eyes" in refused.text
    forged = gov2.post(
        f"{PAGE}/approve", data={"csrf_token": "forged", "reason": "r"}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert "needs a reason" in _post(gov2, "approve", reason="  ").text
    with ModelRegistry.for_store(model_store.db) as registry:
        assert get_version(registry, "rfsdi", VERSION).status == "submitted"

    approved = _post(gov2, "approve", reason="ethics committee approved")
    assert approved.status_code == 303 and approved.headers["location"].endswith("done=approved")
    assert "approved by gov2" in gov2.get(PAGE).text
    assert _post(gov2, "retire", reason="superseded").status_code == 303
    with ModelRegistry.for_store(model_store.db) as registry:
        found = get_version(registry, "rfsdi", VERSION)
        history = status_history(registry, "rfsdi", VERSION)
    assert (found.status, found.approved_by_id, found.retired_by_id) == (
        "retired", model_store.people["gov2"].id, model_store.people["gov2"].id,
    )  # fmt: skip
    assert list(history["note"])[-2:] == ["ethics committee approved", "superseded"]
    with AuditLog.for_store(model_store.db) as log:
        entries = [e for e in log.entries(action="model.") if e.action != "model.score"]
    moves = [(e.action, e.actor_id) for e in entries]
    assert {e.client for e in entries if e.action in ("model.approve", "model.retire")} == {"testclient"}
    ids = {name: u.id for name, u in model_store.people.items()}  # the browser's address, not "vawg"
    assert ("model.submit", ids["gov1"]) in moves and ("model.approve", ids["gov2"]) in moves
    assert ("model.retire", ids["gov2"]) in moves and ("model.pack", ids["gov1"]) in moves


def test_only_governance_reaches_the_models_and_unknown_versions_are_404(client) -> None:  # type: ignore[no-untyped-def]
    officer = client("pc")
    assert officer.get("/models").status_code == 403
    gov = client("gov1")
    for path in ("/models/rfsdi/nope", "/models/escalation/" + VERSION, "/models/other/1", f"{PAGE}x/pack"):
        assert gov.get(path).status_code in (400, 404), path
    token = csrf_from(gov.get(PAGE).text)
    assert gov.post("/models/rfsdi/nope/approve", data={"csrf_token": token}).status_code == 404


def test_odd_values_on_the_model_routes_never_give_a_500(client) -> None:  # type: ignore[no-untyped-def]
    gov = client("gov1")
    token = csrf_from(gov.get(PAGE).text)
    for value in ODD_VALUES:
        for name in ("doc", "format", "done"):
            url = f"{PAGE}/pack" if name != "done" else PAGE
            response = gov.get(url, params={name: value})
            assert response.status_code < 500 and "Traceback" not in response.text, (name, value[:30])
        for field in ("reason", "conditions"):
            response = gov.post(
                f"{PAGE}/approve", data={"csrf_token": token, field: value}, follow_redirects=False
            )
            assert response.status_code < 500, (field, value[:30])
        assert gov.get("/models/rfsdi/" + quote(value[:200], safe="")).status_code < 500


def _signed_in(browser, base: str, username: str):  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + "/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    return page


def test_browser_submit_refused_own_approval_then_second_user_approves(  # type: ignore[no-untyped-def]
    browser, app, model_store: ModelStore, tmp_path: Path
) -> None:
    with serving(app) as live:
        base = live.url
        first = _signed_in(browser, base, "gov1")
        first.get_by_role("navigation", name="Main").get_by_role("link", name="Models").click()
        first.get_by_role("link", name=VERSION).click()
        first.get_by_role("button", name="Submit for approval").click()
        first.wait_for_url("**done=submitted")
        with first.expect_download() as download:
            first.get_by_role("link", name="Markdown").first.click()
        assert download.value.suggested_filename == f"rfsdi-{VERSION}-model-card.md"
        first.reload()
        first.get_by_label("Reason (recorded)").first.fill("my own submission")
        first.get_by_role("button", name="Approve").click()
        refusal = first.get_by_role("alert")
        assert "cannot also approve it" in refusal.inner_text()
        _shot(first, tmp_path, "model-four-eyes-refused")

        second = _signed_in(browser, base, "gov2")
        second.goto(base + PAGE)
        second.get_by_label("Reason (recorded)").first.fill("ethics committee approved")
        second.get_by_label("Conditions (empty: the ethics committee's)").fill("pilot NPUs only")
        second.get_by_role("button", name="Approve").click()
        second.wait_for_url("**done=approved")
        assert "approved by gov2" in second.locator("main").inner_text()
        _shot(second, tmp_path, "model-approved")
        second.get_by_role("navigation", name="Main").get_by_role("link", name="Models").click()
        _shot(second, tmp_path, "models")
    with ModelRegistry.for_store(model_store.db) as registry:
        found = get_version(registry, "rfsdi", VERSION)
    assert (found.status, found.approved_by, found.conditions) == ("approved", "gov2", "pilot NPUs only")
    assert (tmp_path / "model-four-eyes-refused.png").stat().st_size > 0
