"""Users of a store: roles (deny by default), Argon2 passwords, lockout, CLI authentication.

A user is identified by a numeric id; names are normalised (NFKC, case-folded, no invisible
characters) so one person cannot be two. Every login, failure and change is written to the audit
log (`vawg.audit`). The password login is one way to obtain a `User`; a force's single sign-on can
replace it later by mapping its identity to the same `User` (decision D-accounts-2).
"""

from vawg.accounts._cli_auth import cli_user, read_password
from vawg.accounts._errors import AccountError, AuthenticationError, PermissionDenied
from vawg.accounts._names import normalise_username
from vawg.accounts._passwords import MIN_PASSWORD_LENGTH, generate_password
from vawg.accounts._roles import ROLE_DESCRIPTIONS, ROLE_PERMISSIONS, ROLES, Permission, permissions_of
from vawg.accounts._store import LOCKOUT_AFTER, AccountStore
from vawg.accounts._user import User

__all__ = [
    "LOCKOUT_AFTER",
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "ROLE_DESCRIPTIONS",
    "ROLE_PERMISSIONS",
    "AccountError",
    "AccountStore",
    "AuthenticationError",
    "Permission",
    "PermissionDenied",
    "User",
    "cli_user",
    "generate_password",
    "normalise_username",
    "permissions_of",
    "read_password",
]
