"""Words typed with the keys of the JIS kana layout while the IME is off.

A Japanese keyboard prints a kana on every key (かな入力 layout).  Someone
who means to type さくら with kana input but has the IME off gets ``xho``;
the number row gives ぬふあうえお for ``123456``.  :func:`kana_key_runs`
maps the keys back to kana and spells them in romaji, so that the
blocklist can score ``xho2024!`` as it scores ``sakura2024!``.

Why not :mod:`credguard._personal.romaji`: it enumerates every spelling of
a name and costs tens of microseconds a word; here every accepted password
is read, so each key maps to its one Hepburn syllable with a table (the
voiced ``@`` and semi-voiced ``[`` marks rewrite the syllable before them).
The unshifted layout has no small kana, so there is nothing else to read.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["KANA_KEYS", "kana_key_runs"]

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
_RUN: Final = re.compile("[" + re.escape("".join(KANA_KEYS)) + "]{3,}")
_LETTER_RUN: Final = re.compile(
    "[" + re.escape("".join(key for key in KANA_KEYS if not key.isdigit())) + "]{3,}"
)


def _spell(keys: str) -> str:
    syllables: list[str] = []
    for key in keys:
        if key in "@[":
            if syllables:
                marks = _VOICED if key == "@" else _SEMI_VOICED
                syllables[-1] = marks.get(syllables[-1], syllables[-1])
        else:
            syllable = _ROMAJI[key]
            if syllable != "-":
                syllables.append(syllable)
    return "".join(syllables)


def kana_key_runs(folded: str) -> tuple[tuple[str, str], ...]:
    """``(reading, run)`` pairs: *folded* with one kind of key run spelled, and each run's romaji.

    Two readings: every run of three or more kana keys spelled, and only
    the runs without digits (``xho2024`` is さくら then a year).  Each
    comes with the romaji of its runs, joined by spaces, so that a caller
    can ask whether a run is a word before scoring the whole reading.
    """
    if not folded.isascii():
        return ()
    found: dict[str, str] = {}
    for pattern in (_RUN, _LETTER_RUN):
        runs = [_spell(match.group()) for match in pattern.finditer(folded)]
        if runs:
            reading = pattern.sub(lambda match: _spell(match.group()), folded)
            found.setdefault(reading, " ".join(runs))
    return tuple(found.items())
