"""The doubled-letter reading: a listed word written with a letter doubled.

People double a letter to reach a length or to spell a name their way
(``deeakiss1``, ``chinyee1!``): the word is listed with the letter once.
The ``blocklist`` rule gives a password the score accepts a second reading:
every letter written exactly twice in a row (in one case) is read once
(:func:`read_once`), and each listed word of that text's letters that covers
such a letter becomes a token
over the characters it spans in the password as typed
(:func:`doubled_tokens`), which is scored again like the near misses.

The password keeps its length: reading ``ee`` as ``e`` never saves a point
by itself, only a word that needs it does (``TkeEr8mw`` is not ``tker8mw``).
Runs of three or more are left alone: they are patterns already.

Cost: one regular-expression search for a password without a doubled
letter, two for one whose doubled letters are in no run of six letters or
more (most random strings); otherwise at most :data:`MAX_PAIRS` pairs, each asking the starts of
its run of letters up to it (at most :data:`MAX_BEFORE` back), one C call a
distinct view and list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .listsource import Source
from .normalize import MAX_KEY_LENGTH
from .scoring import mostly_letters

__all__ = ["MAX_BEFORE", "MAX_PAIRS", "MIN_WORD", "doubled_tokens", "read_once"]

#: Shortest listed word read through a doubled letter: most four-letter
#: strings are keys of ``common`` (``tker`` would make ``TkeEr8mw`` a word).
#: Measured: 4 would buy 0.13 points of recall more than 5 and refuse 0.02 %
#: more random passwords with repeats (docs/blocklists.md).
MIN_WORD: Final = 5
#: Most doubled letters read once in one password (a bound on the cost).
MAX_PAIRS: Final = 8
#: Most letters a word may have before its doubled letter (``bookkee…`` has 5):
#: a bound on the starts asked, which long random strings of letters reach.
MAX_BEFORE: Final = 8
# A letter exactly twice: not a third time before or after.
_PAIR: Final = re.compile(r"([^\W\d_])\1+")
# A run of letters that can hold a word of MIN_WORD letters with one doubled.
_RUN: Final = re.compile(f"[^\\W\\d_]{{{MIN_WORD + 1},}}")


def read_once(text: str, typed: str | None = None) -> tuple[str, list[int], list[int]] | None:
    """*text* with each letter written exactly twice read once, if it has one.

    *typed*, when given, is *text* before case folding, character for
    character: a letter doubled in two cases (``eE``) is a random string's,
    not a spelling's, and is left alone.  Returns the shorter text, the
    index in *text* of each of its characters (plus ``len(text)`` at the
    end), and the indexes in the shorter text of the letters read once.
    """
    if typed is None or len(typed) != len(text):
        typed = text
    if _PAIR.search(typed) is None:
        return None  # most passwords: one C call
    # Only a pair inside a run of letters long enough for a word (what
    # doubled_tokens would find anyway): most random strings have none.  A
    # pair is letters, so it lies inside one run or none: each run is
    # searched alone.
    pieces: list[str] = []
    at: list[int] = []
    pairs: list[int] = []
    done = 0
    for run in _RUN.finditer(typed):
        for match in _PAIR.finditer(typed, run.start(), run.end()):
            if match.end() - match.start() != 2 or len(pairs) == MAX_PAIRS:
                continue
            keep = match.start() + 1  # up to the first of the two letters
            pieces.append(text[done:keep])
            at.extend(range(done, keep))
            pairs.append(len(at) - 1)
            done = match.end()
    if not pairs:
        return None
    pieces.append(text[done:])
    at.extend(range(done, len(text) + 1))
    return "".join(pieces), at, pairs


def doubled_tokens(
    views: Sequence[str], at: Sequence[int], pairs: Sequence[int], source: Source, minimum: int
) -> dict[int, int]:
    """``{start: length}`` in the typed password of the keys of *source* that a
    view of the read-once text holds over a letter read once.

    *views* are the read-once text and its leet readings; *at* and *pairs*
    come from :func:`read_once`.  Keys shorter than :data:`MIN_WORD` count
    only if *minimum* is larger.
    """
    minimum = max(minimum, MIN_WORD)
    found: dict[int, int] = {}
    search = source.search
    text = views[0]
    # The views differ only where a leet character is: ask each text once
    # (most read-once texts have one view: no set to build at each start).
    others = [view for view in dict.fromkeys(views) if view != text]
    for pair in pairs:
        # A word over the pair starts in its run of letters.
        first, last = pair, pair + 1
        while first > 0 and pair - first < MAX_BEFORE and text[first - 1].isalpha():
            first -= 1
        while last < len(text) and text[last].isalpha():
            last += 1
        if last - first < minimum:
            continue  # no word of *minimum* letters over the pair
        for start in range(first, pair + 1):
            piece = text[start : start + MAX_KEY_LENGTH]
            pieces = (
                {piece, *(view[start : start + MAX_KEY_LENGTH] for view in others)}
                if others
                else (piece,)
            )
            # A key from *start* ends after the pair when it is this long.
            shortest = max(minimum, pair - start + 1)
            for piece in pieces:
                for key in search(piece):  # type: ignore[misc]
                    if len(key) < shortest:
                        continue
                    end = start + len(key)
                    typed = text[start:end]
                    # As in the scoring: leet dresses up words, not numbers.
                    if key != typed and not mostly_letters(typed):
                        continue
                    begin = at[start]
                    found[begin] = max(found.get(begin, 0), at[end] - begin)
    return found
