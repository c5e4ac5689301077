"""``blocklist.*``: common, Japanese and policy-banned passwords, scored as Entra does.

Microsoft Entra Password Protection's published method, on the bundled
tries (:mod:`credguard.wordlists.tries`) and the policy's own words: the
password is normalized, every listed word it contains is found, and it
scores one point per word found plus one per remaining character; a score
below ``min_score`` (5, as Entra) is refused.  :mod:`credguard.wordlists.scoring`
computes the score; this module reads the candidate's views and reports.

* The views are the case-folded text with Latin diacritics dropped and its
  two leet readings (``P@ssw0rd``; ``1``/``|``/``!`` as ``i`` or ``l``),
  character for character, so a word may be read in any view at each
  position and a dressed-up last letter is still read (``Y0$hid@2024``).
* A password of single characters separated by spaces, dots, hyphens or
  underscores is read without them (``p a s s w o r d 1 2 3``).
* Runs of one character, ascending or descending sequences and keyboard
  walks and repeated blocks count as one token each, and so does a run of
  2 to 8 digits (a year, ``123``, a date), so ``Word2024`` and ``aaaaaaaaaaaaaaa``
  score low; but numbers inside a password with letters of its own never
  refuse (``Ab3456`` is the length and sequence rules' business).
* Second chances, only for a password the main score accepts: its whole
  text written backwards, when the reversed core is a listed word
  (``yeknom``); with ``fuzzy``, letter runs of ``fuzzy_min_length`` or more
  one edit away from a listed word; and a run of kana keys typed with the
  IME off that spells a whole word of the Japanese list or the policy's
  words and holds most of the letters (``xho`` is さくら); with
  ``contacts``, an email address or phone number read as one token
  (:mod:`credguard.wordlists.contacts`); with
  ``likely_bits``, a password the character model of
  :mod:`credguard.wordlists.markov` finds likely (``renchunjia520``), or
  one that scores exactly ``min_score``, holds no word separator and that
  the model puts ``NEAR_MARGIN`` bits under random (``Daniluxka1``); with
  ``long_words``, one that scores exactly ``min_score``, holds no word
  separator and reaches it with listed words of that many letters or more
  (``Returnxy871!``).

The violation names the list (``blocklist.common``, ``blocklist.japanese``,
``blocklist.custom``, or ``blocklist.pattern`` when patterns alone score
low) and ``how`` (``equals``, ``contains``, ``leet``, ``reversed``,
``near_miss``, ``kana_keys``, ``doubled``, ``email``, ``phone``, ``likely``),
never the word.

Cost: linear, a few positions read for most passwords, one C call per view
and list at each (see :mod:`credguard.wordlists.scoring`); a password too
long to score below the threshold is accepted after one ``len``.  Lists
open on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Final

from .._candidate import Candidate, leet_views
from .._context import UserContext
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ..wordlists.contacts import email_tokens, phone_tokens
from ..wordlists.doubled import doubled_tokens, read_once
from ..wordlists.kana_keys import kana_words
from ..wordlists.listsource import MAX_CUSTOM_WORDS, SHORT_LENGTH, Source, WordSource, custom_words
from ..wordlists.markov import LIKELY, NEAR, likeliness
from ..wordlists.near_miss import near_misses
from ..wordlists.normalize import fold_marks, keys
from ..wordlists.patterns import joined
from ..wordlists.scoring import MAX_TOKEN, PATTERN, Cover, score
from ..wordlists.short_words import SHORT_WORDS_MAX, load_short_words
from ..wordlists.tries import TRIE_NAMES, load_trie
from ..wordlists.views import read_joined, read_views, reversed_core_listed
from ._base import TupleRule, gate_param, severity_param

__all__ = [
    "HOW",
    "LIST_NAMES",
    "MAX_CUSTOM_WORDS",
    "Assessment",
    "BlocklistRule",
]

#: The bundled lists, in the order the rule consults them by default.
LIST_NAMES: Final = TRIE_NAMES
#: How a password matched.
HOW: Final = (
    *("equals", "contains", "leet", "reversed", "near_miss", "kana_keys", "doubled"),
    *("email", "phone", "likely"),
)


# A passphrase's word separators: never refused at the threshold (match).
_WORD_SEPARATORS: Final = frozenset(" .-_,/")
#: A password of this many digits or fewer is a PIN (see BlocklistRule.match).
_PIN_DIGITS: Final = 4


@dataclass(frozen=True, slots=True)
class Assessment:
    """A password's blocklist score (:meth:`BlocklistRule.assess`): no token, only counts."""

    #: Entra-style score: one point per listed word or pattern, one per other character.
    score: int
    #: Scores below this are refused.
    min_score: int
    #: Listed words and patterns in the cheapest reading.
    tokens: int
    #: The lists they come from (``"pattern"`` for patterns), in reading order.
    lists: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class BlocklistRule(TupleRule):
    """Refuse passwords made of common, Japanese or policy-banned words (Entra-style score)."""

    NAME: ClassVar[str] = "blocklist"

    lists: tuple[str, ...] = param(
        LIST_NAMES, doc="the bundled word lists used", choices=LIST_NAMES, stricter="superset"
    )
    words: tuple[str, ...] = param(
        (), doc="the policy's own banned words (1 to 64 characters each)", stricter="superset"
    )
    min_score: int = param(
        5,
        doc="the lowest score accepted: a point per listed word or pattern and per other character",
        range=(1, 64),
        stricter="higher",
    )
    # Shorter tokens find more words inside a password: stricter.
    min_token_length: int = param(
        4, doc="the shortest listed word counted as a token", range=(3, 64), stricter="lower"
    )
    short_words: int = param(
        0,
        doc="also count the N most frequent three-letter words and names (common list) as tokens",
        range=(0, SHORT_WORDS_MAX),
        stricter="higher",
    )
    fuzzy: bool = param(
        False,
        doc="also count letter runs one edit away from a listed word",
        stricter=(False, True),
    )
    fuzzy_min_length: int = param(
        5,
        doc="the shortest letter run a near miss is looked for in",
        range=(4, 64),
        stricter="lower",
    )
    kana_keys: bool = param(
        True,
        doc="also read the password as typed on the JIS kana keys with the IME off",
        stricter=(False, True),
    )
    long_words: int | None = param(
        None,
        doc="also refuse a score of exactly min_score made of words this long or longer",
        range=(5, 64),
        stricter="lower",
    )
    contacts: bool = param(
        True,
        doc="also count an email address or a phone number in the password as one token",
        stricter=(False, True),
    )
    likely_bits: int | None = param(
        None,
        doc="also refuse what the character model puts under this many bits (None: off)",
        range=(16, 160),
        stricter="higher",  # a higher bound refuses more
    )
    # Deprecated names (0.1 presets): mapped onto the parameters above.
    min_word_length: int | None = param(
        None, doc="deprecated: use min_token_length", range=(3, 64), stricter="lower"
    )
    near_miss: bool | None = param(None, doc="deprecated: use fuzzy", stricter=(False, True))
    near_miss_min_length: int | None = param(
        None, doc="deprecated: use fuzzy_min_length", range=(4, 64), stricter="lower"
    )
    # Read by Policy.check (its GATE): the verdict is the same either way.
    only_if_otherwise_accepted: bool = gate_param("score")
    severity: Severity = severity_param()
    _custom: WordSource = field(init=False, repr=False, compare=False)
    # The sources in the order they are asked: set on the first check (opening
    # the tries when a policy is merely loaded would cost its load time).
    _loaded: tuple[Source, ...] | None = field(default=None, init=False, repr=False, compare=False)
    # Violations are immutable, and a blocklist reports one of a few (list,
    # how) pairs: each is built once.
    _found: Mapping[tuple[str, str], tuple[Violation]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        validate(self)
        if self.min_word_length is not None:
            object.__setattr__(self, "min_token_length", self.min_word_length)
        if self.near_miss is not None:
            object.__setattr__(self, "fuzzy", self.near_miss)
        if self.near_miss_min_length is not None:
            object.__setattr__(self, "fuzzy_min_length", self.near_miss_min_length)
        lists = tuple(dict.fromkeys(self.lists))
        object.__setattr__(self, "lists", lists)
        words = custom_words(self.words)
        object.__setattr__(self, "words", words)
        if not lists and not words:
            raise PolicyError.of("rule.blocklist_empty", key="lists")
        # Stored the way the tries store entries, plus the folded word itself.
        forms = {form for word in words for form in (*keys(word), fold_marks(word))}
        object.__setattr__(self, "_custom", WordSource(sorted(forms)))
        found = {
            (name, how): (
                new_violation(f"blocklist.{name}", {"list": name, "how": how}, self.severity),
            )
            for name in ("custom", "pattern", *LIST_NAMES)
            for how in HOW
        }
        object.__setattr__(self, "_found", MappingProxyType(found))

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks: one family-level sentence, whatever its parameters."""
        yield self.NAME, {}

    def _sources(self) -> tuple[Source, ...]:
        loaded = self._loaded
        if loaded is None:
            custom = self._custom
            own = (
                (
                    Source(
                        "custom",
                        custom.prefixes,
                        custom.screen,
                        custom.__contains__,
                        custom.depth,
                        custom.search,
                    ),
                )
                if self.words
                else ()
            )
            tries = tuple(
                Source(
                    name,
                    trie.prefixes,
                    trie.screen,
                    trie.has,
                    trie.depth,
                    trie.search,
                    self._short_words() if name == "common" else frozenset(),
                )
                for name in self.lists
                for trie in (load_trie(name),)
            )
            # Two threads racing store equal tuples.
            loaded = own + tries
            object.__setattr__(self, "_loaded", loaded)
        return loaded

    def _short_words(self) -> frozenset[str]:
        """The short words counted (none when every three-letter key already counts)."""
        if self.min_token_length <= SHORT_LENGTH:
            return frozenset()
        return frozenset(load_short_words()[: self.short_words])

    @property
    def _whole_first(self) -> bool:
        # Whether to look for the whole text in the lists before searching:
        # 47 % of run.py's corpus is a listed word as it stands, 21 % of what
        # a gated rule sees (the other rules accepted it), where the lookups
        # cost more than they save (recommended 36.4 -> 35.4 us a check).
        return not self.only_if_otherwise_accepted

    def _refused(self, cover: Cover) -> bool:
        return cover.score < self.min_score and cover.listed

    @staticmethod
    def _report(
        cover: Cover, sources: tuple[Source, ...], how: str | None = None
    ) -> tuple[str, str]:
        listed = [index for index in cover.sources if index >= 0]
        name = sources[min(listed)].name if listed else "pattern"
        if how is None:
            how = "leet" if cover.leet else "equals" if cover.whole else "contains"
        return name, how

    def _sources_for(self, text: str) -> tuple[Source, ...]:
        """The sources that judge *text* (its folded view)."""
        sources = self._sources()
        if len(text) <= _PIN_DIGITS and text.isdigit():
            # 97 % of all 4-digit numbers are in the common list: it says
            # nothing about a PIN, which is judged by patterns, the Japanese
            # list (語呂合わせ) and the policy's own words.
            return tuple(source for source in sources if source.name != "common")
        return sources

    def _read(self, candidate: Candidate) -> tuple[str, ...]:
        """The views the rule scores: the password's, or its words joined (``read_joined``)."""
        views = read_views(candidate)
        together = joined(views[0])
        if together is None:
            return views
        read = read_joined(views[0], together, self._sources_for(together), self.min_token_length)
        return views if read is None else read

    def assess(self, candidate: Candidate, margin: int = 2) -> Assessment:
        """How close *candidate* comes to being refused: its score, capped at
        ``min_score + margin - 1`` (a higher score is reported as that cap).

        For ``credguard check --explain``: a password scoring just above
        ``min_score`` is one listed word or a character away from refusal.
        Only counts and list names are returned, never a token.
        """
        views = self._read(candidate)
        limit = self.min_score - 1 + margin
        if len(views[0]) > MAX_TOKEN * limit:
            return Assessment(limit + 1, self.min_score, 0, ())
        sources = self._sources_for(views[0])
        cover = score(views, sources, self.min_token_length, limit, whole_first=self._whole_first)
        used = [index for index in cover.sources if index >= 0 or index == PATTERN]
        names = tuple(dict.fromkeys(sources[i].name if i >= 0 else "pattern" for i in used))
        return Assessment(cover.score, self.min_score, len(used), names)

    def match(self, candidate: Candidate) -> tuple[str, str] | None:
        """``(list name, how)`` when the password is refused, else None."""
        views = self._read(candidate)
        # No token is longer than MAX_TOKEN: a longer text cannot score low.
        limit = self.min_score - 1
        if len(views[0]) > MAX_TOKEN * limit:
            return None
        sources, minimum = self._sources_for(views[0]), self.min_token_length
        # The readings at the threshold need to know a score of exactly
        # min_score: one search one unit deeper serves them all.
        deeper = self._reads_threshold and _WORD_SEPARATORS.isdisjoint(candidate.folded)
        cover = score(views, sources, minimum, limit + deeper, whole_first=self._whole_first)
        if self._refused(cover):
            return self._report(cover, sources)
        at_threshold = deeper and cover.score == self.min_score and cover.listed
        # Second chances, for the few passwords they may concern.
        if self.contacts:
            found = self._contacts(views, sources, limit)
            if found is not None:
                return found
        if reversed_core_listed(views, sources, minimum):
            backwards = tuple(view[::-1] for view in views)
            cover = score(backwards, sources, minimum, limit)
            if self._refused(cover):
                return self._report(cover, sources, "reversed")
        # As typed (the folded view of an ASCII password, character for character).
        once = read_once(views[0], candidate.nfkc if views[0] is candidate.folded else None)
        if once is not None:
            text, at, pairs = once
            read = (text, *leet_views(text))
            for index, source in enumerate(sources):
                extra = doubled_tokens(read, at, pairs, source, minimum)
                if extra:
                    cover = score(views, sources, minimum, limit, extra, index)
                    if self._refused(cover):
                        return source.name, "doubled"
        if self.fuzzy:
            shortest = max(self.fuzzy_min_length, minimum)
            for index, source in enumerate(sources):
                extra = near_misses(views, (source,), shortest)
                if extra:
                    cover = score(views, sources, minimum, limit, extra, index)
                    if self._refused(cover):
                        # Named after the list the near miss is near.
                        return source.name, "near_miss"
        found = self._kana_keys(views, sources, limit) if self.kana_keys else None
        if found is not None:
            return found
        # The model is of the common list's sources: named after it.
        bits = self.likely_bits if "common" in self.lists else None
        if bits is not None:
            seen = likeliness(candidate.nfkc, candidate.folded, bits, candidate.leet)
            if seen == LIKELY or (seen == NEAR and at_threshold):
                # NEAR: at the threshold and likelier than random, two weak signals.
                return "common", "likely"
        if self.long_words is not None and at_threshold:
            # At the threshold with long words only: a random string meets
            # four-letter keys by chance, rarely longer ones (docs/blocklists.md).
            longest = max(minimum, self.long_words)
            cover = score(views, sources, longest, self.min_score, whole_first=False)
            if cover.score == self.min_score and cover.listed:
                return self._report(cover, sources)
        return None

    @property
    def _reads_threshold(self) -> bool:
        """Whether a reading looks at passwords scoring exactly min_score (match)."""
        return self.long_words is not None or (
            self.likely_bits is not None and "common" in self.lists
        )

    def _contacts(
        self, views: tuple[str, ...], sources: tuple[Source, ...], limit: int
    ) -> tuple[str, str] | None:
        """An email address or phone number read as one token (contacts)."""
        text = views[0]
        for how, readings in (
            ("email", email_tokens(text, views[1])),
            ("phone", phone_tokens(text)),
        ):
            for extra in readings:
                cover = score(views, sources, self.min_token_length, limit, extra, PATTERN)
                if self._refused(cover):
                    # The contact detail decides, whatever lists the rest is from.
                    return "pattern", how
        return None

    def _kana_keys(
        self, views: tuple[str, ...], sources: tuple[Source, ...], limit: int
    ) -> tuple[str, str] | None:
        """The password read as typed on the kana keys: a run spelling a whole listed word."""
        words = kana_words(views[0])
        if not words:
            return None  # most passwords: no run to spell, no list asked
        # Only the curated Japanese list and the policy's words: the
        # common list's million keys would read meaning into random keys.
        kana_sources = [
            (index, source)
            for index, source in enumerate(sources)
            if source.name in ("custom", "japanese")
        ]
        for start, length, romaji in words:
            for index, source in kana_sources:
                # The key test alone: the screen before it (``in``) is a bit
                # computed in Python, dearer than the C call it would spare.
                contains = source.contains
                if contains(romaji) if contains is not None else romaji in source:
                    cover = score(
                        views, sources, self.min_token_length, limit, {start: length}, index
                    )
                    if self._refused(cover):
                        # Named after the list that holds the word typed.
                        return source.name, "kana_keys"
        return None

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        found = self.match(candidate)
        return () if found is None else self._found[found]
