"""The input guard: the first thing every entry point runs on a secret.

It checks the type, enforces one size cap (:data:`MAX_PASSWORD_LENGTH`)
*before* any normalization and again after NFKC (which can expand a single
code point into up to 18), and finds control and format characters.  Nothing
here is super-linear, and an over-long input is refused after a single
``len()`` call, so no input can make a check hang.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from .errors import InputTypeError, PasswordTooLongError

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "PRESCREEN_MAX_LENGTH",
    "GuardFinding",
    "ensure_str",
    "forbidden_categories",
    "nfkc",
    "require_within_cap",
]

#: The one size cap, in code points, shared by every entry point (policy
#: checks, hashing, the CLI).  NIST SP 800-63B asks verifiers to accept at
#: least 64 characters; 1024 leaves room for passphrases while keeping every
#: rule's cost bounded.
MAX_PASSWORD_LENGTH: Final = 1024

#: Up to this length (every real password) the pattern rules first screen a
#: candidate with a C-level set test and skip their exact Python scans when
#: it cannot match.  Longer input (passphrases, attacks) almost always passes
#: such a screen, so it goes straight to the scans, whose cost is linear.
PRESCREEN_MAX_LENGTH: Final = 64

# Categories refused in any secret: C0/C1 controls, line and paragraph
# separators (they break one-per-line files) and surrogates are "control";
# zero-width and bidirectional marks (U+200B, U+202E ...) are "format" —
# invisible characters that make a password impossible to retype.
_CONTROL_CATEGORIES: Final = frozenset({"Cc", "Zl", "Zp", "Cs"})
_FORMAT_CATEGORIES: Final = frozenset({"Cf"})

GuardFinding = str  # "control" or "format"


def ensure_str(value: object, *, what: str = "password") -> str:
    """Return *value* if it is a ``str``; raise :class:`InputTypeError` otherwise."""
    if not isinstance(value, str):
        raise InputTypeError(
            f"{what} must be str, not {type(value).__name__}"
            + (" (decode bytes first)" if isinstance(value, (bytes, bytearray)) else "")
        )
    return value


def require_within_cap(text: str, *, what: str = "password") -> None:
    """Raise :class:`PasswordTooLongError` if *text* exceeds the cap."""
    if len(text) > MAX_PASSWORD_LENGTH:
        raise PasswordTooLongError(f"{what} is longer than {MAX_PASSWORD_LENGTH} code points")


def nfkc(text: str) -> str:
    """NFKC-normalize *text*; ASCII is returned as is (it is already NFKC)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text)


def forbidden_categories(text: str) -> frozenset[GuardFinding]:
    """Return which kinds of forbidden character *text* contains.

    The result is a subset of ``{"control", "format"}``.
    """
    # str.isprintable() is a fast C-level pre-check: it is True exactly when
    # no character is in a Cc/Cf/Cs/Co/Cn/Z* (other than space) category.
    if text.isprintable():
        return frozenset()
    found: set[GuardFinding] = set()
    for char in set(text):
        category = unicodedata.category(char)
        if category in _CONTROL_CATEGORIES:
            found.add("control")
        elif category in _FORMAT_CATEGORIES:
            found.add("format")
    return frozenset(found)
