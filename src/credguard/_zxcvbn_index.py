"""zxcvbn's ranked frequency dictionaries as one index, and where it comes from.

zxcvbn's dictionary matcher asks each of its six frequency lists whether a
substring is listed and at which rank.  :mod:`credguard._zxcvbn_match` asks
a :class:`RankedIndex` instead: word -> ((dictionary name, rank), ...), in
zxcvbn's dictionary order.  There are two:

* :func:`runtime_index`, over the dicts zxcvbn itself builds at import
  (once zxcvbn is imported, the cheapest to ask; the full estimate and the
  exact edge proof use it).  It used to be merged into one dict, which
  cost about 50 ms of CPU (94,000 words) at the first estimate;
* the shipped one, :func:`shipped`: the same index built at build time, a
  marisa-trie ``RecordTrie`` (word -> (dictionary number, rank) records,
  ``data/zxcvbn_ranked.marisa``) mapped into memory on first use, with
  ``data/zxcvbn_ranked.json``: what it was built from, and the few small
  tables of zxcvbn's (keyboard adjacency, l33t substitutions, scoring
  constants) that :mod:`credguard._zxcvbn_bounds` needs to bound the
  estimate without importing zxcvbn at all (about 17 ms);
* beside it, for those bounds, ``data/zxcvbn_edges.marisa``
  (:data:`EDGES_NAME`): a plain marisa ``Trie`` of the same words and,
  after :data:`REVERSED_MARK`, of each word backwards, so that the listed
  words at either end of a password, forwards or backwards, are four
  ``prefixes`` calls and the l33t readings to the end one walk.

Rebuild the shipped files with::

    python -m credguard._zxcvbn_index src/credguard/data

They are built from zxcvbn 4.5.0 (MIT licence; ``data/NOTICE``).  At run
time :func:`shipped` opens them only when each of the installed zxcvbn's
:data:`SOURCES` has the size and CRC-32 recorded in the JSON file (reading
them costs about half a millisecond, and imports nothing); otherwise
(another zxcvbn release, or no source files) it gives None, the bounds are
not used and every proof runs on zxcvbn itself, so the answer always
follows the installed zxcvbn.  The tests check that the shipped files are
exactly what the installed zxcvbn gives.
"""

from __future__ import annotations

import json
import math
import re
import sys
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple, Protocol

from ._lazy import once

__all__ = [
    "DATA_NAME",
    "EDGES_NAME",
    "REVERSED_MARK",
    "SOURCES",
    "RankedIndex",
    "Shipped",
    "TrieIndex",
    "adjacent_pairs",
    "build_files",
    "build_from_installed",
    "runtime_index",
    "shipped",
    "shipped_index",
    "source_fingerprint",
    "zxcvbn_tables",
]

#: The shipped files' name, without the suffix, in the package's ``data`` folder.
DATA_NAME: Final = "zxcvbn_ranked"
#: The edge trie's file (a plain marisa ``Trie``), in the same folder.
EDGES_NAME: Final = "zxcvbn_edges.marisa"
# A record: dictionary number (zxcvbn's list order), rank (at most 30,000).
_RECORD: Final = "<BH"
#: The edge trie's keys: every listed word, and after this mark every word
#: backwards (no listed word holds it; the edge bounds leave control
#: characters to the exact proof).
REVERSED_MARK: Final = "\x01"

Entries = tuple[tuple[str, int], ...]


class RankedIndex(Protocol):
    """word -> its (dictionary name, rank) entries, in zxcvbn's dictionary order."""

    #: The longest word listed.
    longest: int

    def entries(self, word: str) -> Entries:
        """The word's entries; empty when no dictionary lists it."""

    def prefixes(self, text: str) -> list[str]:
        """Every listed word that *text* starts with, shortest first."""

    def __contains__(self, word: object) -> bool:
        """Whether any dictionary lists *word*."""

    def listed(self, words: Iterable[str]) -> set[str]:
        """Those of *words* some dictionary lists (one call for many)."""


