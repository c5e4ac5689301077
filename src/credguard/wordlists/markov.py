"""A character model of how people write passwords: the blocklist's ``likely`` reading.

The misses of the word lists are words in no list (``renchunjia520!``,
``mischevious1``), keyboard mash and long numbers.  A character n-gram
(Markov) model trained on leaked passwords scores them as likely strings
even so: Markov meters are the established guess estimators for strings
outside any list (Castelluccia et al., NDSS 2012; Ma et al., IEEE S&P 2014).

The model (``markov.bin`` next to this module, built by ``_generate.py``
from the Xato top-1M list and the zxcvbn-ts common passwords, the blocklist's
own training sources; see :mod:`credguard.wordlists._markov_build`) gives a
password a cost in bits, the sum of three parts:

* an order-3 model of the case-folded text, letters and digits as
  themselves, every ASCII symbol or space as one class and every other
  character as another, with a boundary at both ends (interpolated
  Witten-Bell smoothing); the text is read as typed and with the leet
  characters *between two letters* read as letters (``g3tch3n``), the
  cheaper of the two;
* which symbol each symbol is (a unigram over the training passwords);
* the case of each ASCII letter given the case of the letter before it
  (``Password`` pays little, ``pAsSwoRd`` much).

:func:`likely` refuses a password whose cost is below ``bits`` **and** at
least :data:`RANDOM_MARGIN` bits below what a random string of its own
length and character classes costs (:func:`random_bits`).  The second
condition bounds the false refusals of random passwords: the model is a
probability distribution, so a string drawn at random from its classes is
``2**RANDOM_MARGIN`` times likelier under the model than at random with
probability at most ``2**-RANDOM_MARGIN`` (doubled for the two readings):
about 0.2 %, whatever the length or alphabet.  The first condition keeps
passphrases: they are words (far likelier than random letters) but long.

:func:`likeliness` also says when a password that is not likely still
costs at least :data:`NEAR_MARGIN` bits fewer than random (``NEAR``): the
blocklist refuses such a password when its score is exactly its threshold
and it holds no word separator (two weak signals together; by the same
argument at most ``2 * 2**-NEAR_MARGIN`` of the random strings that score
at the threshold are ``NEAR``).

The costs are stored in quarter bits, rounded to the nearest (an error of
at most 1/8 bit a character, either way).  Cost: linear, one table read per character, stopping as
soon as the cost reaches the bound (an ASCII text's codes, symbol and case costs are
made by ``bytes.translate``, in C); the file (59 KB) is read on first use.
"""

from __future__ import annotations

import math
import string
import threading
from collections.abc import Iterable, Iterator
from typing import Final

from .._candidate import leet_views
from .._lazy import once

__all__ = [
    "ALPHABET",
    "BOUNDARY",
    "CASE_STATES",
    "LIKELY",
    "MAGIC",
    "MODEL_FILE",
    "NEAR",
    "NEAR_MARGIN",
    "ORDER",
    "OTHER",
    "OTHER_BITS",
    "RANDOM_MARGIN",
    "SIZE",
    "SYMBOL",
    "UNIT",
    "UNLIKELY",
    "MarkovModel",
    "codes",
    "dressed",
    "likeliness",
    "likely",
    "load_model",
    "random_bits",
]

