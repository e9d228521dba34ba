"""Who may call a route: every route declares it (deny by default), and one guard checks it.

``PUBLIC`` routes (sign-in, static files) need no session; ``SIGNED_IN`` routes need a session but
no permission (sign-out); every other route names the ``vawg.accounts.Permission`` it needs, or a
frozenset of permissions any one of which lets the user in (e.g. plan editing: analyst or strand lead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from starlette.responses import Response

from vawg.accounts import Permission, User
from vawg.web._context import Context


class Access(Enum):
    PUBLIC = "public"
    SIGNED_IN = "signed in"


Handler = Callable[[Context], Response]


@dataclass(frozen=True)
class Route:
    """One route: path, method, the access it needs, its handler, and its menu label (if any)."""

    path: str
    method: str
    access: Permission | Access | frozenset[Permission]
    handler: Handler
    name: str
    nav: str | None = None
    person_level: bool = False  # a view or export of person-level data: audited
    params: tuple[str, ...] = ()  # the query or form fields it reads (the fuzz test feeds them odd values)

    def allows(self, user: User | None) -> bool:
        if self.access is Access.PUBLIC:
            return True
        if user is None or user.disabled:
            return False
        if self.access is Access.SIGNED_IN:
            return True
        if isinstance(self.access, frozenset):
            return any(user.can(permission) for permission in self.access)
        return user.can(self.access)


__all__ = ["Access", "Handler", "Route"]
