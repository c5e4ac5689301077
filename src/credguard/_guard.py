"""The input guard: the first thing every entry point runs on a secret.

:func:`guard` checks the type, enforces one size cap
(:data:`MAX_PASSWORD_LENGTH`) *before* any normalization and again after
NFKC (which can expand a single code point into up to 18), and finds control
and format characters.  Nothing here is super-linear, and an over-long input
is refused after a single ``len()`` call, so no input can make a check hang.

Every entry point calls :func:`guard` and differs only in what it does with
a refusal: :meth:`Policy.check <credguard.Policy.check>` reports
``length.too_long`` / ``charset.control`` / ``charset.format``, the hasher
raises (``hash``) or answers ``False`` (``verify``), and
:func:`~credguard.check_separation` raises.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from ._violation import Violation
from .errors import InputTypeError, PasswordTooLongError

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "PRESCREEN_MAX_LENGTH",
    "GuardFinding",
    "Guarded",
    "ensure_str",
    "forbidden_categories",
    "forbidden_violations",
    "guard",
    "nfkc",
    "too_long_violation",
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
# invisible characters that make a password impossible to retype (ZWJ and
# ZWNJ within a word excepted: see _JOINERS).
_CONTROL_CATEGORIES: Final = frozenset({"Cc", "Zl", "Zp", "Cs"})
_FORMAT_CATEGORIES: Final = frozenset({"Cf"})

#: The format characters that are part of ordinary text, accepted between
#: two joinable characters (:data:`_JOINABLE`): ZERO WIDTH NON-JOINER
#: (Persian and Indic words: ``می‌خواهم``) and ZERO WIDTH JOINER (emoji
#: sequences: ``👩‍💻``; Indic conjuncts).  NIST SP 800-63B and OWASP ASVS
#: ask for every printing character to be accepted, and these are typed by
#: ordinary keyboards.  Anywhere else (at an end, beside a space, a digit or
#: another joiner) they are as invisible as any format character.  Every
#: other ``Cf`` stays refused: bidirectional embeddings, overrides, isolates
#: and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which
#: reorder what is shown; U+200B, U+2060 and U+FEFF, which only hide; the
#: soft hyphen U+00AD, invisible unless a line breaks at it; and tag
#: characters (U+E0000–U+E007F), which hide text.  Variation selectors
#: (U+FE00–U+FE0F) are marks (``Mn``), not format characters: accepted.
_JOINERS: Final = frozenset("\u200c\u200d")
#: What a joiner may stand between: letters, marks (a virama, a variation
#: selector), symbols (emoji) and modifier symbols (skin tones).
_JOINABLE: Final = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "So", "Sk"})

GuardFinding = str  # "control" or "format"

#: What :func:`guard` returns for a password within the cap: its NFKC form
#: and the kinds of forbidden character it holds (empty for nearly all).
#: A plain pair: the guard runs on every check, and a named tuple would
#: cost a Python-level constructor call each time.
Guarded = tuple[str, frozenset[GuardFinding]]

_NOTHING: Final[frozenset[GuardFinding]] = frozenset()


def guard(password: object, *, what: str = "password") -> Guarded:
    """Run the input guard on *password*; return ``(nfkc_form, forbidden)``.

    Raises :class:`InputTypeError` for a non-``str`` and
    :class:`PasswordTooLongError` (its ``length`` set) when *password* or its
    NFKC form is longer than :data:`MAX_PASSWORD_LENGTH`.  Forbidden
    characters are returned, not raised: a policy check reports them and
    goes on checking, the hasher refuses them.
    """
    # Every check starts here: the common case (a short printable ASCII str)
    # takes only C-level tests, with no further Python call.
    text = password if isinstance(password, str) else ensure_str(password, what=what)
    if len(text) > MAX_PASSWORD_LENGTH:
        raise _too_long(what, len(text))
    if text.isascii():  # ASCII is its own NFKC form
        normalized = text
    else:
        normalized = unicodedata.normalize("NFKC", text)
        if len(normalized) > MAX_PASSWORD_LENGTH:
            raise _too_long(what, len(normalized))
    return normalized, _NOTHING if text.isprintable() else forbidden_categories(text)


def _too_long(what: str, length: int) -> PasswordTooLongError:
    return PasswordTooLongError(
        f"{what} is longer than {MAX_PASSWORD_LENGTH} code points", length=length
    )


def too_long_violation(length: int) -> Violation:
    """What a check reports for a password of *length* code points over the cap."""
    return Violation("length.too_long", {"max": MAX_PASSWORD_LENGTH, "actual": length})


def forbidden_violations(forbidden: frozenset[GuardFinding]) -> tuple[Violation, ...]:
    """What a check reports for the *forbidden* characters :func:`guard` found."""
    return tuple(
        Violation(f"charset.{kind}") for kind in ("control", "format") if kind in forbidden
    )


def ensure_str(value: object, *, what: str = "password") -> str:
    """Return *value* if it is a ``str``; raise :class:`InputTypeError` otherwise."""
    if not isinstance(value, str):
        raise InputTypeError(
            f"{what} must be str, not {type(value).__name__}"
            + (" (decode bytes first)" if isinstance(value, (bytes, bytearray)) else "")
        )
    return value


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
        return _NOTHING
    found: set[GuardFinding] = set()
    joiners = False
    for char in set(text):
        category = unicodedata.category(char)
        if category in _CONTROL_CATEGORIES:
            found.add("control")
        elif category in _FORMAT_CATEGORIES:
            if char in _JOINERS:
                joiners = True
            else:
                found.add("format")
    if joiners and "format" not in found and not _joiners_within_words(text):
        found.add("format")
    return frozenset(found)


def _joiners_within_words(text: str) -> bool:
    """Does every ZWJ/ZWNJ in *text* stand between two joinable characters?"""
    last = len(text) - 1
    for index, char in enumerate(text):  # linear: one pass, one lookup per neighbour
        if char in _JOINERS and not (
            0 < index < last
            and unicodedata.category(text[index - 1]) in _JOINABLE
            and unicodedata.category(text[index + 1]) in _JOINABLE
        ):
            return False
    return True
