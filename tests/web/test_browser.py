"""The app in a real browser (Debian's chromium via Playwright): sign in, filter, drill down, sign out.

One browser for the module; screenshots go to the test's tmp dir (and docs/img/ when
WEB_DOC_SCREENSHOTS is set, for docs/web.md).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.web.conftest import PASSWORD, LiveServer, sign_in_browser, watched_page

DOC_IMG = Path(__file__).parents[2] / "docs" / "img"


def _shot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("WEB_DOC_SCREENSHOTS"):
        DOC_IMG.mkdir(exist_ok=True)
        shutil.copyfile(path, DOC_IMG / f"web-{name}.png")


def _latest(live: LiveServer, area: str | None) -> str:
    """What the tile should say: the metric's last mature month (a cohort rate's later months are held
    back until their outcomes have had time), straight from vawg.metrics."""
    from vawg.metrics import compute
    from vawg.reports import format_value

    web = live.app.state.web  # type: ignore[attr-defined]
    with web.reader.snapshot() as snap:
        result = compute(snap.con, "da_positive_outcome_rate", grain="month", by=("area",) if area else ())
    frame = result.frame
    if area:
        frame = frame[frame["area"] == area]
    row = frame[frame["mature"] & (frame["period"] <= "2023-03")].sort_values("period").iloc[-1]
    return format_value(float(row["value"]), "rate")


def test_sign_in_filter_drill_down_sign_out(browser, live_server: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "favicon" not in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    base = live_server.url

    page.goto(base + "/")
    assert page.url.startswith(base + "/login")
    page.get_by_label("User name").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    _shot(page, tmp_path, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    tile = page.locator("li.tile").filter(has_text="DA positive outcome rate")
    force_wide = tile.locator(".num").inner_text()
    _shot(page, tmp_path, "dashboard")

    # htmx: changing a filter swaps the tiles in place and puts the filter in the address bar
    page.get_by_label("Area").select_option("Dudley")
    page.wait_for_url("**area=Dudley**")
    page.wait_for_function("document.querySelector('.sr-status').textContent.includes('Dudley')")
    dudley = page.locator("li.tile").filter(has_text="DA positive outcome rate").locator(".num").inner_text()
    assert (force_wide, dudley) == (_latest(live_server, None), _latest(live_server, "Dudley"))
    _shot(page, tmp_path, "dashboard-dudley")

    page.get_by_role("link", name="DA positive outcome rate (cohort basis)").click()
    page.wait_for_url("**/metrics/da_positive_outcome_rate?**area=Dudley**")
    assert page.get_by_label("Area").input_value() == "Dudley"
    assert page.locator("figure.chart img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.get_by_role("heading", name="Definition").is_visible()
    _shot(page, tmp_path, "metric")

    # drill down to another area from the breakdown table
    page.locator("section.drill").first.get_by_role("link", name="Coventry").click()
    page.wait_for_url("**area=Coventry**")
    assert page.get_by_label("Area").input_value() == "Coventry"

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "da_positive_outcome_rate-month.csv"

    page.get_by_role("link", name="Data").click()
    page.wait_for_url(base + "/data")
    _shot(page, tmp_path, "data")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    page.goto(base + "/")
    assert page.url.startswith(base + "/login")
    assert not problems, problems
    context.close()


def test_readable_without_javascript(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.get_by_label("User name").fill("board")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    page.get_by_label("Area").select_option("Walsall")
    page.get_by_role("button", name="Apply").click()  # no htmx: the form submits
    page.wait_for_url("**area=Walsall**")
    assert page.locator("li.tile").count() >= 10
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    context.close()


def test_map_draws_the_hexagons_with_no_request_off_the_machine(
    browser, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, problems, requests = watched_page(browser)
    base = live_server.url
    sign_in_browser(page, base, "board", "/places")
    paths = page.locator("#map .leaflet-overlay-pane svg path")
    paths.nth(10).wait_for(state="attached")  # a locator wait: wait_for_function would need eval (CSP)
    assert paths.count() > 10
    assert page.locator("#map img.leaflet-tile").count() == 0  # no basemap tiles
    assert page.locator("#top-cells tbody tr").count() >= 1
    _shot(page, tmp_path, "map")
    assert not problems, problems
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    page.context.close()
