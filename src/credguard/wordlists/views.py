"""The texts the blocklist reads a password in, and the key tests its readings share.

:func:`read_views` gives the folded view of a password (Latin diacritics
dropped, single characters separated by spaces, dots, hyphens or
underscores read without them) and its two leet readings, character for
character, as :func:`credguard.wordlists.scoring.score` expects them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from .._candidate import Candidate, leet_views
from .listsource import Source
from .normalize import core, core_forms, fold_marks, strip_edges
from .patterns import separated, separates_letters_only
from .scoring import PATTERN, score

__all__ = ["any_key", "edge_core", "read_joined", "read_views", "reversed_core_listed"]


def read_views(candidate: Candidate) -> tuple[str, ...]:
    """The folded view (diacritics dropped, separators removed) and its leet readings."""
    folded = candidate.folded
    if folded.isascii():
        text = separated(folded)
        if text is folded:
            return (folded, candidate.leet, candidate.leet_alt)
    else:
        # A lone surrogate cannot reach the tries (UTF-8); it is no letter of
        # any word, so it is read as U+FFFD, character for character.
        marked = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in folded)
        text = separated(fold_marks(marked))
    return (text, *leet_views(text))


# Every ASCII character but the (folded, lower-case) letters: an ASCII view
# stripped of them is its core, strip_edges in one C call.
_ASCII_NOT_LETTERS: Final = "".join(chr(code) for code in range(128) if not chr(code).islower())


def edge_core(view: str) -> str:
    """*view* without its leading and trailing non-letters (``strip_edges``)."""
    if view.isascii():
        return view.strip(_ASCII_NOT_LETTERS)
    return strip_edges(view)


def any_key(texts: Iterable[str], sources: tuple[Source, ...], minimum: int) -> bool:
    """Whether one of *texts* of at least *minimum* characters is a key of a source.

    A membership test costs what a screen lookup does: no screen here.
    """
    for text in texts:
        if len(text) >= minimum:
            for source in sources:
                contains = source.contains
                if contains(text) if contains is not None else text in source:
                    return True
    return False


def reversed_core_listed(views: tuple[str, ...], sources: tuple[Source, ...], minimum: int) -> bool:
    """Whether the reversed core of a view is a key: the gate of the reversed reading.

    The core of a reversed view is the reversed core of the view.
    """
    return any_key((edge_core(view)[::-1] for view in dict.fromkeys(views)), sources, minimum)


def read_joined(
    text: str, together: str, sources: tuple[Source, ...], minimum: int
) -> tuple[str, ...] | None:
    """The views of *together*, the folded view *text* with its words joined, or None.

    A password with separators between letters is read joined when its
    letters then make one listed word (``i love u1`` is ``iloveu1``), or
    two when it is words as typed, its separators only between letters
    (``i love sammie1`` is ``ilovesammie1``; a random ``Va.71K4sU5`` is
    not joined).  Only then: joining every passphrase
    (``correct-horse-battery-staple``) would drop the separators that keep
    it above the threshold.
    """
    # The core as the lists store it: as written and its leet readings
    # (``I l0v3 y0u1!``: il0v3y0u, iloveyou).
    letters = core(together)
    if not any_key((letters, *core_forms(together)), sources, minimum):
        if not separates_letters_only(text):
            return None
        # Two listed words as typed: the one view, no leet reading.
        pair = score((letters,) * 3, sources, minimum, 2, whole_first=False)
        if not (pair.score <= 2 and pair.listed and min(pair.sources, default=PATTERN) >= 0):
            return None
    return (together, *leet_views(together))
