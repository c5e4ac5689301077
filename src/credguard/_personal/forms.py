"""The strings the matching index compares: a token's forms and a password's views.

A token is looked for as written, reversed and leet-folded (its *forms*,
:func:`token_forms`); a password is read through a few *views*
(:func:`password_views`: case-folded, without separators, its digits, leet-
folded).  Both :class:`~credguard._personal.index.PersonalIndex` (the full
index) and :mod:`credguard._personal.screen` (the cheap per-field test a new
context answers with) use these, so the two can only agree.  No token or
password leaves this module in a message.
"""

from __future__ import annotations

from typing import Final

from .._candidate import Candidate, leet_views
from .tokens import compact_text, fold_text

__all__ = [
    "MAX_CONTAINS_LENGTH",
    "MIN_CONTAINS_LENGTH",
    "MIN_DIGITS_VIEW_LENGTH",
    "SEGMENT_FIELDS",
    "password_views",
    "token_forms",
    "token_weight",
]

#: Tokens lighter than this (see :func:`token_weight`) only count when the
#: whole password equals them; it is also the floor of ``min_token_length``.
MIN_CONTAINS_LENGTH: Final = 3
#: Longer tokens are only compared for equality: they keep the trie shallow.
MAX_CONTAINS_LENGTH: Final = 64
#: Numbers shorter than this are not looked for in the digits-only view: the
#: digits scattered through "aB3$x9k2" are noise, a scattered 8-digit date is not.
MIN_DIGITS_VIEW_LENGTH: Final = 6
#: The fields whose short tokens count as a segment of the password: era
#: forms and month-day ("S60", "723"), short names ("Ren").  A short address
#: ("123" for 1-2-3) or other number is too common a segment ("Sakura123!").
SEGMENT_FIELDS: Final = frozenset({"birthdate", "names", "other_words"})
# Numbers shorter than this are not matched reversed (see token_forms).
_MIN_REVERSED_NUMBER: Final = 6


def token_weight(token: str) -> int:
    """Length for the minimum-length test: a kana or kanji counts as two."""
    if token.isascii():
        return len(token)
    return sum(1 if c.isascii() else 2 for c in token)


def token_forms(token: str) -> list[tuple[str, str]]:
    """(stored form, relation) for a token: itself, reversed, leet-folded.

    A form equal to one before it is left out: it has the same field, weight
    and length, so its entry could never be the first to match.
    """
    forms = [(token, "plain")]
    backwards = token[::-1]
    # A short number read backwards is mostly another number: "0102" (the
    # address 1-2) backwards is the "2010" of a 2010 birthdate.  Only numbers
    # of _MIN_REVERSED_NUMBER digits or more are looked for reversed.
    if backwards != token and (len(token) >= _MIN_REVERSED_NUMBER or not token.isdigit()):
        forms.append((backwards, "reversed"))
    if token.isascii():
        # ASCII letters are the ASCII characters with a case: one C-level
        # test.  Lower-case letters alone are their own leet views (the leet
        # tables map no letter), the common case of romanized names: no
        # Candidate to make.
        if token.lower() == token.upper() or (token.isalpha() and token.islower()):
            return forms
    elif not any(c.isalpha() for c in token):
        return forms
    # The password's own leet tables, so a token and a password fold alike.
    seen = {token, backwards}
    for leet in leet_views(Candidate(token).folded):
        if leet not in seen:
            seen.add(leet)
            forms.append((leet, "leet"))
    return forms


# Every ASCII byte that is not a letter or digit, for the fast compact view
# (bytes.translate deletes them in C, three times faster than str.translate).
_NOT_ALNUM_ASCII: Final = bytes(c for c in range(128) if not chr(c).isalnum())


# How each view of password_views() reads the password, by which views it
# kept (bit 0: compact, 1: digits, 2: leet, 3: leet_alt).
_HOWS: Final = tuple(
    (
        "plain",
        *(
            name
            for bit, name in enumerate(("compact", "digits", "leet", "leet"))
            if mask >> bit & 1
        ),
    )
    for mask in range(16)
)


def password_views(candidate: Candidate) -> tuple[list[str], tuple[str, ...]]:
    """The distinct views of a password searched for tokens, and how each reads it."""
    folded = candidate.folded
    if folded.isascii():
        compact = (
            folded
            if folded.isalnum()
            else folded.encode("ascii").translate(None, _NOT_ALNUM_ASCII).decode("ascii")
        )
    else:
        folded = fold_text(folded)
        compact = compact_text(folded)
    texts = [folded]
    kept = 0
    if compact != folded:
        texts.append(compact)
        kept = 1
    # Only numbers of MIN_DIGITS_VIEW_LENGTH digits are looked for there; the
    # class letters (which classes rules share) count the digits first.
    if candidate.class_letters().count(b"D") >= MIN_DIGITS_VIEW_LENGTH:
        digits = candidate.digits
        if digits != compact:
            texts.append(digits)
            kept |= 2
    leet, leet_alt = candidate.leet, candidate.leet_alt
    if leet != folded:
        texts.append(leet)
        kept |= 4
    if leet_alt != leet:
        texts.append(leet_alt)
        kept |= 8
    return texts, _HOWS[kept]
