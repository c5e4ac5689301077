"""One call's user inputs as zxcvbn reads them.

zxcvbn lower-cases the user inputs and ranks them by place
(``build_ranked_dict``: a repeated word keeps its last rank).  The edge
bounds (:mod:`credguard._zxcvbn_bounds`) need only the words and the ranks
of the few they find in the password; zxcvbn's matchers
(:mod:`credguard._zxcvbn_match`) need the ranked dict.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count

__all__ = ["UserWords", "ranked_inputs"]


class UserWords:
    """One call's user inputs as zxcvbn reads them: lower-cased, ranked by
    place (a repeated word keeps its last rank, as zxcvbn's
    ``build_ranked_dict`` does), the empty input, which matches nothing,
    left out.

    The bounds need the words and, for the few found in the password, their
    ranks; zxcvbn's matchers need the ranked dict (:meth:`ranked`), made
    only when they run.  For a customer's context (some 200 inputs) the
    dict cost about 20 us a check, the lower-cased tuple 7.
    """

    __slots__ = ("_lowered", "_ranks", "words")

    def __init__(self, user_inputs: Iterable[str]) -> None:
        lowered = tuple(map(str.lower, user_inputs))
        self._lowered = lowered
        #: The non-empty words, in order (repeats kept).
        self.words: tuple[str, ...] = tuple(filter(None, lowered)) if "" in lowered else lowered
        self._ranks: dict[str, int] | None = None

    def rank(self, word: str) -> int:
        """The rank of one of :attr:`words`: its last place, from 1."""
        if self._ranks is not None:
            return self._ranks[word]
        lowered = self._lowered
        return len(lowered) - lowered[::-1].index(word)

    def ranked(self) -> dict[str, int]:
        """word -> rank for every word (``_zxcvbn_match.index_for`` takes it)."""
        if self._ranks is None:
            ranks = dict(zip(self._lowered, count(1)))
            ranks.pop("", None)
            self._ranks = ranks
        return self._ranks


def ranked_inputs(user_inputs: Iterable[str]) -> dict[str, int]:
    """One call's user inputs as zxcvbn ranks them (:meth:`UserWords.ranked`)."""
    return UserWords(user_inputs).ranked()
