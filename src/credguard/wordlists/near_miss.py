"""Near misses: letter runs one edit away from a listed word (the blocklist's ``fuzzy``).

Entra's published method also refuses a password within edit distance 1 of
a banned word (``passwrd``, ``pasword``).  The blocklist asks this module
only for a password every other reading accepts, and only with ``fuzzy``.

Cost: for a letter run of length ``n``, at most ``27 * (reach + 1) + 26 *
(reach + 1)`` membership tests, where ``reach`` is how long a start of the
run starts a key (:attr:`Source.depth`): an edit past that point cannot
give a key.  Runs are at most :data:`MAX_TOKEN` letters.
"""

from __future__ import annotations

import re
from typing import Final

from .listsource import Source
from .scoring import MAX_TOKEN

__all__ = ["near_misses", "one_edit"]

_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"


def near_misses(
    views: tuple[str, ...], sources: tuple[Source, ...], minimum: int
) -> dict[int, int]:
    """``{start: length}`` of the letter runs of each view one edit from a listed word."""
    found: dict[int, int] = {}
    for view in dict.fromkeys(views):
        for match in re.finditer(f"[a-z]{{{minimum},{MAX_TOKEN}}}", view):
            word = match.group()
            if any(one_edit(word, source) for source in sources):
                found[match.start()] = len(word)
    return found


def one_edit(word: str, source: Source) -> bool:
    """Whether a key of *source* is one substitution, insertion or deletion from *word*."""
    has = source.__contains__
    size = len(word)
    # An edit after the longest start of the word that starts a key keeps
    # that start and one more letter: it cannot give a key.
    reach = size if source.depth is None else min(size, source.depth(word))
    for at in range(min(size, reach + 1)):
        head, tail = word[:at], word[at + 1 :]
        if has(head + tail):
            return True
        if any(has(head + letter + tail) for letter in _LETTERS if letter != word[at]):
            return True
    return any(
        has(word[:at] + letter + word[at:]) for at in range(reach + 1) for letter in _LETTERS
    )
