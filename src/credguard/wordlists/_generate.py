"""Regenerate the compressed word lists of this package.

Run ``python -m credguard.wordlists._generate`` from the source tree.  It
writes, next to this file:

``common.txt.gz``
    the ``passwords`` frequency list that ships inside the ``zxcvbn``
    package (30,000 passwords from public leaks; MIT licence, see
    ``README.md`` here), NFKC-normalized and case-folded;
``japanese.txt.gz``
    credguard's own list: ``sources/japanese.txt`` (words from published
    Japanese leak rankings, keyboard habits, romaji and kana words) plus
    every name of ``sources/names.txt`` with its romanization variants
    (Kunrei ``si``/``ti``/``tu``, ``jy`` wāpuro spellings, long vowels
    written ``ou``/``oh``/``oo``/``uu``, ``m``/``n`` before b, m, p).

Files are gzip with a zero timestamp, one word per line, sorted: the output
is byte-for-byte reproducible, and a test checks that the shipped files
match what this script produces.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

__all__ = [
    "ZXCVBN_VERSION",
    "build_common",
    "build_japanese",
    "encode",
    "main",
    "name_variants",
]

#: The zxcvbn release whose frequency list ``common.txt.gz`` was built from.
ZXCVBN_VERSION: Final = "4.5.0"

HERE: Final = Path(__file__).resolve().parent
SOURCES: Final = HERE / "sources"

# Shortest word kept: a rule never matches anything shorter than 3 characters.
_MIN_LENGTH: Final = 3

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


def _clean(words: Iterable[str]) -> list[str]:
    return sorted({w for w in words if len(w) >= _MIN_LENGTH and w.isprintable()})


def build_common() -> list[str]:
    """The common-password list, from the frequency lists inside zxcvbn."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return _clean(_normalize(word) for word in FREQUENCY_LISTS["passwords"])


def build_japanese(sources: Path = SOURCES) -> list[str]:
    """credguard's Japanese list: curated words and common names with variants."""
    curated = (_normalize(line) for _, line in _source_lines(sources / "japanese.txt"))
    return _clean([*curated, *_names(sources / "names.txt")])


def encode(words: Iterable[str]) -> bytes:
    """The reproducible compressed form of a list."""
    text = "".join(f"{word}\n" for word in words)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:  # pragma: no cover - a maintenance script
    from importlib.metadata import version

    if version("zxcvbn") != ZXCVBN_VERSION:
        print(f"note: zxcvbn {version('zxcvbn')} installed; update ZXCVBN_VERSION")
    for name, words in (("common", build_common()), ("japanese", build_japanese())):
        target = HERE / f"{name}.txt.gz"
        target.write_bytes(encode(words))
        print(f"{target.name}: {len(words)} words")


if __name__ == "__main__":  # pragma: no cover
    main()
