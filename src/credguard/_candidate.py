"""``Candidate``: the normalized views of one password, built once per check.

Every rule reads the views it needs from the candidate instead of
normalizing again.  The views are:

``raw``
    the string as given (after the guard accepted it);
``nfkc``
    its NFKC form: full-width letters and digits become ASCII, ``①`` becomes
    ``1``; lengths are counted here;
``folded``
    ``nfkc`` case-folded;
``leet``
    ``folded`` with common substitutions undone (``p@ssw0rd`` → ``password``),
    ``1`` and ``|`` read as ``i``; ``leet_alt`` reads them as ``l``;
``digits``
    the decimal digits of ``nfkc`` in order;
``reversed_folded`` / ``reversed_leet``
    the reverses, for "written backwards" checks;
``class_counts``
    how many characters of each :data:`CHAR_CLASSES` class ``nfkc`` holds.

A candidate's ``repr`` shows only its length: it holds a secret.

Most passwords are ASCII, so they take a fast path that builds the same
views with byte tables (``bytes.translate`` and ``bytes.count`` run in C)
instead of a Python loop per character; ``tests/test_candidate.py`` checks
that both paths agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from ._guard import nfkc as _nfkc

__all__ = ["CHAR_CLASSES", "Candidate", "CharClass", "char_class"]

CharClass = Literal["upper", "lower", "digit", "symbol", "space", "other"]

#: The character classes of a normalized password.  ``other`` is a letter
#: with no case (kana, kanji, hangul …).
CHAR_CLASSES: Final[tuple[CharClass, ...]] = (
    "upper",
    "lower",
    "digit",
    "symbol",
    "space",
    "other",
)

# Substitutions people use to dress up a word.  "1" and "|" are ambiguous
# (i or l): the main view reads them as i, ``leet_alt`` as l.
_LEET: Final = str.maketrans(
    {
        "@": "a",
        "4": "a",
        "^": "a",
        "8": "b",
        "(": "c",
        "<": "c",
        "3": "e",
        "€": "e",
        "6": "g",
        "9": "g",
        "#": "h",
        "1": "i",
        "!": "i",
        "|": "i",
        "0": "o",
        "$": "s",
        "5": "s",
        "7": "t",
        "+": "t",
        "2": "z",
        "%": "x",
    }
)
_LEET_ALT: Final = str.maketrans({"1": "l", "|": "l", "!": "l"})


def char_class(char: str) -> CharClass:
    """Classify one (already normalized) character."""
    if char.isdecimal():
        return "digit"
    if char.isupper():
        return "upper"
    if char.islower():
        return "lower"
    if char.isalpha():
        return "other"
    if char.isspace():
        return "space"
    return "symbol"


def _count_classes(text: str) -> Mapping[CharClass, int]:
    counts = dict.fromkeys(CHAR_CLASSES, 0)
    for char in text:
        counts[char_class(char)] += 1
    return MappingProxyType(counts)


# ---- the ASCII fast path: byte tables derived from the definitions above.


def _ascii_table(mapping: dict[int, str]) -> bytes:
    """A ``bytes.translate`` table applying a ``str.maketrans`` table to ASCII."""
    return bytes(ord(mapping.get(code, chr(code))) if code < 128 else code for code in range(256))


_LEET_ASCII: Final = _ascii_table(_LEET)
# "1" and "|" read as l, then the main table for the rest (as leet_alt's two passes).
_LEET_ALT_ASCII: Final = _ascii_table({**_LEET, **_LEET_ALT})
_NOT_DIGITS: Final = bytes(code for code in range(256) if not chr(code).isdecimal())
# Each ASCII byte becomes a letter naming its class (U, L, D, S, W, O), so
# that counting a class is one bytes.count.
_CLASS_LETTER: Final = dict(zip(CHAR_CLASSES, b"ULDSWO", strict=True))
_ASCII_CLASS: Final = bytes(
    _CLASS_LETTER[char_class(chr(code))] if code < 128 else 0 for code in range(256)
)


def _count_ascii_classes(data: bytes) -> Mapping[CharClass, int]:
    letters = data.translate(_ASCII_CLASS)
    count = letters.count
    return MappingProxyType(
        {
            "upper": count(b"U"),
            "lower": count(b"L"),
            "digit": count(b"D"),
            "symbol": count(b"S"),
            "space": count(b"W"),
            "other": count(b"O"),
        }
    )


# Both return the views in field order: raw, nfkc, folded, leet, leet_alt,
# digits, reversed_folded, reversed_leet, class_counts.
_Views = tuple[str, str, str, str, str, str, str, str, Mapping[CharClass, int]]


def _views(password: str) -> _Views:
    normalized = _nfkc(password)
    folded = normalized.casefold()
    leet = folded.translate(_LEET)
    return (
        password,
        normalized,
        folded,
        leet,
        folded.translate(_LEET_ALT).translate(_LEET),
        "".join(filter(str.isdecimal, normalized)),
        folded[::-1],
        leet[::-1],
        _count_classes(normalized),
    )


def _ascii_views(password: str) -> _Views:
    """:func:`_views` for an ASCII *password*, computed with byte tables."""
    # ASCII is its own NFKC form, and its case folding stays ASCII.
    folded = password.casefold()
    data = folded.encode("ascii")
    leet = data.translate(_LEET_ASCII).decode("ascii")
    return (
        password,
        password,
        folded,
        leet,
        data.translate(_LEET_ALT_ASCII).decode("ascii"),
        data.translate(None, _NOT_DIGITS).decode("ascii"),
        folded[::-1],
        leet[::-1],
        _count_ascii_classes(password.encode("ascii")),
    )


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Candidate:
    """The normalized views of a password; build with :meth:`from_password`."""

    raw: str
    nfkc: str
    folded: str
    leet: str
    leet_alt: str
    digits: str
    reversed_folded: str
    reversed_leet: str
    class_counts: Mapping[CharClass, int] = field(default_factory=dict)

    @classmethod
    def from_password(cls, password: str) -> Candidate:
        """Build every view of *password* (which the guard has accepted)."""
        if password.isascii():
            return cls(*_ascii_views(password))
        return cls(*_views(password))

    @property
    def length(self) -> int:
        """Length in code points of the NFKC form."""
        return len(self.nfkc)

    def classes_present(self) -> frozenset[CharClass]:
        """The classes with at least one character."""
        return frozenset(c for c, n in self.class_counts.items() if n)

    def __repr__(self) -> str:
        return f"<Candidate length={len(self.nfkc)}>"
