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
        normalized = _nfkc(password)
        folded = normalized.casefold()
        leet = folded.translate(_LEET)
        leet_alt = folded.translate(_LEET_ALT).translate(_LEET)
        digits = "".join(filter(str.isdecimal, normalized))
        return cls(
            raw=password,
            nfkc=normalized,
            folded=folded,
            leet=leet,
            leet_alt=leet_alt,
            digits=digits,
            reversed_folded=folded[::-1],
            reversed_leet=leet[::-1],
            class_counts=_count_classes(normalized),
        )

    @property
    def length(self) -> int:
        """Length in code points of the NFKC form."""
        return len(self.nfkc)

    def classes_present(self) -> frozenset[CharClass]:
        """The classes with at least one character."""
        return frozenset(c for c, n in self.class_counts.items() if n)

    def __repr__(self) -> str:
        return f"<Candidate length={len(self.nfkc)}>"
