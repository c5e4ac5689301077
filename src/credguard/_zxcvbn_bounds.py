"""A lower bound on zxcvbn's estimate from the password's ends, without zxcvbn.

:func:`credguard._zxcvbn.surely_reaches` proves "the estimate is at least
this floor" from the matches at the password's two ends.  Done exactly, it
needs zxcvbn's matchers and scorer, and importing zxcvbn costs about 17 ms
of CPU (its frequency lists, read and turned into dicts at import): most of
what the first strength check of a short-lived process paid.

:func:`reaches` makes the same proof with *lower bounds* instead: every span
at an edge that some matcher of zxcvbn could report (a superset of what it
reports), each with at most the guesses zxcvbn would give it.  Bounding
from below can only make the proof harder, never wrong: when it succeeds,
the exact one does too; when it does not, the caller runs the exact proof.
It uses the shipped data of :mod:`credguard._zxcvbn_index` (the merged
dictionaries, the keyboard adjacency, the l33t table and a few of zxcvbn's
constants), so a strong password gets its answer without zxcvbn loaded.

What each matcher can report at an edge, and its fewest guesses:

* dictionary, reversed or not, and l33t (each l33t character read as
  itself or as any letter it may stand for; looked for last, and only
  where it could still change the answer): a listed word's best rank
  (doubled when reversed); upper case and l33t only multiply it;
* spatial: every span of three or more keys, each next to the one before
  on zxcvbn's keyboards: ``(length - 1) * starting positions * degree``,
  the first term of zxcvbn's sum, for the smallest keyboard;
* sequence: a run of one code point step (at most 5; 1 for two
  characters): ``4 * length``;
* the recent year: four characters matching it: ``MIN_YEAR_SPACE``;
* date: four to ten characters, a digit at each end: ``365 * MIN_YEAR_SPACE``;
* repeat: a span that is some shorter string said twice or more: 2
  (``repeat_count`` at least 2, the base at least one guess);

and every match shorter than the password at least zxcvbn's submatch
floor (10 for one character, 50 for more).  Non-ASCII passwords, where
lower-casing may change lengths and neighbours, are left to the exact proof;
so is a l33t search that would take more than :data:`L33T_BUDGET` steps.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from ._zxcvbn_index import Shipped, TrieIndex

__all__ = ["L33T_BUDGET", "reaches"]

#: The most trie steps the l33t readings of one password may take.
L33T_BUDGET: Final = 2048
_RECENT_YEAR: Final = re.compile(r"19\d\d|20\d\d")  # as credguard._zxcvbn_match's
_DIGIT: Final = re.compile(r"\d")
_LONGEST_DATE: Final = 10
_SHORTEST_DATE: Final = 4
# zxcvbn's sequences: steps of at most 5, guessed from at least 4 a character.
_MAX_DELTA: Final = 5
_SEQUENCE_LEAST: Final = 4


class _OverBudget(Exception):
    """The l33t readings took more than :data:`L33T_BUDGET` steps."""


class _Ends:
    """The fewest guesses of a match ending at each position from the start
    (``heads``), and starting at each position to the end (``tails``)."""

    __slots__ = ("heads", "last", "multi", "single", "tails")

    def __init__(self, length: int, shipped: Shipped) -> None:
        last = self.last = length - 1
        # A brute-force run of n characters costs 10**n guesses (11 for one).
        self.heads: list[float] = [11 if k == 0 else 10 ** (k + 1) for k in range(length)]
        self.tails: list[float] = [11 if k == last else 10 ** (length - k) for k in range(length)]
        self.single = shipped.single_least
        self.multi = shipped.multi_least

    def note(self, i: int, j: int, guesses: float) -> None:
        """A match may cover i..j (an edge among them) with *guesses* or more."""
        if j - i < self.last:  # shorter than the password: zxcvbn's floor
            guesses = max(guesses, self.single if i == j else self.multi)
        if i == 0 and guesses < self.heads[j]:
            self.heads[j] = guesses
        if j == self.last and guesses < self.tails[i]:
            self.tails[i] = guesses

    def proves(self, guesses: float) -> bool:
        """No cover by one or two matches comes under *guesses* (see surely_reaches)."""
        heads, tails, last = self.heads, self.tails, self.last
        if heads[last] + 1 < guesses:
            return False
        return all(2 * heads[k] * tails[k + 1] + 10000 >= guesses for k in range(last))


def reaches(password: str, user_inputs: Sequence[str], guesses: float, shipped: Shipped) -> bool:
    """True when zxcvbn's estimate of *password* is certainly at least *guesses*.

    For floors up to ``10**8 + 6`` (see :func:`credguard._zxcvbn.surely_reaches`);
    ``False`` means "not shown", never "below".
    """
    if not password or not password.isascii():
        return False
    length = len(password)
    ends = _Ends(length, shipped)
    inputs: dict[str, int] = {}
    for rank, word in enumerate((str(word).lower() for word in user_inputs), 1):
        inputs[word] = rank  # a repeated input keeps its last rank, as in zxcvbn
    lower = password.lower()
    _words(lower, ends, shipped, inputs, 1)
    _words(password[::-1].lower(), _Mirror(ends, length), shipped, inputs, 2)
    _spatial(password, ends, shipped)
    _sequences(password, ends)
    _years_and_dates(password, ends, shipped.year_least)
    _repeats(password, ends)
    # l33t readings only lower the bounds further: look for them only when
    # everything else leaves the proof standing.
    if not ends.proves(guesses):
        return False
    try:
        _l33t(lower, ends, shipped, inputs, guesses)
    except _OverBudget:
        return False
    return ends.proves(guesses)


class _Mirror:
    """Notes spans of the reversed password at their place in the password."""

    __slots__ = ("_ends", "_last")

    def __init__(self, ends: _Ends, length: int) -> None:
        self._ends = ends
        self._last = length - 1

    def note(self, i: int, j: int, guesses: float) -> None:
        self._ends.note(self._last - j, self._last - i, guesses)


def _words(
    text: str, ends: _Ends | _Mirror, shipped: Shipped, inputs: Mapping[str, int], factor: int
) -> None:
    """Listed words starting at 0 or ending at the end of *text*."""
    index = shipped.words
    length = len(text)
    last = length - 1
    for word in index.prefixes(text):
        ends.note(0, len(word) - 1, factor * _best_rank(index, word))
    tails = (text[start:] for start in range(max(0, length - index.longest), length))
    for word in index.listed(tails):
        ends.note(length - len(word), last, factor * _best_rank(index, word))
    for word, rank in inputs.items():
        if not word:
            continue  # zxcvbn never matches an empty input
        if text.startswith(word):
            ends.note(0, len(word) - 1, factor * rank)
        if text.endswith(word):
            ends.note(length - len(word), last, factor * rank)


def _l33t(
    text: str, ends: _Ends, shipped: Shipped, inputs: Mapping[str, int], guesses: float
) -> None:
    """Listed words at an edge of *text* read through l33t (zxcvbn does not
    reverse those), each character read as itself or a letter it stands for.

    Last, when the other matches are known: a word from *start* to the end
    is looked for only where it could still break the proof (zxcvbn gives
    it at least ``single_least`` guesses).
    """
    index, l33t = shipped.words, shipped.l33t
    readings = [(char, *l33t.get(char, ())) for char in text]
    if all(len(options) == 1 for options in readings):
        return  # no l33t: the plain words were all of them
    length = len(text)
    last = length - 1
    for word, rank in inputs.items():
        size = len(word)
        if size and size <= length:
            if _reads_as(readings, 0, word):
                ends.note(0, size - 1, rank)
            if _reads_as(readings, length - size, word):
                ends.note(length - size, last, rank)
    budget = [L33T_BUDGET]
    _walk(index, readings, 0, "", ends, budget, heads=True)
    heads, least = ends.heads, shipped.single_least
    for start in range(max(1, length - index.longest), length):
        if 2 * heads[start - 1] * least + 10000 < guesses:
            _walk(index, readings, start, "", ends, budget, heads=False)


def _best_rank(index: TrieIndex, word: str) -> int:
    return min(rank for _, rank in index.entries(word))


def _reads_as(readings: Sequence[tuple[str, ...]], start: int, word: str) -> bool:
    return all(char in readings[start + at] for at, char in enumerate(word))


def _walk(
    index: TrieIndex,
    readings: Sequence[tuple[str, ...]],
    start: int,
    prefix: str,
    ends: _Ends,
    budget: list[int],
    *,
    heads: bool,
) -> None:
    """Every listed word *prefix* + a reading of ``readings[start + len(prefix):]``."""
    at = start + len(prefix)
    if at == len(readings):
        return
    for char in readings[at]:
        budget[0] -= 1
        if budget[0] < 0:
            raise _OverBudget
        word = prefix + char
        if not index.has_prefix(word):
            continue
        end = at
        if (heads or end == len(readings) - 1) and word in index:
            ends.note(start, end, _best_rank(index, word))
        _walk(index, readings, start, word, ends, budget, heads=heads)


def _spatial(password: str, ends: _Ends, shipped: Shipped) -> None:
    adjacent, least = shipped.adjacent, shipped.spatial_least
    last = ends.last
    chained = [password[k - 1 : k + 1] in adjacent for k in range(1, last + 1)]
    k = 0
    while k < last and chained[k]:
        k += 1
        if k >= 2:  # zxcvbn reports chains of three keys or more
            ends.note(0, k, k * least)
    k = last
    while k > 0 and chained[k - 1]:
        k -= 1
        if last - k >= 2:
            ends.note(k, last, (last - k) * least)


def _sequences(password: str, ends: _Ends) -> None:
    last = ends.last
    if not last:
        return
    for step, start, end in ((1, 0, last), (-1, last, 0)):
        delta = ord(password[start + step]) - ord(password[start])
        if step < 0:
            delta = -delta
        if not 0 < abs(delta) <= _MAX_DELTA:
            continue
        at = start + step
        while True:
            lo, hi = min(start, at), max(start, at)
            if hi - lo > 1 or abs(delta) == 1:
                ends.note(lo, hi, _SEQUENCE_LEAST * (hi - lo + 1))
            following = at + step
            if at == end or ord(password[following]) - ord(password[at]) != delta * step:
                break
            at = following


def _years_and_dates(password: str, ends: _Ends, year_least: int) -> None:
    length, last = len(password), ends.last
    if length >= 4:
        if _RECENT_YEAR.fullmatch(password, 0, 4):
            ends.note(0, 3, year_least)
        if _RECENT_YEAR.fullmatch(password, length - 4):
            ends.note(length - 4, last, year_least)
    date_least = 365 * year_least
    for size in range(_SHORTEST_DATE, min(_LONGEST_DATE, length) + 1):
        if _DIGIT.match(password) and _DIGIT.match(password, size - 1):
            ends.note(0, size - 1, date_least)
        if _DIGIT.match(password, length - size) and _DIGIT.match(password, last):
            ends.note(length - size, last, date_least)


def _repeats(password: str, ends: _Ends) -> None:
    """Spans at an edge that are a shorter string said twice or more: guesses >= 2."""
    length, last = len(password), ends.last
    for text, mirrored in ((password, False), (password[::-1], True)):
        # Knuth-Morris-Pratt failure function: the prefix of m characters is
        # a power of a shorter string when its shortest period divides m.
        border = [0] * length
        for k in range(1, length):
            b = border[k - 1]
            while b and text[k] != text[b]:
                b = border[b - 1]
            border[k] = b + 1 if text[k] == text[b] else 0
        for k in range(1, length):
            period = k + 1 - border[k]
            if period <= k and (k + 1) % period == 0:
                if mirrored:
                    ends.note(last - k, last, 2)
                else:
                    ends.note(0, k, 2)
