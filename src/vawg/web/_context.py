"""What every request handler gets: the app's state, the signed-in user, the session, and helpers."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from vawg import MARKING, __version__
from vawg.accounts import AccountError, AccountStore, User
from vawg.audit import AuditLog
from vawg.config import Settings
from vawg.web._sessions import Session, SessionStore
from vawg.web._store_reader import StoreReader


def template_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("vawg.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship in the package: no stat of every template on every request
    )
    env.globals.update(marking=MARKING, version=__version__)
    return env


@dataclass
class WebState:
    """Everything the app holds for its life: the store reader, accounts, audit, sessions, templates."""

    db: Path
    settings: Settings
    accounts: AccountStore
    audit: AuditLog
    sessions: SessionStore
    reader: StoreReader
    templates: Environment = field(default_factory=template_environment)
    # AccountStore and AuditLog each hold one SQLite connection; requests run in worker threads, so
    # their calls are serialised here (SQLite itself serialises writers across processes).
    app_state_lock: threading.Lock = field(default_factory=threading.Lock)

    def user(self, user_id: int) -> User | None:
        """The user as stored now (None if deleted); role changes and disabling apply at once."""
        with self.app_state_lock:
            try:
                return self.accounts.get(user_id)
            except AccountError:
                return None

    def authenticate(self, username: str, password: str, client: str) -> User:
        """``vawg.accounts``' check (lockout and backoff, and the audit of success or failure)."""
        with self.app_state_lock:
            return self.accounts.authenticate(username, password, client=client)

    def record(self, **entry: Any) -> None:
        with self.app_state_lock:
            self.audit.record(**entry)

    @property
    def session_cookie(self) -> str:
        # __Host- cookies must be Secure, path=/ and host-only: a sibling host cannot plant one.
        return "__Host-vawg_session" if self.settings.web_secure_cookies else "vawg_session"

    @property
    def login_cookie(self) -> str:
        return "__Host-vawg_login" if self.settings.web_secure_cookies else "vawg_login"


@dataclass
class Context:
    """One request as a handler sees it (``user``/``session`` are None on public routes)."""

    web: WebState
    request: Request
    user: User | None
    session: Session | None
    form: dict[str, str]
    nav: list[tuple[str, str]] = field(default_factory=list)

    @property
    def client(self) -> str:
        return self.request.client.host if self.request.client else "unknown"

    def param(self, name: str) -> str | None:
        """A query parameter (the last one given), stripped; None when absent or empty."""
        values = self.request.query_params.getlist(name)
        value = values[-1].strip() if values else ""
        return value or None

    def render(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        page = self.web.templates.get_template(template).render(
            user=self.user,
            csrf_token=self.session.csrf_token if self.session else "",
            nav=self.nav,
            path=self.request.url.path,
            **values,
        )
        return HTMLResponse(page, status_code=status)

    def audit(
        self, action: str, target: str, detail: dict[str, Any] | None = None, rows: int | None = None
    ) -> None:
        """Record a person-level view or export in the audit log, as this user from this client."""
        assert self.user is not None
        self.web.record(
            actor=self.user,
            action=action,
            target=target,
            detail=detail or {},
            row_count=rows,
            client=self.client,
        )


__all__ = ["Context", "WebState", "template_environment"]
