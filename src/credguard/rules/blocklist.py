"""``blocklist.*``: common, Japanese and policy-banned passwords.

The rule reads the candidate's NFKC + case-folded views (it never
renormalizes) and blocks a password that, for some list,

``exact``
    equals a listed word;
``leet``
    equals one once look-alike substitutions are undone (``P@ssw0rd``), with
    ``1``/``|``/``!`` read as ``i`` or as ``l``;
``stripped``
    equals one once the digits and symbols at its ends are removed
    (``Password1!``, ``Sakura2024!``, ``Tanaka1985``, ``@dmin1``);
``reversed``
    does so written backwards;
``near_miss``
    (when enabled) is one edit away from a listed word of at least
    ``near_miss_min_length`` characters, as Microsoft Entra's fuzzy matching
    does.

The leet views are character-for-character translations of the folded
view, so the stripped bounds found on one apply to the others by slicing.
Lists are consulted in order — the policy's own ``words`` first (reported as
``custom``), then ``lists`` — and the first list that matches is reported,
with ``how`` it matched.  The matched word is never reported.

Cost: a handful of set lookups of strings no longer than the password, plus
(near miss) about ``3 × len`` lookups per query for queries no longer than
the longest word plus one.  Bundled lists load on first use, not at import.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._errors import PolicyError
from .._violation import Severity, Violation
from ..wordlists import LIST_NAMES, WordList, load_wordlist
from ._base import check_choice, check_int, check_severity

__all__ = ["HOW", "MAX_CUSTOM_WORDS", "BlocklistRule"]

#: How a password matched, in the order the rule tries.
HOW: Final = ("exact", "leet", "stripped", "reversed", "near_miss")
#: Most words a policy may ban itself.
MAX_CUSTOM_WORDS: Final = 10_000
_MAX_CUSTOM_WORD_LENGTH: Final = 64


def _custom_words(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise PolicyError("must be a list of strings", key="words")
    if len(value) > MAX_CUSTOM_WORDS:
        raise PolicyError(f"must hold at most {MAX_CUSTOM_WORDS} words", key="words")
    words: list[str] = []
    for index, word in enumerate(value):
        if not isinstance(word, str):
            raise PolicyError(f"must be a string, not {type(word).__name__}", key=f"words[{index}]")
        # Policy data is normalized the way the candidate's folded view is.
        folded = unicodedata.normalize("NFKC", word.strip()).casefold()
        if not folded or len(folded) > _MAX_CUSTOM_WORD_LENGTH or not folded.isprintable():
            raise PolicyError(
                f"must be 1 to {_MAX_CUSTOM_WORD_LENGTH} printable characters",
                key=f"words[{index}]",
            )
        words.append(folded)
    return tuple(dict.fromkeys(words))


def _strip_bounds(text: str) -> tuple[int, int] | None:
    """Start and end of *text* without the non-letters at its ends, or None."""
    start = 0
    end = len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    if start == end or (start, end) == (0, len(text)):
        return None
    return start, end


def _queries(candidate: Candidate) -> Iterator[tuple[str, str]]:
    """(how, text) pairs to look up, most direct first."""
    folded = candidate.folded
    views = (folded, candidate.leet, candidate.leet_alt)
    yield "exact", folded
    yield "leet", candidate.leet
    yield "leet", candidate.leet_alt
    bounds = _strip_bounds(folded)
    # Strip each end alone too, so a leading "@" can still read as "a".
    spans = () if bounds is None else {(bounds[0], len(folded)), (0, bounds[1]), bounds}
    cores = [view[s:e] for s, e in sorted(spans) for view in views]
    for core in cores:
        yield "stripped", core
    yield "reversed", candidate.reversed_folded
    yield "reversed", candidate.reversed_leet
    for core in cores:
        yield "reversed", core[::-1]


@dataclass(frozen=True, slots=True, kw_only=True)
class BlocklistRule:
    """Forbid passwords on the common, Japanese or the policy's own word lists."""

    NAME: ClassVar[str] = "blocklist"

    lists: tuple[str, ...] = LIST_NAMES
    words: tuple[str, ...] = ()
    min_word_length: int = 4
    near_miss: bool = False
    near_miss_min_length: int = 6
    severity: Severity = "error"
    _custom: WordList = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lists = (self.lists,) if isinstance(self.lists, str) else tuple(self.lists)
        for name in lists:
            check_choice("lists", name, LIST_NAMES)
        object.__setattr__(self, "lists", tuple(dict.fromkeys(lists)))
        words = _custom_words(self.words)
        object.__setattr__(self, "words", words)
        if not lists and not words:
            raise PolicyError("name at least one list or give words", key="lists")
        check_int("min_word_length", self.min_word_length, minimum=3, maximum=64)
        if not isinstance(self.near_miss, bool):
            raise PolicyError("must be true or false", key="near_miss")
        check_int("near_miss_min_length", self.near_miss_min_length, minimum=4, maximum=64)
        check_severity(self.severity)
        object.__setattr__(self, "_custom", WordList("custom", words))

    def _sources(self) -> Iterator[WordList]:
        if self.words:
            yield self._custom
        for name in self.lists:
            yield load_wordlist(name)

    def match(self, candidate: Candidate) -> tuple[str, str] | None:
        """``(list name, how)`` of the first match, or None."""
        queries = [(how, text) for how, text in _queries(candidate)]
        minimum = self.min_word_length
        for source in self._sources():
            for how, text in queries:
                if len(text) >= minimum and text in source:
                    return source.name, how
            if self.near_miss:
                threshold = max(self.near_miss_min_length, minimum)
                seen: set[str] = set()
                for how, text in queries:
                    if how != "reversed" and text not in seen:
                        seen.add(text)
                        if source.near_miss(text, threshold):
                            return source.name, "near_miss"
        return None

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        found = self.match(candidate)
        if found is not None:
            name, how = found
            yield Violation(f"blocklist.{name}", {"list": name, "how": how}, self.severity)
