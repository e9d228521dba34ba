"""Work lists in the app: own-area access for officers, every view and export audited, marked."""

from __future__ import annotations

import io

import pandas as pd

from vawg.audit import AuditLog


def test_officer_sees_own_area_list_and_is_refused_another(client_for, web_store) -> None:  # type: ignore[no-untyped-def]
    client = client_for("officer")  # areas: Dudley
    with AuditLog.for_store(web_store.db) as log:
        before = len(log.entries())
    page = client.get("/lists/bail")
    assert page.status_code == 200, page.text[:400]
    assert "OFFICIAL-SENSITIVE" in page.text and "Dudley" in page.text
    assert client.get("/lists/bail", params={"area": "Walsall"}).status_code == 403
    export = client.get("/lists/bail/export", params={"area": "Dudley", "format": "csv"})
    assert export.status_code == 200 and "OFFICIAL-SENSITIVE" in export.text
    with AuditLog.for_store(web_store.db) as log:
        new = [e for e in log.entries()[before:] if e.action.startswith("list.")]
    assert [(e.action, e.target, e.detail["area"], e.actor) for e in new] == [
        ("list.view", "bail", "Dudley", "officer"), ("list.export", "bail", "Dudley", "officer")
    ]  # fmt: skip
    rows = pd.read_csv(io.StringIO(export.text), comment="#")
    assert new[1].row_count == len(rows)


def test_supervisor_sees_every_area_and_unknown_lists_are_404(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    assert "Work lists" in client.get("/lists").text
    assert client.get("/lists/bail").status_code == 200
    assert client.get("/lists/no-such-list").status_code == 404
    assert client.get("/lists/bail", params={"sort": "not_a_column"}).status_code == 400


def test_every_list_answers_without_a_server_error(client_for) -> None:  # type: ignore[no-untyped-def]
    from vawg.operations import LISTS

    client = client_for("supervisor")
    for spec in LISTS:
        response = client.get(f"/lists/{spec.id}")
        assert response.status_code == 200, (spec.id, response.status_code, response.text[:300])


def test_outstanding_suspects_shows_and_logs_rfsdi_scores_once_approved(people_store) -> None:  # type: ignore[no-untyped-def]
    """The score log is in the app state, so the app (read-only store) shows scores and logs each one
    against the signed-in officer or supervisor; before approval the risk columns are empty."""
    from fastapi.testclient import TestClient

    from tests.web.conftest import approve_rfsdi, sign_in
    from vawg.risk import ModelRegistry
    from vawg.web import create_app

    db, people = people_store.db, people_store.people
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        page = sign_in(client, "sgt").get("/lists/outstanding-suspects")
        assert page.status_code == 200 and "Risk columns empty" in page.text
    version = approve_rfsdi(db, people)
    for name in ("pc", "sgt"):
        with TestClient(app, base_url="http://127.0.0.1") as client:
            page = sign_in(client, name).get(
                "/lists/outstanding-suspects", params={"sort": "rfsdi_score", "desc": "1"}
            )
            assert page.status_code == 200, page.text[:300]
            assert f"RFSDI version {version}" in page.text
            assert any(level in page.text for level in (">high<", ">medium<", ">standard<"))
    with ModelRegistry.for_store(db) as registry:
        logged = dict(registry.rows('SELECT "user", count(*) FROM score_log GROUP BY "user"'))
        ids = {u for (u,) in registry.rows("SELECT DISTINCT user_id FROM score_log")}
    assert logged.keys() == {"pc", "sgt"} and min(logged.values()) > 0
    assert ids == {people["pc"].id, people["sgt"].id}


def test_a_scored_list_is_kept_between_views_and_each_view_logs_the_scores_it_shows(scored_store) -> None:  # type: ignore[no-untyped-def]
    """D-operations-6: the scored list is computed once per store and approved version; every page
    view logs its own rows' scores (not the whole list) against the user, from the client address;
    an export logs every row; retiring the version empties the risk columns at once."""
    from fastapi.testclient import TestClient

    import vawg.operations._outstanding as outstanding
    from tests.web.conftest import sign_in
    from vawg.risk import ModelRegistry, retire
    from vawg.web import create_app

    db, version, people = scored_store.db, scored_store.version, scored_store.people

    def logged() -> int:
        with ModelRegistry.for_store(db) as registry:
            return int(registry.rows("SELECT count(*) FROM score_log")[0][0])

    scored = []
    real = outstanding.governed_scores
    app = create_app(db)
    try:
        outstanding.governed_scores = lambda *a, **k: scored.append(1) or real(*a, **k)  # type: ignore[assignment]
        with TestClient(app, base_url="http://127.0.0.1") as client:
            sign_in(client, "sgt")
            params = {"sort": "rfsdi_score", "desc": "1"}
            counts = []
            for _ in range(2):
                before = logged()
                page = client.get("/lists/outstanding-suspects", params=params)
                assert page.status_code == 200 and f"RFSDI version {version}" in page.text
                counts.append(logged() - before)
            assert len(scored) == 1  # computed once, kept for the second view
            assert counts[0] == counts[1] and 0 < counts[0] <= 50  # the page's rows, each time
            before = logged()
            export = client.get("/lists/outstanding-suspects/export", params={"format": "csv"})
            assert export.status_code == 200
            rows = pd.read_csv(io.StringIO(export.text), comment="#")
            assert logged() - before == int(rows["rfsdi_score"].notna().sum()) > counts[0]
            with ModelRegistry.for_store(db) as registry:
                clients = {e.client for e in registry.audit.entries(action="model.score")}
                retire(registry, "rfsdi", version, by=people["gov2"], reason="superseded")
            assert clients == {"testclient"}  # the web client's address, not "vawg"
            before = logged()
            page = client.get("/lists/outstanding-suspects", params=params)
            assert page.status_code == 200 and "Risk columns empty" in page.text
            assert logged() == before
    finally:
        outstanding.governed_scores = real  # type: ignore[assignment]


def test_each_column_head_carries_its_meaning_from_the_registry(client_for) -> None:  # type: ignore[no-untyped-def]
    """A column such as "RFSDI top components" says what it is when pointed at (as on the person
    page), from the list registry, and the meanings are also listed under the table."""
    from markupsafe import escape  # as Jinja escapes the page

    from vawg.operations import LISTS

    client = client_for("supervisor")
    for spec in LISTS:
        page = client.get(f"/lists/{spec.id}").text
        for column in spec.columns:
            head = f'<th scope="col" class="k-{column.kind}" title="{escape(column.meaning)}">{column.heading}</th>'
            assert head in page, (
                spec.id,
                column.name,
            )


def test_list_pages_head_columns_in_words_and_exports_keep_the_names(client_for) -> None:  # type: ignore[no-untyped-def]
    import csv
    import re

    from vawg.operations import LISTS

    client = client_for("supervisor")
    for spec in LISTS:
        page = client.get(f"/lists/{spec.id}").text
        heads = re.findall(r'<th scope="col" class="k-\w+" title="[^"]*">([^<]*)</th>', page)
        assert heads == [c.heading for c in spec.columns], spec.id  # "Days to bail end", not days_to_bail_end
        assert not any("_" in head for head in heads), heads
        for column in spec.columns:  # the Columns section ties each heading to its export name
            assert f"<dt>{column.heading} <code>{column.name}</code></dt>" in page
    export = client.get("/lists/bail/export", params={"format": "csv"})
    header = next(line for line in export.text.splitlines() if not line.startswith("#"))
    assert next(csv.reader([header])) == list(LISTS.get("bail").column_names)
