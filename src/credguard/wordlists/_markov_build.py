"""Train the character model of :mod:`credguard.wordlists.markov` (``markov.bin``).

Called by ``_generate.py`` on the Xato top-1M list and the zxcvbn-ts common
passwords (the blocklist's training sources; never a held-out list).  Each
password counts once (the lists give ranks, not frequencies), read as
:func:`~credguard.wordlists.markov.likely` reads a password: case-folded, as
typed and, when it differs, with its leet characters between letters read as
letters.

Smoothing: interpolated Witten-Bell, each order's estimate mixed with the
next lower one in proportion to the number of distinct characters seen
after the context, down to a uniform distribution over the codes.  Every
cost is rounded to the nearest quarter bit (capped at 255 quarter bits;
the costliest in the shipped model is 51 bits).
Pure Python and deterministic: the same passwords give the same bytes.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable

from .markov import (
    BOUNDARY,
    CASE_STATES,
    MAGIC,
    OTHER_BITS,
    SIZE,
    UNIT,
    codes,
    dressed,
)
from .normalize import fold

__all__ = ["train"]

_CAP = 255
_SYMBOLS = string.punctuation + " "


def _cost(probability: float) -> int:
    return min(_CAP, round(-math.log2(probability) * UNIT))


def _texts(password: str) -> Iterable[str]:
    folded = fold(password)
    yield folded
    other = dressed(folded)
    if other != folded:
        yield other


def train(passwords: Iterable[str]) -> bytes:
    """The model file for *passwords* (original case; see the module docstring)."""
    tri = [0] * SIZE**3
    symbols = dict.fromkeys(_SYMBOLS, 0)
    case = [0] * (2 * CASE_STATES)
    for password in passwords:
        for text in _texts(password):
            a = b = BOUNDARY
            for c in (*codes(text), BOUNDARY):
                tri[(a * SIZE + b) * SIZE + c] += 1
                a, b = b, c
        for char in fold(password):
            if char in symbols:
                symbols[char] += 1
        state = 0
        for char in password:
            if char.isascii() and char.isalpha():
                upper = char.isupper()
                case[2 * state + upper] += 1
                state = 2 if upper else 1
    return MAGIC + _table(tri) + _case(case) + _symbol_costs(symbols)


def _table(tri: list[int]) -> bytes:
    """Interpolated Witten-Bell estimates of the trigram counts *tri*, as costs."""
    bi = [0] * SIZE**2
    for index, count in enumerate(tri):
        bi[index % SIZE**2] += count
    uni = [sum(bi[b * SIZE + c] for b in range(SIZE)) for c in range(SIZE)]

    def mix(counts: list[int], lower: list[float]) -> list[float]:
        total, seen = sum(counts), sum(1 for n in counts if n)
        if not total:
            return lower
        return [(n + seen * p) / (total + seen) for n, p in zip(counts, lower, strict=True)]

    p0 = mix(uni, [1 / SIZE] * SIZE)
    p1 = [mix(bi[b * SIZE : (b + 1) * SIZE], p0) for b in range(SIZE)]
    out = bytearray()
    for a in range(SIZE):
        for b in range(SIZE):
            start = (a * SIZE + b) * SIZE
            out += bytes(map(_cost, mix(tri[start : start + SIZE], p1[b])))
    return bytes(out)


def _case(case: list[int]) -> bytes:
    """Costs of lower and upper case in each state (add-one smoothed)."""
    out = bytearray()
    for state in range(CASE_STATES):
        lower, upper = case[2 * state], case[2 * state + 1]
        out += bytes(_cost((n + 1) / (lower + upper + 2)) for n in (lower, upper))
    return bytes(out)


def _symbol_costs(symbols: dict[str, int]) -> bytes:
    """Cost of each ASCII code as a symbol: letters and digits 0, controls OTHER_BITS."""
    total = sum(symbols.values()) + len(symbols)
    out = bytearray()
    for point in range(128):
        char = chr(point)
        if char.isalnum():
            out.append(0)
        elif char in symbols:
            out.append(_cost((symbols[char] + 1) / total))
        else:
            out.append(OTHER_BITS * UNIT)
    return bytes(out)