#: The package data file.
MODEL_FILE: Final = "markov.bin"
#: First bytes of the file (and the format's version).
MAGIC: Final = b"CGM1"
#: Characters of context plus the one predicted.
ORDER: Final = 3
#: The letters and digits the model knows as themselves (codes 0 to 35).
ALPHABET: Final = string.ascii_lowercase + string.digits
#: The code of every other ASCII character (symbols, space, controls).
SYMBOL: Final = len(ALPHABET)
#: The code of every non-ASCII character.
OTHER: Final = SYMBOL + 1
#: Before the first and after the last character.
BOUNDARY: Final = OTHER + 1
#: Codes in all (the model's alphabet, boundary included).
SIZE: Final = BOUNDARY + 1
#: A letter's case depends on the letter before: none, lower, upper.
CASE_STATES: Final = 3
#: Stored costs are in 1/UNIT bits.
UNIT: Final = 4
#: What a non-ASCII character or an ASCII control character costs on top of
#: its class, in bits: as if drawn from 2**16 characters (such passwords are
#: the Japanese list's business, not this model's).
OTHER_BITS: Final = 16
#: How much likelier than random a refused password must be, in bits.
RANDOM_MARGIN: Final = 10
#: How much likelier than random a password one point above the blocklist's
#: threshold must be to be refused, in bits (see :func:`likeliness`): 2 since
#: issue 15's seventh round (was 5; held-out recall +0.12 points on five
#: seeds, no random strong password or passphrase more refused).
NEAR_MARGIN: Final = 2
#: What :func:`likeliness` answers.
UNLIKELY: Final = 0
NEAR: Final = 1
LIKELY: Final = 2
#: How many characters each ASCII class holds, for :func:`random_bits`:
#: lower case, upper case, digits, symbols and space (and controls).
_CLASS_SIZES: Final = {"l": 26, "u": 26, "d": 10, "s": 33}
_CLASS_OF: Final = {
    point: "l" if c.islower() else "u" if c.isupper() else "d" if c.isdigit() else "s"
    for point in range(128)
    for c in (chr(point),)
}
_CODES: Final = {c: i for i, c in enumerate(ALPHABET)}
# The ASCII fast paths translate a text's bytes in C (one call where a loop
# over its characters cost a Python step each: the model is read for every
# password the other readings accept).  Each is tested against the loop it
# replaces (tests/wordlists/test_markov.py).
# The code of each byte of an ASCII text (only the first 128 entries are read).
_ASCII_CODES: Final = bytes(_CODES.get(chr(point), SYMBOL) for point in range(128)) + bytes(128)
# Each ASCII character's class as ``l``, ``u``, ``d`` or ``s``, and log2 of an
# alphabet's size (at most 26 + 26 + 10 + 33 = 95).
_CLASS_BYTES: Final = bytes(ord(_CLASS_OF[point]) for point in range(128)) + bytes(128)
_LOG2: Final = tuple(math.log2(size) if size else 0.0 for size in range(96))
# Each ASCII letter's case (``l`` or ``u``); everything else deleted.
_CASE_BYTES: Final = bytes(ord("u" if chr(p).isupper() else "l") for p in range(128)) + bytes(128)
_NOT_ASCII_LETTERS: Final = bytes(p for p in range(128) if not chr(p).isalpha())
_LOCK: Final = threading.Lock()
_LOADED: dict[str, MarkovModel] = {}


class MarkovModel:
    """The stored model, read-only: get it from :func:`load_model`."""

    __slots__ = ("_symbol_costs", "case", "symbols", "table")

    def __init__(self, data: bytes) -> None:
        size = SIZE**ORDER
        if data[: len(MAGIC)] != MAGIC or len(data) != len(MAGIC) + size + 2 * CASE_STATES + 128:
            raise ValueError(f"{MODEL_FILE} is not a credguard character model")
        body = data[len(MAGIC) :]
        #: Cost of each code after each two codes, in 1/UNIT bits: index ``(a*SIZE + b)*SIZE + c``.
        self.table = body[:size]
        #: Cost of upper case (odd index) and lower case (even) in each case state.
        self.case = body[size : size + 2 * CASE_STATES]
        #: Cost of which symbol each ASCII code is (0 for letters and digits).
        self.symbols = body[size + 2 * CASE_STATES :]
        # The same as a bytes.translate table (ASCII text only: the rest unread).
        self._symbol_costs = self.symbols + bytes(128)

    def __repr__(self) -> str:
        return f"<MarkovModel order={ORDER} bytes={len(self.table)}>"

    def text_cost(self, coded: Iterable[int], limit: int) -> int:
        """The cost of a coded text in 1/UNIT bits, or a value >= *limit* once it reaches it."""
        table, a, b, total = self.table, BOUNDARY, BOUNDARY, 0
        for c in coded:
            total += table[(a * SIZE + b) * SIZE + c]
            if total >= limit:
                return total
            a, b = b, c
        return total + table[(a * SIZE + b) * SIZE + BOUNDARY]

    def extra_cost(self, nfkc: str, folded: str) -> int:
        """Which symbol each symbol is, and the case of the letters, in 1/UNIT bits."""
        if folded.isascii():
            total = sum(folded.encode("ascii").translate(self._symbol_costs))
        else:
            total = 0
            for char in folded:
                point = ord(char)
                total += self.symbols[point] if point < 128 else OTHER_BITS * UNIT
        case = self.case
        if nfkc.isascii():
            # The letters' cases (``l``/``u``) in one string: the cost of each
            # case after each case is a count of pairs.  The pairs ``lu`` and
            # ``ul`` do not overlap themselves, so ``bytes.count`` counts them all.
            cases = nfkc.encode("ascii").translate(_CASE_BYTES, _NOT_ASCII_LETTERS)
            if cases:
                first = cases[0] == ord("u")
                upper = cases.count(b"u")
                lower_upper, upper_lower = cases.count(b"lu"), cases.count(b"ul")
                lower_after = len(cases) - upper - (not first)  # lower case after a letter
                upper_after = upper - first
                total += (
                    case[first]
                    + (lower_after - upper_lower) * case[2]
                    + lower_upper * case[3]
                    + upper_lower * case[4]
                    + (upper_after - lower_upper) * case[5]
                )
            return total
        state = 0
        for char in nfkc:
            if char.isascii() and char.isalpha():
                upper = char.isupper()
                total += case[2 * state + upper]
                state = 2 if upper else 1
        return total


