"""Working while the data refreshes: a client polls the dashboard while an ingest swaps a new store in.

Expect no failed request, and the new extract date on the dashboard once the swap is done.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import date

import httpx

from tests.web.conftest import PASSWORD, csrf_from, serving
from vawg.ingest import ingest
from vawg.store import replacing_store

NEW_EXTRACT = date(2023, 4, 30)


def test_dashboard_keeps_serving_through_an_ingest_and_shows_the_new_extract(tiny_store) -> None:  # type: ignore[no-untyped-def]
    from vawg.web import create_app

    bundle, db = tiny_store.bundle, tiny_store.db
    statuses: list[int] = []
    dates: list[str] = []
    errors: list[str] = []
    swapped = threading.Event()
    with serving(create_app(db)) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        token = csrf_from(client.get("/login").text)
        client.post("/login", data={"username": "board", "password": PASSWORD, "csrf_token": token})

        def poll() -> None:
            # Until the new extract shows, or a minute after the swap: a fixed number of requests
            # ran out before a slow ingest had finished (seen once in a fresh clone), so the test
            # failed while the app was right.
            while not swapped.is_set() or time.monotonic() < swapped_at[0] + 60:
                try:
                    response = client.get("/")
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)
                    continue
                statuses.append(response.status_code)
                found = re.search(r'id="extract-date"[^>]*>([0-9-]+)<', response.text)
                dates.append(found.group(1) if found else "")
                if swapped.is_set() and dates[-1] == NEW_EXTRACT.isoformat():
                    return

        assert client.get("/").status_code == 200  # warm: the old version's dashboard is cached
        swapped_at = [0.0]
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            with replacing_store(db) as work:
                report = ingest(bundle, work, extract_date=NEW_EXTRACT, progress=False)
            during = len(statuses)  # requests answered while the ingest ran
        finally:  # the poller stops a minute after this, whatever happened
            swapped_at[0] = time.monotonic()
            swapped.set()
        poller.join(timeout=120)
    assert report.loaded
    assert during >= 2, "the poller should have been answered while the ingest ran"
    assert not errors and statuses and set(statuses) == {200}, (errors, set(statuses))
    assert dates[0] != NEW_EXTRACT.isoformat()
    assert dates[-1] == NEW_EXTRACT.isoformat(), dates[-5:]
