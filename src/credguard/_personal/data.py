"""The per-context cache of personal data: tokens, screens and the matching index.

A :class:`~credguard.UserContext` keeps one :class:`PersonalData` in a private
slot, made on the first check that needs it and holding nothing but the
field values until then.  Each field's tokens (:mod:`.tokens`) are derived
the first time a rule asks for that field.  A new context answers its
first checks with each wanted field's :class:`~.screen.FieldScreen` (a few
C-level tests, no index); the full index (:mod:`.index`) is built when a
screen says "maybe" (the password may hold personal data: the index says
exactly what matched) or once the context has served
:data:`SCREEN_CHECKS` checks, after which the index is the cheaper way.
Either way the findings are the index's.

Every cache here is filled by an idempotent compute-and-assign: two threads
racing derive equal values, and a dictionary item or attribute assignment
is atomic, so no lock is needed and every check sees complete values.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import Final, cast

from .._candidate import Candidate, leet_views
from .dates import birthdate_keys
from .forms import MIN_CONTAINS_LENGTH, password_views
from .index import Match, PersonalIndex
from .screen import FieldScreen, NumberKeys, Views, number_keys
from .segments import MAX_SEGMENT, letters_of
from .starts import spelling_heads, spelling_starts
from .tokens import (
    NICKNAME_SUFFIXES,
    PERSONAL_FIELDS,
    PersonalFields,
    field_tokens,
    name_tokens,
    nickname_tokens,
    start_words,
)

__all__ = ["SCREEN_CHECKS", "SCREEN_MAX_LENGTH", "PersonalData", "RuleSettings"]

#: What a rule asks of :meth:`PersonalData.matches`: the fields only an equal
#: password counts for, and each field's shortest token worth finding inside one.
RuleSettings = tuple[frozenset[str], Mapping[str, int]]

#: Checks a context answers with its screens before it builds the index.
#: For the account of ``benchmarks/tools.py`` the screens cost about 10 µs a
#: check more than the index and the index about 0.5 ms to build, so it pays
#: after some 50 checks; building it after about that many never costs more
#: than twice the better choice made in hindsight.
SCREEN_CHECKS: Final = 48
#: Longest password (in code points) the screens are asked about: they cost
#: about (tokens x length), the index about its build plus the length, and
#: for a full account at 1,024 characters the index is 10 % cheaper (at 512
#: the screens still are: 1.1 ms against 1.3 ms for the rule on a new context).
SCREEN_MAX_LENGTH: Final = 512
# The fields made of words (name_tokens).
_WORD_FIELDS: Final = frozenset({"names", "other_words"})
# The fields whose every token is made of the value's ASCII digits (an
# address's and a postal code's also of hyphens between them), read with
# [0-9]+ (tokens.phone_tokens, postal_tokens, car_tokens, address_tokens).
_DIGIT_FIELDS: Final = frozenset({"phone", "postal_code", "car_number", "address_numbers"})
# Those whose tokens of fewer than seven digits are digits alone (a postal
# code's hyphenated form holds seven).
_NUMBER_FIELDS: Final = frozenset({"phone", "postal_code", "car_number"})
# The most hyphens a token of a number field holds: a postal code's NNN-NNNN
# weighs one more than its seven digits (phone and plate tokens are digits).
_HYPHENS: Final = {"postal_code": 1}
# The key of the names field's nickname screen.
_NICKNAMES: Final = "names:nicknames"


def _too_few_digits(name: str, views: Views, min_weight: int) -> bool:
    """Whether an ASCII password has too few digits to hold field *name* (in _DIGIT_FIELDS).

    Told without the field's tokens, from how they are made.  A token of
    digits and hyphens is found (in any view, reversed or not, contained or
    equal) only where the password's digits hold its digits, and each token
    holds one: a password without digits holds none.  A token of digits
    alone is contained only if it is at least the rule's shortest, and
    equals a view only if the password has no letters (the folded, compact
    and leet views keep them; the index asks no equality of the digits
    view): with letters and fewer digits than the shortest, none of a phone
    number's or number plate's is found, nor a postal code's with fewer
    than one digit less (its ``NNN-NNNN`` form weighs eight).
    """
    count = views.digit_count
    if not count:
        return True
    return (
        name in _NUMBER_FIELDS
        and views.letters > 0
        and count + _HYPHENS.get(name, 0) < max(min_weight, MIN_CONTAINS_LENGTH)
    )


class PersonalData:
    """A context's personal values, and what is derived from them on first use."""

    __slots__ = (
        "_all",
        "_every",
        "_field_indexes",
        "_heads",
        "_index",
        "_numbers",
        "_screens",
        "_start_words",
        "_tokens",
        "_uses",
        "_word_starts",
        "present",
        "values",
    )

    def __init__(self, context: PersonalFields) -> None:
        #: Field name -> value, for the personal fields *context* sets.
        self.values: Mapping[str, object] = {
            name: value for name in PERSONAL_FIELDS if (value := getattr(context, name))
        }
        #: The personal fields set (a field may still derive no token).
        self.present = frozenset(self.values)
        self._tokens: dict[str, tuple[str, ...]] = {}
        self._screens: dict[str, FieldScreen] = {}
        self._numbers: dict[tuple[str, int], NumberKeys | None] = {}
        self._field_indexes: dict[str, PersonalIndex] = {}
        # Within this context only: a word's spelling heads and starts, and
        # each word field's words (start_words).
        self._start_words: dict[str, tuple[str, ...] | None] = {}
        self._heads: dict[str, frozenset[str] | None] = {}
        self._word_starts: dict[str, frozenset[str] | None] = {}
        self._all: Mapping[str, tuple[str, ...]] | None = None
        self._every: tuple[str, ...] | None = None
        self._index: PersonalIndex | None = None
        self._uses = 0

    def tokens_of(self, name: str) -> tuple[str, ...]:
        """The tokens of field *name* (``()`` when it is not set), derived once."""
        tokens = self._tokens.get(name)
        if tokens is None:
            value = self.values.get(name)
            tokens = field_tokens(name, value) if value else ()
            self._tokens[name] = tokens
        return tokens

    @property
    def tokens(self) -> Mapping[str, tuple[str, ...]]:
        """Field name -> tokens, for every set field that derives any (all derived)."""
        tokens = self._all
        if tokens is None:
            tokens = self._all = MappingProxyType(
                {name: found for name in self.values if (found := self.tokens_of(name))}
            )
        return tokens

    @property
    def every_token(self) -> tuple[str, ...]:
        """Every field's tokens in one tuple, each once, in field order (made once)."""
        every = self._every
        if every is None:
            tokens = self.tokens.values()
            every = self._every = tuple(dict.fromkeys(t for field in tokens for t in field))
        return every

    @property
    def index(self) -> PersonalIndex:
        """The full matching index over every field, built once."""
        index = self._index
        if index is None:
            index = self._index = PersonalIndex.build(self.tokens)
        return index

    def _field_index(self, name: str) -> PersonalIndex:
        """The index of field *name* alone (all its tokens), for a screen's "maybe"."""
        index = self._field_indexes.get(name)
        if index is None:
            tokens = self.tokens_of(name)
            index = self._field_indexes[name] = PersonalIndex.build(
                {name: tokens} if tokens else {}
            )
        return index

    def _screen(self, name: str) -> FieldScreen:
        screen = self._screens.get(name)
        if screen is None:
            if name == "names":
                # Without the nicknames (most of a name's tokens, and a third
                # of its cost): see _maybe.
                tokens = name_tokens(cast("tuple[str, ...]", self.values[name]))
            elif name == _NICKNAMES:
                tokens = nickname_tokens(cast("tuple[str, ...]", self.values["names"]))
            else:
                tokens = self.tokens_of(name)
            screen = self._screens[name] = FieldScreen.build(name, tokens)
        return screen

    def _number_keys(self, name: str, min_weight: int) -> NumberKeys | None:
        """What an ASCII password must hold to hold field *name* (:func:`~.screen.number_keys`).

        None: only the field's screen tells.
        """
        key = (name, min_weight)
        if key not in self._numbers:
            if name == "birthdate":
                # From the date itself, before any of its forms is made.
                numbers, lettered = birthdate_keys(cast("datetime.date", self.values[name]))
                # Each lettered key as written and its leet images, all in one
                # translate (a NUL joins them and survives it).
                joined = "\x00".join(lettered)
                words = "\x00".join((joined, *leet_views(joined))).split("\x00")
                self._numbers[key] = (
                    tuple(dict.fromkeys(numbers)),
                    tuple(dict.fromkeys(words)),
                    frozenset(),
                )
            else:
                shortest = max(min_weight, MIN_CONTAINS_LENGTH)
                self._numbers[key] = number_keys(self.tokens_of(name), shortest)
        return self._numbers[key]

    def _words(self, name: str) -> tuple[str, ...] | None:
        if name not in self._start_words:
            items = cast("tuple[str, ...]", self.values[name])
            self._start_words[name] = start_words(items)
        return self._start_words[name]

    def _no_spelling(self, name: str, views: Views) -> tuple[bool, bool]:
        """(no head, no spelling) of field *name*'s words in the ASCII password of *views*.

        Every ASCII token holds a whole spelling of one word, which opens
        with one of the word's two-letter heads and one of its three-letter
        starts (:mod:`.starts`): a word whose heads or starts are all absent
        has no spelling there.  The heads are a table lookup a word; a
        word's starts (reading its units) are made only when a head of it
        shows.  A segment of an ASCII password is a substring of it, but
        for its letters taken together (a token of 3 letters is its own
        start), looked at when there are that few.
        """
        words = self._words(name)
        if words is None:
            return False, False
        plain = views.plain
        letters = letters_of(views.candidate) if views.letters <= MAX_SEGMENT else ""

        def holds(strings: frozenset[str]) -> bool:
            return any(map(plain.__contains__, strings)) or (
                bool(letters) and any(map(letters.__contains__, strings))
            )

        no_head = True
        for word in words:
            if word not in self._heads:
                self._heads[word] = spelling_heads(word)
            heads = self._heads[word]
            if heads is not None and not holds(heads):
                continue
            no_head = False
            if word not in self._word_starts:
                self._word_starts[word] = spelling_starts(word)
            starts = self._word_starts[word]
            if starts is None or holds(starts):
                return False, False
        return no_head, True

    def _maybe(self, name: str, views: Views, equals_only: bool, min_weight: int) -> bool:
        """Whether the index might find field *name* in the password of *views*."""
        # A name's tokens are costly to make (every romaji spelling): first
        # ask whether the password holds the start of any (word_starts).  A
        # segment of an ASCII password is a substring of it, but for its
        # letters taken together (a token of 3 letters is its own start); a
        # non-ASCII password's segments are folded apart: the screen decides.
        if views.ascii and name in _DIGIT_FIELDS and _too_few_digits(name, views, min_weight):
            return False
        if views.ascii and name not in _WORD_FIELDS:
            # A field of numbers alone (a phone number, a customer number, a
            # postal code) is told by the password's digits alone, and a
            # birthdate by a few numbers (and their leet images) from the date.
            # On a "maybe" the field's screen asks again, more sharply (the
            # keys do not weigh lengths, separators or how a token matched).
            keys = self._number_keys(name, min_weight)
            if (
                keys is not None
                and not any(map(views.numbers.__contains__, keys[0]))
                and not any(map(views.plain.__contains__, keys[1]))
                and (not keys[2] or keys[2].isdisjoint(views.whole))
            ):
                return False
        no_head = skip = False
        if name in _WORD_FIELDS and views.ascii:
            no_head, skip = self._no_spelling(name, views)
        if not skip and self._screen(name).maybe(views, equals_only, min_weight):
            return True
        # Every form of a nickname holds its suffix (reversed, in a reversed
        # view) and, opening with a spelling of the word's first syllable,
        # one of the words' heads: a password holding none holds no nickname.
        return (
            name == "names"
            and not no_head
            and any(map(views.plain.__contains__, NICKNAME_SUFFIXES))
            and self._screen(_NICKNAMES).maybe(views, equals_only, min_weight)
        )

    def matches(
        self, candidate: Candidate, wanted: AbstractSet[str], *, rule: RuleSettings
    ) -> dict[str, Match]:
        """What :meth:`PersonalIndex.matches` finds, without the index while the screens say no.

        *rule* is the asking rule's ``(equals_only, min_lengths)``.
        """
        equals_only, min_lengths = rule
        index = self._index
        if index is None:
            # A racing thread may count one check less: it only moves the
            # moment the index is built.
            self._uses += 1
            if self._uses <= SCREEN_CHECKS and len(candidate.nfkc) <= SCREEN_MAX_LENGTH:
                views = Views(candidate, *password_views(candidate))
                maybe = self._maybe
                hits = [
                    name
                    for name in wanted
                    if maybe(name, views, name in equals_only, min_lengths[name])
                ]
                if not hits:
                    return {}
                # Each field is found on its own (the index's order of places
                # and forms, restricted to one field's forms, is that field's,
                # and segments are cut whatever the other fields' tokens).
                found: dict[str, Match] = {}
                for name in hits:
                    found.update(
                        self._field_index(name).matches(candidate, {name}, equals_only, min_lengths)
                    )
                return found
            index = self.index
        return index.matches(candidate, wanted, equals_only, min_lengths)
