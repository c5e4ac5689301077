"""zxcvbn's ranked frequency dictionaries, merged into one index.

zxcvbn's dictionary matcher asks each of its six frequency lists whether a
substring is listed and at which rank.  :mod:`credguard._zxcvbn` asks one
merged index instead: word -> ((dictionary name, rank), ...), in zxcvbn's
dictionary order.  Building it from zxcvbn's lists costs about 50 ms of
CPU (94,000 words), which a short-lived process paid before its first
strength estimate; so it is built at build time and shipped as package
data: ``data/zxcvbn_ranked.marisa``, a marisa-trie ``RecordTrie`` (word ->
(dictionary number, rank) records) mapped into memory on first use, and
``data/zxcvbn_ranked.json``, what it was built from.  Rebuild both with::

    python -m credguard._zxcvbn_index src/credguard/data

The file is built from zxcvbn 4.5.0's ``frequency_lists.py`` (MIT licence;
``data/NOTICE``).  At run time :func:`shared_index` uses it only when the
installed zxcvbn's ``frequency_lists.py`` has the size and CRC-32 recorded
in the JSON file; otherwise (another zxcvbn release, or no source file) it
builds the index from the installed zxcvbn's lists as before, so the
estimate always follows the installed zxcvbn.  The tests check that the
shipped file is exactly what the installed zxcvbn's lists give.
"""

from __future__ import annotations

import json
import sys
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Final, Protocol

__all__ = [
    "DATA_NAME",
    "RankedIndex",
    "build_files",
    "runtime_index",
    "shared_index",
    "shipped_index",
    "source_fingerprint",
]

#: The shipped files' name, without the suffix, in the package's ``data`` folder.
DATA_NAME: Final = "zxcvbn_ranked"
# A record: dictionary number (zxcvbn's list order), rank (at most 30,000).
_RECORD: Final = "<BH"

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


class _MergedDict:
    """The index as a dict, built at run time from zxcvbn's own lists."""

    __slots__ = ("_merged", "longest")

    def __init__(self, merged: Mapping[str, Entries]) -> None:
        self._merged = merged
        self.longest = max(map(len, merged), default=1)

    def entries(self, word: str) -> Entries:
        return self._merged.get(word, ())

    def prefixes(self, text: str) -> list[str]:
        merged = self._merged
        heads = (text[:stop] for stop in range(1, min(len(text), self.longest) + 1))
        return [head for head in heads if head in merged]

    def __contains__(self, word: object) -> bool:
        return word in self._merged


class _MergedTrie:
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

    def prefixes(self, text: str) -> list[str]:
        found: list[str] = self._trie.prefixes(text.partition("\x00")[0])
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and "\x00" not in word and word in self._trie


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
    """The index built now from the installed zxcvbn's lists (about 50 ms)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return _MergedDict(_merge(FREQUENCY_LISTS))


def _frequency_lists_file() -> Path | None:
    # find_spec of a top-level package does not import it.
    spec = find_spec("zxcvbn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), "frequency_lists.py")
    return path if path.is_file() else None


def source_fingerprint(data: bytes) -> dict[str, int]:
    """What identifies a ``frequency_lists.py``: its size and CRC-32."""
    return {"size": len(data), "crc32": zlib.crc32(data)}


def _data_folder() -> Any:
    from importlib import resources

    return resources.files(__package__ or "credguard").joinpath("data")


def shipped_index() -> RankedIndex | None:
    """The shipped trie, when it was built from the installed zxcvbn's lists."""
    source = _frequency_lists_file()
    if source is None:
        return None
    folder = _data_folder()
    meta = json.loads(folder.joinpath(f"{DATA_NAME}.json").read_text(encoding="utf-8"))
    if meta["frequency_lists"] != source_fingerprint(source.read_bytes()):
        return None
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    trie = marisa_trie.RecordTrie(_RECORD)
    resource = folder.joinpath(f"{DATA_NAME}.marisa")
    if isinstance(resource, Path):
        trie.mmap(str(resource))  # shared between processes by the page cache
    else:
        trie.frombytes(resource.read_bytes())  # inside a zip
    return _MergedTrie(trie, meta["dictionaries"], meta["longest"])


_LOCK: Final = threading.Lock()
_SHARED: list[RankedIndex] = []


def shared_index() -> RankedIndex:
    """The merged index, opened (or built) by the first caller, never mutated."""
    if not _SHARED:
        with _LOCK:
            if not _SHARED:
                _SHARED.append(shipped_index() or runtime_index())
    return _SHARED[0]


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


def build_files(
    lists: Mapping[str, Sequence[str]], source: bytes, version: str
) -> dict[str, bytes]:
    """The shipped files' contents for *lists*, read from the file *source*."""
    if any("\x00" in word for words in lists.values() for word in words):
        raise ValueError("a listed word contains NUL, which marisa cannot store")
    meta = {
        "source": f"zxcvbn {version} (MIT licence), zxcvbn/frequency_lists.py",
        "frequency_lists": source_fingerprint(source),
        "dictionaries": list(lists),
        "longest": max(len(word) for words in lists.values() for word in words),
    }
    return {
        f"{DATA_NAME}.marisa": _trie_bytes(lists),
        f"{DATA_NAME}.json": (json.dumps(meta, indent=2) + "\n").encode(),
    }


def main(argv: Iterable[str] | None = None) -> int:
    """Write the shipped files, built from the installed zxcvbn, to a folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m credguard._zxcvbn_index OUT_DIR", file=sys.stderr)
        return 2
    source = _frequency_lists_file()
    if source is None:
        print("zxcvbn's frequency_lists.py was not found", file=sys.stderr)
        return 1
    from importlib.metadata import version

    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    out = Path(args[0])
    files = build_files(FREQUENCY_LISTS, source.read_bytes(), version("zxcvbn"))
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
