"""Words typed with the keys of the JIS kana layout while the IME is off.

A Japanese keyboard prints a kana on every key (かな入力 layout).  Someone
who means to type さくら with kana input but has the IME off gets ``xho``;
the number row gives ぬふあうえお for ``123456``.  :func:`kana_words`
finds the runs of kana keys that may be a word and spells them in romaji,
so that the blocklist can score ``xho2024!`` as it scores ``sakura2024!``.

Why not :mod:`credguard._personal.romaji`: it enumerates every spelling of
a name and costs tens of microseconds a word; here every accepted password
is read, so each key maps to its one Hepburn syllable with a table (the
voiced ``@`` and semi-voiced ``[`` marks rewrite the syllable before them).
The unshifted layout has no small kana, so there is nothing else to read.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["KANA_KEYS", "MIN_KANA", "kana_words"]

#: The unshifted JIS kana layout: ASCII key -> kana.  ``@`` and ``[`` are the
#: voiced and semi-voiced marks; the yen key (typed ``\\``) gives ``ー``.
KANA_KEYS: Final = {
    **dict(zip("1234567890-^\\", "ぬふあうえおやゆよわほへー", strict=True)),
    **dict(zip("qwertyuiop@[", "たていすかんなにらせ゛゜", strict=True)),
    **dict(zip("asdfghjkl;:]", "ちとしはきくまのりれけむ", strict=True)),
    **dict(zip("zxcvbnm,./", "つさそひこみもねるめ", strict=True)),
}
# The Hepburn syllable of each kana of the layout (ー is dropped).
_SYLLABLE: Final = dict(
    zip(
        "ぬふあうえおやゆよわほへーたていすかんなにらせちとしはきくまのりれけむつさそひこみもねるめ",
        [
            "nu",
            "fu",
            "a",
            "u",
            "e",
            "o",
            "ya",
            "yu",
            "yo",
            "wa",
            "ho",
            "he",
            "-",
            "ta",
            "te",
            "i",
            "su",
            "ka",
            "n",
            "na",
            "ni",
            "ra",
            "se",
            "chi",
            "to",
            "shi",
            "ha",
            "ki",
            "ku",
            "ma",
            "no",
            "ri",
            "re",
            "ke",
            "mu",
            "tsu",
            "sa",
            "so",
            "hi",
            "ko",
            "mi",
            "mo",
            "ne",
            "ru",
            "me",
        ],
        strict=True,
    )
)
_VOICED: Final = dict(
    pair.split(":")
    for pair in [
        "ka:ga",
        "ki:gi",
        "ku:gu",
        "ke:ge",
        "ko:go",
        "sa:za",
        "shi:ji",
        "su:zu",
        "se:ze",
        "so:zo",
        "ta:da",
        "chi:ji",
        "tsu:zu",
        "te:de",
        "to:do",
        "ha:ba",
        "hi:bi",
        "fu:bu",
        "he:be",
        "ho:bo",
        "u:vu",
    ]
)
_SEMI_VOICED: Final = {"ha": "pa", "hi": "pi", "fu": "pu", "he": "pe", "ho": "po"}
_ROMAJI: Final = {key: _SYLLABLE[kana] for key, kana in KANA_KEYS.items() if kana in _SYLLABLE}
# A run of the kana keys that are not digits (a digit run is a number far
# more often than kana: 1234 is not ぬふあう).
_LETTER_RUN: Final = re.compile(
    "[" + re.escape("".join(key for key in KANA_KEYS if not key.isdigit())) + "]{3,}"
)
# Keys that write no kana of their own: the two marks and the long vowel.
_NOT_KANA: Final = "@[\\"
#: Fewest kana a run must write to be read as a word.
MIN_KANA: Final = 3


# The spelling in C: each key becomes its syllable (``str.translate``), the
# marks stay and rewrite the syllable just before them (one ``re.sub``).  The
# mark's match starts at the last syllable: no syllable of a letter key ends
# in a consonant other than ``n``, and ``n`` + ``i`` (ん い) is ``ni``, which no
# mark changes either.  ``tests/wordlists/test_kana_keys.py`` checks it
# against the syllable-by-syllable definition.
_TO_SYLLABLES: Final = str.maketrans(
    {key: ("" if syllable == "-" else syllable) for key, syllable in _ROMAJI.items()}
)
_MARKED: Final = re.compile(
    "(" + "|".join(sorted(set(_SYLLABLE.values()) - {"-"}, key=len, reverse=True)) + ")?([@[]+)"
)


def _marked(match: re.Match[str]) -> str:
    # Each mark in turn rewrites the syllable (a mark with none before it is dropped).
    syllable = match.group(1) or ""
    for mark in match.group(2) if syllable else "":
        marks = _VOICED if mark == "@" else _SEMI_VOICED
        syllable = marks.get(syllable, syllable)
    return syllable


def _spell(keys: str) -> str:
    spelled = keys.translate(_TO_SYLLABLES)
    if "@" in spelled or "[" in spelled:
        spelled = _MARKED.sub(_marked, spelled)
    return spelled


# ASCII letters, deleted from a text's bytes to count them in C.
_ASCII_LETTERS: Final = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


def _letters(text: str) -> int:
    """How many letters ASCII *text* holds."""
    return len(text) - len(text.encode("ascii").translate(None, _ASCII_LETTERS))


def kana_words(folded: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, length, romaji)`` of the kana-key runs of *folded* that may be a word.

    A run counts when it writes at least :data:`MIN_KANA` kana and holds
    more than half of the password's letters: ``xho2024!`` is さくら and a
    year, but the ``dor`` of ``tr0ub4dor&3`` is a piece of an English word
    (it does not hold most of the letters).  The caller decides whether the
    romaji is a listed word.
    """
    if not folded.isascii():
        return ()
    found = []
    letters = -1
    for match in _LETTER_RUN.finditer(folded):
        keys = match.group()
        if letters < 0:
            letters = _letters(folded)
        # A run holds at most its length in letters: most are ruled out here.
        if 2 * len(keys) <= letters:
            continue
        if keys.isalpha():  # most runs: no mark, every key a letter, nothing to count
            kana = held = len(keys)
        else:
            kana, held = len(keys) - sum(map(keys.count, _NOT_KANA)), _letters(keys)
        if kana >= MIN_KANA and 2 * held > letters:
            found.append((match.start(), len(keys), _spell(keys)))
    return tuple(found)