class _ZxcvbnDicts:
    """The index read from zxcvbn's own ranked dicts, which it builds at import.

    Not merged (that cost about 50 ms): only the set of every listed word is
    built (about 5 ms), so that finding the listed ones among many strings
    is one set operation, and a found word's ranks are six dict lookups.
    The words a text starts with come from the shipped edge trie when there
    is one (one C call, against a set lookup per length: the dictionary
    matcher asks this at every start of the password, for each l33t table).
    """

    __slots__ = ("_edges", "_keys", "_ranked", "longest")

    def __init__(
        self, ranked: Sequence[tuple[str, Mapping[str, int]]], longest: int, edges: Any = None
    ) -> None:
        self._ranked = tuple(ranked)
        self._keys = frozenset().union(*(words.keys() for _, words in self._ranked))
        self.longest = longest
        self._edges = edges

    def entries(self, word: str) -> Entries:
        if word not in self._keys:
            return ()
        return tuple((name, words[word]) for name, words in self._ranked if word in words)

    def prefixes(self, text: str) -> list[str]:
        if self._edges is not None:
            # Its keys are the listed words and, after the mark (which no
            # listed word holds), the words backwards; marisa reads a key up
            # to a NUL, which no listed word holds either.
            if text.startswith(REVERSED_MARK):
                return []
            try:
                found: list[str] = self._edges.prefixes(text.partition("\x00")[0])
            except UnicodeEncodeError:
                pass  # a lone surrogate (marisa takes UTF-8): the set lookups below
            else:
                return found
        keys = self._keys
        heads = (text[:stop] for stop in range(1, min(len(text), self.longest) + 1))
        return [head for head in heads if head in keys]

    def __contains__(self, word: object) -> bool:
        return word in self._keys

    def listed(self, words: Iterable[str]) -> set[str]:
        return set(self._keys.intersection(words))


class TrieIndex:
    """The index as the shipped trie.

    marisa reads a key up to its first NUL, so ``"a\x00"`` would be found
    as ``"a"``; no listed word contains one (:func:`build_files` checks),
    so a word with a NUL is not listed and a prefix stops before it.
    """

    __slots__ = ("_names", "_trie", "longest")

    def __init__(self, trie: Any, names: Sequence[str], longest: int) -> None:
        self._trie = trie
        self._names = tuple(names)
        self.longest = longest

    def entries(self, word: str) -> Entries:
        if "\x00" in word:
            return ()
        records = self._trie.get(word)
        if not records:
            return ()
        names = self._names
        # The trie keeps a word's records in byte order: sort by dictionary.
        return tuple((names[number], rank) for number, rank in sorted(records))

    def least_rank(self, word: str) -> int:
        """The best rank of a listed *word* over every dictionary."""
        least: int = min(rank for _, rank in self._trie[word])
        return least

    def prefixes(self, text: str) -> list[str]:
        found: list[str] = self._trie.prefixes(text.partition("\x00")[0])
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and "\x00" not in word and word in self._trie

    def listed(self, words: Iterable[str]) -> set[str]:
        trie = self._trie
        # The NUL test after the lookup: it runs on the few words found.
        return {word for word in words if word in trie and "\x00" not in word}


def _merge(lists: Mapping[str, Sequence[str]]) -> dict[str, Entries]:
    """word -> entries over zxcvbn's lists, ranked as ``build_ranked_dict`` does."""
    merged: dict[str, Entries] = {}
    for name, words in lists.items():
        # A word listed twice keeps its last rank, as zxcvbn's dict comprehension does.
        ranked = {word: rank for rank, word in enumerate(words, 1)}
        for word, rank in ranked.items():
            merged[word] = (*merged.get(word, ()), (name, rank))
    return merged


def runtime_index() -> RankedIndex:
    """The index over the installed zxcvbn's own ranked dicts (imports zxcvbn).

    zxcvbn builds them at import and only ever replaces its
    ``"user_inputs"`` entry, so the six frequency dicts are stable.
    """
    from zxcvbn import matching
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    ranked = [(name, matching.RANKED_DICTIONARIES[name]) for name in FREQUENCY_LISTS]
    found = shipped()
    # The longest word: recorded in the shipped data (measuring costs ~5 ms).
    if found is not None:
        return _ZxcvbnDicts(ranked, found.words.longest, found.edges)
    longest = max(max(map(len, words), default=1) for _, words in ranked)
    return _ZxcvbnDicts(ranked, longest)


