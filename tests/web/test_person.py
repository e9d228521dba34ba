"""Person summaries in the app: opened by POST from a list (no pseudonym in any URL or server log),
officers kept to their own areas, board and analysts refused, every view audited."""

from __future__ import annotations

import logging
import re

import pytest

from tests.web.conftest import AREA, csrf_from
from vawg.audit import AuditLog


def _people(html: str) -> list[str]:
    """The person ids of the list page's "Open" forms (hidden fields, never in a link)."""
    return re.findall(r'name="person_id" value="([^"]+)"', html)


def _open(client, person_id: str, token: str, list_id: str = "bail"):  # type: ignore[no-untyped-def]
    return client.post(
        "/person", data={"person_id": person_id, "list": list_id, "csrf_token": token}, follow_redirects=False
    )


def test_a_list_opens_each_person_by_post_only(client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("supervisor").get("/lists/bail").text
    people = _people(page)
    assert people, "the bail list of the small force has people"
    assert 'action="/person"' in page and 'method="post"' in page
    for href in re.findall(r'href="([^"]*)"', page):  # no link carries a pseudonym
        assert not any(p in href for p in people), href


def test_supervisor_opens_a_person_and_the_view_is_audited(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    page = client.get("/lists/bail").text
    person = _people(page)[0]
    with AuditLog.for_store(web_store.db) as log:
        before = len(log.entries())
    response = _open(client, person, csrf_from(page))
    assert response.status_code == 200, response.text[:400]
    assert f"Person {person}" in response.text and "OFFICIAL-SENSITIVE" in response.text
    assert "Custody, bail and release under investigation" in response.text and "RFSDI" in response.text
    with AuditLog.for_store(web_store.db) as log:
        new = [e for e in log.entries()[before:] if e.action.startswith("person.")]
        assert log.verify().ok
    assert [(e.actor, e.action, e.target, e.client) for e in new] == [
        ("supervisor", "person.view", person, "testclient")
    ]
    assert new[0].row_count >= 1


def test_an_officer_opens_only_people_of_their_areas(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    from vawg.operations import data_window, person_summary
    from vawg.store import connect

    officer = client_for("officer")  # areas: Dudley
    page = officer.get("/lists/bail").text
    mine = _people(page)[0]
    assert _open(officer, mine, csrf_from(page)).status_code == 200
    everyone = _people(client_for("supervisor").get("/lists/bail", params={"area": "Walsall"}).text)
    con = connect(web_store.db, read_only=True)
    try:
        day = data_window(con)[1]
        elsewhere = next(p for p in everyone if AREA not in person_summary(con, p, day).areas)
    finally:
        con.close()
    with AuditLog.for_store(web_store.db) as log:
        before = len(log.entries())
    refused = _open(officer, elsewhere, csrf_from(page))
    assert refused.status_code == 403 and "none of the person" in refused.text
    with AuditLog.for_store(web_store.db) as log:
        assert not [e for e in log.entries()[before:] if e.action.startswith("person.")]


@pytest.mark.parametrize("role", ["board", "analyst", "admin", "governance"])
def test_roles_without_person_level_access_are_refused(client_for, role: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(role)
    token = (
        csrf_from(client.get("/login?next=/").text) if role == "admin" else csrf_from(client.get("/").text)
    )
    assert _open(client, "P-0000001", token).status_code == 403


def test_csrf_is_required_and_get_is_not_served(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    person = _people(client.get("/lists/bail").text)[0]
    assert client.post("/person", data={"person_id": person}, follow_redirects=False).status_code == 403
    assert client.get("/person", params={"person_id": person}, follow_redirects=False).status_code == 405


def test_odd_or_unknown_ids_are_400_and_never_echoed_or_logged(client_for, caplog) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    page = client.get("/lists/bail").text
    token, person = csrf_from(page), _people(page)[0]
    caplog.set_level(logging.DEBUG)
    for odd in ("P-NO-SUCH-PERSON", "", " ", "x" * 5000, "<script>alert(1)</script>", "\x00", "' OR 1=1 --"):
        response = _open(client, odd, token, list_id="bail")
        assert response.status_code == 400, (odd[:20], response.status_code)
        if odd.strip():
            assert odd not in response.text
    assert _open(client, person, token, list_id="no-such-list").status_code == 400
    assert _open(client, person, token).status_code == 200
    assert person not in caplog.text and "P-NO-SUCH-PERSON" not in caplog.text


def test_the_score_on_a_person_summary_is_logged_from_the_client_address(scored_store) -> None:  # type: ignore[no-untyped-def]
    """The person page scores one person with the approved RFSDI and logs it against the signed-in
    user, with the browser's address in the audit entry (not "vawg", the CLI's)."""
    from fastapi.testclient import TestClient

    from tests.web.conftest import sign_in
    from vawg.risk import ModelRegistry
    from vawg.web import create_app

    with TestClient(create_app(scored_store.db), base_url="http://127.0.0.1") as client:
        page = sign_in(client, "sgt").get(
            "/lists/outstanding-suspects", params={"sort": "rfsdi_score", "desc": "1"}
        )
        person = _people(page.text)[0]
        with ModelRegistry.for_store(scored_store.db) as registry:
            before = len(registry.audit.entries(action="model.score"))
        response = _open(client, person, csrf_from(page.text))
        assert response.status_code == 200 and f"RFSDI version {scored_store.version}" in response.text
        # The shipped bands are the top N on the date: said in words with that date's cut-offs.
        assert "high: the top" in response.text and "on this date high at" in response.text
        assert "from None" not in response.text
    with ModelRegistry.for_store(scored_store.db) as registry:
        new = registry.audit.entries(action="model.score")[before:]
        logged = registry.rows('SELECT person_id, "user" FROM score_log ORDER BY seq DESC LIMIT 1')
    assert [(e.actor, e.row_count, e.client) for e in new] == [("sgt", 1, "testclient")]
    assert logged == [(person, "sgt")]
