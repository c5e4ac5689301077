"""The large bundled lists as memory-mapped tries, opened on first use.

Each list name of :data:`TRIE_NAMES` is one ``<name>.marisa`` file next to
this module: a `marisa-trie <https://github.com/pytries/marisa-trie>`_
holding the keys of :mod:`credguard.wordlists.normalize` for every entry of
the list's sources (``README.md`` here names them, with their versions,
hashes and licences; ``_generate.py`` rebuilds the files), and one
``<name>.screen`` bitmap (:mod:`credguard.wordlists.screen`) that tells the
scoring where asking the trie is pointless.

Why a trie and not a ``frozenset``: the ``common`` list has over a million
keys.  As a set it would cost about 100 MB of memory and half a second to
read; the trie is a 4 MB file, exact (no false positives), mapped into
memory in well under a millisecond, and answers a lookup in about a
microsecond.  It also lists, in one call, every key that is a prefix of a
string — which turns "which listed words does this password contain" into
one call per start position.

Nothing is opened at import.  :func:`load_trie` opens a list the first time
it is asked for, under a lock, and every later call returns the same
read-only :class:`BlockTrie`; the only module-level state is that cache of
package data.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Final

from .._lazy import once
from .normalize import MAX_KEY_LENGTH, MIN_KEY_LENGTH

__all__ = ["MAX_KEY_LENGTH", "MIN_KEY_LENGTH", "TRIE_NAMES", "BlockTrie", "load_trie"]

#: The lists shipped as tries.
TRIE_NAMES: Final = ("common", "japanese")


class BlockTrie:
    """A read-only set of list keys with prefix search; get one from :func:`load_trie`."""

    __slots__ = ("_trie", "has", "name", "screen", "search")

    def __init__(self, name: str, trie: Any, screen: bytes | None = None) -> None:
        self.name = name
        # A marisa_trie.Trie (untyped extension module, hence Any).
        self._trie = trie
        #: Which four-character windows can start a key (see ``screen.py``);
        #: None asks the trie everywhere.
        self.screen = screen
        #: Every key that is a prefix of a text, shortest first: the trie's own
        #: method, one C call (the caller cuts the text to MAX_KEY_LENGTH; the
        #: scoring calls it at every position it reads).
        self.search = trie.prefixes
        #: Whether a string is a key: the trie's own method (``in`` without
        #: the type check, for callers that only pass strings).
        self.has = trie.__contains__

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def __repr__(self) -> str:
        return f"<BlockTrie {self.name} keys={len(self._trie)}>"

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Every key that is a prefix of ``text[start:]``, shortest first.

        Only the first :data:`MAX_KEY_LENGTH` characters from *start* are
        looked at (no key is longer), so the cost of one call is bounded
        whatever the length of *text*.
        """
        found: list[str] = self._trie.prefixes(text[start : start + MAX_KEY_LENGTH])
        return found

    def depth(self, text: str) -> int:
        """The length of the longest start of *text* that starts a key (0 for none)."""
        trie = self._trie
        low, high = 0, min(len(text), MAX_KEY_LENGTH)
        while low < high:  # a binary search: "starts a key" holds up to the answer
            middle = (low + high + 1) // 2
            if next(trie.iterkeys(text[:middle]), None) is None:
                high = middle - 1
            else:
                low = middle
        return low

    def contained(self, text: str, min_length: int = MIN_KEY_LENGTH) -> list[tuple[int, str]]:
        """Every ``(start, key)`` with a key of at least *min_length* characters at *start*.

        Overlapping matches are all reported, in order of start then length.
        The cost is one :meth:`prefixes` call per position of *text*.
        """
        return [
            (start, key)
            for start in range(len(text) - min_length + 1)
            for key in self.prefixes(text, start)
            if len(key) >= min_length
        ]


_LOCK: Final = threading.Lock()
_LOADED: dict[str, BlockTrie] = {}


def _open(name: str) -> BlockTrie:
    # Imported here, with the list: ``import credguard`` pays for neither.
    from importlib import resources

    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    folder = resources.files(__package__ or "credguard.wordlists")
    resource = folder.joinpath(f"{name}.marisa")
    trie = marisa_trie.Trie()
    if isinstance(resource, Path):
        # An installed package: map the file itself (what ``as_file`` hands
        # back for a real file), shared between processes by the page cache.
        trie.mmap(str(resource))
    else:
        # Package data inside a zip: ``as_file`` would extract it to a
        # temporary file it deletes again, so read the bytes instead.
        trie.frombytes(resource.read_bytes())
    # 234 KB, read whole: a bit test on bytes is cheaper than on a map.
    return BlockTrie(name, trie, folder.joinpath(f"{name}.screen").read_bytes())


def load_trie(name: str) -> BlockTrie:
    """The bundled list *name* (one of :data:`TRIE_NAMES`), opened on first use."""
    if name not in TRIE_NAMES:
        raise LookupError(f"unknown word list {name!r}; lists are {', '.join(TRIE_NAMES)}")
    return once(_LOADED, _LOCK, name, _open)
