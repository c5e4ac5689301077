"""Where the scoring finds listed words: a named list and its lookups.

:mod:`.scoring` asks each :class:`Source` at the positions it reads; a
source wraps a bundled trie (:mod:`.tries`) or a policy's own words
(:class:`WordSource`), with the calls the scoring makes at every position
bound once.  A source may also carry *short words*: three-letter words
counted as tokens although shorter than the policy's ``min_token_length``
(the most frequent ones only: :mod:`.short_words`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final

from ..errors import PolicyError
from .normalize import MAX_KEY_LENGTH
from .screen import WINDOW, build_screen, window_code

__all__ = ["MAX_CUSTOM_WORDS", "SHORT_LENGTH", "Finder", "Source", "WordSource", "custom_words"]

#: The length of a short word (:attr:`Source.short`).
SHORT_LENGTH: Final = 3

Finder = Callable[[str, int], Sequence[str]]

#: Most words a policy may ban itself.
MAX_CUSTOM_WORDS: Final = 10_000
_MAX_CUSTOM_WORD_LENGTH: Final = 64


def custom_words(value: tuple[str, ...]) -> tuple[str, ...]:
    """The policy's own words (already an array of strings), normalized and checked."""
    if len(value) > MAX_CUSTOM_WORDS:
        raise PolicyError.of("rule.too_many_words", key="words", limit=MAX_CUSTOM_WORDS)
    words: list[str] = []
    for index, word in enumerate(value):
        # Policy data is normalized the way the candidate's folded view is.
        folded = unicodedata.normalize("NFKC", word.strip()).casefold()
        if not folded or len(folded) > _MAX_CUSTOM_WORD_LENGTH or not folded.isprintable():
            raise PolicyError.of(
                "rule.word_length",
                limit=_MAX_CUSTOM_WORD_LENGTH,
                key=f"words[{index}]",
            )
        words.append(folded)
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True, slots=True)
class Source:
    """A named list, the function listing its keys at a position, and its screen."""

    name: str
    prefixes: Finder
    #: Which four-character windows can start a key (:mod:`.screen`); None asks everywhere.
    screen: bytes | None = None
    #: Whether a text is a key, if the source answers that faster than ``prefixes``.
    contains: Callable[[str], bool] | None = None
    #: How long a start of a text starts a key (near misses edit only up to there).
    depth: Callable[[str], int] | None = None
    #: The keys that are a prefix of a text cut to MAX_KEY_LENGTH characters, shortest
    #: first: ``prefixes(text, 0)`` without the cut (a trie's own C method).
    search: Callable[[str], Sequence[str]] | None = None
    #: Three-letter words counted as tokens whatever the ``min_token_length``
    #: (a source's most frequent short words; empty: none).
    short: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # The scoring calls both at every position it reads: set once here.
        search = self.search
        if search is None:
            search = partial(_from_start, self.prefixes)
            object.__setattr__(self, "search", search)
        if self.contains is None:
            object.__setattr__(self, "contains", partial(_is_key, search))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if len(key) >= WINDOW and not _may_start(self.screen, key, 0):
            return False
        if self.contains is not None:
            return self.contains(key)
        return key in self.prefixes(key, 0)


class WordSource:
    """A small set of words (the policy's own) with trie-like prefix search."""

    __slots__ = ("_prefixes", "_words", "max_length", "screen")

    def __init__(self, words: Sequence[str]) -> None:
        self._words = frozenset(words)
        self._prefixes = frozenset(word[:i] for word in words for i in range(1, len(word) + 1))
        self.max_length = max(map(len, words), default=0)
        self.screen = build_screen(words)

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def depth(self, text: str) -> int:
        """The length of the longest start of *text* that starts a word."""
        found = 0
        while found < len(text) and text[: found + 1] in self._prefixes:
            found += 1
        return found

    def search(self, text: str) -> list[str]:
        """Every word that is a prefix of *text*, shortest first."""
        return self.prefixes(text, 0)

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


def _may_start(screen: bytes | None, text: str, start: int) -> bool:
    if screen is None:
        return True
    code = window_code(text, start)
    return code is None or bool(screen[code >> 3] >> (code & 7) & 1)


def _from_start(prefixes: Finder, text: str) -> Sequence[str]:
    return prefixes(text, 0)


def _is_key(search: Callable[[str], Sequence[str]], text: str) -> bool:
    return text in search(text[:MAX_KEY_LENGTH])
