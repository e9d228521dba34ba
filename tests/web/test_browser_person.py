"""In a real browser (Debian's chromium via Playwright): an officer opens a work list, opens a
person, and sees their outstanding crimes; the address never carries the pseudonym; the view is
in the audit log."""

from __future__ import annotations

from pathlib import Path

from tests.web.conftest import LiveServer, sign_in_browser, watched_page
from tests.web.test_browser import _shot
from vawg.audit import AuditLog


def test_officer_opens_a_person_from_a_list(
    browser, live_server: LiveServer, web_store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, problems, requests = watched_page(browser)
    base = live_server.url
    sign_in_browser(page, base, "officer", "/lists/outstanding-suspects")
    headers = page.locator("table.list thead th").all_inner_texts()
    first = page.locator("table.list tbody tr").first
    cells = first.locator("td").all_inner_texts()
    person = cells[headers.index("Person ID")]
    crimes = cells[headers.index("Crime IDs")].split(", ")
    with AuditLog.for_store(web_store.db) as log:
        before = len(log.entries())

    first.get_by_role("button", name=f"Open the summary of {person}").click()
    page.wait_for_url(base + "/person")
    assert page.get_by_role("heading", name=f"Person {person}").is_visible()
    table = page.locator("#t-crimes")
    shown = table.locator("tbody tr td:first-child").all_inner_texts()
    assert set(crimes) <= set(shown), (crimes, shown)  # the list's DA crimes, all in the summary
    assert page.get_by_role("heading", name="RFSDI", exact=True).is_visible()
    _shot(page, tmp_path, "person")

    with AuditLog.for_store(web_store.db) as log:
        views = [e for e in log.entries()[before:] if e.action == "person.view"]
    assert [(e.actor, e.target) for e in views] == [("officer", person)]
    assert not any(person in url for url in requests), "the pseudonym appeared in a requested URL"
    assert not problems, problems
    page.context.close()
