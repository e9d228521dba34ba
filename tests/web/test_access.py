"""Deny by default: every route of the table against every role (and no session), allowed or refused.

The expected table is written out by hand from the roles of issue 10 (board: aggregates only;
analyst: aggregates, data quality, quarantine, reports; officer/supervisor: person-level work;
governance: models; admin: users, nothing else; every role but admin also reads aggregates, as
vawg.accounts grants) — not derived from the permission code.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse

from tests.web.conftest import sign_in
from vawg.accounts import ROLES
from vawg.web import ROUTES, Access

EVERYONE = frozenset(ROLES)
AGGREGATE_READERS = frozenset(
    {"board", "analyst", "officer", "supervisor", "governance", "professional_standards", "strand_lead"}
)  # not admin
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/login"): EVERYONE,
    ("POST", "/login"): EVERYONE,
    ("POST", "/logout"): EVERYONE,
    ("GET", "/static/{name}"): EVERYONE,
    ("GET", "/"): AGGREGATE_READERS,
    ("GET", "/metrics/{metric_id}"): AGGREGATE_READERS,
    ("GET", "/metrics/{metric_id}/chart.svg"): AGGREGATE_READERS,
    ("GET", "/metrics/{metric_id}/download"): AGGREGATE_READERS,
    ("GET", "/places"): AGGREGATE_READERS,
    ("GET", "/places/layers.json"): AGGREGATE_READERS,
    ("GET", "/data"): frozenset({"analyst"}),
    ("GET", "/data/quarantine"): frozenset({"analyst"}),
    ("GET", "/lists"): frozenset({"officer", "supervisor"}),
    ("GET", "/lists/{list_id}"): frozenset({"officer", "supervisor"}),
    ("GET", "/lists/{list_id}/export"): frozenset({"officer", "supervisor"}),
    ("POST", "/person"): frozenset({"officer", "supervisor"}),
    ("GET", "/reports"): frozenset({"analyst"}),
    ("GET", "/reports/board.pdf"): frozenset({"analyst"}),
    ("GET", "/reports/return"): frozenset({"analyst"}),
}
PATH_VALUES = {"{metric_id}": "da_positive_outcome_rate", "{name}": "app.css", "{list_id}": "bail"}
QUERY = {"/reports/return": "?quarter=2022-Q4&format=csv"}


def _url(path: str) -> str:
    for placeholder, value in PATH_VALUES.items():
        path = path.replace(placeholder, value)
    return path + QUERY.get(path, "")


def test_every_route_has_an_expectation() -> None:
    assert {(r.method, r.path) for r in ROUTES} == set(EXPECTED)


def test_the_app_has_no_route_outside_the_table(web_app) -> None:  # type: ignore[no-untyped-def]
    served = {(method, route.path) for route in web_app.routes for method in getattr(route, "methods", ())}
    assert served == {(r.method, r.path) for r in ROUTES}


@pytest.fixture(scope="module")
def guard_app(web_store):  # type: ignore[no-untyped-def]
    """The app with the real table and guard, each handler answering 200 "ok" (or its own auth
    pages): the walk measures access alone, not the pages (they have their own tests; the board
    report alone would take 20 s to build)."""
    from vawg.web import create_app

    def ok(ctx) -> PlainTextResponse:  # type: ignore[no-untyped-def]
        return PlainTextResponse(ctx.session.csrf_token if ctx.session else "ok")

    keep = {"/login", "/logout"}
    return create_app(
        web_store.db, routes=tuple(r if r.path in keep else replace(r, handler=ok) for r in ROUTES)
    )


@pytest.mark.parametrize("role", [*sorted(ROLES), "multi"])
def test_route_by_role(role: str, guard_app) -> None:  # type: ignore[no-untyped-def]
    client = sign_in(TestClient(guard_app, base_url="http://127.0.0.1"), role)
    roles = {"analyst", "board"} if role == "multi" else {role}
    for route in sorted(ROUTES, key=lambda r: r.path == "/logout"):  # sign out last
        allowed = any(role_name in EXPECTED[(route.method, route.path)] for role_name in roles)
        url = _url(route.path)
        if route.method == "POST" and route.path == "/login":
            continue  # signing in again is not access to a page
        if route.path == "/logout":
            token = _session_token(client)
            status = client.post(url, data={"csrf_token": token}, follow_redirects=False).status_code
            assert status == 303, (role, route.path, status)
            continue
        if route.method == "POST":  # with a valid CSRF token: only the role decides
            token = _session_token(client)
            status = client.post(url, data={"csrf_token": token}, follow_redirects=False).status_code
        else:
            status = client.get(url, follow_redirects=False).status_code
        if route.path == "/login":
            assert status == 303, "signed in: the sign-in page sends home"
            continue
        if allowed:
            assert status == 200, f"{role} should reach {route.method} {route.path}; got {status}"
        else:
            assert status == 403, f"{role} should be refused {route.method} {route.path}; got {status}"


def _session_token(client: TestClient) -> str:
    """The session's CSRF token: the stand-in handlers print it (static files are public)."""
    return client.get("/static/app.css").text


def test_without_a_session_every_private_route_sends_to_sign_in(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    for route in ROUTES:
        url = _url(route.path)
        response = client.request(route.method, url, follow_redirects=False)
        if route.access is Access.PUBLIC:
            assert response.status_code in (200, 403, 400), (route.path, response.status_code)
        else:
            assert response.status_code == 303, (route.path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")
