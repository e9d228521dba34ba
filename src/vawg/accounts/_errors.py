"""The accounts' errors (all under `vawg.VawgError`)."""

from __future__ import annotations

from vawg.errors import VawgError


class AccountError(VawgError):
    """A user cannot be created or changed as asked (bad name, weak password, unknown user …)."""


class AuthenticationError(VawgError):
    """A login was refused. The message never says which of name or password was wrong."""


class PermissionDenied(VawgError):
    """The user's roles do not grant what was asked (deny by default)."""
