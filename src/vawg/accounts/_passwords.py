"""Passwords: Argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommendation), a length
rule, generated passwords for the first administrator and resets."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from vawg.accounts._errors import AccountError

MIN_PASSWORD_LENGTH = 12

_HASHER = PasswordHasher()
# A real hash to verify against when the user does not exist, so a wrong name costs the same time
# as a wrong password (no user enumeration by timing).
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def check_password_rules(password: str) -> None:
    """NCSC guidance: length over complexity; refuse short passwords and ones made of one character."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password too short: expected at least {MIN_PASSWORD_LENGTH} characters")
    if len(set(password)) < 4:
        raise AccountError("password too simple: expected at least 4 different characters")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; a missing user verifies against a dummy hash and fails."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)


def generate_password() -> str:
    """A random password of 20 URL-safe characters (about 120 bits), shown once."""
    return secrets.token_urlsafe(15)
