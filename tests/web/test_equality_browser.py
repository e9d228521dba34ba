"""The equality page in a real browser (Debian's chromium via Playwright): choose a grouping, see
the chart drawn beside the table, no error and no request off the machine."""

from __future__ import annotations

from pathlib import Path

from tests.web.conftest import LiveServer, sign_in_browser, watched_page
from tests.web.test_browser import _shot


def test_equality_page_by_ethnicity(browser, live_server: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems, requests = watched_page(browser)
    base = live_server.url
    sign_in_browser(page, base, "analyst", "/equality")
    assert page.get_by_role("link", name="Equality").get_attribute("aria-current") == "page"
    page.get_by_label("People", exact=True).select_option("da-suspects")
    page.get_by_label("By", exact=True).select_option("ethnicity")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(base + "/equality?population=da-suspects&by=ethnicity")
    chart = page.get_by_role("img", name="Relative rate at each stage, with 95% intervals")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("#rri-table th", has_text="White (reference)").count() >= 1
    assert page.locator("#findings p").count() >= 1
    assert "was not stated for" in page.locator("#missing-data").inner_text()
    _shot(page, tmp_path, "equality")
    assert not problems, problems
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    page.context.close()
