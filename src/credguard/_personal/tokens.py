"""Personal-data tokens: the strings a password must not be derived from.

Each personal field is turned into the set of strings a person makes from
it: a birthdate into ``19850723``, ``0723``, ``S600723``, ``showa60`` …; a
phone number written any way into its digits, last 4, middle 4 …; a name in
kana or romaji into every common romanization (:mod:`credguard._personal.romaji`).
Tokens are NFKC, case-folded, with Latin diacritics removed.  Every field is
capped (:data:`MAX_TOKENS_PER_FIELD`), and so is every input (the context's
own caps), so derivation cost is bounded.

:func:`derive_tokens` reads the fields from anything shaped like a
:class:`~credguard.UserContext` (:class:`PersonalFields`), so this module
needs nothing from the context: the context calls it once and caches the
result (:class:`credguard._personal.data.PersonalData`).  No token or value
ever leaves this module in a message.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol, cast

from .dates import birthdate_forms, eras_of
from .romaji import (
    is_kana,
    kana_variants,
    nickname_stems,
    romaji_variants,
    to_hiragana,
    to_katakana,
)

__all__ = [
    "MAX_TOKENS_PER_FIELD",
    "NICKNAME_SUFFIXES",
    "PERSONAL_FIELDS",
    "PersonalFields",
    "birthdate_tokens",
    "compact_text",
    "derive_tokens",
    "eras_of",
    "field_tokens",
    "fold_text",
    "name_tokens",
    "nickname_tokens",
    "start_words",
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


def _clean(tokens: Iterable[str]) -> tuple[str, ...]:
    """Distinct, printable, non-empty tokens in first-seen order, capped."""
    # Stripped, non-empty, printable, in first-seen order: each step a
    # C-level pass (a name makes a few hundred tokens, on every new context).
    kept = dict.fromkeys(filter(str.isprintable, filter(None, map(str.strip, tokens))))
    if len(kept) > MAX_TOKENS_PER_FIELD:
        return tuple(itertools.islice(kept, MAX_TOKENS_PER_FIELD))
    return tuple(kept)


# --- birthdate -------------------------------------------------------------


def birthdate_tokens(day: datetime.date) -> tuple[str, ...]:
    """Gregorian and Japanese-era spellings of a birthdate (:mod:`.dates`)."""
    return _clean(birthdate_forms(day))


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


def compact_text(text: str) -> str:
    """*text* without separators or punctuation: ``t.yamada`` -> ``tyamada``."""
    return _NOT_ALNUM.sub("", text)


def username_tokens(raw: str) -> tuple[str, ...]:
    """The login name, its last 6 characters (松井), its pieces and compact form."""
    text = fold_text(raw)
    compact = compact_text(text)
    tokens = [text, compact, *_pieces(text)]
    for form in (text, compact):
        if len(form) > 6:
            tokens.append(form[-6:])
    return _clean(tokens)


def email_tokens(raw: str) -> tuple[str, ...]:
    """The address, its local part (the string before the @) and its pieces."""
    text = fold_text(raw)
    local = text.rpartition("@")[0] or text
    tokens = [text, local, local.partition("+")[0], compact_text(local), *_pieces(local)]
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


#: Endings of Japanese nicknames: ``yamachan``, ``renkun``, ``sakutan`` …
NICKNAME_SUFFIXES: Final = (
    "chan", "kun", "tan", "rin", "pon", "san", "sama", "tin", "cchi", "chin", "yan", "pi",
)  # fmt: skip
# Shorter nicknames ("achan" is 5) would match random passwords too often.
_MIN_NICKNAME: Final = 5
_MAX_NICKNAMES_PER_WORD: Final = 128


def _nicknames(word: str, spellings: list[str]) -> list[str]:
    """``yamachan``, ``taakun``, ``sakurachan``: a stem or the name, plus a suffix."""
    stems = [*nickname_stems(word), *(s for s in spellings[:2] if s.isascii())]
    found = [
        stem + suffix
        for stem in dict.fromkeys(stems)
        for suffix in NICKNAME_SUFFIXES
        if len(stem) + len(suffix) >= _MIN_NICKNAME
    ]
    return found[:_MAX_NICKNAMES_PER_WORD]


def _initial(word: str) -> str:
    return word[0] if word[:1].isascii() and word[:1].isalpha() else ""


def name_tokens(items: Iterable[str], *, nicknames: bool = False) -> tuple[str, ...]:
    """Every spelling of each name or word, both orders joined, and initials.

    With *nicknames*, also the nicknames made from each word (after every
    other token, so the cap drops them first).
    """
    tokens, nicks = _name_parts(items, nicknames=nicknames)
    return _clean(tokens + nicks)


def nickname_tokens(items: Iterable[str]) -> tuple[str, ...]:
    """The nicknames among ``name_tokens(items, nicknames=True)`` (and perhaps a few more).

    Each ends in one of :data:`NICKNAME_SUFFIXES`: a password holding none of
    them (nor one reversed) holds no nickname, so a screen can leave these
    out until it sees one.
    """
    return _clean(_name_parts(items, nicknames=True)[1])


def start_words(items: Iterable[str]) -> tuple[str, ...] | None:
    """The words of *items* whose spellings :func:`word_starts` reads, folded, or None.

    A word in another script (山田) has no ASCII spelling and is left out.
    None when a word folds to ASCII from another script or holds other
    characters ("Yūki", "r2d2": spelled or leet-folded in ASCII), so that
    only the tokens tell.
    """
    out: list[str] = []
    for item in items:
        for raw in _SEPARATORS.split(unicodedata.normalize("NFKC", item)):
            if not raw:
                continue
            word = _fold_name(raw)
            if (word.isascii() and word.isalpha()) or is_kana(word):
                out.append(word)
            elif fold_text(word).isascii():
                return None
    return tuple(out)


def _name_parts(items: Iterable[str], *, nicknames: bool) -> tuple[list[str], list[str]]:
    """The tokens of :func:`name_tokens` before cleaning: spellings and joins, and nicknames."""
    tokens: list[str] = []
    nicks: list[str] = []
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
            if nicknames:
                nicks += _nicknames(word, spellings_of[word])
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
    return tokens, nicks


def _fold_name(word: str) -> str:
    # Macrons matter to the romaji reader (ō is a long o), so fold only case here.
    return unicodedata.normalize("NFC", word).casefold()


class PersonalFields(Protocol):
    """What :func:`derive_tokens` reads: the personal fields of a context.

    A :class:`~credguard.UserContext` has validated them by then: blank texts
    are ``None`` and the birthdate is a date.  Typed here, rather than the
    context imported, so that the context depends on this package and not
    the other way round.
    """

    @property
    def username(self) -> str | None: ...
    @property
    def customer_number(self) -> str | None: ...
    @property
    def birthdate(self) -> datetime.date | str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def other_words(self) -> tuple[str, ...]: ...
    @property
    def address_numbers(self) -> tuple[str, ...]: ...
    @property
    def postal_code(self) -> str | None: ...
    @property
    def car_number(self) -> str | None: ...


# --- all fields -----------------------------------------------------------------


def field_tokens(name: str, value: object) -> tuple[str, ...]:
    """The tokens of one personal field *name* set to *value* (validated by the context)."""
    if name == "birthdate":
        return birthdate_tokens(cast("datetime.date", value))
    if name in ("names", "other_words"):
        return name_tokens(cast("tuple[str, ...]", value), nicknames=name == "names")
    if name == "address_numbers":
        items = cast("tuple[str, ...]", value)
        return _clean(t for item in items for t in address_tokens(item))
    return _TEXT_FIELDS[name](cast("str", value))


_TEXT_FIELDS: Final = {
    "username": username_tokens,
    "customer_number": customer_number_tokens,
    "phone": phone_tokens,
    "email": email_tokens,
    "postal_code": postal_tokens,
    "car_number": car_tokens,
}


def derive_tokens(context: PersonalFields) -> Mapping[str, tuple[str, ...]]:
    """Field name -> tokens for every personal field *context* sets."""
    out: dict[str, tuple[str, ...]] = {}
    for name in PERSONAL_FIELDS:
        value = getattr(context, name)
        if value and (tokens := field_tokens(name, value)):
            out[name] = tokens
    return MappingProxyType(out)
