"""The action plan in the web app: the plan page for every aggregate reader (counts only for the
board), adding and editing an action (analyst: any strand; strand lead: their own, refused with a
page saying why on another), validation beside the form, history kept and every change audited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, WebStore, csrf_from, sign_in
from vawg.accounts import AccountStore
from vawg.audit import AuditLog
from vawg.strategy import Action, ActionPlan

YESTERDAY = date.today() - timedelta(days=1)


@pytest.fixture()
def plan_store(tiny_store: WebStore) -> WebStore:
    """The hand-made store with a strand lead of Our Behaviours and two actions (one per strand)."""
    with AccountStore.for_store(tiny_store.db) as accounts:
        admin = accounts.get_by_name("admin")
        accounts.add_user(
            "lee", roles={"strand_lead"}, password=PASSWORD, areas=("our-behaviours",), by=admin
        )
        analyst = accounts.get_by_name("analyst")
    with ActionPlan.for_store(tiny_store.db) as plan:
        plan.save(
            [
                Action("OB-1", "our-behaviours", "Tier 2 training", "Learning and Development", "Head of PSD",
                       due_date=YESTERDAY, status="in_progress", rag="amber", rag_reason="slipping"),
                Action("CJ-1", "criminal-justice", "Soteria roll-out", "CJ team", "ACC",
                       due_date=date(2030, 1, 31), evidence=("doc:soteria-plan",)),
            ],
            by=analyst,
            source="test",
        )  # fmt: skip
    return tiny_store


@pytest.fixture()
def plan_client(plan_store: WebStore) -> Iterator[Callable[[str], TestClient]]:
    from vawg.web import create_app

    app = create_app(plan_store.db)
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        client = TestClient(app, base_url="http://127.0.0.1")
        clients.append(client)
        return sign_in(client, username)

    yield make
    for client in clients:
        client.close()


def _form(client: TestClient, ref: str) -> dict[str, str]:
    page = client.get("/plan/action", params={"ref": ref})
    assert page.status_code == 200, page.text[:300]
    with ActionPlan.for_store(client.app.state.web.db) as plan:  # type: ignore[attr-defined]
        action = plan.get(ref)
    assert action is not None
    return {**action.to_record(), "mode": "edit", "csrf_token": csrf_from(page.text)}


def test_board_sees_counts_not_actions(plan_client) -> None:  # type: ignore[no-untyped-def]
    page = plan_client("board").get("/plan")
    assert page.status_code == 200
    text = page.text
    assert "Action plan" in text and "Our Behaviours" in text
    assert "OB-1" not in text and "Tier 2 training" not in text and "/plan/action?" not in text
    assert "Overdue" in text  # the column of the counts, defined under "What the counts mean"
    # RAG over time: today's row for Our Behaviours holds the one amber action (red, amber, green, blue)
    today = date.today().isoformat()
    cells = '<td class="n">0</td><td class="n">1</td><td class="n">0</td><td class="n">0</td>'
    assert f'<tr><td>{today}</td><th scope="row">Our Behaviours</th>{cells}</tr>' in text


def test_analyst_sees_actions_overdue_and_unevidenced(plan_client) -> None:  # type: ignore[no-untyped-def]
    text = plan_client("analyst").get("/plan").text
    assert 'href="/plan/action?ref=OB-1"' in text and 'href="/plan/action?ref=CJ-1"' in text
    overdue = text.split("<h2>Overdue</h2>")[1].split("</section>")[0]
    assert "OB-1" in overdue and "1 days overdue" in overdue and "CJ-1" not in overdue  # due yesterday
    bare = text.split("<h2>Without evidence</h2>")[1].split("</section>")[0]
    assert "OB-1" in bare and "CJ-1" not in bare


def test_strand_lead_edits_own_strand_and_is_refused_on_another(plan_client, plan_store) -> None:  # type: ignore[no-untyped-def]
    lee = plan_client("lee")
    listing = lee.get("/plan").text
    assert 'href="/plan/action?ref=OB-1"' in listing and 'href="/plan/action?ref=CJ-1"' not in listing

    form = _form(lee, "OB-1")
    saved = lee.post("/plan/actions", data={**form, "rag": "green", "rag_reason": ""}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/plan/action?ref=OB-1&saved=1"
    page = lee.get(saved.headers["location"]).text
    assert "Saved." in page and "amber" in page.split("<h2>History</h2>")[1]  # from amber to green, kept

    refused = lee.get("/plan/action?ref=CJ-1")
    assert refused.status_code == 403 and "belongs to the strand criminal-justice" in refused.text
    token = csrf_from(listing)
    sneaky = {**form, "strand": "criminal-justice", "csrf_token": token}  # moving OB-1 out of their strand
    assert lee.post("/plan/actions", data=sneaky, follow_redirects=False).status_code == 403
    other = {**form, "ref": "CJ-1", "strand": "criminal-justice", "csrf_token": token}
    assert lee.post("/plan/actions", data=other, follow_redirects=False).status_code == 403

    with ActionPlan.for_store(plan_store.db) as plan:
        assert plan.get("OB-1").rag == "green" and plan.get("OB-1").strand == "our-behaviours"  # type: ignore[union-attr]
        assert plan.get("CJ-1").strand_lead == "ACC"  # type: ignore[union-attr]
        changes = [(h["changed_by"], h["source"], h["field"]) for h in plan.history("OB-1")]
    assert ("lee", "web", "rag") in changes
    entries = [e for e in AuditLog.for_store(plan_store.db).entries() if e.action == "plan.change"]
    assert [(e.actor, e.target, e.client) for e in entries if e.actor == "lee"] == [
        ("lee", "OB-1", "testclient")
    ]


def test_analyst_adds_an_action_and_bad_values_are_named(plan_client, plan_store) -> None:  # type: ignore[no-untyped-def]
    ana = plan_client("analyst")
    page = ana.get("/plan/new?strand=safety-in-public")
    assert page.status_code == 200
    token = csrf_from(page.text)
    bad = {"mode": "new", "csrf_token": token, "ref": "SIP-1", "strand": "safety-in-public",
           "description": "Night-time economy patrols", "owner": "Neighbourhoods", "strand_lead": "Supt",
           "due_date": "2023-02-30", "status": "in_progress", "rag": "red", "rag_reason": "",
           "evidence": "metric:no_such_metric"}  # fmt: skip
    answer = ana.post("/plan/actions", data=bad)
    assert answer.status_code == 400
    for words in ("due_date: expected a date YYYY-MM-DD", "rag_reason: expected a reason",
                  "evidence: expected a metric id of the registry"):  # fmt: skip
        assert words in answer.text, words
    good = {**bad, "due_date": "2023-03-31", "rag_reason": "patrol hours cut", "evidence": "doc:ntE-plan"}
    assert ana.post("/plan/actions", data=good, follow_redirects=False).status_code == 303
    again = ana.post("/plan/actions", data=good)
    assert again.status_code == 400 and "exists already" in again.text
    with ActionPlan.for_store(plan_store.db) as plan:
        added = plan.get("SIP-1")
    assert added is not None and added.due_date == date(2023, 3, 31) and added.evidence == ("doc:ntE-plan",)


def test_board_cannot_edit_and_a_lead_without_strands_cannot_add(plan_client, plan_store) -> None:  # type: ignore[no-untyped-def]
    board = plan_client("board")
    assert board.get("/plan/action?ref=OB-1").status_code == 403
    token = csrf_from(board.get("/plan").text)
    assert board.post("/plan/actions", data={"ref": "OB-1", "csrf_token": token}).status_code == 403
    with AccountStore.for_store(plan_store.db) as accounts:
        accounts.add_user(
            "nolead", roles={"strand_lead"}, password=PASSWORD, by=accounts.get_by_name("admin")
        )
    refused = plan_client("nolead").get("/plan/new")
    assert refused.status_code == 403 and "lead no strand" in refused.text


def test_in_a_browser_a_strand_lead_edits_their_action_and_is_refused_another(plan_store, browser) -> None:  # type: ignore[no-untyped-def]
    """Real chromium: sign in as the Our Behaviours lead, change OB-1's RAG through the form, then try
    the Criminal Justice action by its address and get the refusal page (403), not an error."""
    from tests.web.conftest import serving
    from vawg.web import create_app

    with serving(create_app(plan_store.db)) as live:
        context = browser.new_context()
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(live.url + "/plan")
        page.get_by_label("User name").fill("lee")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(live.url + "/plan")
        assert page.get_by_role("link", name="Edit CJ-1").count() == 0
        page.get_by_role("link", name="Edit OB-1").click()
        page.get_by_label("RAG", exact=True).select_option("red")
        page.get_by_label("RAG reason").fill("trainers off sick")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url("**/plan/action?ref=OB-1&saved=1")
        assert "Saved." in page.get_by_role("status").inner_text()
        history = page.locator("table").filter(has_text="Every change to OB-1").inner_text()
        assert "trainers off sick" in history and "lee" in history

        response = page.goto(live.url + "/plan/action?ref=CJ-1")
        assert response is not None and response.status == 403
        assert "belongs to the strand criminal-justice" in page.get_by_role("alert").inner_text()
        context.close()
        assert problems == []
    with ActionPlan.for_store(plan_store.db) as plan:
        ob1 = plan.get("OB-1")
    assert ob1 is not None and (ob1.rag, ob1.rag_reason) == ("red", "trainers off sick")
