"""A deterministic, seeded corpus of password candidates.

The mix is what a login or password-change path sees, and what auditors run
over leaked or exported lists:

* common passwords, drawn by rank from zxcvbn's bundled frequency list
  (``passwords``, 30,000 entries; a fixed built-in list stands in when zxcvbn
  is not installed);
* their usual mutations: capitalized, digits or a year appended, leet
  substitutions, a symbol appended;
* random strings of 6 to 24 characters across classes (a few with kana or
  full-width letters, which exercise normalization);
* a few very long strings, up to credguard's size cap.

The same ``(size, seed)`` always gives the same list (``random.Random`` with
an integer seed is stable across Python 3 versions); :func:`digest` names
the corpus in reports so two runs can be compared.
"""

from __future__ import annotations

import hashlib
import random
import string
from collections.abc import Sequence
from typing import Final

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_SIZE",
    "LONG_MAX",
    "at_cap",
    "common_passwords",
    "digest",
    "generate",
]

DEFAULT_SIZE: Final = 100_000
DEFAULT_SEED: Final = 20_260_421
#: The longest string generated: credguard's cap (``MAX_PASSWORD_LENGTH``).
LONG_MAX: Final = 1024

# Shares of the corpus, in order; "long" is a handful, not a share.
_COMMON_SHARE: Final = 0.35
_MUTATED_SHARE: Final = 0.30
_LONG_PER_100K: Final = 50

_FALLBACK_COMMON: Final = (
    *("123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111"),
    *("1234567", "dragon", "123123", "baseball", "abc123", "football", "monkey", "letmein"),
    *("shadow", "master", "696969", "mustang", "michael", "superman", "1qaz2wsx", "7777777"),
    *("121212", "000000", "qazwsx", "123qwe", "killer"),
)

_LEET: Final = str.maketrans({"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"})
_SYMBOLS: Final = "!@#$%^&*-_=+.?"
_CLASSES: Final = (
    string.ascii_lowercase,
    string.ascii_uppercase,
    string.digits,
    _SYMBOLS,
)
_NON_ASCII: Final = "さくらやまだたろうサクラＡＢＣａｂｃ１２３"


def common_passwords() -> Sequence[str]:
    """The common-password list, most frequent first."""
    try:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS
    except ImportError:
        return _FALLBACK_COMMON
    words: Sequence[str] = FREQUENCY_LISTS["passwords"]
    return words


def _by_rank(rng: random.Random, words: Sequence[str]) -> str:
    # Frequent passwords are drawn more often: rank ~ n ** u is roughly Zipf-like.
    index = int(len(words) ** rng.random()) - 1
    return words[index]


def _mutate(rng: random.Random, word: str) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return word.capitalize()
    if kind == 1:
        return word + str(rng.randrange(100))
    if kind == 2:
        return word.capitalize() + str(rng.randrange(1950, 2027))
    if kind == 3:
        return word.translate(_LEET)
    if kind == 4:
        return word.capitalize().translate(_LEET) + str(rng.randrange(10))
    return word.capitalize() + str(rng.randrange(1000)) + rng.choice(_SYMBOLS)


def _random_string(rng: random.Random, low: int, high: int) -> str:
    length = rng.randint(low, high)
    # Each string draws from 1 to 4 classes; one in fifty mixes in non-ASCII.
    pool = "".join(rng.sample(_CLASSES, rng.randint(1, 4)))
    if rng.random() < 0.02:
        pool += _NON_ASCII
    return "".join(rng.choice(pool) for _ in range(length))


def _long_string(rng: random.Random) -> str:
    length = rng.randint(LONG_MAX // 4, LONG_MAX)
    shape = rng.randrange(3)
    if shape == 0:  # random over every class
        return "".join(
            rng.choice(string.ascii_letters + string.digits + _SYMBOLS) for _ in range(length)
        )
    if shape == 1:  # a passphrase of common words
        words = common_passwords()
        text = ""
        while len(text) < length:
            text += _by_rank(rng, words) + " "
        return text[:length]
    block = _random_string(rng, 2, 12)  # a block repeated
    return (block * (length // len(block) + 1))[:length]


def at_cap(count: int, seed: int = DEFAULT_SEED, length: int = LONG_MAX) -> list[str]:
    """*count* strings of exactly *length* characters, in the shapes of the long ones."""
    rng = random.Random(seed + 1)
    out = []
    for _ in range(count):
        text = _long_string(rng)
        while len(text) < length:
            text += _long_string(rng)
        out.append(text[:length])
    return out


def generate(size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> list[str]:
    """*size* candidates, always the same for the same *size* and *seed*."""
    if size < 1:
        raise ValueError("size must be at least 1")
    rng = random.Random(seed)
    words = common_passwords()
    n_long = max(1, size * _LONG_PER_100K // 100_000)
    n_common = int(size * _COMMON_SHARE)
    n_mutated = int(size * _MUTATED_SHARE)
    n_random = size - n_long - n_common - n_mutated
    out = [_by_rank(rng, words) for _ in range(n_common)]
    out += [_mutate(rng, _by_rank(rng, words)) for _ in range(n_mutated)]
    out += [_random_string(rng, 6, 24) for _ in range(n_random)]
    out += [_long_string(rng) for _ in range(n_long)]
    # Shuffle so every slice of the corpus has the same mix.
    rng.shuffle(out)
    return out


def digest(corpus: Sequence[str]) -> str:
    """A short SHA-256 of the corpus, to tell corpora apart in reports."""
    sha = hashlib.sha256()
    for item in corpus:
        sha.update(item.encode("utf-8") + b"\n")
    return sha.hexdigest()[:12]
