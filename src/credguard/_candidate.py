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
    how many characters of each :data:`CHAR_CLASSES` class ``nfkc`` holds;
    ``class_letters()`` gives the same as one byte per character
    (``b"ULDSWO"``), for rules that test classes with C-level operations.

A candidate's ``repr`` shows only its length: it holds a secret.

Each view is computed the first time a rule reads it and then kept, so a
check pays only for the views its rules use (composition rules never build
the leet or reversed views).  Most passwords are ASCII, and their views are
built with byte tables (``bytes.translate`` and ``bytes.count`` run in C)
instead of a Python loop per character; ``tests/test_candidate.py`` checks
them against the general definitions in :func:`_views`.
"""

from __future__ import annotations

from collections.abc import Mapping
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
# Only the ASCII non-digits: bytes.translate builds its deletion table per call,
# and a short one is cheaper.
_NOT_DIGITS: Final = bytes(code for code in range(128) if not chr(code).isdecimal())
# Each character becomes a letter naming its class (U, L, D, S, W, O), so
# that counting a class is one bytes.count.
_CLASS_LETTER: Final = dict(zip(CHAR_CLASSES, b"ULDSWO", strict=True))
_ASCII_CLASS: Final = bytes(
    _CLASS_LETTER[char_class(chr(code))] if code < 128 else 0 for code in range(256)
)


def _class_letters(text: str) -> bytes:
    """One class letter per character of (normalized) *text*."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_CLASS)
    return bytes(_CLASS_LETTER[char_class(char)] for char in text)


def _counts_of(letters: bytes) -> Mapping[CharClass, int]:
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


def _ascii_leet(folded: str) -> tuple[str, str]:
    data = folded.encode("ascii")
    return data.translate(_LEET_ASCII).decode("ascii"), data.translate(_LEET_ALT_ASCII).decode(
        "ascii"
    )


def leet_views(folded: str) -> tuple[str, str]:
    """The ``leet`` and ``leet_alt`` views of a case-folded text."""
    if folded.isascii():
        return _ascii_leet(folded)
    return folded.translate(_LEET), folded.translate(_LEET_ALT).translate(_LEET)


def _ascii_digits(text: str) -> str:
    return text.encode("ascii").translate(None, _NOT_DIGITS).decode("ascii")


# Both return every view in the order of the public attributes: raw, nfkc,
# folded, leet, leet_alt, digits, reversed_folded, reversed_leet,
# class_counts.  The general one is the definition; the candidate computes
# ASCII views with the byte-table helpers, and the tests check both agree.
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
    """:func:`_views` for an ASCII *password*, computed as the candidate does."""
    candidate = Candidate.from_password(password)
    return (
        candidate.raw,
        candidate.nfkc,
        candidate.folded,
        candidate.leet,
        candidate.leet_alt,
        candidate.digits,
        candidate.reversed_folded,
        candidate.reversed_leet,
        candidate.class_counts,
    )


class Candidate:
    """The normalized views of a password; build with :meth:`from_password`.

    Views are computed on first access and kept (a check reads only those
    its rules need: the composition rules never pay for the leet or
    reversed views).  The attributes are read-only properties; a race
    between two threads reading the same view computes equal values.
    """

    __slots__ = ("_class_counts", "_digits", "_folded", "_leet", "_letters", "_nfkc", "_raw")

    def __init__(self, password: str, normalized: str | None = None) -> None:
        """Prefer :meth:`from_password`; *password* must have passed the guard.

        *normalized* is its NFKC form when the caller has it (the guard
        computes it), so that it is not computed twice.
        """
        self._raw = password
        # ASCII is its own NFKC form, and its case folding stays ASCII: the
        # views of the common case use byte tables (translate and count run in C).
        if normalized is None:
            normalized = password if password.isascii() else _nfkc(password)
        self._nfkc = normalized
        self._folded: str | None = None
        self._leet: tuple[str, str] | None = None  # leet and leet_alt
        self._digits: str | None = None
        self._letters: bytes | None = None
        self._class_counts: Mapping[CharClass, int] | None = None

    @classmethod
    def from_password(cls, password: str) -> Candidate:
        """The views of *password* (which the guard has accepted)."""
        return cls(password)

    @property
    def raw(self) -> str:
        """The string as given."""
        return self._raw

    @property
    def nfkc(self) -> str:
        """The NFKC form; lengths are counted here."""
        return self._nfkc

    @property
    def length(self) -> int:
        """Length in code points of the NFKC form."""
        return len(self._nfkc)

    @property
    def folded(self) -> str:
        """``nfkc`` case-folded."""
        folded = self._folded
        if folded is None:
            folded = self._folded = self._nfkc.casefold()
        return folded

    @property
    def leet(self) -> str:
        """``folded`` with look-alike substitutions undone, ``1`` and ``|`` read as ``i``."""
        views = self._leet
        if views is None:
            views = self._leet = leet_views(self.folded)
        return views[0]

    @property
    def leet_alt(self) -> str:
        """As :attr:`leet`, with ``1``, ``|`` and ``!`` read as ``l``."""
        views = self._leet
        if views is None:
            views = self._leet = leet_views(self.folded)
        return views[1]

    @property
    def digits(self) -> str:
        """The decimal digits of ``nfkc``, in order."""
        digits = self._digits
        if digits is None:
            nfkc = self._nfkc
            digits = self._digits = (
                _ascii_digits(nfkc) if nfkc.isascii() else "".join(filter(str.isdecimal, nfkc))
            )
        return digits

    # The reversed views are one C-level slice each, and no built-in rule
    # reads them on the hot path: not kept.
    @property
    def reversed_folded(self) -> str:
        """``folded`` reversed."""
        return self.folded[::-1]

    @property
    def reversed_leet(self) -> str:
        """``leet`` reversed."""
        return self.leet[::-1]

    def class_letters(self) -> bytes:
        """One letter per character of ``nfkc`` naming its class: ``b"ULDSWO"``.

        The order of :data:`CHAR_CLASSES`; rules test or count classes on it
        with C-level ``bytes`` operations.
        """
        letters = self._letters
        if letters is None:
            nfkc = self._nfkc
            # The ASCII case inline: a rule asks for this on nearly every check.
            letters = self._letters = (
                nfkc.encode("ascii").translate(_ASCII_CLASS)
                if nfkc.isascii()
                else _class_letters(nfkc)
            )
        return letters

    @property
    def class_counts(self) -> Mapping[CharClass, int]:
        """How many characters of each class ``nfkc`` holds (read-only)."""
        counts = self._class_counts
        if counts is None:
            counts = self._class_counts = _counts_of(self.class_letters())
        return counts

    def classes_present(self) -> frozenset[CharClass]:
        """The classes with at least one character."""
        return frozenset(c for c, n in self.class_counts.items() if n)

    def __repr__(self) -> str:
        return f"<Candidate length={len(self._nfkc)}>"
