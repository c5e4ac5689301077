"""Spelling starts: what every romaji spelling of a word begins with.

A name's tokens are costly to make: every Hepburn, Kunrei, passport and IME
spelling of every word (:mod:`.romaji`), joined in both orders.  Most
passwords hold none of them, and that is told without making them: every
spelling of a word begins with one of a few 3-letter *starts*, read off the
word's units (:func:`spelling_starts`), and a password holding no start of
any word holds no spelling.  :func:`word_starts` collects them for a
field (the definition :mod:`.data`'s screen asks word by word, before it
spells anything out).

Even reading a word's units costs a few microseconds a word (a romaji word
is read back into kana first), so :func:`spelling_heads` first answers with
two letters instead of three, from a table of the syllables' spellings: a
dictionary lookup or two, and the three-letter starts only when a password
holds a head.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from .romaji import SYLLABLES, Unit, spell, spelling_units, to_hiragana
from .tokens import start_words

__all__ = ["spelling_heads", "spelling_starts", "word_starts"]

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
    if not units:
        # Nothing but apostrophes: its romaji spelling is empty, shorter than size.
        return None
    starts = _starts(units, size)
    if starts is None:
        return None
    if written:
        starts.add(written[:size])
    return frozenset(starts)


def _heads_of(options: tuple[str, ...]) -> frozenset[str] | None:
    """The first two letters of a syllable's spellings; None if one is shorter."""
    return frozenset(o[:2] for o in options) if min(map(len, options)) >= 2 else None


def _romaji_heads() -> Mapping[str, frozenset[str] | None]:
    """First two letters of a romaji word -> the heads of every syllable it can open with."""
    table: dict[str, frozenset[str] | None] = {}
    for options in SYLLABLES.values():
        heads = _heads_of(options)
        for head in {o[:2] for o in options if len(o) >= 2}:
            known = table.get(head, frozenset())
            table[head] = None if heads is None or known is None else known | heads
    return table


# Built once from the static syllable table when this module is first imported.
_ROMAJI_HEADS: Final = _romaji_heads()


def spelling_heads(word: str) -> frozenset[str] | None:
    """The first two letters of every spelling of *word*, or None; from the word's first syllable.

    *word* is kana, or a case-folded ASCII word, as for :func:`spelling_starts`.
    Every spelling (as written, or any :func:`~.romaji.kana_variants` /
    :func:`~.romaji.romaji_variants` makes) opens with one spelling of the
    word's first syllable, which no later unit respells (only a っ is spelled
    by the unit after it).  None when that syllable may be spelled with one
    letter (a vowel, ん, っ) or is not in the table: the caller then asks
    :func:`spelling_starts`.  A romaji word's first syllable is the longest
    spelling it opens with; every syllable that has a spelling opening with
    the word's first two letters is counted, and the word as written.
    """
    if word.isascii():
        heads = _ROMAJI_HEADS.get(word[:2])
        return None if heads is None else heads | {word[:2]}
    kana = to_hiragana(unicodedata.normalize("NFKC", word))
    # A two-kana syllable (しょ) is read before its first kana (し), as _parse_kana does.
    options = SYLLABLES.get(kana[:2]) if len(kana) > 1 else None
    if options is None:
        options = SYLLABLES.get(kana[:1])
    return None if options is None else _heads_of(options)


def word_starts(items: Iterable[str], *, heads: bool = False) -> frozenset[str] | None:
    """What every ASCII token of ``name_tokens(items)`` holds the start of, or None.

    With *heads*, two-letter :func:`spelling_heads` (no word is read).

    Each token is a spelling of a word of *items* or two joined (an initial
    and a spelling, two spellings of one script), so an ASCII token holds a
    whole ASCII spelling, and every one starts with one of the word's
    :func:`spelling_starts` (its first 3 letters).  An ASCII text
    holding none of them holds no ASCII token, and no other token can be in
    it.  A word written in another script (山田) has no ASCII spelling.  None
    when a word has spellings too short for that, or for :func:`~.tokens.start_words`'
    None (then only the tokens tell).  Nicknames are not covered (they are
    told by their suffixes).
    """
    words = start_words(items)
    if words is None:
        return None
    out: set[str] = set()
    for word in words:
        starts = spelling_heads(word) if heads else spelling_starts(word)
        if starts is None:
            return None
        out.update(starts)
    return frozenset(out)
