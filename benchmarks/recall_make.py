"""The passwords the recall benchmark checks, generated from seeds.

* :func:`variants`: what people do to a password they already use when a
  composition rule refuses it (capitalise it, leet it, append ``1``, ``!``,
  ``123``, a year …).
* :func:`strong_passwords` and :func:`passphrases`: passwords no policy
  should refuse as guessable.
* :func:`profiles` and :func:`derived_passwords`: synthetic Japanese
  customers and the passwords they build from their own data.

Everything takes a seeded :class:`random.Random`, so a seed gives the same
passwords on every run.
"""

from __future__ import annotations

import datetime
import random
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "LEET",
    "SYMBOLS",
    "Derived",
    "Profile",
    "derived_passwords",
    "era_year",
    "load_names",
    "passphrases",
    "profiles",
    "strong_passwords",
    "variants",
]

#: The look-alikes people use, as issue 15 lists them.
LEET: Final = str.maketrans({"a": "@", "o": "0", "e": "3", "s": "$"})
SYMBOLS: Final = string.punctuation
_CLASSES: Final = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS)
_ALPHABET: Final = "".join(_CLASSES)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def variants(base: str, rng: random.Random) -> dict[str, str]:
    """Transformation name -> variant of *base*; variants equal to *base* or
    to an earlier variant are left out.  One year (1990–2026) is drawn per base."""
    year = str(rng.randint(1990, 2026))
    cap = _capitalised(base)
    cap_leet = cap.translate(LEET)
    made = {
        "capitalised": cap,
        "leet": base.translate(LEET),
        "+1": base + "1",
        "+!": base + "!",
        "+1!": base + "1!",
        "+123": base + "123",
        "+year": base + year,
        "+@": base + "@",
        "capitalised+1": cap + "1",
        "capitalised+1!": cap + "1!",
        "capitalised+year": cap + year,
        "capitalised+leet+1!": cap_leet + "1!",
        "capitalised+leet+year": cap_leet + year,
    }
    out: dict[str, str] = {}
    for name, variant in made.items():
        if variant != base and variant not in out.values():
            out[name] = variant
    return out


def strong_passwords(rng: random.Random, count: int) -> list[str]:
    """Random 10–16-character passwords with all four classes, no character twice."""
    out: list[str] = []
    while len(out) < count:
        candidate = rng.sample(_ALPHABET, rng.randint(10, 16))
        if all(set(candidate) & set(chars) for chars in _CLASSES):
            out.append("".join(candidate))
    return out


def passphrases(rng: random.Random, words: tuple[str, ...], count: int) -> list[str]:
    """Four random words joined by spaces or by hyphens (half each)."""
    return [(" " if i % 2 else "-").join(rng.choice(words) for _ in range(4)) for i in range(count)]


@dataclass(frozen=True)
class Profile:
    """A synthetic customer: the fields a brokerage holds."""

    surname: str
    surname_kanji: str
    given: str
    birthdate: datetime.date
    phone: str
    email: str


@dataclass(frozen=True)
class Derived:
    """A password derived from a profile, with the personal pieces it contains."""

    kind: str
    password: str
    pieces: tuple[str, ...]


def load_names(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(surname romaji, kanji) pairs and given names from credguard's ``names.txt``.

    The file holds romaji (and kanji for surnames), not kana: the profiles
    use the first (Hepburn) romanization of each name.
    """
    surnames: list[tuple[str, str]] = []
    given: list[str] = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "surnames":
            _, kanji, romaji = line.split("\t")
            surnames.append((romaji.split("|")[0], kanji))
        elif section.startswith("given_"):
            given.append(line.split("|")[0])
    return surnames, given


def era_year(day: datetime.date) -> str:
    """The Japanese era year people write: ``S60`` for 1985, ``H5`` for 1993."""
    if day < datetime.date(1989, 1, 8):
        return f"S{day.year - 1925}"
    if day < datetime.date(2019, 5, 1):
        return f"H{day.year - 1988}"
    return f"R{day.year - 2018}"


def profiles(
    rng: random.Random, surnames: list[tuple[str, str]], given: list[str], count: int
) -> list[Profile]:
    """*count* customers born 1950–2005 with 090/080/070 mobile numbers."""
    first, span = datetime.date(1950, 1, 1).toordinal(), 56 * 365
    out = []
    for _ in range(count):
        surname, kanji = rng.choice(surnames)
        name = rng.choice(given)
        born = datetime.date.fromordinal(first + rng.randrange(span))
        middle, last = rng.randint(1000, 9999), rng.randint(1000, 9999)
        phone = f"{rng.choice(('090', '080', '070'))}-{middle}-{last}"
        local = rng.choice(
            (
                f"{name}.{surname}",
                f"{surname}.{name}",
                f"{name[0]}{surname}",
                f"{name}{born.year % 100:02d}",
            )
        )
        out.append(Profile(surname, kanji, name, born, phone, f"{local}@example.jp"))
    return out


def _dress(rng: random.Random, *parts: str) -> str:
    """Join *parts* the way people do: capitalised first letter, maybe a separator or ``!``."""
    joined = rng.choice(("", "", "_", ".", "!")).join(parts)
    return _capitalised(joined) + rng.choice(("", "", "!"))


def derived_passwords(
    profile: Profile, rng: random.Random, neutral: tuple[str, ...]
) -> list[Derived]:
    """The passwords *profile*'s owner might pick: two personal pieces, and one
    personal piece beside a *neutral* word that shares nothing with the profile."""
    born, last4 = profile.birthdate, profile.phone[-4:]
    year, mmdd, era = str(born.year), f"{born.month:02d}{born.day:02d}", era_year(born)
    local = profile.email.split("@")[0]
    two = [
        ("surname+year", (profile.surname, year)),
        ("given+year", (profile.given, year)),
        ("given+mmdd", (profile.given, mmdd)),
        ("surname+phone4", (profile.surname, last4)),
        ("given+era", (profile.given, era)),
        ("email+yy", (local, year[2:])),
        ("surname+given", (profile.surname, profile.given)),
    ]
    personal = (profile.surname, profile.given, local)
    while True:  # a neutral word: no personal piece inside it, and inside none
        word = rng.choice(neutral)
        if len(word) >= 4 and not any(word in p or p in word for p in personal):
            break
    one = [
        ("surname+word", (profile.surname, word)),
        ("given+word", (profile.given, word)),
        ("word+mmdd", (word, mmdd)),
        ("word+year", (word, year)),
        ("word+phone4", (word, last4)),
    ]
    out = [Derived(f"two: {kind}", _dress(rng, *parts), parts) for kind, parts in two]
    out += [
        Derived(f"one+word: {kind}", _dress(rng, *parts), tuple(p for p in parts if p != word))
        for kind, parts in one
    ]
    return out