def _open(name: str) -> MarkovModel:
    from importlib import resources

    files = resources.files(__package__ or "credguard.wordlists")
    return MarkovModel(files.joinpath(name).read_bytes())


def load_model() -> MarkovModel:
    """The bundled model (read on first use, then shared)."""
    return once(_LOADED, _LOCK, MODEL_FILE, _open)


def codes(text: str) -> Iterator[int]:
    """The model's code of each character of a case-folded *text*."""
    get = _CODES.get
    for char in text:
        code = get(char)
        yield code if code is not None else SYMBOL if char.isascii() else OTHER


def _coded(text: str) -> bytes:
    """:func:`codes` of *text* as bytes (in C for ASCII text)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_CODES)
    return bytes(codes(text))


def dressed(folded: str, leet: str | None = None) -> str:
    """*folded* with each leet character between two letters read as its letter (``g3tch3n``).

    *leet* is the leet view of *folded* when the caller has it (``Candidate.leet``).
    """
    if leet is None:
        leet = leet_views(folded)[0]
    if leet == folded:
        return folded
    chars = list(folded)
    for at in range(1, len(folded) - 1):
        if leet[at] != folded[at] and folded[at - 1].isalpha() and folded[at + 1].isalpha():
            chars[at] = leet[at]
    return "".join(chars)


def random_bits(nfkc: str) -> float:
    """What a random string of *nfkc*'s length and character classes costs, in bits.

    The classes: ASCII lower case (26), upper case (26), digits (10),
    symbols and space (33), anything else (``2**OTHER_BITS``).
    """
    if nfkc.isascii():
        present = nfkc.encode("ascii").translate(_CLASS_BYTES)
        alphabet = (
            26 * (ord("l") in present)
            + 26 * (ord("u") in present)
            + 10 * (ord("d") in present)
            + 33 * (ord("s") in present)
        )
        return len(nfkc) * _LOG2[alphabet]
    # Each ASCII character becomes its class's letter; anything else stays itself.
    classes = set(nfkc.translate(_CLASS_OF))
    alphabet = sum(_CLASS_SIZES.get(c, 0) for c in classes)
    if not classes <= _CLASS_SIZES.keys():
        alphabet += 2**OTHER_BITS
    return len(nfkc) * math.log2(alphabet) if alphabet else 0.0


def likely(nfkc: str, folded: str, bits: int, leet: str | None = None) -> bool:
    """Whether the model puts the password among the likely strings.

    *nfkc* is the password after NFKC, *folded* that case-folded: refused
    when it costs fewer than *bits* bits and at least :data:`RANDOM_MARGIN`
    bits fewer than a random string of its classes (:func:`random_bits`).
    *leet* is *folded*'s leet view, when the caller has it.
    """
    return likeliness(nfkc, folded, bits, leet) == LIKELY


def likeliness(nfkc: str, folded: str, bits: int, leet: str | None = None) -> int:
    """:data:`LIKELY` when :func:`likely` says so; else :data:`NEAR` when the
    password costs at least :data:`NEAR_MARGIN` bits fewer than a random
    string of its classes; else :data:`UNLIKELY`.

    One pass a reading: each stops once its cost reaches the ``NEAR`` bound.
    """
    randomly = random_bits(nfkc)
    near = randomly - NEAR_MARGIN
    if near <= 0:
        return UNLIKELY
    model = load_model()
    extra = model.extra_cost(nfkc, folded)
    near_limit = math.ceil(near * UNIT) - extra
    if near_limit <= 0:
        return UNLIKELY
    bound = min(float(bits), randomly - RANDOM_MARGIN)
    # A cost under this is LIKELY (none is when the bound is not positive).
    likely_limit = math.ceil(bound * UNIT) - extra if bound > 0 else 0
    cost = model.text_cost(_coded(folded), near_limit)
    if cost < likely_limit:
        return LIKELY
    other = dressed(folded, leet)
    if other != folded:
        cost = min(cost, model.text_cost(_coded(other), near_limit))
        if cost < likely_limit:
            return LIKELY
    return NEAR if cost < near_limit else UNLIKELY
