"""Pattern tokens of the blocklist scoring: runs, sequences, keyboard walks, separators.

A *pattern token* at a position is the longest run starting there of one
repeated character (3 or more: ``aaa``), of an ascending or descending
sequence (3 or more: ``123``, ``cba``, ``7890``), of a straight walk
along a keyboard row or column, or zigzagging between two adjacent rows,
with or without shift on the digits (4 or more: ``qwer``, ``1qaz``,
``1q2w3e``, ``4r3e``, ``!@#$``, ``o(i*``), or of a
block of 2 to 4 characters repeated (``abab``, ``gfcgfc``), at most
:data:`MAX_PATTERN` characters.  :func:`separated` reads a password of
single characters separated by spaces, dots, hyphens or underscores without
them.  :mod:`credguard.wordlists.scoring` counts each pattern as one token.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from .normalize import MAX_KEY_LENGTH

__all__ = [
    "MAX_PATTERN",
    "TRIPLES",
    "joined",
    "pattern_at",
    "patterns_at",
    "separated",
    "separates_letters_only",
]

#: Longest pattern token: a longer run counts as several tokens.
MAX_PATTERN: Final = MAX_KEY_LENGTH

# ---- pattern chains: each maps a character to the one that continues a run.


def _chain(*lines: str) -> dict[str, str]:
    return {a: b for line in lines for a, b in pairwise(line)}


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
_ROWS: Final = ("1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./")
_COLUMNS: Final = tuple(
    "".join(row[x] for row in _ROWS if x < len(row) and row[x] != " ") for x in range(10)
)
# The digit row with shift held: "!@#$" is "1234" typed with shift.
_SHIFTED_DIGITS: Final = "!@#$%^&*()_+"


def _zigzags(upper: str, lower: str) -> tuple[str, str]:
    """The two zigzags between two adjacent rows: 1q2w3e… and q1w2e3…"""
    return (
        "".join(a + b for a, b in zip(upper, lower, strict=False)),
        "".join(b + a for a, b in zip(upper, lower, strict=False)),
    )


# Zigzags between adjacent rows, in tables of lines that share no key
# (a table maps a key to one successor): rows 1-2 with 3-4, rows 2-3 alone.
_ZIGZAG_TABLES: Final = tuple(
    lines
    for phase in (0, 1)
    for lines in (
        (_zigzags(_ROWS[0], _ROWS[1])[phase], _zigzags(_ROWS[2], _ROWS[3])[phase]),
        (_zigzags(_ROWS[1], _ROWS[2])[phase],),
        (_zigzags(_SHIFTED_DIGITS, _ROWS[1])[phase],),
    )
)
# The columns with shift held on the digit: "!qaz" (a column read down
# continues the same way with or without it; read up, it ends differently).
_SHIFTED_COLUMNS: Final = tuple(
    shifted + column[1:] for shifted, column in zip(_SHIFTED_DIGITS, _COLUMNS, strict=False)
)
# (successor table, shortest run that counts)
_CHAINS: Final[tuple[tuple[dict[str, str], int], ...]] = (
    (_chain(_LETTERS, "01234567890"), 3),
    (_chain(_LETTERS[::-1], "09876543210"), 3),
    (_chain(*_ROWS, _SHIFTED_DIGITS), 4),
    (_chain(*(row[::-1] for row in (*_ROWS, _SHIFTED_DIGITS))), 4),
    (_chain(*_COLUMNS, *_SHIFTED_COLUMNS), 4),
    (_chain(*(column[::-1] for column in _COLUMNS)), 4),
    (_chain(*(column[::-1] for column in _SHIFTED_COLUMNS)), 4),
    *((_chain(*lines), 4) for lines in _ZIGZAG_TABLES),
    *((_chain(*(line[::-1] for line in lines)), 4) for lines in _ZIGZAG_TABLES),
)
#: Every three characters that start a counted run of a chain: the scan
#: starts only where a password holds one (a C-level set test rules most out).
TRIPLES: Final = frozenset(
    a + b + table[b] for table, _ in _CHAINS for a, b in table.items() if b in table
)
# What separates characters or words in a password: space, dot, hyphen, underscore.
_SEPARATOR_CHARACTERS: Final = frozenset(" .-_")
_SEPARATOR: Final = "[ .\\-_]"
_NOT_SEPARATOR: Final = "[^ .\\-_]"
# A password of single characters separated by them: "p a s s w o r d 1 2 3".
_SEPARATED: Final = re.compile(f"{_NOT_SEPARATOR}(?:{_SEPARATOR}{_NOT_SEPARATOR}){{2,}}")


def separated(text: str) -> str:
    """*text* without its separators when it is single characters separated by them."""
    return text[::2] if _SEPARATED.fullmatch(text) else text


# Separators between two letters or digits: "i love you", "mr.wiskers",
# "pea_nut", "l0v3 y0u" (a digit may be a leet letter).
_BETWEEN_LETTERS: Final = re.compile(f"(?<=[^\\W_]){_SEPARATOR}+(?=[^\\W_])")


# A separator with something other than a letter on one side.
_BESIDE_NOT_LETTER: Final = re.compile(f"[^a-z]{_SEPARATOR}|{_SEPARATOR}(?:[^a-z]|$)")


def separates_letters_only(text: str) -> bool:
    """Whether every separator in *text* stands between two letters (``i love sammie``)."""
    return _BESIDE_NOT_LETTER.search(text) is None


def joined(text: str) -> str | None:
    """*text* without the separators between its letters and digits, or None if it has none.

    People write a listed phrase or name with spaces, dots, hyphens or
    underscores between its words (``i love you1``, ``te amo123``,
    ``mr.wiskers!``); the blocklist reads the joined text when its letters
    are one listed word (:class:`~credguard.rules.BlocklistRule`).
    """
    if _SEPARATOR_CHARACTERS.isdisjoint(text):
        return None
    out = _BETWEEN_LETTERS.sub("", text)
    return None if out == text else out


def _run(text: str, start: int, table: dict[str, str]) -> int:
    end, size = start + 1, min(len(text), start + MAX_PATTERN)
    while end < size and table.get(text[end - 1]) == text[end]:
        end += 1
    return end - start


def _blocks(text: str, start: int) -> int:
    """The longest run at *start* of one block of 2 to 4 characters repeated (0 if none)."""
    found = 0
    stop = min(len(text), start + MAX_PATTERN)
    for size in (2, 3, 4):
        block = text[start : start + size]
        end = start + size
        while end + size <= stop and text[end : end + size] == block:
            end += size
        if end - start >= 2 * size and end - start > found:
            found = end - start
    return found


def pattern_at(text: str, start: int) -> int:
    """The length of the longest pattern token at *start* of *text* (0 if none)."""
    if start + 2 >= len(text):
        return 0
    char = text[start]
    found = 0
    if char == text[start + 1] == text[start + 2]:
        found = _run(text, start, {char: char})
    if char in text[start + 2 : start + 5]:
        found = max(found, _blocks(text, start))
    if text[start : start + 3] in TRIPLES:
        for table, shortest in _CHAINS:
            size = _run(text, start, table)
            if size >= shortest and size > found:
                found = size
    return found


def patterns_at(text: str) -> dict[int, int]:
    """``{start: length}`` of the longest pattern token at each start of *text*."""
    found = {start: pattern_at(text, start) for start in range(len(text) - 2)}
    return {start: length for start, length in found.items() if length}
