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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ..wordlists import LIST_NAMES, WordList, load_union, load_wordlist
from ._base import TupleRule, severity_param

__all__ = ["HOW", "MAX_CUSTOM_WORDS", "BlocklistRule"]

#: How a password matched, in the order the rule tries.
HOW: Final = ("exact", "leet", "stripped", "reversed", "near_miss")
#: Most words a policy may ban itself.
MAX_CUSTOM_WORDS: Final = 10_000
_MAX_CUSTOM_WORD_LENGTH: Final = 64


def _custom_words(value: tuple[str, ...]) -> tuple[str, ...]:
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


# The ASCII characters that are not letters (str.isalpha): for ASCII text,
# str.lstrip / rstrip remove them from the ends in C.
_NOT_ALPHA_ASCII: Final = "".join(c for c in map(chr, range(128)) if not c.isalpha())


def _strip_bounds(text: str) -> tuple[int, int] | None:
    """Start and end of *text* without the non-letters at its ends, or None."""
    size = len(text)
    if text.isascii():
        start = size - len(text.lstrip(_NOT_ALPHA_ASCII))
        end = len(text.rstrip(_NOT_ALPHA_ASCII))
    else:
        start, end = 0, size
        while start < end and not text[start].isalpha():
            start += 1
        while end > start and not text[end - 1].isalpha():
            end -= 1
    if start >= end or (start == 0 and end == size):
        return None
    return start, end


def _queries(candidate: Candidate) -> tuple[tuple[str, ...], int, bool]:
    """The texts to look up, most direct first; how many are stripped cores;
    whether ``leet_alt`` is also read backwards.

    In order: the folded view (*how* = ``exact``), the two leet views
    (``leet``), then the cores of the three views (``stripped``).  Both ends
    are stripped, and each end alone too, so that a leading ``@`` can still
    read as ``a``.  A span that keeps a whole view would repeat a query made
    under a more direct *how*, so it is left out.

    ``reversed`` asks whether the folded and leet views and the cores are
    listed written backwards (and ``leet_alt`` too when one end is kept
    whole): :func:`_backwards` picks them out of these texts.
    """
    folded, leet, leet_alt = candidate.folded, candidate.leet, candidate.leet_alt
    bounds = _strip_bounds(folded)
    if bounds is None:
        return (folded, leet, leet_alt), 0, False
    start, end = bounds
    if start == 0:
        return (folded, leet, leet_alt, folded[:end], leet[:end], leet_alt[:end]), 3, True
    if end == len(folded):
        return (folded, leet, leet_alt, folded[start:], leet[start:], leet_alt[start:]), 3, True
    return (
        (
            folded,
            leet,
            leet_alt,
            folded[:end],
            leet[:end],
            leet_alt[:end],
            folded[start:end],
            leet[start:end],
            leet_alt[start:end],
            folded[start:],
            leet[start:],
            leet_alt[start:],
        ),
        9,
        False,
    )


def _backwards(texts: tuple[str, ...], whole_alt: bool) -> tuple[str, ...]:
    """The texts of :func:`_queries` that are also looked up written backwards."""
    backwards = (texts[0], texts[1], *texts[3:])
    return (*backwards, texts[2]) if whole_alt else backwards


def _how(index: int) -> str:
    """How the forward query at *index* of :func:`_queries` reads the password."""
    if index == 0:
        return "exact"
    return "leet" if index < 3 else "stripped"


@dataclass(frozen=True, slots=True, kw_only=True)
class BlocklistRule(TupleRule):
    """Forbid passwords on the common, Japanese or the policy's own word lists."""

    NAME: ClassVar[str] = "blocklist"

    lists: tuple[str, ...] = param(
        LIST_NAMES, doc="the bundled word lists used", choices=LIST_NAMES, stricter="superset"
    )
    words: tuple[str, ...] = param(
        (), doc="the policy's own banned words (1 to 64 characters each)", stricter="superset"
    )
    # A longer minimum leaves more words unmatched inside a password: looser.
    min_word_length: int = param(
        4,
        doc="the shortest listed word found inside a longer password",
        range=(3, 64),
        stricter="lower",
    )
    near_miss: bool = param(
        False, doc="also refuse one edit away from a listed word", stricter=(False, True)
    )
    near_miss_min_length: int = param(
        6,
        doc="the shortest password a near miss is looked for in",
        range=(4, 64),
        stricter="lower",
    )
    severity: Severity = severity_param()
    _custom: WordList = field(init=False, repr=False, compare=False)
    # The lists in the order they are asked, and the sets the screen tests
    # (see violations()): set once, on the first check, from the shared
    # bundled lists (loading them at construction would read them when a
    # policy is merely loaded).
    _loaded: tuple[tuple[WordList, ...], tuple[frozenset[str], ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Violations are immutable, and a blocklist reports one of a few (list,
    # how) pairs: each is built once (most rejected passwords are listed).
    _found: Mapping[tuple[str, str], tuple[Violation]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        validate(self)
        lists = tuple(dict.fromkeys(self.lists))
        object.__setattr__(self, "lists", lists)
        words = _custom_words(self.words)
        object.__setattr__(self, "words", words)
        if not lists and not words:
            raise PolicyError.of("rule.blocklist_empty", key="lists")
        object.__setattr__(self, "_custom", WordList("custom", words))
        found = {
            (name, how): (
                new_violation(f"blocklist.{name}", {"list": name, "how": how}, self.severity),
            )
            for name in ("custom", *LIST_NAMES)
            for how in HOW
        }
        object.__setattr__(self, "_found", MappingProxyType(found))

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks: one family-level sentence, whatever its parameters."""
        yield self.NAME, {}

    def _load(self) -> tuple[tuple[WordList, ...], tuple[frozenset[str], ...]]:
        loaded = self._loaded
        if loaded is None:
            custom = self._custom
            sources = ((custom,) if self.words else ()) + tuple(map(load_wordlist, self.lists))
            screens: tuple[frozenset[str], ...] = load_union(self.lists) if self.lists else ()
            if self.words:
                screens += (custom.words, frozenset(word[::-1] for word in custom.words))
            # Two threads racing store equal tuples.
            loaded = (sources, screens)
            object.__setattr__(self, "_loaded", loaded)
        return loaded

    def match(self, candidate: Candidate) -> tuple[str, str] | None:
        """``(list name, how)`` of the first match, or None."""
        return self._first_match(*_queries(candidate))

    def _first_match(
        self, texts: tuple[str, ...], cores: int, whole_alt: bool
    ) -> tuple[str, str] | None:
        minimum = self.min_word_length
        backwards = _backwards(texts, whole_alt)
        for source in self._load()[0]:
            words = source.words
            # The listed queries in order, filtered in C (most lists hit none).
            for text in filter(words.__contains__, texts):
                if len(text) >= minimum:
                    return source.name, _how(texts.index(text))
            for text in backwards:
                if len(text) >= minimum and text[::-1] in words:
                    return source.name, "reversed"
            if self.near_miss:
                threshold = max(self.near_miss_min_length, minimum)
                for text in dict.fromkeys(texts):
                    if source.near_miss(text, threshold):
                        return source.name, "near_miss"
        return None

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        texts, cores, whole_alt = _queries(candidate)
        # Nearly every password: a C-level set test of all the queries
        # against the bundled lists' words, and their words reversed (the
        # backwards texts are among the forward ones, which only widens the
        # screen), then the custom words the same way.
        if not self.near_miss:
            for words in self._load()[1]:
                if not words.isdisjoint(texts):
                    break
            else:
                return ()
        found = self._first_match(texts, cores, whole_alt)
        return () if found is None else self._found[found]
