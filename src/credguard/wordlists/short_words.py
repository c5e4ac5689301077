"""The most frequent three-letter words and names, ranked, opened on first use.

Three-letter tokens read words into random letters: 8,328 of the 17,576
three-letter strings are keys of the ``common`` trie (cores such as ``jun``
of ``jun1985``), so counting all of them refuses strong passwords.  The
``blocklist`` rule's ``short_words = N`` counts only the first *N* of this
ranking (``short_words.txt`` next to this module, built by
``_generate.py`` from the bundled sources' own ranks: see
:func:`credguard.wordlists._generate.rank_short_words`).

Nothing is read at import: :func:`load_short_words` reads the file on first
use, under a lock, and every later call gets the same tuple; the sets a
rule builds from it are the rule's own.
"""

from __future__ import annotations

import threading
from typing import Final

from .._lazy import once

__all__ = ["SHORT_WORDS_FILE", "SHORT_WORDS_MAX", "load_short_words"]

#: The package data file, one word a line, most frequent first.
SHORT_WORDS_FILE: Final = "short_words.txt"
#: How many words the file ranks (the ``short_words`` parameter's ceiling).
SHORT_WORDS_MAX: Final = 3000

_LOCK: Final = threading.Lock()
_LOADED: dict[str, tuple[str, ...]] = {}


def _open(name: str) -> tuple[str, ...]:
    from importlib import resources

    text = resources.files(__package__ or "credguard.wordlists").joinpath(name).read_text("ascii")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


def load_short_words() -> tuple[str, ...]:
    """The ranked three-letter words, most frequent first (read on first use)."""
    return once(_LOADED, _LOCK, SHORT_WORDS_FILE, _open)
