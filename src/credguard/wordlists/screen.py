"""A bitmap of the four-character windows that can start a key of a word list.

A *screen* answers "can a key of four or more characters start with these
four characters?" with two dictionary lookups and one bit test.  The
blocklist scoring once looked one up before every trie call; on CPython a
trie call (the trie's own C ``prefixes`` or ``in``) costs about the same,
so the search now asks the tries directly, and screens rule out membership
tests of words built from a password (``Source.__contains__``: kana-key
words, near misses).

The four characters of the folded text are read in a 37-letter alphabet: ``a``–``z``, ``0``–``9``
and one letter for every other printable ASCII character (so the screen
says yes for a symbol wherever some key has *a* symbol there).  A key's
letter may be written as a leet character (``p@55`` may start ``pass``):
each letter stands for itself and the characters the leet views read as
it, so one look at the folded text serves the folded and both leet views.
A window with a character outside printable ASCII has no code and is
always asked (a key with one is never ruled out):
the screen only ever rules out, never in, so scoring with it finds exactly
the keys found without it (``tests/rules/test_blocklist.py`` checks both
ways agree).  Two bits per window (one per half, below): 2 × 37⁴ bits, 469 KB per list, written next
to each trie by ``_generate.py`` (``<name>.screen``).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from typing import Final

__all__ = ["EXACT", "PAIRS", "PAIR_COUNT", "SCREEN_BYTES", "WINDOW", "build_screen", "window_code"]

#: Characters a screen looks at.
WINDOW: Final = 4
_LETTERS: Final = {
    **{c: i for i, c in enumerate(string.ascii_lowercase)},
    **{c: i for i, c in enumerate(string.ascii_uppercase)},
    **{c: 26 + i for i, c in enumerate(string.digits)},
}
_PRINTABLE: Final = [chr(code) for code in range(0x20, 0x7F)]
_SIZE: Final = 37
_OTHER: Final = _SIZE - 1
#: The code of every two printable ASCII characters (``a * 37 + b``).
PAIRS: Final[dict[str, int]] = {
    a + b: _LETTERS.get(a, _OTHER) * _SIZE + _LETTERS.get(b, _OTHER)
    for a in _PRINTABLE
    for b in _PRINTABLE
}
#: How many pair codes there are.
PAIR_COUNT: Final = _SIZE * _SIZE
_HALF: Final = (PAIR_COUNT * PAIR_COUNT + 7) // 8
#: Where the exact half of a screen starts, in bits.
EXACT: Final = _HALF * 8
#: Length of a screen: its leet half, then its exact half.
SCREEN_BYTES: Final = 2 * _HALF


def window_code(text: str, start: int) -> int | None:
    """The bit of the four characters of *text* at *start*; None when one has no code."""
    first = PAIRS.get(text[start : start + 2])
    second = PAIRS.get(text[start + 2 : start + WINDOW])
    if first is None or second is None:
        return None
    return first * PAIR_COUNT + second


# What each letter of a key may be written as in the folded text, in codes:
# itself and the characters the leet views read as it (``@`` as ``a``).
def _written_as() -> dict[str, frozenset[int]]:
    from .._candidate import leet_views

    found: dict[str, set[int]] = {}
    for raw in _PRINTABLE:
        code = PAIRS[raw + "a"] // _SIZE
        for reading in {raw, *leet_views(raw)}:
            found.setdefault(reading, set()).add(code)
    return {char: frozenset(codes) for char, codes in found.items()}


def build_screen(keys: Iterable[str]) -> bytes:
    """The screen of *keys*: its leet half, then its exact half.

    In the leet half, a window may start a key when, character by character,
    it is the key's character or one the leet views read as it (``p@55``
    may start ``pass``): the views of one text share its windows, so one
    look at the folded text serves all of them.  In the exact half only the
    key's own characters count: the screen of one view's window.
    """
    starts = {key[:WINDOW] for key in keys if len(key) >= WINDOW}
    own = {c: frozenset([PAIRS[c + "a"] // _SIZE]) for c in _PRINTABLE}
    return _half(starts, _written_as()) + _half(starts, own)


def _half(starts: set[str], written: dict[str, frozenset[int]]) -> bytes:
    bits = bytearray(_HALF)
    for start in starts:
        if not all(c in written for c in start):
            continue
        for a in written[start[0]]:
            for b in written[start[1]]:
                for c in written[start[2]]:
                    for d in written[start[3]]:
                        code = ((a * _SIZE + b) * _SIZE + c) * _SIZE + d
                        bits[code >> 3] |= 1 << (code & 7)
    return bytes(bits)