#: zxcvbn's files the shipped data is read from (the lists, the tables).
SOURCES: Final = ("frequency_lists.py", "matching.py", "scoring.py", "adjacency_graphs.py")


def _source_files() -> dict[str, Path] | None:
    """The installed zxcvbn's files of :data:`SOURCES`, or None if one is missing."""
    # find_spec of a top-level package does not import it.
    spec = find_spec("zxcvbn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = next(iter(spec.submodule_search_locations))
    files = {name: Path(folder, name) for name in SOURCES}
    return files if all(path.is_file() for path in files.values()) else None


def source_fingerprint(data: bytes) -> dict[str, int]:
    """What identifies one of zxcvbn's files: its size and CRC-32."""
    return {"size": len(data), "crc32": zlib.crc32(data)}


def _data_folder() -> Any:
    from importlib import resources

    return resources.files(__package__ or "credguard").joinpath("data")


class Shipped(NamedTuple):
    """The shipped data: the merged index and zxcvbn's small tables."""

    words: TrieIndex
    #: Every two characters whose second key neighbours the first on one of
    #: zxcvbn's keyboard graphs.
    adjacent: frozenset[str]
    #: l33t character -> the letters it may stand for, in zxcvbn's table order.
    l33t: Mapping[str, tuple[str, ...]]
    #: The least of zxcvbn's ``starting positions * average degree`` (rounded down).
    spatial_least: int
    #: zxcvbn's ``MIN_YEAR_SPACE``: the fewest guesses of a year.
    year_least: int
    #: zxcvbn's least guesses of a one-character and a longer submatch.
    single_least: int
    multi_least: int
    #: A plain marisa ``Trie`` of every listed word and, after
    #: :data:`REVERSED_MARK`, every word backwards: the words at either end
    #: of a text, forwards or backwards, are four ``prefixes`` calls (0.1 us
    #: each, against 2.5 us for the ``RecordTrie``'s, which decodes records).
    edges: Any
    #: Finds the first character of a text that :attr:`l33t` reads as a letter.
    l33t_char: re.Pattern[str]


def _open_shipped() -> Shipped | None:
    sources = _source_files()
    if sources is None:
        return None
    folder = _data_folder()
    meta = json.loads(folder.joinpath(f"{DATA_NAME}.json").read_text(encoding="utf-8"))
    found = {name: source_fingerprint(path.read_bytes()) for name, path in sources.items()}
    if meta["sources"] != found:
        return None
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    trie = marisa_trie.RecordTrie(_RECORD)
    resource = folder.joinpath(f"{DATA_NAME}.marisa")
    if isinstance(resource, Path):
        trie.mmap(str(resource))  # shared between processes by the page cache
    else:
        trie.frombytes(resource.read_bytes())  # inside a zip
    edges = marisa_trie.Trie()
    resource = folder.joinpath(EDGES_NAME)
    if isinstance(resource, Path):
        edges.mmap(str(resource))
    else:
        edges.frombytes(resource.read_bytes())
    tables = meta["tables"]
    l33t_char = re.compile("[" + "".join(map(re.escape, tables["l33t"])) + "]")
    return Shipped(
        TrieIndex(trie, meta["dictionaries"], meta["longest"]),
        frozenset(map("".join, zip(*[iter(tables["adjacent"])] * 2, strict=True))),
        MappingProxyType({key: tuple(letters) for key, letters in tables["l33t"].items()}),
        tables["spatial_least"],
        tables["year_least"],
        tables["single_least"],
        tables["multi_least"],
        edges,
        l33t_char,
    )


def shipped_index() -> RankedIndex | None:
    """The shipped trie, when it was built from the installed zxcvbn's files."""
    found = shipped()
    return None if found is None else found.words


_LOCK: Final = threading.Lock()
_SHIPPED: dict[str, Shipped | None] = {}


def shipped() -> Shipped | None:
    """The shipped data, opened by the first caller; None if zxcvbn differs."""
    return once(_SHIPPED, _LOCK, "shipped", lambda _: _open_shipped())


def _trie_bytes(lists: Mapping[str, Sequence[str]]) -> bytes:
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    numbers = {name: number for number, name in enumerate(lists)}
    records = sorted(
        (word, (numbers[name], rank))
        for word, entries in _merge(lists).items()
        for name, rank in entries
    )
    data: bytes = marisa_trie.RecordTrie(_RECORD, records).tobytes()
    return data


def _edges_bytes(lists: Mapping[str, Sequence[str]]) -> bytes:
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    words = {word for words in lists.values() for word in words}
    keys = sorted(words | {REVERSED_MARK + word[::-1] for word in words})
    data: bytes = marisa_trie.Trie(keys).tobytes()
    return data


def adjacent_pairs(graphs: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """Every two characters whose second key neighbours the first on one of
    zxcvbn's keyboard *graphs* (where its spatial matcher may go on)."""
    return frozenset(
        key + near
        for graph in graphs.values()
        for key, neighbours in graph.items()
        for keys in neighbours or ()
        if keys
        for near in keys
    )


def zxcvbn_tables() -> dict[str, Any]:
    """The small tables the edge bounds need, read from the installed zxcvbn."""
    from zxcvbn import matching, scoring

    adjacent = adjacent_pairs(matching.GRAPHS)
    l33t: dict[str, list[str]] = {}
    for letter, symbols in matching.L33T_TABLE.items():
        for symbol in symbols:
            l33t.setdefault(symbol, []).append(letter)
    least = min(
        scoring.KEYBOARD_STARTING_POSITIONS * scoring.KEYBOARD_AVERAGE_DEGREE,
        scoring.KEYPAD_STARTING_POSITIONS * scoring.KEYPAD_AVERAGE_DEGREE,
    )
    return {
        # The pairs written one after another (every key is one character).
        "adjacent": "".join(sorted(adjacent)),
        "l33t": l33t,
        "spatial_least": math.floor(least),
        "year_least": scoring.MIN_YEAR_SPACE,
        "single_least": scoring.MIN_SUBMATCH_GUESSES_SINGLE_CHAR,
        "multi_least": scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR,
    }


def build_files(
    lists: Mapping[str, Sequence[str]],
    sources: Mapping[str, bytes],
    version: str,
    tables: Mapping[str, Any],
) -> dict[str, bytes]:
    """The shipped files' contents for *lists* and *tables*, read from *sources*."""
    if any("\x00" in word or REVERSED_MARK in word for words in lists.values() for word in words):
        raise ValueError("a listed word contains NUL (marisa cannot store it) or the mark")
    meta = {
        "source": f"zxcvbn {version} (MIT licence)",
        "sources": {name: source_fingerprint(data) for name, data in sources.items()},
        "dictionaries": list(lists),
        "longest": max(len(word) for words in lists.values() for word in words),
        "tables": dict(tables),
    }
    return {
        f"{DATA_NAME}.marisa": _trie_bytes(lists),
        f"{DATA_NAME}.json": (json.dumps(meta, indent=1) + "\n").encode(),
        EDGES_NAME: _edges_bytes(lists),
    }


def build_from_installed() -> dict[str, bytes]:
    """The shipped files' contents, built from the installed zxcvbn."""
    from importlib.metadata import version

    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    sources = _source_files()
    if sources is None:
        raise LookupError("zxcvbn's source files were not found")
    data = {name: path.read_bytes() for name, path in sources.items()}
    return build_files(FREQUENCY_LISTS, data, version("zxcvbn"), zxcvbn_tables())


def main(argv: Iterable[str] | None = None) -> int:
    """Write the shipped files, built from the installed zxcvbn, to a folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m credguard._zxcvbn_index OUT_DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    for name, data in build_from_installed().items():
        (out / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
