"""The bundled word lists, loaded lazily, once, and shared read-only.

Lists are gzip text files next to this module (see ``README.md`` for their
sources and licences, ``_generate.py`` to rebuild them).  Nothing is read at
import: :func:`load_wordlist` reads a list the first time a rule asks for it,
under a lock, and every later call returns the same immutable
:class:`WordList`.  The only module-level state is that cache of package
data; no per-user value ever reaches it.

Near-miss lookups (edit distance 1) use a deletion index built on first use:
for every word ``w`` and position ``i`` it holds ``w`` with ``w[i]`` replaced
by a placeholder.  A query ``q`` is then within one edit of a word when

* ``q`` with one character replaced by the placeholder is in the index
  (substitution), or
* ``q`` with the placeholder inserted somewhere is in the index (``q`` lacks
  one character of a word), or
* ``q`` with one character deleted is a word (``q`` has one extra character),

which costs about ``3 × len(q)`` set lookups — never a scan of the list.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Final

from ._lazy import once

__all__ = ["LIST_NAMES", "WordList", "load_union", "load_wordlist"]

#: The bundled lists, in the order rules consult them by default.
LIST_NAMES: Final = ("common", "japanese")

# Marks the deleted position in the near-miss index; never part of a word
# (words are printable, and the guard refuses control characters).
_HOLE: Final = "\x00"


def _holes(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + _HOLE + word[i + 1 :]


class WordList:
    """An immutable set of normalized words with a lazily built near-miss index."""

    __slots__ = ("_index", "_lock", "max_length", "name", "words")

    def __init__(self, name: str, words: Iterable[str]) -> None:
        self.name = name
        self.words: frozenset[str] = frozenset(words)
        self.max_length = max(map(len, self.words), default=0)
        self._index: frozenset[str] | None = None
        self._lock = threading.Lock()

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def __repr__(self) -> str:
        return f"<WordList {self.name} words={len(self.words)}>"

    def _near_index(self) -> frozenset[str]:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    self._index = frozenset(h for word in self.words for h in _holes(word))
                index = self._index
        return index

    def near_miss(self, query: str, min_word_length: int) -> bool:
        """True when a word of at least *min_word_length* characters is one edit from *query*.

        One edit is one character substituted, inserted or deleted.  A
        query longer than every word plus one is rejected after one ``len``.
        """
        size = len(query)
        if size > self.max_length + 1 or size + 1 < min_word_length or not query:
            return False
        index = self._near_index()
        # Substitution: the word has the query's length.
        if size >= min_word_length and any(h in index for h in _holes(query)):
            return True
        # The query lacks one character of a longer word.
        if size + 1 >= min_word_length and any(
            query[:i] + _HOLE + query[i:] in index for i in range(size + 1)
        ):
            return True
        # The query has one character too many.
        return size - 1 >= min_word_length and any(
            query[:i] + query[i + 1 :] in self.words for i in range(size)
        )


_LOCK: Final = threading.Lock()
_LOADED: dict[str, WordList] = {}
_UNIONS: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}


def _read(name: str) -> WordList:
    # Imported here, with the list: importlib.resources alone costs several
    # milliseconds, which ``import credguard`` should not pay.
    import gzip
    from importlib import resources

    data = resources.files(__name__).joinpath(f"{name}.txt.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    return WordList(name, (line for line in text.splitlines() if line))


def load_wordlist(name: str) -> WordList:
    """The bundled list *name* (one of :data:`LIST_NAMES`), read on first use."""
    if name not in LIST_NAMES:
        raise LookupError(f"unknown word list {name!r}; lists are {', '.join(LIST_NAMES)}")
    return once(_LOADED, _LOCK, name, _read)


def load_union(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the bundled lists *names* in one set, and every word reversed.

    Built on first use.  Two C-level ``isdisjoint`` calls then tell whether
    a password's queries hit any of the lists, forwards or backwards
    (``text[::-1] in words`` is ``text in reversed``, with no string to
    reverse); only a hit asks the lists one by one, in order.
    """
    found = _UNIONS.get(names)
    if found is None:
        lists = [load_wordlist(name) for name in names]
        with _LOCK:
            found = _UNIONS.get(names)
            if found is None:
                words = frozenset().union(*(w.words for w in lists))
                found = _UNIONS[names] = (words, frozenset(word[::-1] for word in words))
    return found
