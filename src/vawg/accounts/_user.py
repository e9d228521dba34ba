"""A user as the library sees them: id, normalised name, roles, areas."""

from __future__ import annotations

from dataclasses import dataclass

from vawg.accounts._errors import PermissionDenied
from vawg.accounts._roles import Permission, permissions_of


@dataclass(frozen=True)
class User:
    """An authenticated (or looked-up) user. Compare people by ``id``, never by name."""

    id: int
    username: str
    roles: frozenset[str]
    areas: tuple[str, ...] = ()
    disabled: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return frozenset() if self.disabled else permissions_of(self.roles)

    def can(self, permission: Permission) -> bool:
        """Whether this user's roles grant ``permission`` (a disabled user has none)."""
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless this user has ``permission``."""
        if not self.can(permission):
            raise PermissionDenied(
                f"user {self.username!r} (roles: {', '.join(sorted(self.roles)) or 'none'}) may not do this: "
                f"it needs the permission {permission.value!r}",
                user_id=self.id,
                permission=permission.value,
            )

    def may_see_area(self, area: str | None) -> bool:
        """Person-level data for ``area``: every area with PERSON_LEVEL_ALL, else only the user's own."""
        if self.can(Permission.PERSON_LEVEL_ALL):
            return True
        return self.can(Permission.PERSON_LEVEL_OWN_AREAS) and area is not None and area in self.areas
