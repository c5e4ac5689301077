"""A lower bound on zxcvbn's estimate from the password's ends, without zxcvbn.

:func:`credguard._zxcvbn.surely_reaches` proves "the estimate is at least
this floor" from the matches at the password's two ends.  Done exactly, it
needs zxcvbn's matchers and scorer, and importing zxcvbn costs about 17 ms
of CPU (its frequency lists, read and turned into dicts at import): most of
what the first strength check of a short-lived process paid.

:func:`reaches` makes the same proof with *lower bounds* instead: every span
at an edge that some matcher of zxcvbn could report (a superset of what it
reports), each with at most the guesses zxcvbn would give it.  Bounding
from below can only make the proof harder, never wrong: when it succeeds,
the exact one does too; when it does not, the caller runs the exact proof.
It uses the shipped data of :mod:`credguard._zxcvbn_index` (the merged
dictionaries, the keyboard adjacency, the l33t table and a few of zxcvbn's
constants), so a strong password gets its answer without zxcvbn loaded,
and it is the cheaper proof even once zxcvbn is loaded: the words at the
ends come from the edge trie (every word forwards and backwards), four
``prefixes`` calls, and the l33t readings are one walk from each end.

What each matcher can report at an edge, and its fewest guesses:

* dictionary, reversed or not, and l33t (each l33t character read as
  itself or as any letter it may stand for; looked for last, and to the
  end only from the starts where it could still change the answer): a
  listed word's best rank (doubled when reversed); upper case and l33t
  only multiply it;
* spatial: every span of three or more keys, each next to the one before
  on zxcvbn's keyboards: ``(length - 1) * starting positions * degree``,
  the first term of zxcvbn's sum, for the smallest keyboard;
* sequence: a run of one code point step (at most 5; 1 for two
  characters): ``4 * length``;
* the recent year: four characters matching it: ``MIN_YEAR_SPACE``;
* date: four to eight digits, or six to ten characters that zxcvbn's
  separator pattern reads as a date (``1.1.91``): ``365 * MIN_YEAR_SPACE``;
* repeat: a span that is some shorter string said twice or more: 2
  (``repeat_count`` at least 2, the base at least one guess);

and every match shorter than the password at least zxcvbn's submatch
floor (10 for one character, 50 for more).  A password whose lower-case
form does not line up with it (a character lower-cased to two, a final
sigma) is left to the exact proof, and so are control characters (marisa
reads a key up to a NUL; the edge trie's mark is one) and a l33t search
that would take more than :data:`L33T_BUDGET` steps.  Where a matcher
reads digits (``\\d``, any script's), the bounds read ``str.isdigit``,
which takes in every such digit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from operator import mul
from typing import Any, Final

from ._zxcvbn_index import REVERSED_MARK, Shipped
from ._zxcvbn_inputs import UserWords

__all__ = ["L33T_BUDGET", "reaches"]

#: The most trie steps the l33t readings of one password may take.
L33T_BUDGET: Final = 2048
_RECENT_YEAR: Final = re.compile(r"19\d\d|20\d\d")  # as credguard._zxcvbn_match's
_LONGEST_DATE: Final = 10
_SHORTEST_DATE: Final = 4
# zxcvbn's date matcher: 4-8 digits, or 6-10 characters of this form.
_LONGEST_PLAIN_DATE: Final = 8
_SHORTEST_SEPARATED_DATE: Final = 6
_DATE_WITH_SEPARATOR: Final = re.compile(r"(\d{1,4})([\s/\\_.-])(\d{1,2})\2(\d{1,4})")
# zxcvbn's sequences: steps of at most 5, guessed from at least 4 a character.
_MAX_DELTA: Final = 5
_SEQUENCE_LEAST: Final = 4


class _OverBudget(Exception):
    """The l33t readings took more than :data:`L33T_BUDGET` steps."""


# _BRUTE[k]: the guesses of a brute-force run of k + 1 characters (10**n, 11 for one),
# for zxcvbn's 72 and more.
_BRUTE: Final = (11, *(10**size for size in range(2, 129)))


class _Ends:
    """The fewest guesses of a match ending at each position from the start
    (``heads``), and starting at each position to the end (``tails``)."""

    __slots__ = ("heads", "last", "multi", "single", "tails")

    def __init__(self, length: int, shipped: Shipped) -> None:
        self.last = length - 1
        self.heads: list[float] = [
            *_BRUTE[:length],
            *(10 ** (k + 1) for k in range(len(_BRUTE), length)),
        ]
        self.tails: list[float] = self.heads[::-1]
        self.single = shipped.single_least
        self.multi = shipped.multi_least

    def note(self, i: int, j: int, guesses: float) -> None:
        """A match may cover i..j (an edge among them) with *guesses* or more."""
        if j - i < self.last:  # shorter than the password: zxcvbn's floor
            guesses = max(guesses, self.single if i == j else self.multi)
        if i == 0 and guesses < self.heads[j]:
            self.heads[j] = guesses
        if j == self.last and guesses < self.tails[i]:
            self.tails[i] = guesses

    def proves(self, guesses: float) -> bool:
        """No cover by one or two matches comes under *guesses* (see surely_reaches)."""
        heads, tails, last = self.heads, self.tails, self.last
        if heads[last] + 1 < guesses:
            return False
        if not last:
            return True
        # The least of heads[k] * tails[k + 1], multiplied in C.
        least: float = min(map(mul, heads, islice(tails, 1, None)))
        return 2 * least + 10000 >= guesses

    def first_open_start(self, longest: int, guesses: float) -> int | None:
        """The first start (after the first character) where a match to the
        end could still break the proof, *heads* being final; None if there
        is none.  A match from ``start`` is at least zxcvbn's submatch floor,
        so only a small ``heads[start - 1]`` leaves room for one, and no
        listed word is longer than *longest*."""
        heads, last, multi, single = self.heads, self.last, self.multi, self.single
        length = last + 1
        # 2 * heads * floor + 10000 < guesses, the floor 10 for the last character alone.
        for start in range(max(1, length - longest), length):
            if 2 * heads[start - 1] * (single if start == last else multi) + 10000 < guesses:
                return start
        return None


def reaches(
    password: str,
    user_inputs: Iterable[str] | UserWords,
    guesses: float,
    shipped: Shipped,
) -> bool:
    """True when zxcvbn's estimate of *password* is certainly at least *guesses*.

    For floors up to ``10**8 + 6`` (see :func:`credguard._zxcvbn.surely_reaches`);
    ``False`` means "not shown", never "below".  *user_inputs* may be given
    as :class:`UserWords` already.
    """
    if not password or not password.isprintable():
        return False  # control characters (NUL, the edge trie's mark): the exact proof's
    length = len(password)
    last = length - 1
    ends = _Ends(length, shipped)
    inputs = user_inputs if isinstance(user_inputs, UserWords) else UserWords(user_inputs)
    # One C call per end and direction tells whether any input is there at
    # all (a customer's context gives some 200 inputs; most passwords hold none).
    plain = inputs.words
    lower = password.lower()
    backward = lower[::-1]
    # zxcvbn reads a match's place in the password from its lower-case form,
    # and reverses before lower-casing: both must line up with the password
    # (not so for a character lower-cased to two, or a final sigma).
    if not password.isascii() and (
        len(lower) != len(password) or backward != password[::-1].lower()
    ):
        return False
    edges, least_rank = shipped.edges, shipped.words.least_rank
    note = ends.note
    # The listed words at each end, forwards and backwards: four trie walks.
    for word in edges.prefixes(lower):
        note(0, len(word) - 1, least_rank(word))
    for key in edges.prefixes(REVERSED_MARK + lower):  # the word backwards from the start
        note(0, len(key) - 2, 2 * least_rank(key[:0:-1]))
    for word in edges.prefixes(backward):  # the word backwards to the end
        note(length - len(word), last, 2 * least_rank(word))
    for key in edges.prefixes(REVERSED_MARK + backward):  # the word to the end
        note(length - len(key) + 1, last, least_rank(key[:0:-1]))
    at_ends = plain and (
        lower.startswith(plain)
        or lower.endswith(plain)
        or backward.startswith(plain)
        or backward.endswith(plain)
    )
    for word in plain if at_ends else ():
        size = len(word)
        if lower.startswith(word):
            note(0, size - 1, inputs.rank(word))
        if lower.endswith(word):
            note(length - size, last, inputs.rank(word))
        if backward.startswith(word):  # reversed, it ends the password
            note(length - size, last, 2 * inputs.rank(word))
        if backward.endswith(word):
            note(0, size - 1, 2 * inputs.rank(word))
    _spatial(password, ends, shipped)
    _sequences(password, ends)
    _years_and_dates(password, ends, shipped.year_least)
    _repeats(password, ends)
    # Every further match only lowers the bounds: stop when the proof fails.
    if not ends.proves(guesses):
        return False
    # A l33t reading differs from the plain words above only from the
    # first character l33t reads as a letter on (one C call finds it).
    first_l33t = shipped.l33t_char.search(lower)
    if first_l33t is None:
        return True  # no l33t reading: the plain words were all of them
    budget = [L33T_BUDGET]
    l33t = shipped.l33t
    # The inputs a l33t reading could find at either end: those whose first
    # (last) letter the first (last) character may be read as (one pass).
    firsts = {lower[0], *l33t.get(lower[0], ())}
    lasts = {lower[last], *l33t.get(lower[last], ())}
    near = [word for word in plain if word[0] in firsts or word[-1] in lasts]
    try:
        _l33t_heads(lower, first_l33t.start(), ends, shipped, inputs, near, budget)
        # The heads are final: the l33t words to the end, where they matter.
        start = ends.first_open_start(shipped.words.longest, guesses)
        if start is not None:
            _l33t_tails(lower, backward, start, ends, shipped, inputs, near, budget)
    except _OverBudget:
        return False
    return ends.proves(guesses)


def _l33t_heads(
    text: str,
    plain: int,
    ends: _Ends,
    shipped: Shipped,
    inputs: UserWords,
    near: list[str],
    budget: list[int],
) -> None:
    """Listed words and inputs (of *near*) from the start read through l33t
    (zxcvbn does not reverse those), each character read as itself or a
    letter it may stand for; ``text[:plain]`` holds no l33t character."""
    l33t = shipped.l33t
    for word in near:
        if len(word) <= len(text) and _reads_as(text, l33t, 0, word):
            ends.note(0, len(word) - 1, inputs.rank(word))
    least_rank = shipped.words.least_rank

    def found(at: int, key: str) -> None:
        ends.note(0, at, least_rank(key))

    _walk(shipped.edges, text, l33t, "", plain, len(text), found, budget)


def _l33t_tails(
    text: str,
    backward: str,
    first: int,
    ends: _Ends,
    shipped: Shipped,
    inputs: UserWords,
    near: list[str],
    budget: list[int],
) -> None:
    """Listed words and inputs (of *near*) to the end read through l33t,
    from *first* on: one walk back from the end over the words backwards
    (*backward* is *text* reversed)."""
    l33t = shipped.l33t
    length = len(text)
    last = length - 1
    for word in near:
        start = length - len(word)
        if start >= 0 and _reads_as(text, l33t, start, word):
            ends.note(start, last, inputs.rank(word))
    depth = length - first
    # No l33t character that far from the end: the plain words were all of them.
    plain = shipped.l33t_char.search(backward, 0, depth)
    if plain is None:
        return
    least_rank = shipped.words.least_rank

    def found(at: int, key: str) -> None:
        ends.note(last - at, last, least_rank(key[:0:-1]))

    _walk(shipped.edges, backward, l33t, REVERSED_MARK, plain.start(), depth, found, budget)


def _reads_as(text: str, l33t: Mapping[str, tuple[str, ...]], start: int, word: str) -> bool:
    """Whether ``text[start:]`` may be read as *word* (each character as
    itself or a letter it stands for)."""
    return all(
        char == text[start + at] or char in l33t.get(text[start + at], ())
        for at, char in enumerate(word)
    )


def _walk(
    trie: Any,
    text: str,
    l33t: Mapping[str, tuple[str, ...]],
    mark: str,
    plain: int,
    depth: int,
    found: Callable[[int, str], None],
    budget: list[int],
) -> None:
    """``found(at, key)`` for every key of *trie* that is *mark* and a reading
    of ``text[:at + 1]`` (each character as itself or a letter it stands
    for), for *at* from *plain* to under *depth*.  ``text[:plain]`` holds no
    l33t character: its one reading is asked once, and its keys, the plain
    words, are the caller's already.  The text is printable (marisa would
    read a key up to a NUL), so the trie is asked directly."""
    iterkeys = trie.iterkeys
    prefix = mark + text[:plain]
    if plain >= depth or (plain and next(iterkeys(prefix), None) is None):
        return  # no listed word goes on from the plain run
    left = budget[0]
    pending = [(plain, prefix)]
    while pending:
        at, prefix = pending.pop()
        char = text[at]
        options = l33t.get(char, ())
        left -= len(options) + 1
        if left < 0:
            raise _OverBudget
        for option in (char, *options):
            key = prefix + option
            # marisa lists the key itself first when it is one (a
            # predictive search visits a node before its children).
            listed = next(iterkeys(key), None)
            if listed is None:
                continue  # no listed word goes on this way
            if listed == key:
                found(at, key)
            if at + 1 < depth:
                pending.append((at + 1, key))
    budget[0] = left


def _spatial(password: str, ends: _Ends, shipped: Shipped) -> None:
    """Chains of keys from each end, each next to the one before, to the first break."""
    adjacent, least = shipped.adjacent, shipped.spatial_least
    last = ends.last
    k = 0
    while k < last and password[k : k + 2] in adjacent:
        k += 1
        if k >= 2:  # zxcvbn reports chains of three keys or more
            ends.note(0, k, k * least)
    k = last
    while k > 0 and password[k - 1 : k + 1] in adjacent:
        k -= 1
        if last - k >= 2:
            ends.note(k, last, (last - k) * least)


def _sequences(password: str, ends: _Ends) -> None:
    last = ends.last
    if not last:
        return
    for step, start, end in ((1, 0, last), (-1, last, 0)):
        delta = ord(password[start + step]) - ord(password[start])
        if step < 0:
            delta = -delta
        if not 0 < abs(delta) <= _MAX_DELTA:
            continue
        at = start + step
        while True:
            lo, hi = min(start, at), max(start, at)
            if hi - lo > 1 or abs(delta) == 1:
                ends.note(lo, hi, _SEQUENCE_LEAST * (hi - lo + 1))
            following = at + step
            if at == end or ord(password[following]) - ord(password[at]) != delta * step:
                break
            at = following


def _years_and_dates(password: str, ends: _Ends, year_least: int) -> None:
    length, last = len(password), ends.last
    if length >= 4:
        if _RECENT_YEAR.fullmatch(password, 0, 4):
            ends.note(0, 3, year_least)
        if _RECENT_YEAR.fullmatch(password, length - 4):
            ends.note(length - 4, last, year_least)
    # A date: what zxcvbn's date matcher reads as one before it checks the
    # day, month and year (4-8 digits, or digits around two equal
    # separators), so it starts and ends with a digit (isdigit takes in \d).
    date_least = 365 * year_least
    sizes = range(_SHORTEST_DATE, min(_LONGEST_DATE, length) + 1)
    if password[0].isdigit():
        for size in sizes:
            if password[size - 1].isdigit() and _maybe_date(password[:size]):
                ends.note(0, size - 1, date_least)
    if password[last].isdigit():
        for size in sizes:
            if password[length - size].isdigit() and _maybe_date(password[length - size :]):
                ends.note(length - size, last, date_least)


def _maybe_date(span: str) -> bool:
    """Whether zxcvbn's date matcher would try *span* (4 to 10 characters)."""
    if len(span) <= _LONGEST_PLAIN_DATE and span.isdigit():
        return True
    return len(span) >= _SHORTEST_SEPARATED_DATE and bool(_DATE_WITH_SEPARATOR.fullmatch(span))


def _repeats(password: str, ends: _Ends) -> None:
    """Spans at an edge that are a shorter string said twice or more: guesses >= 2.

    A prefix of m characters is such a power when it has a period p that
    divides m (then its shortest period does too); a period p needs
    ``text[p] == text[0]``, so only those p are followed, each as far as it
    holds.
    """
    length, last = len(password), ends.last
    for text, mirrored in ((password, False), (password[::-1], True)):
        first = text[0]
        period = text.find(first, 1, length // 2 + 1)
        while period > 0:
            holds = period
            while holds < length and text[holds] == text[holds - period]:
                holds += 1
            for size in range(2 * period, holds + 1, period):
                if mirrored:
                    ends.note(length - size, last, 2)
                else:
                    ends.note(0, size - 1, 2)
            period = text.find(first, period + 1, length // 2 + 1)
