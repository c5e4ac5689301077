"""Entra-style scoring of a password against word lists and guessable patterns.

Microsoft Entra Password Protection normalizes a password, finds the banned
words it contains, and counts one point per banned word found plus one per
remaining character; a password below five points is refused.  This module
computes that score over the views of a password:

* the *views* are character-for-character translations of one another (the
  folded text with Latin diacritics dropped, and its two leet readings), so
  a token read in any view at position ``i`` covers the same characters;
* a *list token* at ``i`` is a key of a source (a bundled trie, or the
  policy's own words) of at least ``min_token_length`` characters that a
  view continues with at ``i``;
* a *pattern token* at ``i`` is the longest run starting there of one
  repeated character (3 or more: ``aaa``), of an ascending or descending
  sequence (3 or more: ``123``, ``cba``, ``7890``), or of a straight walk
  along a keyboard row or column (4 or more: ``qwer``, ``1qaz``), at most
  :data:`MAX_PATTERN` characters;
* a *digit token* at ``i`` is a whole run of 2 to 4 digits (``24``,
  ``123``, ``2024``): the suffixes people add.

``score[i] = min(score[i+1] + 1, 1 + score[i + len(t)] for each token t at i)``
from the end of the password back to its start.  A password is refused when
its score is below ``min_score`` *and* the cheapest cover uses a list or
pattern token: digits alone never refuse a PIN.

Cost: one ``prefixes`` call per source, view and position (each bounded by
the longest key), and a scan for patterns that starts only where a
password holds three characters of a chain — linear in the length.  A
password longer than ``MAX_TOKEN × (min_score - 1)`` characters cannot
score below ``min_score`` (no token is longer than :data:`MAX_TOKEN`) and
is accepted after one ``len``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from .normalize import MAX_KEY_LENGTH

__all__ = [
    "MAX_PATTERN",
    "MAX_TOKEN",
    "PATTERN",
    "Cover",
    "Source",
    "WordSource",
    "patterns_at",
    "score",
    "separated",
]

#: Longest pattern token: a longer run counts as several tokens.
MAX_PATTERN: Final = MAX_KEY_LENGTH
#: Longest token of any kind.
MAX_TOKEN: Final = MAX_KEY_LENGTH
#: The source index a pattern token reports.
PATTERN: Final = -1
_DIGITS_SOURCE: Final = -2

# ---- pattern chains: each maps a character to the one that continues a run.


def _chain(*lines: str) -> dict[str, str]:
    return {a: b for line in lines for a, b in pairwise(line)}


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
_ROWS: Final = ("1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./")
_COLUMNS: Final = tuple(
    "".join(row[x] for row in _ROWS if x < len(row) and row[x] != " ") for x in range(10)
)
# (successor table, shortest run that counts)
_CHAINS: Final[tuple[tuple[dict[str, str], int], ...]] = (
    (_chain(_LETTERS, "01234567890"), 3),
    (_chain(_LETTERS[::-1], "09876543210"), 3),
    (_chain(*_ROWS), 4),
    (_chain(*(row[::-1] for row in _ROWS)), 4),
    (_chain(*_COLUMNS), 4),
    (_chain(*(column[::-1] for column in _COLUMNS)), 4),
)
# Every three characters that start a counted run: the pattern scan starts
# only where a password holds one (a C-level set test rules most out).
_TRIPLES: Final = frozenset(
    a + b + table[b] for table, _ in _CHAINS for a, b in table.items() if b in table
)
_REPEAT: Final = re.compile(r"(.)\1{2,}", re.DOTALL)
_DIGIT_RUN: Final = re.compile(r"(?<![0-9])[0-9]{2,4}(?![0-9])")
# A password of single characters separated by spaces, dots, hyphens or
# underscores: "p a s s w o r d 1 2 3".
_SEPARATED: Final = re.compile(r"[^ .\-_](?:[ .\-_][^ .\-_]){2,}")


def separated(text: str) -> str:
    """*text* without its separators when it is single characters separated by them."""
    return text[::2] if _SEPARATED.fullmatch(text) else text


def _run(text: str, start: int, table: dict[str, str]) -> int:
    end, size = start + 1, min(len(text), start + MAX_PATTERN)
    while end < size and table.get(text[end - 1]) == text[end]:
        end += 1
    return end - start


def patterns_at(text: str) -> dict[int, int]:
    """``{start: length}`` of the longest pattern token at each start of *text*."""
    found: dict[int, int] = {}
    for match in _REPEAT.finditer(text):
        start, end = match.span()
        for at in range(start, end - 2):
            found[at] = min(end - at, MAX_PATTERN)
    if len(text) >= 3:
        starts = [i for i in range(len(text) - 2) if text[i : i + 3] in _TRIPLES]
        for at in starts:
            for table, shortest in _CHAINS:
                size = _run(text, at, table)
                if size >= shortest and size > found.get(at, 0):
                    found[at] = size
    return found


# ---- sources


Finder = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Source:
    """A named list and the function listing its keys that start a text at a position."""

    name: str
    prefixes: Finder


class WordSource:
    """A small set of words (the policy's own) with trie-like prefix search."""

    __slots__ = ("_prefixes", "_words", "max_length")

    def __init__(self, words: Sequence[str]) -> None:
        self._words = frozenset(words)
        self._prefixes = frozenset(word[:i] for word in words for i in range(1, len(word) + 1))
        self.max_length = max(map(len, words), default=0)

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Every word that is a prefix of ``text[start:]``, shortest first."""
        found = []
        stop = min(len(text), start + self.max_length)
        for end in range(start + 1, stop + 1):
            piece = text[start:end]
            if piece not in self._prefixes:
                break
            if piece in self._words:
                found.append(piece)
        return found


# ---- the score


@dataclass(frozen=True, slots=True)
class Cover:
    """The cheapest reading of a password: its score and what the tokens were."""

    score: int
    #: Index in the sources of each list token used (PATTERN for patterns).
    sources: tuple[int, ...]
    #: Whether a list token was read in a leet view that differs from the folded one.
    leet: bool
    #: Whether a single list token covers the whole text.
    whole: bool

    @property
    def listed(self) -> bool:
        """Whether the cover uses a list or pattern token (digits alone do not count)."""
        return bool(self.sources)


def score(
    views: Sequence[str],
    sources: Sequence[Source],
    min_token_length: int,
    extra: dict[int, int] | None = None,
) -> Cover:
    """The cheapest cover of the text whose views are *views* (all of one length).

    ``views[0]`` is the folded view (patterns and digits are read there);
    *extra* adds ``{start: length}`` tokens found otherwise (near misses),
    reported as list tokens of source 0.
    """
    text = views[0]
    size = len(text)
    # Tokens by start: (length, source index, read in a differing leet view).
    tokens: list[list[tuple[int, int, bool]]] = [[] for _ in range(size)]
    for start, length in patterns_at(text).items():
        tokens[start].append((length, PATTERN, False))
    for match in _DIGIT_RUN.finditer(text):
        tokens[match.start()].append((match.end() - match.start(), _DIGITS_SOURCE, False))
    for start, length in (extra or {}).items():
        tokens[start].append((length, 0, False))
    _list_tokens(tokens, views, sources, min_token_length)
    best = [0] * (size + 1)
    choice: list[tuple[int, int, bool] | None] = [None] * (size + 1)
    for start in range(size - 1, -1, -1):
        cost, chosen = best[start + 1] + 1, None
        rank = _rank(None)
        for token in tokens[start]:
            # Ties prefer a token over a lone character, then the earlier
            # source (the policy's words, then lists in order), then list
            # over pattern over digits.
            option, option_rank = 1 + best[start + token[0]], _rank(token)
            if option < cost or (option == cost and option_rank < rank):
                cost, chosen, rank = option, token, option_rank
        best[start], choice[start] = cost, chosen
    used: list[int] = []
    leet = False
    at = 0
    while at < size:
        step = choice[at]
        if step is None:
            at += 1
            continue
        if step[1] != _DIGITS_SOURCE:
            used.append(step[1])
        leet = leet or step[2]
        at += step[0]
    first = choice[0] if size else None
    whole = first is not None and first[0] == size and first[1] >= 0
    return Cover(best[0], tuple(used), leet, whole)


def _list_tokens(
    tokens: list[list[tuple[int, int, bool]]],
    views: Sequence[str],
    sources: Sequence[Source],
    min_token_length: int,
) -> None:
    """Add the list tokens of every source to *tokens*.

    The leet view is asked at every start; the folded view and ``leet_alt``
    only before their last character that differs from it (past that, they
    read the same text and find the same keys).
    """
    text, leet = views[0], views[1]
    size = len(text)
    last = size - min_token_length + 1
    asks: list[tuple[str, int, bool]] = [(leet, start, True) for start in range(last)]
    # Another view finds other keys at a start only up to its last difference.
    for other, is_leet in ((text, False), *((alt, True) for alt in views[2:])):
        if other != leet:
            end = max(i for i in range(size) if other[i] != leet[i]) + 1
            asks += [(other, start, is_leet) for start in range(min(last, end))]
    for index, source in enumerate(sources):
        finder = source.prefixes
        for view, start, is_leet in asks:
            for key in finder(view, start):
                length = len(key)
                if length >= min_token_length:
                    changed = is_leet and key != text[start : start + length]
                    tokens[start].append((length, index, changed))


def _rank(token: tuple[int, int, bool] | None) -> tuple[int, int]:
    if token is None:
        return (3, 0)
    source = token[1]
    if source >= 0:
        return (0, source)
    return (1, 0) if source == PATTERN else (2, 0)
