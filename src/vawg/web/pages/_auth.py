"""Sign-in and sign-out. The password check, lockout and backoff are ``vawg.accounts``'s.

The sign-in form is protected against login CSRF by a double-submit token: a random value in a
SameSite=Strict cookie that the form must echo. Every sign-in, success or failure, is audited
(by ``AccountStore.authenticate``, with the client address).
Single sign-on (OIDC) would replace this module only: it too ends in ``_start_session``.
"""

from __future__ import annotations

import secrets

from starlette.responses import RedirectResponse, Response

from vawg.accounts import AuthenticationError, User
from vawg.web._context import Context
from vawg.web._guard import CSRF_FIELD
from vawg.web._sessions import tokens_match

MAX_FIELD = 200


def _safe_next(value: str | None) -> str:
    """A local path to go to after sign-in; anything else (another host, odd text) goes home."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 300:
        return "/"
    if any(ord(ch) < 33 for ch in value):
        return "/"
    return value


def _login_page(ctx: Context, *, status: int = 200, error: str | None = None) -> Response:
    token = secrets.token_urlsafe(32)
    next_path = _safe_next(ctx.form.get("next") or ctx.param("next"))
    response = ctx.render("login.html", status=status, login_token=token, error=error, next_path=next_path)
    response.set_cookie(
        ctx.web.login_cookie, token, max_age=1800, path="/", httponly=True, samesite="strict",
        secure=ctx.web.settings.web_secure_cookies,
    )  # fmt: skip
    return response


def login_form(ctx: Context) -> Response:
    """GET /login: the sign-in form (or home, when already signed in)."""
    if ctx.user is not None:
        return RedirectResponse("/", status_code=303)
    return _login_page(ctx)


def login(ctx: Context) -> Response:
    """POST /login: check the password with vawg.accounts, start a session, audit the attempt."""
    if not tokens_match(ctx.request.cookies.get(ctx.web.login_cookie, ""), ctx.form.get(CSRF_FIELD)):
        return _login_page(ctx, status=403, error="The sign-in form had expired. Please try again.")
    username = (ctx.form.get("username") or "")[:MAX_FIELD]
    password = (ctx.form.get("password") or "")[:1024]
    if not username or not password:
        return _login_page(ctx, status=400, error="Enter your user name and password.")
    try:
        user = ctx.web.authenticate(username, password, ctx.client)  # audits success and failure
    except AuthenticationError:
        return _login_page(
            ctx, status=401, error="Sign-in failed: wrong user name or password, or the account is locked."
        )
    return _start_session(ctx, user)


def _start_session(ctx: Context, user: User) -> Response:
    if ctx.session is not None:
        ctx.web.sessions.end(ctx.session)  # a new identity gets a new session id (no fixation)
    token, _ = ctx.web.sessions.create(user.id)
    response = RedirectResponse(_safe_next(ctx.form.get("next")), status_code=303)
    response.set_cookie(
        ctx.web.session_cookie, token, path="/", httponly=True, samesite="strict",
        secure=ctx.web.settings.web_secure_cookies,
    )  # fmt: skip
    response.delete_cookie(ctx.web.login_cookie, path="/", secure=ctx.web.settings.web_secure_cookies)
    return response


def logout(ctx: Context) -> Response:
    """POST /logout: end the session (server side too) and clear the cookie."""
    if ctx.session is not None:
        ctx.web.sessions.end(ctx.session)
        ctx.web.record(actor=ctx.user, action="logout", target="web", client=ctx.client)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(ctx.web.session_cookie, path="/", secure=ctx.web.settings.web_secure_cookies)
    return response


__all__ = ["login", "login_form", "logout"]
