"""Sessions, CSRF, headers, sign-in and audit: the security properties of issue 10, one by one."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_from
from vawg.audit import AuditLog
from vawg.web import SessionStore


def test_security_headers_on_every_response(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    for url in ("/", "/login", "/static/app.css", "/metrics/nope", "/no-such-page"):
        headers = client.get(url, follow_redirects=False).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    for url in ("/", "/metrics/da_positive_outcome_rate", "/data", "/reports", "/login"):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html, url


def test_session_cookie_flags(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": "board", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = [
        v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("vawg_session=")
    ]
    assert cookie, response.headers
    assert "HttpOnly" in cookie[0] and "SameSite=strict" in cookie[0] and "Path=/" in cookie[0]


def test_secure_cookie_behind_tls(web_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from vawg.config import get_settings
    from vawg.web import create_app

    monkeypatch.setenv("VAWG_WEB_SECURE_COOKIES", "true")
    get_settings.cache_clear()
    client = TestClient(create_app(web_store.db), base_url="https://127.0.0.1")
    page = client.get("/login")
    assert "Secure" in page.headers["set-cookie"] and page.headers["set-cookie"].startswith(
        "__Host-vawg_login="
    )
    response = client.post("/login", data={"username": "board", "password": PASSWORD,
                                           "csrf_token": csrf_from(page.text)}, follow_redirects=False)  # fmt: skip
    assert response.headers["set-cookie"].startswith("__Host-vawg_session=")
    assert "Secure" in response.headers["set-cookie"]
    assert "max-age=31536000" in response.headers["strict-transport-security"]


def test_logout_needs_the_csrf_token_and_ends_the_session(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("board")
    assert client.get("/", follow_redirects=False).status_code == 200
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403  # missing token
    forged = client.post("/logout", data={"csrf_token": "x" * 43}, follow_redirects=False)
    assert forged.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200  # still signed in
    token = csrf_from(client.get("/").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303  # the old cookie is dead server-side


def test_a_stolen_cookie_stops_working_after_logout(client_for, web_app) -> None:  # type: ignore[no-untyped-def]
    client = client_for("board")
    cookie = client.cookies.get("vawg_session")
    token = csrf_from(client.get("/").text)
    client.post("/logout", data={"csrf_token": token})
    thief = TestClient(web_app, base_url="http://127.0.0.1", cookies={"vawg_session": cookie})
    assert thief.get("/", follow_redirects=False).status_code == 303


def test_login_csrf_missing_or_forged_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    client.get("/login")
    for token in ("", "forged"):
        response = client.post("/login", data={"username": "board", "password": PASSWORD, "csrf_token": token},
                               follow_redirects=False)  # fmt: skip
        assert response.status_code == 403
        assert "vawg_session" not in response.headers.get("set-cookie", "")


def test_every_sign_in_is_audited(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    log = AuditLog.for_store(web_store.db)
    before = len(log.entries())
    client = client_for(None)
    token = csrf_from(client.get("/login").text)
    failed = client.post(
        "/login", data={"username": "board", "password": "Zq-not-it-91", "csrf_token": token}
    )
    assert failed.status_code == 401 and "Sign-in failed" in failed.text
    assert "Zq-not-it-91" not in failed.text  # the password is never echoed
    client_for("board")
    new = log.entries()[before:]
    actions = [e.action for e in new if e.action.startswith("login")]
    assert actions == ["login.failure", "login.success"], [
        (e.actor, e.action, e.detail, e.client) for e in new
    ]


def test_quarantine_views_are_audited_with_the_row_count(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    log = AuditLog.for_store(web_store.db)
    client = client_for("analyst")
    before = len(log.entries())
    page = client.get("/data/quarantine")
    assert page.status_code == 200 and "OFFICIAL-SENSITIVE" in page.text
    shown = page.text.count('<tr><th scope="row">')  # one per quarantined row shown
    entry = log.entries()[before:][-1]
    assert entry.action == "quarantine.view" and entry.row_count == shown


def test_idle_and_absolute_timeouts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = SessionStore(tmp_path / "s.sqlite", idle_seconds=60, max_seconds=600)
    token, _ = store.create(7, now=1000.0)
    assert store.current(token, now=1059.0) is not None  # active: the idle clock restarts
    assert store.current(token, now=1118.0) is not None
    assert store.current(token, now=1179.0) is None  # 61 s idle: gone
    token, _ = store.create(7, now=2000.0)
    for t in range(2050, 2600, 50):
        assert store.current(token, now=float(t)) is not None
    assert store.current(token, now=2601.0) is None  # past the absolute limit however active
    assert store.current("not-a-token", now=2000.0) is None


def test_expired_session_sends_to_sign_in(client_for, web_app) -> None:  # type: ignore[no-untyped-def]
    client = client_for("board")
    sessions = web_app.state.web.sessions
    old = sessions.idle_seconds
    sessions.idle_seconds = -1  # every session is now idle for too long
    try:
        response = client.get("/", follow_redirects=False)
        htmx = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    finally:
        sessions.idle_seconds = old
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/"
    assert client.get("/", follow_redirects=False).status_code == 303  # and it was deleted
    assert htmx.headers.get("hx-redirect", "").startswith("/login") or htmx.status_code == 303


def test_sign_in_goes_back_only_to_local_paths(client_for) -> None:  # type: ignore[no-untyped-def]
    from vawg.web.pages._auth import _safe_next

    for target in (
        "//evil.example/x",
        "https://evil.example",
        "/\\evil",
        "javascript:alert(1)",
        "/a b",
        None,
        "",
    ):
        assert _safe_next(target) == "/", target
    assert _safe_next("/metrics/da_recorded_crimes?area=Dudley") == "/metrics/da_recorded_crimes?area=Dudley"
    client = client_for(None)
    token = csrf_from(client.get("/login?next=/data").text)
    response = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token,
                                            "next": "/data"}, follow_redirects=False)  # fmt: skip
    assert response.headers["location"] == "/data"


def test_a_disabled_user_is_signed_out_at_the_next_request(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    from vawg.accounts import AccountStore

    with AccountStore.for_store(web_store.db) as accounts:
        admin = accounts.get_by_name("admin")
        accounts.add_user("leaver", roles={"board"}, password=PASSWORD, by=admin)
        client = client_for("leaver")
        assert client.get("/", follow_redirects=False).status_code == 200
        accounts.disable("leaver", by=admin)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_access_log_lines_keep_the_path_only() -> None:
    import logging

    from vawg.web._server import _PathOnly

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/data/quarantine?table=persons&page=2", "1.1", 200), None)  # fmt: skip
    assert _PathOnly().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /data/quarantine HTTP/1.1" 200'


def test_admin_alone_sees_no_data_and_is_told_why(client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("admin").get("/")
    assert page.status_code == 403
    assert "vawg users" in page.text and "Dashboard" not in page.text and "<table" not in page.text


def test_no_route_takes_a_person_in_its_path_or_query() -> None:
    """A person id may reach the app only in a POST body: no route has a path parameter or a query
    parameter that could carry one (the person summary is POST /person, its id a form field)."""
    from vawg.web import ROUTES

    person_fields = {"person_id", "person", "pid", "subject", "victim"}
    for route in ROUTES:
        assert set(re.findall(r"\{(\w+)\}", route.path)) <= {"metric_id", "list_id", "name", "version"}, (
            route.path
        )
        if route.method == "GET":
            assert not person_fields & set(route.params), (route.path, route.params)
    person = [r for r in ROUTES if "person_id" in r.params]
    assert [(r.method, r.path) for r in person] == [("POST", "/person")]


def test_an_unknown_address_gets_the_apps_own_page_without_echoing_it(client_for) -> None:  # type: ignore[no-untyped-def]
    # It was a bare "Not found" text: no menu, no way back, unlike every other error.
    path = "/no-such-page-P0012345"
    anonymous = client_for(None).get(path, follow_redirects=False)
    assert anonymous.status_code == 404 and anonymous.headers["content-type"].startswith("text/html")
    assert "There is nothing at this address." in anonymous.text and 'href="/"' in anonymous.text
    assert "P0012345" not in anonymous.text and 'href="/data"' not in anonymous.text  # no menu signed out
    analyst = client_for("analyst")
    page = analyst.get(path)
    assert page.status_code == 404 and "P0012345" not in page.text
    assert 'href="/data"' in page.text  # the signed-in user's menu, as on every other error page
    wrong_method = analyst.get("/logout")  # POST only
    assert wrong_method.status_code == 405 and "This address cannot be used that way." in wrong_method.text
