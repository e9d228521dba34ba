"""User names: one spelling per person, so four eyes cannot be passed by a look-alike name."""

from __future__ import annotations

import re
import unicodedata

from vawg.accounts._errors import AccountError

_ALLOWED = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


def normalise_username(name: str) -> str:
    """NFKC, case-folded, trimmed; refuses invisible or unusual characters rather than dropping them.

    "alice\\u200b" (a zero-width space) is refused, not read as "alice": a name that looks like
    another is an attempt to be two people.
    """
    if any(unicodedata.category(ch) in {"Cf", "Cc", "Co", "Cn", "Zl", "Zp"} for ch in name):
        raise AccountError(f"user name {name!r} contains invisible or control characters")
    folded = unicodedata.normalize("NFKC", name).casefold().strip()
    if not _ALLOWED.match(folded):
        raise AccountError(
            f"user name {name!r} is not valid: expected 2–64 characters of a–z, 0–9, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return folded
