"""Entra-style scoring of a password against word lists and guessable patterns.

Microsoft Entra Password Protection normalizes a password, finds the banned
words it contains, and counts one point per banned word found plus one per
remaining character; a password below five points is refused.  This module
computes that score over the views of a password:

* the *views* are character-for-character translations of one another (the
  folded text with Latin diacritics dropped, and its two leet readings), so
  a token read in any view at position ``i`` covers the same characters;
* a *list token* at ``i`` is a key of a source (a bundled trie, or the
  policy's own words; :mod:`.listsource`) of at least ``min_token_length``
  characters that a view continues with at ``i`` (in a leet view, only a
  token at most half digits: leet dresses up words, not numbers), or one of
  the source's short words as the folded text has it at ``i``;
* a *pattern token* (:mod:`.patterns`) is a run of one character, a
  sequence, a keyboard walk or a repeated block;
* a *digit token* at ``i`` is a whole run of 2 to :data:`MAX_DIGIT_RUN`
  digits (``24``, ``2024``, ``25121986``; :data:`NUMBER_DIGIT_RUN` with no letter).

``score[i] = min(score[i+1] + 1, 1 + score[i + len(t)] for each token t at i)``
from the end of the password back to its start.  A password is refused when
its score is below ``min_score`` and the cover may refuse
(:attr:`Cover.listed`): numbers inside a password with letters of its own
never refuse.

Cost: the search is breadth first, one point at a time, and reads a position
only while a cover under the limit can still pass through it; a position
read with one point left only asks whether the rest of the text is a key. At
a position each view is asked with one C call per list (the tries' own
``prefixes``; a screen lookup (:mod:`.screen`) costs as much as the call it
would save, so the scoring asks no screen). Every position is read at most
once, each call is bounded by the longest key: linear in the length. A
password longer than ``MAX_TOKEN × (min_score - 1)`` characters cannot score
below ``min_score`` (no token is longer than :data:`MAX_TOKEN`) and is
accepted after one ``len``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from .listsource import SHORT_LENGTH, Source, WordSource
from .normalize import MAX_KEY_LENGTH
from .patterns import MAX_PATTERN, TRIPLES, pattern_at, patterns_at, separated

__all__ = [
    "MAX_DIGIT_RUN",
    "MAX_PATTERN",
    "MAX_TOKEN",
    "NUMBER_DIGIT_RUN",
    "PATTERN",
    "Cover",
    "Source",
    "WordSource",
    "mostly_letters",
    "patterns_at",
    "score",
    "separated",
]

#: Longest token of any kind.
MAX_TOKEN: Final = MAX_KEY_LENGTH
#: The source index a pattern token reports.
PATTERN: Final = -1
_DIGITS_SOURCE: Final = -2

#: Digit runs that are one token: dates inside words too (recall +0.2 / +1.9 points for recommended
#: / nist-800-63b); 4 in a text without letters, where one would be "a number" (never refuses).
MAX_DIGIT_RUN: Final = 8
NUMBER_DIGIT_RUN: Final = 4
_DIGIT: Final = frozenset("0123456789")
# The tie-break rank as one integer (sources are few): a list's index, then these.
_PATTERN_RANK: Final = 1 << 40
_DIGITS_RANK: Final = _PATTERN_RANK + 1
_LOOSE_RANK: Final = _PATTERN_RANK + 2


# ---- the score


@dataclass(frozen=True, slots=True)
class Cover:
    """The cheapest reading of a password: its score and what the tokens were."""

    #: The score; when above the *limit* :func:`score` was given, ``limit + 1``.
    score: int
    #: Index in the sources of each list token used (PATTERN for patterns).
    sources: tuple[int, ...]
    #: Whether a list token was read in a leet view that differs from the folded one.
    leet: bool
    #: Whether a single list or pattern token covers the whole text.
    whole: bool
    #: Whether the cover may refuse (see :attr:`listed`).
    words: bool = False

    @property
    def listed(self) -> bool:
        """Whether the cover may refuse: a list or pattern token with a character
        other than a digit, one token for the whole text, or listed numbers and
        at most one letter of the text's own.

        A number inside a password with letters of its own (``Ab3456``,
        ``Tk1111r``) is the length, repetition and sequence rules' business;
        a password of numbers, or a number with one letter (``19941994123``,
        ``J654321!``), is judged by them.
        """
        return self.words


# Covers are immutable: the few that most checks end with are built once
# (a frozen dataclass costs a microsecond to build).
_SHARED: Final = 4
_WHOLE: Final = {
    (index, changed): Cover(1, (index,), changed, True, True)
    for index in range(_SHARED)
    for changed in (False, True)
}
_OVERS: Final = tuple(Cover(over, (), False, False) for over in range(MAX_TOKEN + 2))


def _over(over: int) -> Cover:
    """``Cover(over, (), False, False)``: no cover within the limit."""
    return _OVERS[over] if over < len(_OVERS) else Cover(over, (), False, False)


# A token: (length, source index, read in a differing leet view).
_Token = tuple[int, int, bool]


def score(
    views: Sequence[str],
    sources: Sequence[Source],
    min_token_length: int,
    limit: int | None = None,
    extra: Mapping[int, int] | None = None,
    extra_source: int = 0,
    whole_first: bool = True,
) -> Cover:
    """The cheapest cover of the text whose views are *views*, if it costs at most *limit*.

    ``views`` is a folded text and its two leet readings (:func:`leet_views`
    of it): patterns and digits are read in ``views[0]``.  *extra* adds
    ``{start: length}`` tokens found otherwise (near misses, kana keys),
    reported as list tokens of source *extra_source*.  With *whole_first*
    a text that is one listed word is found with a lookup per view before
    the search (the search finds the same cover, at more cost when it is
    one: worth it where most texts are listed words, not otherwise).

    Only covers of at most *limit* units are looked for (all of them when
    None): a position is read only if the cheapest way to reach it leaves a
    unit to spend, so a random password costs a few positions, not all of
    them.  A text whose cheapest cover costs more gets ``Cover(limit + 1, …)``.
    """
    text = views[0]
    size = len(text)
    if limit is None or limit > size:
        limit = size
    over = limit + 1
    if whole_first and not extra and limit and size >= min_token_length:
        # Most listed passwords are a listed word as they stand: a cover of
        # one token, cheaper than any other, found with a lookup per view.
        one = _whole(views, sources)
        if one is not None:
            return one
    # Breadth first, one unit a level (the positions a cover reaches with 0, 1, 2 … units),
    # stopping at the first level that reaches the end; a position read with one unit left
    # can only help with a token to the end: one membership test.
    reach = [over] * (size + 1)
    reach[0] = 0
    tokens: dict[int, list[_Token]] = {}
    asks = _asks(views)
    indexed = tuple(enumerate(sources))
    shorts = [(index, source.short) for index, source in indexed if source.short]
    last = size - min_token_length
    extra = extra or {}
    level, frontier = 0, [0]
    while frontier and level < limit:
        level += 1
        reached: list[int] = []
        span = (limit - level + 1) * MAX_TOKEN
        for start in frontier:
            if start == size or size - start > span:
                continue
            found: list[_Token] = []
            tokens[start] = found
            char = text[start]
            if text[start : start + 3] in TRIPLES or char in text[start + 1 : start + 5]:
                length = pattern_at(text, start)
                if length:
                    found.append((length, PATTERN, False))
            if char in _DIGIT and (start == 0 or text[start - 1] not in _DIGIT):
                end = start + 1
                while end < size and text[end] in _DIGIT:
                    end += 1
                run = end - start
                # A long run only beside letters (rare: the letter test waits for it).
                if 2 <= run <= NUMBER_DIGIT_RUN or (
                    run <= MAX_DIGIT_RUN and any(map(str.isalpha, text))
                ):
                    found.append((run, _DIGITS_SOURCE, False))
            if start in extra:
                found.append((extra[start], extra_source, False))
            if start > last:
                pass
            elif level == limit or reach[size] <= level:
                # One unit left: is the rest a key?  (Longer than any key: no.)
                if size - start <= MAX_TOKEN:
                    rest = text[start:]
                    for index, source in indexed:
                        contains = source.contains
                        for view, before, is_leet in asks:
                            if start < before:
                                piece = view[start:]
                                if contains(piece):  # type: ignore[misc]
                                    changed = is_leet and piece != rest
                                    if not changed or mostly_letters(rest):
                                        found.append((size - start, index, changed))
            else:
                # One C call a view and list: every key at this position.
                # (A trie call costs what a screen lookup does: no screen.)
                for index, source in indexed:
                    search = source.search
                    for view, before, is_leet in asks:
                        if start >= before:
                            continue
                        for key in search(view[start : start + MAX_TOKEN]):  # type: ignore[misc]
                            length = len(key)
                            if length < min_token_length:
                                continue
                            if is_leet and not text.startswith(key, start):
                                if mostly_letters(text[start : start + length]):
                                    found.append((length, index, True))
                            else:
                                found.append((length, index, False))
            if shorts:
                # Read as typed only: leet readings of symbols and digits would
                # find three-letter words in random strings (docs/blocklists.md).
                piece = text[start : start + SHORT_LENGTH]
                for index, short in shorts:
                    if piece in short:
                        found.append((SHORT_LENGTH, index, False))
            if reach[start + 1] > level:
                reach[start + 1] = level
                reached.append(start + 1)
            for token in found:
                end = start + token[0]
                if reach[end] > level:
                    reach[end] = level
                    reached.append(end)
        if reach[size] <= level:
            break
        frontier = reached
    if reach[size] > limit:
        return _over(over)
    return _cheapest(tokens, text)


def mostly_letters(piece: str) -> bool:
    """Whether at most half the characters of a token read in a leet view are digits.

    Leet dresses up a word (``p@ssw0rd``, ``r0$3l@``); it does not turn a
    number into one (``b345`` is not "beas").
    """
    return 2 * sum(map(str.isdigit, piece)) <= len(piece)


def _whole(views: Sequence[str], sources: Sequence[Source]) -> Cover | None:
    """The cover by one listed word of the whole text, if there is one (what the DP finds).

    A membership test costs what a screen lookup does: no screen here.
    """
    text, leet = views[0], views[1]
    # In the order the DP prefers them: source by source, the leet view first.
    if (text == leet and views[-1] == leet) or text.isdigit():
        # One view; or a number, which no changed reading may read (mostly_letters).
        readings: Sequence[tuple[str, bool]] = ((text, False),)
    else:
        # A reading that changes the text counts only if it is mostly letters.
        letters = mostly_letters(text)
        readings = [
            (view, changed)
            for view in dict.fromkeys((leet, *views))
            for changed in (view != text,)
            if letters or not changed
        ]
    for index, source in enumerate(sources):
        contains = source.contains
        for view, changed in readings:
            if contains(view):  # type: ignore[misc]
                return (
                    _WHOLE[index, changed]
                    if index < _SHARED
                    else Cover(1, (index,), changed, True, True)
                )
    return None


def _cheapest(tokens: dict[int, list[_Token]], text: str) -> Cover:
    """The cheapest cover over the positions read (every position of one within the limit)."""
    size = len(text)
    unread = 2 * size + 2
    best = [unread] * (size + 1)
    best[size] = 0
    choice: dict[int, _Token] = {}
    # Only the positions read: any other keeps ``unread``.
    for start in sorted(tokens, reverse=True):
        cost, chosen, rank = best[start + 1] + 1, None, _LOOSE_RANK
        for token in tokens[start]:
            # Ties prefer a token over a lone character, then the earlier
            # source (the policy's words, then lists in order), then list
            # over pattern over digits.
            option = 1 + best[start + token[0]]
            if option <= cost:
                source = token[1]
                option_rank = (
                    source if source >= 0 else _PATTERN_RANK if source == PATTERN else _DIGITS_RANK
                )
                if option < cost or option_rank < rank:
                    cost, chosen, rank = option, token, option_rank
        best[start] = cost
        if chosen is not None:
            choice[start] = chosen
    used: list[int] = []
    leet = words = False
    loose = 0
    at = 0
    while at < size:
        step = choice.get(at)
        if step is None:
            loose += text[at].isalpha()
            at += 1
            continue
        if step[1] != _DIGITS_SOURCE:
            used.append(step[1])
            words = words or not text[at : at + step[0]].isdigit()
        leet = leet or step[2]
        at += step[0]
    first = choice.get(0)
    whole = first is not None and first[0] == size and first[1] != _DIGITS_SOURCE
    return Cover(best[0], tuple(used), leet, whole, words or whole or (bool(used) and loose < 2))


def _asks(views: Sequence[str]) -> list[tuple[str, int, bool]]:
    """``(view, before, is_leet)``: each view to ask before which position.

    The leet view is asked everywhere; the folded view and the other leet
    reading only before their last difference from it (past that, they read
    the same text and find the same keys).  ``is_leet`` says whether a key
    read in the view may differ from the text.
    """
    text, leet = views[0], views[1]
    if text == leet and views[-1] == leet:
        # No character with a leet reading (most words): one view, no token changed.
        return [(leet, len(leet), False)]
    if text.isdigit():
        # A number read as letters is no word (mostly_letters), and its leet
        # readings hold no digit to find it as it stands: the text alone.
        return [(text, len(text), False)]
    asks = [(leet, len(leet), leet != text)]
    for other, is_leet in ((text, False), *((alt, True) for alt in views[2:])):
        if other != leet:
            end = len(other)
            while other[end - 1] == leet[end - 1]:
                end -= 1
            asks.append((other, end, is_leet))
    return asks
