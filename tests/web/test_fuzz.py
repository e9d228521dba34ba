"""Bad input never gives a 500: odd values for every parameter of every route, odd paths and bodies."""

from __future__ import annotations

import pytest

from tests.web.test_access import _url
from vawg.web import ROUTES

ODD_VALUES = (
    "", " ", "0", "-1", "99999999999999999999", "1e309", "NaN", "month\x00", "../../etc/passwd",
    "' OR 1=1 --", "<script>alert(1)</script>", "%", "%00", "ü" * 300, "x" * 5000, "2022-Q9", "Dudley ",
    "\u202e", "[]", "{}", "None", "true",
)  # fmt: skip
ODD_IDS = ("nope", "DA_POSITIVE_OUTCOME_RATE", "a" * 400, "da_positive_outcome_rate ", "é", "x.svg")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.params], ids=lambda r: f"{r.method} {r.path}")
def test_odd_parameter_values_never_give_a_500(route, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("multi")  # analyst and board: every page's handler runs
    url = _url(route.path).split("?")[0]
    for name in route.params:
        for value in ODD_VALUES:
            if route.method == "GET":
                response = client.get(url, params={name: value}, follow_redirects=False)
            else:
                response = client.post(url, data={name: value}, follow_redirects=False)
            assert response.status_code < 500, (route.path, name, value[:40], response.status_code)
            assert "Traceback" not in response.text
        repeated = client.get(url, params=[(name, "a"), (name, "b")], follow_redirects=False)
        assert repeated.status_code < 500


def test_unknown_ids_and_paths(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("multi")
    for metric_id in ODD_IDS:
        for tail in ("", "/chart.svg", "/download"):
            response = client.get(f"/metrics/{metric_id}{tail}", follow_redirects=False)
            assert response.status_code in (404, 400), (metric_id, tail, response.status_code)
    for path in (
        "/static/../../pyproject.toml",
        "/static/nope.js",
        "/metrics",
        "/metrics/",
        "/%ff",
        "/data/x",
    ):
        assert client.get(path, follow_redirects=False).status_code in (404, 400), path
    assert client.put("/", follow_redirects=False).status_code == 405


def test_odd_bodies_and_cookies(client_for, web_app) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    client = client_for("multi")
    for body, kind in ((b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
                       (b"--x\r\nbroken", "multipart/form-data; boundary=x"), (b"{}", "application/json")):  # fmt: skip
        for path in ("/login", "/logout"):
            response = client.post(path, content=body, headers={"content-type": kind}, follow_redirects=False)
            assert response.status_code < 500, (path, kind, response.status_code)
    for cookie in ("", "x" * 5000, "%ff%fe", "a;b"):
        stranger = TestClient(web_app, base_url="http://127.0.0.1", cookies={"vawg_session": cookie})
        assert stranger.get("/", follow_redirects=False).status_code == 303
