"""Web fixtures: a copy of the small synthetic store with one user per role, and signed-in clients.

The app writes its own state (accounts, audit, sessions) beside the store, so it gets a private
copy of the shared small store, made once per worker.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from vawg.accounts import ROLES, AccountStore

PASSWORD = "correct horse battery staple 7"
AREA = "Dudley"


@dataclass(frozen=True)
class WebStore:
    db: Path
    bundle: Path


@pytest.fixture(scope="session")
def web_store(small_force: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> WebStore:
    """A private copy of the small store with a user per role (named after the role) and 'multi'."""
    bundle, shared = small_force
    db = tmp_path_factory.mktemp("web") / "store.duckdb"
    shutil.copyfile(shared, db)
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        for role in sorted(set(ROLES) - {"admin"}):
            accounts.add_user(role, roles={role}, password=PASSWORD, areas=(AREA,), by=admin)
        accounts.add_user("multi", roles={"analyst", "board"}, password=PASSWORD, areas=(AREA,), by=admin)
    return WebStore(db, bundle)


@pytest.fixture()
def tiny_store(tmp_path: Path) -> WebStore:
    """A hand-made store (tests/ingest/_helpers: a few rows per table, one crime row with a bad date,
    so the quarantine has a row), with an admin, 'analyst' and 'board'."""
    from tests.ingest._helpers import base_rows, write_bundle
    from vawg.ingest import ingest

    tables = base_rows()
    tables["crimes"].append({**tables["crimes"][0], "crime_id": "C9", "recorded_date": "2022-13-45"})
    bundle = write_bundle(tmp_path / "bundle", tables)
    db = tmp_path / "tiny.duckdb"
    ingest(bundle, db, progress=False)
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        for role in ("analyst", "board"):
            accounts.add_user(role, roles={role}, password=PASSWORD, by=admin)
    return WebStore(db, bundle)


@pytest.fixture(scope="session")
def web_app(web_store: WebStore):  # type: ignore[no-untyped-def]
    from vawg.web import create_app

    return create_app(web_store.db)


def csrf_from(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:500]
    return client


@pytest.fixture()
def client_for(web_app) -> Iterator[Callable[[str | None], TestClient]]:  # type: ignore[no-untyped-def]
    """``client_for("analyst")``: a client signed in as that user (None: not signed in)."""
    clients: list[TestClient] = []

    def make(username: str | None) -> TestClient:
        client = TestClient(web_app, base_url="http://127.0.0.1")
        clients.append(client)
        return sign_in(client, username) if username else client

    yield make
    for client in clients:
        client.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    app: object
    server: object
    thread: threading.Thread


@contextmanager
def serving(app) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """``app`` under Uvicorn in a thread, on a free loopback port, until the block ends."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, server, thread)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_app) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The session's app under Uvicorn in a thread."""
    with serving(web_app) as live:
        yield live


# Generous: a first page after sign-in computes the store's figures, and a loaded 2-core machine
# (every test worker, a browser, the server) can take far longer than Playwright's 30 s default.
BROWSER_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (no browser download); every context it opens waits
    up to BROWSER_TIMEOUT_MS for a page or an element."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        opener = chromium.new_context

        def new_context(**options: object) -> object:
            context = opener(**options)  # type: ignore[arg-type]
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            context.set_default_navigation_timeout(BROWSER_TIMEOUT_MS)
            return context

        chromium.new_context = new_context  # type: ignore[method-assign]
        yield chromium
        chromium.close()


def sign_in_browser(page: object, base: str, username: str, next_path: str) -> None:
    """Sign ``username`` in through the real form and wait for the page they asked for."""
    page.goto(f"{base}/login?next={next_path}")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_url(base + next_path)  # type: ignore[attr-defined]


def watched_page(browser: object) -> tuple[object, list[str], list[str]]:
    """A new page (1280 × 900) with the console errors and page errors it shows, and every URL it
    requests, collected as it runs."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return page, problems, requests


@dataclass(frozen=True)
class ScoredStore:
    """A copy of the small force with people who act on RFSDI, and its approved version (None
    until :func:`approve_rfsdi`)."""

    db: Path
    people: dict[str, Any]
    version: str | None = None


def approve_rfsdi(db: Path, people: dict[str, Any]) -> str:
    """RFSDI approved on the store ``db``: gov1 submits, gov2 approves (tests/risk/governed.py)."""
    from tests.risk.governed import approve_rfsdi as approve
    from vawg.risk import ModelRegistry
    from vawg.store import connect

    with connect(db, read_only=True) as con, ModelRegistry.for_store(db) as registry:
        return approve(registry, con, submitter=people["gov1"], approver=people["gov2"])


@pytest.fixture()
def people_store(small_force: tuple[Path, Path], tmp_path: Path) -> ScoredStore:
    """Users gov1 and gov2 (governance: one submits, the other approves), pc (officer, AREA) and sgt
    (supervisor); no RFSDI version yet."""
    db = tmp_path / "store.duckdb"
    shutil.copyfile(small_force[1], db)
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        people = {
            name: accounts.add_user(name, roles={role}, password=PASSWORD, areas=(AREA,), by=admin)
            for name, role in (("gov1", "governance"), ("gov2", "governance"), ("pc", "officer"), ("sgt", "supervisor"))
        }  # fmt: skip
    return ScoredStore(db, people)


@pytest.fixture()
def scored_store(people_store: ScoredStore) -> ScoredStore:
    """:func:`people_store` with RFSDI approved."""
    return ScoredStore(
        people_store.db, people_store.people, approve_rfsdi(people_store.db, people_store.people)
    )
