"""The app factory: FastAPI built from the route table, with the security headers middleware.

FastAPI's own documentation routes are off (they would be routes outside the table, and they load
scripts from a CDN).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

from vawg.accounts import AccountStore
from vawg.audit import AuditLog
from vawg.config import Settings, get_settings
from vawg.errors import StoreError
from vawg.web._access import Route
from vawg.web._context import WebState
from vawg.web._guard import guarded, unmatched
from vawg.web._headers import SecurityHeaders
from vawg.web._routes import ROUTES
from vawg.web._sessions import SessionStore
from vawg.web._store_reader import StoreReader


def web_state(db: Path, settings: Settings | None = None) -> WebState:
    """The app's state for the store ``db``: accounts, audit and sessions live beside it."""
    settings = settings or get_settings()
    db = Path(db)
    if not db.exists():
        raise StoreError(f"{db}: no store here; create one with `vawg ingest BUNDLE --db {db}`", path=str(db))
    sessions = SessionStore.for_store(
        db,
        idle_seconds=settings.web_session_idle_minutes * 60,
        max_seconds=settings.web_session_max_hours * 3600,
    )
    reader = StoreReader(db)
    with reader.snapshot():  # fail at start, not at the first request: a locked or foreign file
        pass
    return WebState(db, settings, AccountStore.for_store(db), AuditLog.for_store(db), sessions, reader)


def _http_error(routes: list[Route]) -> Callable[[Request, Exception], Awaitable[Response]]:
    """Starlette's own errors (an unknown path, a wrong method): the app's error page, no detail echoed."""

    async def handler(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        return await unmatched(request, status, routes)

    return handler


def create_app(
    db: Path | str, settings: Settings | None = None, routes: tuple[Route, ...] = ROUTES
) -> FastAPI:
    """The vawg web app on the store ``db`` (which must exist; the app only reads it)."""
    state = web_state(Path(db), settings)
    app = FastAPI(title="vawg", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = state
    table = list(routes)
    for route in table:
        app.add_api_route(route.path, guarded(route, table), methods=[route.method], name=route.name,
                          include_in_schema=False)  # fmt: skip
    app.add_exception_handler(StarletteHTTPException, _http_error(table))
    app.add_middleware(SecurityHeaders, tls=state.settings.web_secure_cookies)
    return app


__all__ = ["create_app", "web_state"]
