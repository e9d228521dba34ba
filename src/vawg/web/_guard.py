"""The one guard in front of every handler: session, user, permission, CSRF; errors as pages.

Order: read the form (POST); find the session (idle/absolute timeouts); load the user afresh (a
disabled user or changed role takes effect at the next request); check the route's access; check
the CSRF token on every POST; run the handler in a worker thread. Bad input gives 4xx pages, never
a traceback; an unexpected error is logged by type only (no request data in the server log).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vawg.errors import VawgError
from vawg.web._access import Access, Route
from vawg.web._context import Context, WebState
from vawg.web._sessions import tokens_match

log = logging.getLogger("vawg.web")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _local_path(request: Request) -> str:
    return request.url.path if request.url.path.startswith("/") else "/"


def to_login(request: Request) -> Response:
    """Send a visitor without a live session to the sign-in page (htmx: a full-page redirect)."""
    target = "/login?next=" + quote(_local_path(request), safe="/")
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _error(ctx: Context, status: int, message: str) -> Response:
    return ctx.render("error.html", status=status, status_code=status, message=message)


async def _form(request: Request) -> dict[str, str] | None:
    if request.method != "POST":
        return {}
    try:
        form = await request.form()
    except Exception:  # a malformed body: a 400, whatever the parser's complaint
        return None
    return {k: v for k, v in form.items() if isinstance(v, str)}


def guarded(route: Route, routes: list[Route]) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint that checks ``route``'s access, then runs its handler."""

    async def endpoint(request: Request) -> Response:
        web: WebState = request.app.state.web
        form = await _form(request)
        return await run_in_threadpool(_handle, web, request, route, routes, form)

    endpoint.__name__ = route.name
    return endpoint


def _context(web: WebState, request: Request, routes: list[Route], form: dict[str, str]) -> Context:
    """The request's session and user (a disabled or deleted user's session ends), and their menu."""
    session = web.sessions.current(request.cookies.get(web.session_cookie))
    user = None
    if session is not None:
        user = web.user(session.user_id)
        if user is None or user.disabled:
            web.sessions.end(session)
            session, user = None, None
    nav = [(r.path, r.nav) for r in routes if r.nav and r.allows(user)] if user else []
    return Context(web, request, user, session, form, nav)


UNMATCHED = {
    404: "There is nothing at this address.",
    405: "This address cannot be used that way.",
}


async def unmatched(request: Request, status: int, routes: list[Route]) -> Response:
    """An address no route has (or a method it does not take): the app's own error page, with the
    signed-in user's menu. The address is not echoed back, and nothing says what would be there."""
    web: WebState = request.app.state.web
    message = UNMATCHED.get(status, "Something went wrong on our side. The error has been logged.")
    return await run_in_threadpool(lambda: _error(_context(web, request, routes, {}), status, message))


def _handle(
    web: WebState, request: Request, route: Route, routes: list[Route], form: dict[str, str] | None
) -> Response:
    ctx = _context(web, request, routes, form or {})
    user, session = ctx.user, ctx.session
    if form is None:
        return _error(ctx, 400, "The form could not be read.")
    if route.access is not Access.PUBLIC:
        if user is None:
            return to_login(request)
        if not route.allows(user):
            return _error(ctx, 403, "Your role does not give access to this page.")
        if request.method == "POST" and session is not None:
            given = ctx.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
            if not tokens_match(session.csrf_token, given):
                return _error(
                    ctx, 403, "The form had expired or did not come from this site. Please try again."
                )
    try:
        return route.handler(ctx)
    except HTTPException as exc:
        return _error(ctx, exc.status_code, str(exc.detail))
    except VawgError as exc:
        return _error(ctx, 400, str(exc))
    except Exception as exc:
        log.error("%s %s failed: %s", request.method, route.path, type(exc).__name__)
        return _error(ctx, 500, "Something went wrong on our side. The error has been logged.")


def bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


def not_found(message: str = "There is nothing here.") -> HTTPException:
    return HTTPException(404, message)


def one_of(value: str | None, allowed: Any, name: str, default: str | None = None) -> str | None:
    """``value`` if it is one of ``allowed`` (None/empty: ``default``), else a 400 naming the parameter."""
    if value is None:
        return default
    if value not in allowed:
        raise bad_request(f"{name}: not a known value")
    return value


__all__ = ["CSRF_FIELD", "bad_request", "guarded", "not_found", "one_of", "to_login", "unmatched"]
