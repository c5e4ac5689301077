"""The matching index: finds a context's personal tokens in a password.

The tokens of every field (:mod:`credguard._personal.tokens`), plus their
reversed and leet-folded forms, go into one dictionary (for "the password
*is* this token") and one dictionary by their first two characters (for
"the password *contains* this token").  Building both takes a fraction of a
millisecond, which matters on the login path: one context per request.  A
context reused for many checks then compiles one trie-shaped regular
expression (:data:`COMPILE_AFTER`), after which a check scans the
password's views once in C.  Either way the cost is linear in the password
length, not proportional to the number of tokens.

The index knows nothing of policy settings (which fields, minimum lengths,
equality only): the rule filters the matches, so one index serves every
policy.  :class:`PersonalData` is what a context caches: its tokens, and the
index built on first use.  No token, value or password ever leaves this
module in a message.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, NamedTuple

from .._candidate import Candidate
from .forms import (
    MAX_CONTAINS_LENGTH,
    MIN_CONTAINS_LENGTH,
    MIN_DIGITS_VIEW_LENGTH,
    SEGMENT_FIELDS,
    password_views,
    token_forms,
    token_weight,
)
from .segments import MAX_SEGMENT, segments_with
from .trie import compile_uncached, trie_pattern

__all__ = [
    "COMPILE_AFTER",
    "HOWS",
    "MATCHES",
    "MIN_CONTAINS_LENGTH",
    "Match",
    "PersonalIndex",
    "token_weight",
]


class _Entry(NamedTuple):
    field: str
    weight: int
    form: str  # "plain", "reversed" or "leet": how the stored form relates to the token
    numeric: bool  # the stored form is all digits
    length: int  # of the stored form


# _Entry((...)) without the Python-level __new__ of a NamedTuple: an index
# makes hundreds of entries.
_new_entry: Final = functools.partial(tuple.__new__, _Entry)


#: A match is equality with a token or containment of one.
MATCHES: Final = ("equals", "contains")
#: How the password reads the token: as written, backwards, leet-folded, or
#: in the digits of the password (or of a number written with separators).
HOWS: Final = ("plain", "reversed", "leet", "digits")


class Match(NamedTuple):
    """How one field matched: ``match`` is contains/equals, ``how`` plain/reversed/leet/digits."""

    match: str
    how: str


# The NamedTuples' constructors without their Python-level __new__.
_new_match: Final = functools.partial(tuple.__new__, Match)


#: Checks an index serves with its dictionary before it compiles its
#: regular expression.  For the account of ``benchmarks/tools.py`` the
#: compile costs about 2.4 ms and saves about 3 µs a check (5.5 -> 2.4 µs),
#: so it pays for itself after some 800 checks; compiling after about that
#: many never costs more than twice the better choice made in hindsight (a
#: context made for one login check never compiles; one reused for a batch
#: compiles once).
COMPILE_AFTER: Final = 512


def _by_start(forms: Iterable[str]) -> dict[tuple[str, str], tuple[str, ...]]:
    """First two characters -> the forms starting with them, shortest first.

    Every form has at least two characters: it weighs at least
    ``MIN_CONTAINS_LENGTH`` (3) and a character weighs at most 2.
    """
    out: dict[tuple[str, str], list[str]] = {}
    for form in sorted(forms, key=len):
        out.setdefault((form[0], form[1]), []).append(form)
    return {key: tuple(value) for key, value in out.items()}


def _with_prefixes(contains: Mapping[str, tuple[_Entry, ...]]) -> dict[str, tuple[_Entry, ...]]:
    """Each form -> its entries and those of the forms it starts with, shortest first."""
    lengths = sorted({len(k) for k in contains})
    return {
        form: tuple(
            entry
            for size in lengths
            if size <= len(form) and form[:size] in contains
            for entry in contains[form[:size]]
        )
        for form in contains
    }


_Places = Iterator[tuple[int, tuple[_Entry, ...]]]
# The name the tests know the views by.
_views: Final = password_views


@dataclass(slots=True, eq=False, repr=False)
class PersonalIndex:
    """Every token form of a context, for equality and containment tests.

    Containment ("a form starts at this place of the password") is found in
    one of two ways with the same results, in the same order.  A new index
    looks at each place of the password for the forms that start with its
    two characters (a dictionary built in a fraction of a millisecond, the places found in
    C).  After :data:`COMPILE_AFTER` checks it compiles one trie-shaped
    regular expression (about 2 ms) that finds the longest form at each
    place in C, about twice as fast.  Only the check count and the compiled
    expression ever change; two threads racing build equal expressions.
    """

    equal: Mapping[str, tuple[_Entry, ...]]
    contains: Mapping[str, tuple[_Entry, ...]]  # the entries of each form
    starts: Mapping[tuple[str, str], tuple[str, ...]]
    # Tokens as written weighing 2 or 3: they count as a segment of the password.
    segment: Mapping[str, tuple[_Entry, ...]] = field(default_factory=dict)
    _equal_forms: frozenset[str] = field(init=False)  # the keys of equal, as a set
    _uses: int = 0
    # The compiled expression and, per form, the entries it stands for.
    _compiled: tuple[re.Pattern[str], Mapping[str, tuple[_Entry, ...]]] | None = None

    def __post_init__(self) -> None:
        self._equal_forms = frozenset(self.equal)

    @classmethod
    def build(cls, tokens: Mapping[str, tuple[str, ...]]) -> PersonalIndex:
        equal: dict[str, list[_Entry]] = {}
        contains: dict[str, list[_Entry]] = {}
        segment: dict[str, list[_Entry]] = {}
        for name, field_tokens in tokens.items():
            for token in field_tokens:
                weight = token_weight(token)
                for form, relation in token_forms(token):
                    entry = _new_entry((name, weight, relation, form.isdigit(), len(form)))
                    equal.setdefault(form, []).append(entry)
                    # The form's own weight too: a folded or leet form can be
                    # shorter than its token ("ọ̀" folds to one letter), and a
                    # form of one character would be found in every password.
                    if (
                        weight >= MIN_CONTAINS_LENGTH
                        and len(form) <= MAX_CONTAINS_LENGTH
                        and token_weight(form) >= MIN_CONTAINS_LENGTH
                    ):
                        contains.setdefault(form, []).append(entry)
                    if (
                        relation == "plain"
                        and 2 <= weight <= MAX_SEGMENT
                        and name in SEGMENT_FIELDS
                    ):
                        segment.setdefault(form, []).append(entry)
        return cls(
            equal=MappingProxyType({k: tuple(v) for k, v in equal.items()}),
            contains=MappingProxyType({k: tuple(v) for k, v in contains.items()}),
            starts=MappingProxyType(_by_start(contains)),
            segment=MappingProxyType({k: tuple(v) for k, v in segment.items()}),
        )

    def compile(self) -> None:
        """Compile the regular expression now instead of after ``COMPILE_AFTER`` checks."""
        if self._compiled is None and self.contains:
            pattern = compile_uncached(trie_pattern(self.contains))
            self._compiled = (pattern, MappingProxyType(_with_prefixes(self.contains)))

    def matches(
        self,
        candidate: Candidate,
        wanted: AbstractSet[str],
        equals_only: frozenset[str],
        min_lengths: Mapping[str, int],
    ) -> dict[str, Match]:
        """The first match of each field in *wanted*: equality first, then containment."""
        found: dict[str, Match] = {}
        texts, hows = _views(candidate)
        equal = self.equal
        remaining: AbstractSet[str] = wanted
        # Most passwords equal no form: one C-level set test before the loop.
        if not self._equal_forms.isdisjoint(texts):
            remaining = set(wanted)
            for text, how in zip(texts, hows, strict=True):
                # The digits of "ab1985" are not the whole password: no equality there.
                if how != "digits" and text in equal:
                    for entry in equal[text]:
                        if entry.field in remaining:
                            found[entry.field] = Match("equals", _how(how, entry))
                            remaining.discard(entry.field)
        if equals_only:
            remaining = remaining - equals_only
        if not remaining:
            return found
        if self.contains:
            self._contained(texts, hows, remaining, min_lengths, found)
        if self.segment and len(found) < len(wanted):
            _take_segments(self.segment, candidate, texts[0], remaining, found)
        return found

    def _contained(
        self,
        texts: list[str],
        hows: tuple[str, ...],
        remaining: AbstractSet[str],
        min_lengths: Mapping[str, int],
        found: dict[str, Match],
    ) -> None:
        # One string holding every view, NUL between them: no token holds a
        # NUL (tokens are printable), so no match spans two views.
        haystack = "\x00".join(texts)
        compiled = self._compiled
        if compiled is None:
            self._uses += 1
            if self._uses > COMPILE_AFTER:
                self.compile()
                compiled = self._compiled
        if compiled is None:
            places = self._scan(haystack)
        else:
            hit = compiled[0].search(haystack)
            if hit is None:
                return  # the common case: no generator made
            places = _regex_places(compiled, haystack, hit)
        _take(places, texts, hows, remaining, min_lengths, found)

    def _scan(self, haystack: str) -> _Places:
        """The places of :func:`_regex_places`, found with the dictionary."""
        starts, contains = self.starts, self.contains
        # The places whose two characters start some form, found in C.
        places = itertools.compress(
            itertools.count(), map(starts.__contains__, itertools.pairwise(haystack))
        )
        for place in places:
            entries = tuple(
                entry
                for form in starts[haystack[place], haystack[place + 1]]
                if haystack.startswith(form, place)
                for entry in contains[form]
            )
            if entries:
                yield place, entries


def _regex_places(
    compiled: tuple[re.Pattern[str], Mapping[str, tuple[_Entry, ...]]],
    haystack: str,
    hit: re.Match[str] | None,
) -> _Places:
    """(place, entries of every form starting there) for each place with one, in order."""
    search, entries_of = compiled[0].search, compiled[1]
    while hit is not None:
        start = hit.start()
        yield start, entries_of[hit.group()]
        hit = search(haystack, start + 1)


def _take(
    places: _Places,
    texts: list[str],
    hows: tuple[str, ...],
    wanted: AbstractSet[str],
    min_lengths: Mapping[str, int],
    found: dict[str, Match],
) -> None:
    """Record the first contained match of each wanted field, place by place."""
    remaining = set(wanted)  # a copy to discard from
    # Places come in order: follow which view they fall in (a password may
    # hold NULs too, so the view is told by the views' lengths).
    view, view_end = 0, len(texts[0])
    for start, entries in places:
        while start > view_end:
            view += 1
            view_end += len(texts[view]) + 1
        how = hows[view]
        for entry in entries:
            name = entry.field
            if (
                name in remaining
                and entry.weight >= min_lengths[name]
                and (how != "digits" or entry.length >= MIN_DIGITS_VIEW_LENGTH)
            ):
                found[name] = _new_match(("contains", _how(how, entry)))
                remaining.discard(name)
        if not remaining:
            return


def _take_segments(
    segment: Mapping[str, tuple[_Entry, ...]],
    candidate: Candidate,
    folded: str,
    wanted: AbstractSet[str],
    found: dict[str, Match],
) -> None:
    """Record fields whose token of 2 or 3 characters is a segment of the password.

    A 2-character token counts only as a whole run that is not two digits
    (``_H5!``), or as the letters taken together (:func:`segments_with`).
    """
    for text, short_counts in segments_with(candidate, folded, segment):
        entries = segment.get(text)
        if entries is None:
            continue
        for entry in entries:
            name = entry.field
            if name in wanted and name not in found and (entry.weight > 2 or short_counts):
                found[name] = _new_match(("contains", "plain"))


def _how(view: str, entry: _Entry) -> str:
    if entry.form != "plain":
        return entry.form
    if view == "compact":
        # Separators removed: digits for a number ("1985-07-23"), plain for a
        # word ("t.yamada" is the token "tyamada" written with a dot).
        return "digits" if entry.numeric else "plain"
    return view
