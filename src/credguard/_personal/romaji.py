"""Romanization variants of a Japanese reading, for the ``personal.*`` rules.

One reading is written many ways in Latin letters: 翔太 is ``shota`` on a
passport, ``shouta`` when typed with an IME, ``syota`` in Kunrei-shiki and
``shohta`` with the "oh" spelling passports allow on request.  A password
checker that knows only one spelling misses the others, so this module turns
a reading — given in kana or in any of those romaji spellings — into the
spellings people actually use.

Model.  A reading is parsed into *units*: a syllable (``し``), a long-vowel
mark (``う`` after an o-syllable, ``ー``), the moraic nasal ``ん`` or the
geminate ``っ``.  Each unit offers a tuple of spellings, the modern Hepburn
one first, and carries a *feature key*: units with the same key take the
same choice (one person writes every し the same way), while each long vowel
is its own feature (``ようこ`` may be ``youko`` or ``yoko``).  Variants are
enumerated by the number of features that deviate from the first spelling —
all-Hepburn first, then every single deviation, then pairs … — and stop at
``limit`` distinct results, so the most common spellings always come first
and the cost is bounded whatever the input.

Romaji input is first read back into kana (Hepburn, Kunrei, passport and IME
spellings are all understood; ``oh`` and macrons mark long vowels), then
expanded the same way.  Because passports drop long vowels, an ``o`` or a
``yu`` read from romaji may also have been long (``sato`` → ``satou``,
``satoh``); those optional long vowels are generated too.

The tables are our own, written from the Hepburn and Kunrei charts and the
passport rules summarized in ``docs/personal.md``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, NamedTuple

from .kana import CHOON, is_kana, to_hiragana, to_katakana

__all__ = [
    "MAX_VARIANTS",
    "Unit",
    "is_kana",
    "kana_variants",
    "nickname_stems",
    "romaji_variants",
    "spell",
    "spelling_units",
    "to_hiragana",
    "to_katakana",
]

#: Default bound on the variants generated for one word.
MAX_VARIANTS: Final = 64
# Bound on the combinations looked at, whatever the number of features.
_MAX_COMBINATIONS: Final = 4096
# Words longer than this (in kana) are not expanded: no name is that long.
_MAX_KANA: Final = 24

_VOWELS: Final = "aiueo"

# Syllables: kana -> spellings, modern Hepburn first, then Kunrei / Nihon-shiki,
# then common IME (wāpuro) spellings.
_SYLLABLES: dict[str, tuple[str, ...]] = {}


def _row(kana: str, *spellings: str | tuple[str, ...]) -> None:
    for char, spelling in zip(kana, spellings, strict=True):
        _SYLLABLES[char] = (spelling,) if isinstance(spelling, str) else spelling


_row("あいうえお", "a", "i", "u", "e", "o")
_row("かきくけこ", "ka", "ki", "ku", "ke", "ko")
_row("がぎぐげご", "ga", "gi", "gu", "ge", "go")
_row("さしすせそ", "sa", ("shi", "si"), "su", "se", "so")
_row("ざじずぜぞ", "za", ("ji", "zi"), "zu", "ze", "zo")
_row("たちつてと", "ta", ("chi", "ti"), ("tsu", "tu"), "te", "to")
_row("だぢづでど", "da", ("ji", "zi", "di"), ("zu", "du"), "de", "do")
_row("なにぬねの", "na", "ni", "nu", "ne", "no")
_row("はひふへほ", "ha", "hi", ("fu", "hu"), "he", "ho")
_row("ばびぶべぼ", "ba", "bi", "bu", "be", "bo")
_row("ぱぴぷぺぽ", "pa", "pi", "pu", "pe", "po")
_row("まみむめも", "ma", "mi", "mu", "me", "mo")
_row("やゆよ", "ya", "yu", "yo")
_row("らりるれろ", "ra", "ri", "ru", "re", "ro")
_row("わゐゑを", "wa", ("i", "wi"), ("e", "we"), ("o", "wo"))
_row("ゔ", ("vu", "bu"))

# Contracted syllables (拗音): i-row kana + small ゃゅょ.  The stems list the
# spellings of the consonant part, Hepburn first.
_STEMS: Final[Mapping[str, tuple[str, ...]]] = {
    "き": ("ky",),
    "ぎ": ("gy",),
    "し": ("sh", "sy"),
    "じ": ("j", "zy", "jy"),
    "ち": ("ch", "ty", "cy"),
    "ぢ": ("j", "zy", "dy"),
    "に": ("ny",),
    "ひ": ("hy",),
    "び": ("by",),
    "ぴ": ("py",),
    "み": ("my",),
    "り": ("ry",),
}
for _stem, _spellings in _STEMS.items():
    for _small, _vowel in zip("ゃゅょ", "auo", strict=True):
        _SYLLABLES[_stem + _small] = tuple(s + _vowel for s in _spellings)
# Loanword syllables with a small vowel.
_SYLLABLES.update(
    {
        "しぇ": ("she", "sye"),
        "じぇ": ("je", "zye", "jye"),
        "ちぇ": ("che", "tye", "cye"),
        "てぃ": ("ti", "thi"),
        "でぃ": ("di", "dhi"),
        "ふぁ": ("fa",),
        "ふぃ": ("fi",),
        "ふぇ": ("fe",),
        "ふぉ": ("fo",),
        "うぃ": ("wi",),
        "うぇ": ("we",),
        "うぉ": ("wo",),
        "ゔぁ": ("va",),
        "ゔぃ": ("vi",),
        "ゔぇ": ("ve",),
        "ゔぉ": ("vo",),
    }
)
SYLLABLES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(_SYLLABLES)

_SMALL_Y: Final = "ゃゅょ"
_SMALL_VOWELS: Final = "ぁぃぅぇぉ"
_SOKUON: Final = "っ"
_N: Final = "ん"
_CHOON: Final = CHOON
_LONG_O_FOLLOWERS: Final = "うお"
_LABIALS: Final = frozenset("ばびぶべぼぱぴぷぺぽまみむめも")
_VOWEL_OR_Y: Final = frozenset("あいうえおやゆよ")

# Romaji -> kana, built from the table above (first spelling registered wins,
# so "ji" reads as じ, not ぢ), plus IME-only spellings.
_FROM_ROMAJI: dict[str, str] = {}
for _kana, _spellings in _SYLLABLES.items():
    for _spelling in _spellings:
        _FROM_ROMAJI.setdefault(_spelling, _kana)
_FROM_ROMAJI.update({"xtu": _SOKUON, "ltu": _SOKUON, "xtsu": _SOKUON, "ltsu": _SOKUON})
_ROMAJI_KEY_LENGTHS: Final = tuple(sorted({len(k) for k in _FROM_ROMAJI}, reverse=True))

# Latin vowels with a macron or circumflex mark a long vowel.
_MARKED_VOWELS: Final[Mapping[str, str]] = MappingProxyType(
    {"ā": "aa", "â": "aa", "ī": "ii", "î": "ii", "ū": "uu", "û": "uu", "ē": "ee", "ê": "ee"}
    | {"ō": "ou", "ô": "ou"}
)


class Unit(NamedTuple):
    """One place in a reading: the spellings it may take and its feature key."""

    kind: str  # "syllable", "long", "n", "sokuon"
    options: tuple[str, ...]
    key: str


def _parse_kana(kana: str) -> list[Unit] | None:
    """Units of a hiragana reading, or None if it holds something we cannot read."""
    units: list[Unit] = []
    index = 0
    while index < len(kana):
        char = kana[index]
        pair = kana[index : index + 2]
        if len(pair) == 2 and pair[1] in _SMALL_Y + _SMALL_VOWELS and pair in SYLLABLES:
            units.append(Unit("syllable", SYLLABLES[pair], pair))
            index += 2
            continue
        if char in SYLLABLES:
            units.append(Unit("syllable", SYLLABLES[char], char))
        elif char == _SOKUON:
            units.append(Unit("sokuon", ("t", "c"), "sokuon"))
        elif char == _N:
            following = kana[index + 1 : index + 2]
            # An IME takes "nn" for ん anywhere ("kannno", "konndou", "kenn").
            if following in _LABIALS:
                units.append(Unit("n", ("n", "m", "nn"), "n-labial"))
            elif not following or following in _VOWEL_OR_Y:
                units.append(Unit("n", ("n", "nn"), "n-open"))
            else:
                units.append(Unit("n", ("n", "nn"), "n"))
        elif char == _CHOON or char in _SMALL_VOWELS:
            if not units or units[-1].kind != "syllable":
                return None
            vowel = units[-1].options[0][-1]
            units.append(_long(vowel, char, len(units)))
        else:
            return None
        index += 1
    return _mark_long_vowels(units)


def _long(vowel: str, mark: str, position: int) -> Unit:
    """A long-vowel unit after a syllable ending in *vowel*; options are suffixes."""
    key = f"long{position}"
    if vowel == "o":
        # おう / おお / ー: ou (IME), o (passport), oh (passport on request), oo.
        first = "o" if mark == "お" else "u"
        rest = tuple(s for s in ("u", "", "h", "o") if s != first)
        return Unit("long", (first, *rest), key)
    if vowel == "u":
        return Unit("long", ("u", ""), key)
    return Unit("long", (vowel, ""), key)


def _mark_long_vowels(units: list[Unit]) -> list[Unit]:
    """Turn う / お after an o-syllable, and う after a u-syllable, into long marks."""
    out: list[Unit] = []
    for unit in units:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == "syllable"
            and unit.kind == "syllable"
            and unit.key in _LONG_O_FOLLOWERS
        ):
            vowel = previous.options[0][-1]
            if vowel == "o" or (vowel == "u" and unit.key == "う"):
                out.append(_long(vowel, unit.key, len(out)))
                continue
        out.append(unit)
    return out


def _assemble(units: list[Unit], choice: Mapping[str, int]) -> str:
    return spell(units, [unit.options[choice.get(unit.key, 0)] for unit in units])


def spell(units: Sequence[Unit], chosen: list[str]) -> str:
    """The spelling of *units* with one option *chosen* per unit (a list it rewrites)."""
    # っ doubles the next consonant; before "ch" it is "t" (Hepburn) or "c" (IME).
    for index in range(len(units) - 1, -1, -1):
        if units[index].kind != "sokuon":
            continue
        following = chosen[index + 1] if index + 1 < len(chosen) else ""
        if following.startswith("ch"):
            continue  # keeps the chosen "t" / "c"
        chosen[index] = following[:1] if following[:1] not in ("", *_VOWELS) else ""
    return "".join(chosen)


def _enumerate(units: list[Unit], limit: int) -> list[str]:
    """Distinct spellings, fewest deviations from Hepburn first, at most *limit*."""
    keys: dict[str, int] = {}
    for unit in units:
        if len(unit.options) > 1:
            keys.setdefault(unit.key, len(unit.options))
    names = list(keys)
    out: dict[str, None] = {}
    looked = 0
    for depth in range(len(names) + 1):
        for combo in itertools.combinations(names, depth):
            ranges = [range(1, keys[name]) for name in combo]
            for picks in itertools.product(*ranges):
                looked += 1
                out.setdefault(_assemble(units, dict(zip(combo, picks, strict=True))))
                if len(out) >= limit or looked >= _MAX_COMBINATIONS:
                    return list(out)
    return list(out)


def kana_variants(kana: str, *, limit: int = MAX_VARIANTS) -> tuple[str, ...]:
    """Romaji spellings of a kana reading (hiragana or katakana), Hepburn first.

    Returns ``()`` when *kana* holds characters that are not kana.

    >>> kana_variants("しょうた")[:4]
    ('shouta', 'syouta', 'shota', 'shohta')
    """
    text = to_hiragana(unicodedata.normalize("NFKC", kana))
    if not text or len(text) > _MAX_KANA:
        return ()
    units = _parse_kana(text)
    if units is None:
        return ()
    return tuple(_enumerate(units, limit))


def _romaji_to_kana(word: str) -> tuple[str, frozenset[int]] | None:
    """Read a romaji word back into hiragana.

    Returns the kana and the indexes of syllables that may have been long
    vowels written short (passport style), or None if *word* is not romaji.
    """
    text = "".join(_MARKED_VOWELS.get(c, c) for c in word.lower())
    kana = ""
    maybe_long: set[int] = set()
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1 : index + 2]
        step, piece = _romaji_step(text, index, char, following, kana)
        if piece is None:
            return None
        kana += piece
        # o, yu and a contracted u (しゅ, きゅ: "shuji") may be long vowels
        # written short; a plain u (く, す) rarely is, so it is left alone.
        if text[index : index + step].endswith("o") or piece.endswith(("ゆ", "ゅ")):
            maybe_long.add(len(kana) - 1)
        index += step
    # A syllable already followed by its long vowel is not "maybe long".
    explicit = {i for i in maybe_long if kana[i + 1 : i + 2] in ("う", "お")}
    return kana, frozenset(maybe_long - explicit)


def _romaji_step(
    text: str, index: int, char: str, following: str, kana: str
) -> tuple[int, str | None]:
    """How many letters the next kana takes, and that kana (None: not romaji)."""
    if char == "'":
        return 1, ""
    if char == "n" and following == "'":
        return 2, _N  # Hepburn "shin'ya"
    after = text[index + 2 : index + 3]
    if char == "n" and following == "n" and after not in (*_VOWELS, "y"):
        return 2, _N  # IME "nn"
    if char == "n" and following not in (*_VOWELS, "y"):
        return 1, _N
    if char == "m" and following in ("b", "m", "p"):
        return 1, _N  # passport "homma", "namba"
    if char == "h" and kana and text[index - 1] == "o" and following not in (*_VOWELS, "y"):
        return 1, "う"  # "oh" marks a long o: "kohno", "satoh"
    if char not in _VOWELS and (following == char or (char == "t" and following == "c")):
        return 1, _SOKUON  # doubled consonant; "tch" as in "hotchi"
    for size in _ROMAJI_KEY_LENGTHS:
        piece = text[index : index + size]
        if len(piece) == size and piece in _FROM_ROMAJI:
            return size, _FROM_ROMAJI[piece]
    return 1, None


def _with_optional_long(units: list[Unit], kana_positions: frozenset[int]) -> list[Unit]:
    """Insert an optional long vowel after the units read from *kana_positions*."""
    out: list[Unit] = []
    position = 0
    for unit in units:
        out.append(unit)
        span = len(unit.key) if unit.kind == "syllable" else 1
        position += span
        if unit.kind == "syllable" and position - 1 in kana_positions:
            vowel = unit.options[0][-1]
            options = ("", "u", "h", "o") if vowel == "o" else ("", "u")
            out.append(Unit("long", options, f"maybe{position}"))
    return out


def romaji_variants(word: str, *, limit: int = MAX_VARIANTS) -> tuple[str, ...]:
    """Other spellings of a romaji word, the word itself first.

    Returns ``()`` when *word* cannot be read as Japanese romaji
    (``"smith"``, ``"giants"``): such a word has no other spellings.

    >>> romaji_variants("shota")[:4]
    ('shota', 'syota', 'shouta', 'shohta')
    """
    if not word or len(word) > 3 * _MAX_KANA:
        return ()
    read = _romaji_to_kana(word)
    if read is None:
        return ()
    kana, maybe_long = read
    units = _parse_kana(kana)
    if units is None:  # pragma: no cover - the reader only produces known kana
        return ()
    units = _with_optional_long(units, maybe_long)
    folded = "".join(_MARKED_VOWELS.get(c, c) for c in word.lower())
    plain = "".join(c for c in unicodedata.normalize("NFD", folded) if c.isascii())
    variants = dict.fromkeys([plain.replace("'", ""), *_enumerate(units, limit)])
    return tuple(itertools.islice(variants, limit))


# Spellings kept per nickname stem: the stems are short, few differ.
_STEM_VARIANTS: Final = 4


def nickname_stems(word: str) -> tuple[str, ...]:
    """Romaji stems a nickname is made from: the first one or two morae.

    ``たろう`` → ``ta``, ``taa`` (``taachan``), ``taro``; ``Yamada`` →
    ``ya``, ``yaa``, ``yama``; ``れん`` → ``re``, ``ree``, ``ren``.  The
    caller adds the suffixes (``chan``, ``kun`` …).  Returns ``()`` when
    *word* is neither kana nor romaji.
    """
    text = unicodedata.normalize("NFKC", word)
    if is_kana(text):
        kana = to_hiragana(text)
    else:
        read = _romaji_to_kana(text) if text.isascii() and text.isalpha() else None
        if read is None:
            return ()
        kana = read[0]
    morae: list[str] = []
    for char in kana[:_MAX_KANA]:
        if char in _SMALL_Y + _SMALL_VOWELS and morae:
            morae[-1] += char
        else:
            morae.append(char)
    if not morae or morae[0] in (_N, _SOKUON, _CHOON):
        return ()
    heads = [morae[0], morae[0] + _CHOON, "".join(morae[:2])]
    out: dict[str, None] = {}
    for head in heads:
        out.update(dict.fromkeys(kana_variants(head, limit=_STEM_VARIANTS)))
    return tuple(out)


def spelling_units(word: str) -> tuple[list[Unit], str] | None:
    """The units every romaji spelling of *word* is made of, and the word as written.

    *word* is kana (written: ``""``) or a case-folded ASCII word; the units
    are those :func:`kana_variants` or :func:`romaji_variants` enumerate
    (optional long vowels included).  ``([], "")`` for a word they make no
    spelling of (too long, not readable as kana); ``None`` for an ASCII
    word that is not romaji (its only spelling is itself).
    """
    text = unicodedata.normalize("NFKC", word)
    if is_kana(text):
        kana, maybe_long, written = to_hiragana(text), frozenset[int](), ""
        if len(kana) > _MAX_KANA:
            return [], ""
    else:
        read = _romaji_to_kana(word) if len(word) <= 3 * _MAX_KANA else None
        if read is None:
            return None
        (kana, maybe_long), written = read, word
    units = _parse_kana(kana)
    if units is None:
        return [], written
    return _with_optional_long(units, maybe_long), written
