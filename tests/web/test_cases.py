"""Professional Standards' case view: the professional_standards role alone sees cases (list with
filters, one case by a session handle); no case id in any URL; every view audited; pages marked;
the board and analysts are refused and see aggregates only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.ingest._helpers import base_rows, write_bundle
from tests.web.conftest import PASSWORD, csrf_from, sign_in
from vawg import MARKING
from vawg.accounts import AccountStore
from vawg.audit import AuditLog

# case, received, type, allegation, subject role, subject, outcome, outcome date, IOPC
CASES = [
    ("PS-1", "2022-04-03", "complaint", "apsp", "officer", "SU-1", "upheld", "2022-06-02", "true"),
    ("PS-2", "2022-04-20", "conduct_matter", "misogyny", "staff", "SU-2", "", "", "false"),
    ("PS-3", "2022-05-02", "recordable", "apsp", "officer", "SU-1", "", "", "true"),
    (
        "PS-4",
        "2022-05-15",
        "complaint",
        "sexual_harassment",
        "special",
        "SU-3",
        "withdrawn",
        "2022-05-20",
        "false",
    ),
]


@pytest.fixture(scope="module")
def cases_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from vawg.ingest import ingest
    from vawg.web import create_app

    folder = tmp_path_factory.mktemp("cases")
    tables = base_rows()
    tables["conduct_cases"] = [
        {"case_id": c, "received_date": r, "case_type": t, "allegation": a, "subject_role": s, "subject_id": su,
         "area": "Dudley", "outcome": o, "outcome_date": od, "referred_iopc": i, "vetting": ""}
        for c, r, t, a, s, su, o, od, i in CASES
    ]  # fmt: skip
    db = folder / "cases.duckdb"
    ingest(write_bundle(folder / "bundle", tables), db, progress=False)
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        for role in ("professional_standards", "analyst", "board"):
            accounts.add_user(role, roles={role}, password=PASSWORD, by=admin)
    yield create_app(db)


def _client(app: object, user: str) -> TestClient:
    return sign_in(TestClient(app, base_url="http://127.0.0.1"), user)  # type: ignore[arg-type]


def _ids(html: str) -> list[str]:
    return re.findall(r'<button type="submit">(PS-\d)</button>', html)


def _handle(html: str, case_id: str) -> str:
    found = re.findall(rf'name="case" value="([^"]+)"><button type="submit">{case_id}<', html)
    assert len(found) == 1, case_id
    return found[0]


def test_list_filters_and_detail_by_handle(cases_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    psd = _client(cases_app, "professional_standards")
    page = psd.get("/cases")
    assert page.status_code == 200 and MARKING in page.text
    assert _ids(page.text) == ["PS-4", "PS-3", "PS-2", "PS-1"]  # newest received first
    assert _ids(psd.get("/cases?allegation=apsp").text) == ["PS-3", "PS-1"]
    assert _ids(psd.get("/cases?state=open").text) == ["PS-3", "PS-2"]
    assert _ids(psd.get("/cases?from=2022-04-10&to=2022-05-10").text) == ["PS-3", "PS-2"]
    assert _ids(psd.get("/cases?subject_role=special&case_type=complaint").text) == ["PS-4"]
    assert psd.get("/cases?allegation=PS-1").status_code == 400  # a filter is a code, never an id
    assert psd.get("/cases?from=2022-02-30").status_code == 400

    listing = psd.get("/cases").text
    handle = _handle(listing, "PS-1")
    assert "PS-" not in handle  # a session handle, not the id
    assert not re.search(r'(href|action)="[^"]*PS-\d', listing)  # no id in any address
    token = csrf_from(listing)
    assert psd.get("/cases/case").status_code == 405  # POST only: nothing to bookmark or leak
    case = psd.post("/cases/case", data={"case": handle, "csrf_token": token})
    assert case.status_code == 200 and MARKING in case.text
    text = re.sub(r"\s+", " ", case.text)
    assert "Case PS-1" in text
    assert "<dt>days to outcome</dt><dd>60</dd>" in text  # 3 April to 2 June 2022
    assert "<dt>other cases same subject</dt><dd>1</dd>" in text  # PS-3 names SU-1 too
    assert "<dt>referred iopc</dt><dd>yes</dd>" in text
    assert psd.post("/cases/case", data={"case": handle}).status_code == 403  # without the CSRF token

    other = _client(cases_app, "professional_standards")  # another session: the handle means nothing
    other_token = csrf_from(other.get("/cases").text)
    assert other.post("/cases/case", data={"case": handle, "csrf_token": other_token}).status_code == 404

    entries = [
        e for e in AuditLog.for_store(cases_app.state.web.db).entries() if e.action.startswith("conduct.")
    ]
    views = [e for e in entries if e.action == "conduct.cases.view"]  # seven lists shown; refusals not
    assert len(views) == 7 and all(e.actor == "professional_standards" for e in entries)
    assert any(e.detail.get("allegation") == "apsp" and e.row_count == 2 for e in views)
    seen = [e for e in entries if e.action == "conduct.case.view"]
    assert [(e.detail["case_id"], e.row_count) for e in seen] == [("PS-1", 1)]


def test_board_and_analysts_see_aggregates_only(cases_app) -> None:  # type: ignore[no-untyped-def]
    psd = _client(cases_app, "professional_standards")
    handle = _handle(psd.get("/cases").text, "PS-1")
    for role in ("board", "analyst"):
        client = _client(cases_app, role)
        for url in ("/cases", "/cases?allegation=apsp"):
            answer = client.get(url)
            assert answer.status_code == 403 and "PS-" not in answer.text, (role, url)
        token = csrf_from(client.get("/").text)
        answer = client.post("/cases/case", data={"case": handle, "csrf_token": token})
        assert answer.status_code == 403 and "PS-" not in answer.text, role
        home = client.get("/")
        assert home.status_code == 200 and "PS-1" not in home.text and 'href="/cases"' not in home.text
    assert 'href="/cases"' in psd.get("/").text  # in the menu of the role that may


def test_odd_filter_values_never_give_a_500(cases_app) -> None:  # type: ignore[no-untyped-def]
    from tests.web.test_fuzz import ODD_VALUES

    psd = _client(cases_app, "professional_standards")
    for name in ("allegation", "case_type", "subject_role", "state", "from", "to", "page"):
        for value in ODD_VALUES:
            answer = psd.get("/cases", params={name: value})
            assert answer.status_code in (200, 400), (name, value[:40], answer.status_code)
    token = csrf_from(psd.get("/cases").text)
    for handle in ("", "x" * 500, "%00", "../admin", "PS-1", "\x00"):
        assert psd.post("/cases/case", data={"case": handle, "csrf_token": token}).status_code == 404, handle
