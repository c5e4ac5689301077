"""Spelling starts: what every romaji spelling of a word begins with.

A name's tokens are costly to make: every Hepburn, Kunrei, passport and IME
spelling of every word (:mod:`.romaji`), joined in both orders.  Most
passwords hold none of them, and that is told without making them: every
spelling of a word begins with one of a few 3-letter *starts*, read off the
word's units (:func:`spelling_starts`), and a password holding no start of
any word holds no spelling.  :func:`~.tokens.word_starts` collects them for
a field; :mod:`.data` asks it before it spells anything out.
"""

from __future__ import annotations

from typing import Final

from .romaji import Unit, spell, spelling_units

__all__ = ["spelling_starts"]

# Most option combinations looked at before giving up (None).
_MAX_STARTS: Final = 512


def _starts(units: list[Unit], size: int) -> set[str] | None:
    """The first *size* letters of every spelling of *units*, any option per unit.

    None when some spelling is shorter than *size*, or the combinations run
    past ``_MAX_STARTS``.  Each unit takes any of its options independently
    (the variants tie units of one feature together): more starts, never fewer.
    """
    out: set[str] = set()
    # The options chosen so far, extended one unit at a time until the
    # spelling is long enough and its last unit is not a っ (spelled by the
    # unit after it).
    pending: list[list[str]] = [[]]
    looked = 0
    while pending:
        chosen = pending.pop()
        count = len(chosen)
        if count and units[count - 1].kind != "sokuon":
            spelled = spell(units[:count], list(chosen))
            if len(spelled) >= size:
                out.add(spelled[:size])
                continue
        if count == len(units):
            return None  # a whole spelling shorter than size
        for option in units[count].options:
            looked += 1
            if looked > _MAX_STARTS:
                return None
            pending.append([*chosen, option])
    return out


def spelling_starts(word: str, size: int = 3) -> frozenset[str] | None:
    """The first *size* letters of every romaji spelling of *word*, or None.

    *word* is kana, or a case-folded ASCII word.  Every spelling
    :func:`~.romaji.kana_variants` or :func:`~.romaji.romaji_variants` can
    make of it, and the word as written, starts with one of these.  None
    when some spelling is shorter than *size* or there are too many to
    look at (the caller must then make the spellings).  An ASCII word that
    is not romaji has one spelling, itself.
    """
    read = spelling_units(word)
    if read is None:
        return frozenset({word[:size]}) if len(word) >= size else None
    units, written = read
    if written and len(written) < size:
        return None
    starts = _starts(units, size) if units else set()
    if starts is None:
        return None
    if written:
        starts.add(written[:size])
    return frozenset(starts)
