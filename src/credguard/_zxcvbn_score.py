"""zxcvbn's search for the most guessable cover of a password, its guesses only.

zxcvbn's ``scoring.most_guessable_match_sequence`` finds, over every way of
cutting the password into matches and brute-force runs, the least of
``l! * (product of the guesses) + 10000**(l - 1)``.  For a password the
bounds do not prove strong (the strength rule's weak passwords) it was
about 45 % of the full estimate: at every end position and for every
earlier start it builds a brute-force match dict, sorts it, and estimates
its guesses again through a table of functions made at each call.

:func:`least_guesses` runs the same search, in the same order, with the
same ``Decimal`` arithmetic (so ties break as zxcvbn's do and the result
is the same number), but keeps per position only what the search reads
back (each sequence length's guesses, product, and whether it ends in a
brute-force run), and takes a brute-force run's guesses from its length.
It returns the guesses only; zxcvbn's unwinding of the best sequence, which
the strength rule never reads, is skipped.  The tests hold it to zxcvbn's
function on every kind of password.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from math import factorial
from operator import itemgetter
from typing import Any

__all__ = ["least_guesses"]

_BY_START = itemgetter("i")


def least_guesses(scoring: Any, password: str, matches: Sequence[dict[str, Any]]) -> Any:
    """``scoring.most_guessable_match_sequence(password, matches)["guesses"]``.

    *scoring* is zxcvbn's ``scoring`` module (its constants and
    ``estimate_guesses``, which caches each match's guesses in it as
    zxcvbn's search does).
    """
    length = len(password)
    if not length:
        return 1
    estimate = scoring.estimate_guesses
    additive = scoring.MIN_GUESSES_BEFORE_GROWING_SEQUENCE
    cardinality = scoring.BRUTEFORCE_CARDINALITY
    single = scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR + 1
    multi = scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR + 1
    # A brute-force run of n characters: zxcvbn's bruteforce_guesses (at
    # least the submatch floor plus one, so a match over the same span wins).
    brute = [
        Decimal(max(cardinality**size, single if size == 1 else multi))
        for size in range(length + 1)
    ]
    by_end: list[list[dict[str, Any]]] = [[] for _ in range(length)]
    for match in matches:
        by_end[match["j"]].append(match)
    # Per end position, per sequence length (in zxcvbn's insertion order):
    # the metric, the product term, and whether the last match is brute force.
    best: list[dict[int, Any]] = [{} for _ in range(length)]
    products: list[dict[int, Any]] = [{} for _ in range(length)]
    brute_last: list[dict[int, bool]] = [{} for _ in range(length)]

    def update(end: int, start: int, guesses: Any, size: int, is_brute: bool) -> None:
        product = guesses * products[start - 1][size - 1] if size > 1 else guesses
        metric = factorial(size) * product + additive ** (size - 1)
        competing = best[end]
        for other, other_metric in competing.items():
            if other <= size and other_metric <= metric:
                return
        competing[size] = metric
        products[end][size] = product
        brute_last[end][size] = is_brute

    for end in range(length):
        found = by_end[end]
        found.sort(key=_BY_START)
        for match in found:
            start = match["i"]
            guesses = estimate(match, password)
            if start > 0:
                # (Writes go to best[end], never to the dict being read.)
                for size in best[start - 1]:
                    update(end, start, guesses, size + 1, False)
            else:
                update(end, 0, guesses, 1, False)
        update(end, 0, brute[end + 1], 1, True)
        for start in range(1, end + 1):
            guesses = brute[end - start + 1]
            for size, last_brute in brute_last[start - 1].items():
                # Two brute-force runs side by side never beat one (zxcvbn skips them).
                if not last_brute:
                    update(end, start, guesses, size + 1, True)
    # zxcvbn's unwinding picks the first length with the least metric.
    final = best[length - 1]
    chosen = min(final, key=final.__getitem__)
    return final[chosen]
