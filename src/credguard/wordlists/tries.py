"""The large bundled lists as memory-mapped tries, opened on first use.

The lists of :data:`TRIE_NAMES` are shipped as three
`marisa-trie <https://github.com/pytries/marisa-trie>`_ files next to this
module, holding the keys of :mod:`credguard.wordlists.normalize` for every
entry of the lists' sources (``README.md`` here names them, with their
versions, hashes and licences; ``_generate.py`` rebuilds the files):

* ``union.marisa``: the keys of both lists together;
* ``japanese.marisa``: the ``japanese`` list's keys;
* ``japanese_only.marisa``: the keys of ``japanese`` that ``common`` lacks
  (the ``common`` list is the union without them).

and one ``<name>.screen`` bitmap per list (:mod:`credguard.wordlists.screen`)
that tells a membership test where asking the trie is pointless.

Why one union rather than a trie per list: a policy consults both lists
(every bundled preset does), and the scoring asks every view at every
position it reads; with the union that is one C call instead of two, and
which list a key is from is asked (one membership test in the small
``japanese_only`` trie) only for the few keys that may end up in the
cheapest reading (:func:`load_union`).  A ``common.marisa`` beside the
union would double the wheel; the union is 65 KB larger than ``common``
alone and ``japanese_only`` 71 KB.

Why a trie and not a ``frozenset``: the ``common`` list has over a million
keys.  As a set it would cost about 100 MB of memory and half a second to
read; the trie is a 5 MB file, exact (no false positives), mapped into
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final

from .._lazy import once
from .normalize import MAX_KEY_LENGTH, MIN_KEY_LENGTH

__all__ = [
    "MAX_KEY_LENGTH",
    "MIN_KEY_LENGTH",
    "TRIE_FILES",
    "TRIE_NAMES",
    "BlockTrie",
    "TrieUnion",
    "load_trie",
    "load_union",
]

#: The lists shipped as tries.
TRIE_NAMES: Final = ("common", "japanese")
#: The trie files they are shipped in (``<file>.marisa``; see above).
TRIE_FILES: Final = ("union", "japanese", "japanese_only")
# Which file holds a list, and which file holds the keys of that file not in the list.
_LIST_FILES: Final = {"common": ("union", "japanese_only"), "japanese": ("japanese", None)}


class BlockTrie:
    """A read-only set of list keys with prefix search; get one from :func:`load_trie`."""

    __slots__ = ("_excluded", "_trie", "has", "name", "screen", "search")

    def __init__(
        self, name: str, trie: Any, screen: bytes | None = None, excluded: Any = None
    ) -> None:
        self.name = name
        # A marisa_trie.Trie (untyped extension module, hence Any).
        self._trie = trie
        # The keys of *trie* that are not the list's (None: every key is).
        self._excluded = excluded
        #: Which four-character windows can start a key (see ``screen.py``);
        #: None asks the trie everywhere.
        self.screen = screen
        #: Every key that is a prefix of a text, shortest first, and whether a
        #: string is a key.  For a list that is a whole file, the trie's own
        #: methods, one C call (the caller cuts the text to MAX_KEY_LENGTH; the
        #: scoring calls them at every position it reads); ``in`` without the
        #: type check, for callers that only pass strings.
        self.search: Callable[[str], list[str]]
        self.has: Callable[[str], bool]
        if excluded is None:
            self.search = trie.prefixes
            self.has = trie.__contains__
        else:
            self.search = partial(_search_without, trie.prefixes, excluded.__contains__)
            self.has = partial(_has_without, trie.__contains__, excluded.__contains__)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.has(key)

    def __len__(self) -> int:
        excluded = self._excluded
        return len(self._trie) - (0 if excluded is None else len(excluded))

    def __repr__(self) -> str:
        return f"<BlockTrie {self.name} keys={len(self)}>"

    def keys(self) -> list[str]:
        """Every key of the list, in the trie's order."""
        keys: list[str] = self._trie.keys()
        excluded = self._excluded
        return keys if excluded is None else [key for key in keys if key not in excluded]

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Every key that is a prefix of ``text[start:]``, shortest first.

        Only the first :data:`MAX_KEY_LENGTH` characters from *start* are
        looked at (no key is longer), so the cost of one call is bounded
        whatever the length of *text*.
        """
        return self.search(text[start : start + MAX_KEY_LENGTH])

    def depth(self, text: str) -> int:
        """The length of the longest start of *text* that starts a key (0 for none)."""
        trie, excluded = self._trie, self._excluded
        low, high = 0, min(len(text), MAX_KEY_LENGTH)
        while low < high:  # a binary search: "starts a key" holds up to the answer
            middle = (low + high + 1) // 2
            keys = trie.iterkeys(text[:middle])
            if excluded is not None:
                # Bounded by the excluded keys under the prefix (25,425 in all).
                keys = (key for key in keys if key not in excluded)
            if next(keys, None) is None:
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


def _search_without(
    prefixes: Callable[[str], list[str]], excluded: Callable[[str], bool], text: str
) -> list[str]:
    found = prefixes(text)
    return [key for key in found if not excluded(key)] if found else found


def _has_without(has: Callable[[str], bool], excluded: Callable[[str], bool], key: str) -> bool:
    return has(key) and not excluded(key)


@dataclass(frozen=True, slots=True)
class TrieUnion:
    """Bundled lists asked with one call: the union trie, and which list a key is from."""

    #: The lists, in the order a key is attributed to the first that holds it.
    names: tuple[str, ...]
    #: Every key of any of the lists that is a prefix of a text (cut to MAX_KEY_LENGTH).
    search: Callable[[str], list[str]]
    #: Whether a string is a key of any of the lists.
    has: Callable[[str], bool]
    #: For a key of the union: the index in *names* of the first list holding it.
    owner: Callable[[str], int]


_LOCK: Final = threading.Lock()
_LOADED: dict[str, BlockTrie] = {}
# The trie files themselves, shared by the lists (under their own lock: a
# list opens its files while holding _LOCK).
_FILES_LOCK: Final = threading.Lock()
_FILES: dict[str, Any] = {}


def _open_file(name: str) -> Any:
    # Imported here, with the list: ``import credguard`` pays for neither.
    from importlib import resources

    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    resource = resources.files(__package__ or "credguard.wordlists").joinpath(f"{name}.marisa")
    trie = marisa_trie.Trie()
    if isinstance(resource, Path):
        # An installed package: map the file itself (what ``as_file`` hands
        # back for a real file), shared between processes by the page cache.
        trie.mmap(str(resource))
    else:
        # Package data inside a zip: ``as_file`` would extract it to a
        # temporary file it deletes again, so read the bytes instead.
        trie.frombytes(resource.read_bytes())
    return trie


def _file(name: str) -> Any:
    return once(_FILES, _FILES_LOCK, name, _open_file)


def _open(name: str) -> BlockTrie:
    from importlib import resources

    held, excluded = _LIST_FILES[name]
    folder = resources.files(__package__ or "credguard.wordlists")
    # 234 KB, read whole: a bit test on bytes is cheaper than on a map.
    screen = folder.joinpath(f"{name}.screen").read_bytes()
    return BlockTrie(name, _file(held), screen, None if excluded is None else _file(excluded))


def load_trie(name: str) -> BlockTrie:
    """The bundled list *name* (one of :data:`TRIE_NAMES`), opened on first use."""
    if name not in TRIE_NAMES:
        raise LookupError(f"unknown word list {name!r}; lists are {', '.join(TRIE_NAMES)}")
    return once(_LOADED, _LOCK, name, _open)


def load_union(names: Sequence[str]) -> TrieUnion:
    """The bundled lists *names* (every one of :data:`TRIE_NAMES`, in any order) as one trie."""
    names = tuple(names)
    if sorted(names) != sorted(TRIE_NAMES):
        raise LookupError(f"a union holds the lists {', '.join(TRIE_NAMES)}, each once")
    union = _file("union")
    if names == TRIE_NAMES:
        # Attributed to common unless it is one of japanese's own keys.
        owner: Callable[[str], int] = _file("japanese_only").__contains__
    else:
        owner = partial(_index_unless, load_trie(names[0]).has)
    return TrieUnion(names, union.prefixes, union.__contains__, owner)


def _index_unless(first: Callable[[str], bool], key: str) -> int:
    return 0 if first(key) else 1
