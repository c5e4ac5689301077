"""Personal-data tokens: what a password must not be derived from.

Two stages, both computed at most once per :class:`~credguard.UserContext`
and cached on it:

1. **Derivation** (:func:`derive_tokens`).  Each personal field is turned
   into the set of strings a person makes from it: a birthdate into
   ``19850723``, ``0723``, ``S600723``, ``showa60`` …; a phone number written
   any way into its digits, last 4, middle 4 …; a name in kana or romaji into
   every common romanization (:mod:`credguard._personal.romaji`).  Tokens are NFKC,
   case-folded, with Latin diacritics removed.  Every field is capped
   (:data:`MAX_TOKENS_PER_FIELD`), and so is every input (the context's own
   caps), so derivation cost is bounded.
2. **Index** (:class:`PersonalIndex`).  The tokens of every field, plus their
   reversed and leet-folded forms, go into one dictionary (for "the password
   *is* this token") and one dictionary by their first two characters (for
   "the password *contains* this token").  Building both takes a fraction
   of a millisecond, which matters on the login path: one context per
   request.  A context reused for many checks then compiles one trie-shaped
   regular expression (:data:`COMPILE_AFTER`), after which a check scans
   the password's views once in C.  Either way the cost is linear in the
   password length, not proportional to the number of tokens.

The index knows nothing of policy settings (which fields, minimum lengths,
equality only): the rule filters the matches, so one index serves every
policy.  No token, value or password ever leaves this module in a message.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from .._candidate import Candidate, leet_views
from .romaji import is_kana, kana_variants, romaji_variants, to_hiragana, to_katakana

if TYPE_CHECKING:
    from .._context import UserContext

if sys.version_info >= (3, 11):
    from re import _compiler as _regex_compiler
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_compile as _regex_compiler

__all__ = [
    "COMPILE_AFTER",
    "HOWS",
    "MATCHES",
    "MAX_TOKENS_PER_FIELD",
    "MIN_CONTAINS_LENGTH",
    "PERSONAL_FIELDS",
    "Match",
    "PersonalData",
    "PersonalIndex",
    "derive_tokens",
    "fold_text",
    "token_weight",
]

#: The personal fields, in the order the rule reports them.
PERSONAL_FIELDS: Final = (
    "username",
    "customer_number",
    "birthdate",
    "phone",
    "email",
    "names",
    "other_words",
    "address_numbers",
    "postal_code",
    "car_number",
)

#: Most tokens kept per field (names with 32 items could otherwise make thousands).
MAX_TOKENS_PER_FIELD: Final = 1024
#: Tokens lighter than this (see :func:`token_weight`) only count when the
#: whole password equals them; it is also the floor of ``min_token_length``.
MIN_CONTAINS_LENGTH: Final = 3
# Longer tokens are only compared for equality: they keep the trie shallow.
_MAX_CONTAINS_LENGTH: Final = 64
# Numbers shorter than this are not looked for in the digits-only view: the
# digits scattered through "aB3$x9k2" are noise, a scattered 8-digit date is not.
_MIN_DIGITS_VIEW_LENGTH: Final = 6
# Variants of one name word used to build joined forms ("yamadataro").
_JOIN_VARIANTS: Final = 8
_MAX_TOKENS_PER_ITEM: Final = 256

_SEPARATORS = re.compile(r"[\s._+\-@/・,、]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_ALNUM_GROUPS = re.compile(r"[0-9a-z]+")


def fold_text(text: str) -> str:
    """NFKC, Latin diacritics removed (``ō`` → ``o``), case-folded.

    Only marks on Latin letters go: ``ガ`` keeps its dakuten.
    """
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        out = []
        for char in text:
            if not char.isascii():
                base = unicodedata.normalize("NFD", char)
                if base[0].isascii() and base[0].isalpha():
                    char = base[0]
            out.append(char)
        text = "".join(out)
    return text.casefold()


def token_weight(token: str) -> int:
    """Length for the minimum-length test: a kana or kanji counts as two."""
    if token.isascii():
        return len(token)
    return sum(1 if c.isascii() else 2 for c in token)


def _clean(tokens: Iterable[str]) -> tuple[str, ...]:
    """Distinct, printable, non-empty tokens in first-seen order, capped."""
    out: dict[str, None] = {}
    for token in tokens:
        token = token.strip()
        if token and token.isprintable():
            out.setdefault(token)
            if len(out) >= MAX_TOKENS_PER_FIELD:
                break
    return tuple(out)


# --- birthdate -------------------------------------------------------------


class _Era(NamedTuple):
    letter: str
    code: str
    kanji: str
    words: tuple[str, ...]
    first: datetime.date  # first day (the changeover day belongs to both eras)
    last: datetime.date | None


_ERAS: Final = (
    _Era(
        "m", "1", "明治", ("meiji", "meizi"), datetime.date(1868, 1, 1), datetime.date(1912, 7, 30)
    ),
    _Era(
        "t",
        "2",
        "大正",
        ("taisho", "taishou", "taisyo", "taisyou", "taishoh"),
        datetime.date(1912, 7, 30),
        datetime.date(1926, 12, 25),
    ),
    _Era(
        "s",
        "3",
        "昭和",
        ("showa", "shouwa", "syowa", "syouwa", "shohwa"),
        datetime.date(1926, 12, 25),
        datetime.date(1989, 1, 7),
    ),
    _Era("h", "4", "平成", ("heisei",), datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    _Era("r", "5", "令和", ("reiwa",), datetime.date(2019, 5, 1), None),
)


def eras_of(day: datetime.date) -> tuple[tuple[str, int], ...]:
    """(era letter, era year) for *day*; two pairs on a changeover day."""
    return tuple(
        (era.letter, day.year - era.first.year + 1)
        for era in _ERAS
        if era.first <= day and (era.last is None or day <= era.last)
    )


def birthdate_tokens(day: datetime.date) -> tuple[str, ...]:
    """Gregorian and Japanese-era spellings of a birthdate."""
    yyyy = f"{day.year:04d}"
    yy, mm, dd = yyyy[2:], f"{day.month:02d}", f"{day.day:02d}"
    m, d = str(day.month), str(day.day)
    tokens = [
        yyyy + mm + dd,
        yyyy + mm,
        yy + mm + dd,
        yyyy + m + d,
        mm + dd,
        dd + mm,
        yy + mm,
        yy + dd,
        mm + dd + yyyy,
        dd + mm + yyyy,
        mm + dd + yy,
        dd + mm + yy,
        yyyy,
        yy + m + d,  # "85.7.23" without its dots
    ]
    letters = {era.letter: era for era in _ERAS}
    for letter, year in eras_of(day):
        era = letters[letter]
        padded = f"{year:02d}"
        for spelled in dict.fromkeys((str(year), padded)):
            tokens.append(letter + spelled)
            tokens.extend(word + spelled for word in era.words)
            tokens.append(era.kanji + spelled)
            tokens.append(letter + spelled + mm + dd)
            tokens.append(spelled + mm + dd)
            tokens.append(letter + spelled + m + d)  # "S60.7.23" without its dots
        if year == 1:
            tokens.append(era.kanji + "元年")
        tokens.extend(
            (
                era.code + padded + mm + dd,  # 7-digit numeric-era form
                padded + mm,  # NCB: 5812
                padded + dd,  # NCB: 5831
            )
        )
    return _clean(tokens)


# --- phone ------------------------------------------------------------------

_MOBILE = re.compile(r"0[2-9]0\d{8}")


def phone_tokens(raw: str) -> tuple[str, ...]:
    """The digits of a Japanese phone number written any common way, and its parts."""
    groups = _ASCII_DIGITS.findall(unicodedata.normalize("NFKC", raw))
    if not groups:
        return ()
    if groups[0] == "010" and len(groups) > 1:  # Japan's international prefix
        groups = groups[1:]
    elif groups[0].startswith("01081"):
        groups[0] = groups[0][3:]
    if groups[0].startswith("81"):  # +81, 81-…: the country code replaces the 0
        rest = groups[0][2:]
        groups = ([rest] if rest else []) + groups[1:]
        if len(groups) > 1 and groups[0] == "0":  # "+81 (0)90 …"
            groups = groups[1:]
        if not groups:
            return ()
        if not groups[0].startswith("0"):
            groups[0] = "0" + groups[0]
    elif not groups[0].startswith("0") and len("".join(groups)) in (9, 10):
        groups[0] = "0" + groups[0]
    national = "".join(groups)
    tokens = [national, national[-8:], national[-4:]]
    if national.startswith("0") and len(national) >= 9:
        tokens += [national[1:], "81" + national[1:]]
    if len(groups) >= 3:
        area, local, middle = groups[0], "".join(groups[1:]), "".join(groups[1:-1])
    elif len(groups) == 2:
        area, local = groups
        middle = local[:-4]
    else:
        if _MOBILE.fullmatch(national):
            cut = 3
        elif national.startswith(("0120", "0570", "0800")):
            cut = 4
        elif national.startswith(("03", "06")):
            cut = 2
        else:
            cut = 3
        area, local = national[:cut], national[cut:]
        middle = local[:-4]
    if area.startswith("0") and len(local) >= 4:
        tokens += [local, middle]
    return _clean(tokens)


# --- text identifiers ---------------------------------------------------------


def _pieces(text: str) -> list[str]:
    return [piece for piece in _SEPARATORS.split(text) if piece]


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text)


def username_tokens(raw: str) -> tuple[str, ...]:
    """The login name, its last 6 characters (松井), its pieces and compact form."""
    text = fold_text(raw)
    compact = _compact(text)
    tokens = [text, compact, *_pieces(text)]
    for form in (text, compact):
        if len(form) > 6:
            tokens.append(form[-6:])
    return _clean(tokens)


def email_tokens(raw: str) -> tuple[str, ...]:
    """The address, its local part (the string before the @) and its pieces."""
    text = fold_text(raw)
    local = text.rpartition("@")[0] or text
    tokens = [text, local, local.partition("+")[0], _compact(local), *_pieces(local)]
    return _clean(tokens)


def customer_number_tokens(raw: str) -> tuple[str, ...]:
    """Branch + account as one number, the account alone, and the code as written."""
    text = fold_text(raw)
    groups = _ALNUM_GROUPS.findall(text)
    tokens = [text, "".join(groups)]
    if len(groups) > 1:
        tokens.append(groups[-1])
    return _clean(tokens)


def address_tokens(raw: str) -> tuple[str, ...]:
    """丁目-番地-号 as ``1-2-3``, ``123``, ``010203`` and ``10203``."""
    groups = [str(int(g)) for g in _ASCII_DIGITS.findall(unicodedata.normalize("NFKC", raw))]
    tokens: list[str] = []
    for count in range(len(groups), 1, -1):
        part = groups[:count]
        padded = [g.zfill(2) for g in part]
        tokens += ["-".join(part), "".join(part), "".join(padded), part[0] + "".join(padded[1:])]
    if len(groups) == 1:
        tokens.append(groups[0])
    return _clean(tokens)


def postal_tokens(raw: str) -> tuple[str, ...]:
    """The 7-digit postal code, plain and as NNN-NNNN."""
    digits = "".join(_ASCII_DIGITS.findall(unicodedata.normalize("NFKC", raw)))
    if len(digits) == 7:
        return _clean((digits, f"{digits[:3]}-{digits[3:]}"))
    return _clean((digits,))


_PLATE_DOTS = re.compile(r"[・･.·•*]")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")


def car_tokens(raw: str) -> tuple[str, ...]:
    """The 4-digit serial of a number plate (``12-34`` → 1234, ``・・12`` → 0012)."""
    text = unicodedata.normalize("NFKC", raw)
    # "品川 300 あ 12-34": the serial follows the hiragana.
    kana = list(_HIRAGANA.finditer(text))
    if kana:
        text = text[kana[-1].end() :]
    digits = "".join(_ASCII_DIGITS.findall(_PLATE_DOTS.sub("0", text)))
    if not digits:
        return ()
    serial = digits[-4:].zfill(4)
    return _clean((serial, str(int(serial))))


# --- names and other words ----------------------------------------------------


def _word_variants(word: str) -> list[str]:
    """Spellings of one word: romaji variants, kana in both scripts, or as written."""
    if is_kana(word):
        romaji = list(kana_variants(word))
        kana = [to_hiragana(word), to_katakana(word)]
        return romaji[:1] + kana + romaji[1:]
    folded = fold_text(word)
    if folded.isascii():
        # romaji_variants reads macrons (ō is a long o) before folding them.
        return list(romaji_variants(word)) or [folded]
    return [folded]


def _initial(word: str) -> str:
    return word[0] if word[:1].isascii() and word[:1].isalpha() else ""


def name_tokens(items: Iterable[str]) -> tuple[str, ...]:
    """Every spelling of each name or word, both orders joined, and initials."""
    tokens: list[str] = []
    # Spellings per word for this call only: a word repeated across items
    # (or within one) is expanded once.
    spellings_of: dict[str, list[str]] = {}
    for item in items:
        raw_words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFKC", item)) if w]
        words = []
        for raw in raw_words:
            word = _fold_name(raw)
            if word not in spellings_of:
                spellings_of[word] = _word_variants(word)
            words.append(spellings_of[word])
        found: list[str] = [variant for spellings in words for variant in spellings]
        for first, second in itertools.pairwise(words):
            if len(found) >= _MAX_TOKENS_PER_ITEM:
                break
            for a_list, b_list in ((first, second), (second, first)):
                head, tail = a_list[:_JOIN_VARIANTS], b_list[:_JOIN_VARIANTS]
                # Joined forms keep one script: "yamadataro", "やまだたろう".
                found += [a + b for a in head for b in tail if a.isascii() == b.isascii()]
                initials = dict.fromkeys(filter(None, map(_initial, head)))
                found += [i + b for i in initials for b in tail if b.isascii()]
                found += [b + i for i in initials for b in tail if b.isascii()]
        tokens += found[:_MAX_TOKENS_PER_ITEM]
    return _clean(tokens)


def _fold_name(word: str) -> str:
    # Macrons matter to the romaji reader (ō is a long o), so fold only case here.
    return unicodedata.normalize("NFC", word).casefold()


# --- all fields -----------------------------------------------------------------


def derive_tokens(context: UserContext) -> Mapping[str, tuple[str, ...]]:
    """Field name -> tokens for every personal field *context* sets."""
    out: dict[str, tuple[str, ...]] = {}
    text_fields = {
        "username": username_tokens,
        "customer_number": customer_number_tokens,
        "phone": phone_tokens,
        "email": email_tokens,
        "postal_code": postal_tokens,
        "car_number": car_tokens,
    }
    for name in PERSONAL_FIELDS:
        value = getattr(context, name)
        if not value:
            continue
        if name == "birthdate":
            tokens = birthdate_tokens(value)
        elif name in ("names", "other_words"):
            tokens = name_tokens(value)
        elif name == "address_numbers":
            tokens = _clean(t for item in value for t in address_tokens(item))
        else:
            tokens = text_fields[name](value)
        if tokens:
            out[name] = tokens
    return MappingProxyType(out)


# --- matching --------------------------------------------------------------------


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


def _forms(token: str) -> list[tuple[str, str]]:
    """(stored form, relation) for a token: itself, reversed, leet-folded.

    A form equal to one before it is left out: it has the same field, weight
    and length, so its entry could never be the first to match.
    """
    forms = [(token, "plain")]
    backwards = token[::-1]
    if backwards != token:
        forms.append((backwards, "reversed"))
    # ASCII letters are the ASCII characters with a case: one C-level test.
    if token.lower() != token.upper() if token.isascii() else any(c.isalpha() for c in token):
        # The password's own leet tables, so a token and a password fold alike.
        seen = {token, backwards}
        for leet in leet_views(Candidate(token).folded):
            if leet not in seen:
                seen.add(leet)
                forms.append((leet, "leet"))
    return forms


def _compile_uncached(pattern: str) -> re.Pattern[str]:
    """Compile *pattern* without entering :mod:`re`'s module-level cache.

    The pattern spells out personal tokens: ``re.compile`` would keep it in
    a process-wide cache after the context is gone.  The compiler module is
    what ``re.compile`` itself calls.
    """
    compiled: re.Pattern[str] = _regex_compiler.compile(pattern, 0)
    return compiled


_Trie = dict[str, "_Trie"]
_END: Final = ""  # trie key marking the end of a word (no token is empty)


def _emit(node: _Trie) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    # Greedy optional: at each start the longest token wins.
    return f"{body}?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of *words*, the longest at each start.

    Shared prefixes are factored out, so matching costs one branch per
    character rather than one comparison per word.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(trie)


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
        for name, field_tokens in tokens.items():
            for token in field_tokens:
                weight = token_weight(token)
                for form, relation in _forms(token):
                    entry = _new_entry((name, weight, relation, form.isdigit(), len(form)))
                    equal.setdefault(form, []).append(entry)
                    if weight >= MIN_CONTAINS_LENGTH and len(form) <= _MAX_CONTAINS_LENGTH:
                        contains.setdefault(form, []).append(entry)
        return cls(
            equal=MappingProxyType({k: tuple(v) for k, v in equal.items()}),
            contains=MappingProxyType({k: tuple(v) for k, v in contains.items()}),
            starts=MappingProxyType(_by_start(contains)),
        )

    def compile(self) -> None:
        """Compile the regular expression now instead of after ``COMPILE_AFTER`` checks."""
        if self._compiled is None and self.contains:
            pattern = _compile_uncached(_trie_pattern(self.contains))
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
        if not remaining or not self.contains:
            return found
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
                return found  # the common case: no generator made
            places = _regex_places(compiled, haystack, hit)
        _take(places, texts, hows, remaining, min_lengths, found)
        return found

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
                and (how != "digits" or entry.length >= _MIN_DIGITS_VIEW_LENGTH)
            ):
                found[name] = _new_match(("contains", _how(how, entry)))
                remaining.discard(name)
        if not remaining:
            return


# Every ASCII byte that is not a letter or digit, for the fast compact view
# (bytes.translate deletes them in C, three times faster than str.translate).
_NOT_ALNUM_ASCII: Final = bytes(c for c in range(128) if not chr(c).isalnum())


# How each view of _views() reads the password, by which views it kept
# (bit 0: compact, 1: digits, 2: leet, 3: leet_alt).
_HOWS: Final = tuple(
    (
        "plain",
        *(
            name
            for bit, name in enumerate(("compact", "digits", "leet", "leet"))
            if mask >> bit & 1
        ),
    )
    for mask in range(16)
)


def _views(candidate: Candidate) -> tuple[list[str], tuple[str, ...]]:
    """The distinct views of a password searched for tokens, and how each reads it."""
    folded = candidate.folded
    if folded.isascii():
        compact = (
            folded
            if folded.isalnum()
            else folded.encode("ascii").translate(None, _NOT_ALNUM_ASCII).decode("ascii")
        )
    else:
        folded = fold_text(folded)
        compact = _compact(folded)
    texts = [folded]
    kept = 0
    if compact != folded:
        texts.append(compact)
        kept = 1
    # Only numbers of _MIN_DIGITS_VIEW_LENGTH digits are looked for there; the
    # class letters (which classes rules share) count the digits first.
    if candidate.class_letters().count(b"D") >= _MIN_DIGITS_VIEW_LENGTH:
        digits = candidate.digits
        if digits != compact:
            texts.append(digits)
            kept |= 2
    leet, leet_alt = candidate.leet, candidate.leet_alt
    if leet != folded:
        texts.append(leet)
        kept |= 4
    if leet_alt != leet:
        texts.append(leet_alt)
        kept |= 8
    return texts, _HOWS[kept]


def _how(view: str, entry: _Entry) -> str:
    if entry.form != "plain":
        return entry.form
    if view == "compact":
        # Separators removed: digits for a number ("1985-07-23"), plain for a
        # word ("t.yamada" is the token "tyamada" written with a dot).
        return "digits" if entry.numeric else "plain"
    return view


@dataclass(slots=True, eq=False, repr=False)
class PersonalData:
    """The per-context cache: derived tokens, and the index built on first use."""

    tokens: Mapping[str, tuple[str, ...]]
    _index: PersonalIndex | None = field(default=None)
    present: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.present = frozenset(self.tokens)

    @property
    def index(self) -> PersonalIndex:
        # Built at most once in practice; two threads racing build equal indexes.
        if self._index is None:
            self._index = PersonalIndex.build(self.tokens)
        return self._index
