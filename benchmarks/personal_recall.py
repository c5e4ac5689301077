"""How often moomoo's ``personal`` rule refuses passwords made from the account's data.

A development measurement (seeded, reproducible), not a test.  Each account
is a Japanese customer profile: a surname and given name in kana, a
birthdate between 1950 and 2005, a mobile number and an email address built
from the name.  Three sets of passwords are checked against it:

* **two pieces**: two personal pieces joined (``Yamada0723``, ``taro_S60``);
* **one piece**: one personal piece beside a neutral word, with the usual
  decorations (``Sakura_H5!``, ``Yamachan1!``, ``Ren1761!``);
* **random**: random strong passwords (10-16 characters, all four classes),
  where every refusal is a false positive.

The pieces are spelled by this script's own small romanizer (Hepburn,
Kunrei, IME ``nn``, long vowels written ``ou``/``oo``/``oh``/short), not by
the library's, so a spelling the library does not generate is a miss.

Run from the repository root::

    python benchmarks/personal_recall.py [--accounts 4000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from personal_false_positives import random_password  # noqa: E402

from credguard import Candidate, UserContext, load_policy  # noqa: E402
from credguard.rules.personal import PersonalDataRule  # noqa: E402

SURNAMES = [
    "さとう",
    "すずき",
    "たかはし",
    "たなか",
    "わたなべ",
    "いとう",
    "なかむら",
    "こばやし",
    "やまもと",
    "かとう",
    "よしだ",
    "やまだ",
    "ささき",
    "やまぐち",
    "まつもと",
    "いのうえ",
    "きむら",
    "しみず",
    "はやし",
    "さいとう",
    "やまざき",
    "もり",
    "いけだ",
    "はしもと",
    "あべ",
    "いしかわ",
    "おがわ",
    "おの",
    "おおの",
    "こんどう",
    "かんの",
    "ほんま",
    "しょうじ",
    "おおた",
    "ちば",
    "ふじた",
    "じんの",
]
GIVEN = [
    "たろう",
    "れん",
    "あい",
    "ゆうき",
    "しゅうじ",
    "さくら",
    "ひろし",
    "けん",
    "ゆい",
    "はると",
    "そうた",
    "りく",
    "ようこ",
    "けいこ",
    "じゅんいち",
    "しんいち",
    "みゆき",
    "まさる",
    "ゆうこ",
    "こうじ",
    "しょうた",
    "ちひろ",
    "あやか",
    "ゆか",
    "まい",
    "りょう",
    "だいすけ",
    "つばさ",
    "なな",
    "みき",
    "しんや",
    "けんた",
    "とおる",
    "ゆうた",
    "じゅん",
    "ふみこ",
    "ちえ",
]
NEUTRAL = [
    "hello",
    "love",
    "happy",
    "tokyo",
    "money",
    "kabu",
    "stock",
    "pass",
    "dragon",
    "summer",
    "blue",
    "neko",
    "inu",
    "nihon",
    "apple",
    "green",
    "star",
    "moon",
    "smile",
    "lucky",
    "house",
    "music",
    "dream",
    "coffee",
    "peace",
    "yes",
]
SUFFIXES = ("chan", "kun", "tan", "rin", "pon", "san", "sama", "tin", "cchi", "chin", "yan")

# Our own romanization table: kana -> (Hepburn, Kunrei) for the kana used above.
_TABLE = {
    **dict(zip("あいうえお", ["a", "i", "u", "e", "o"], strict=True)),
    **dict(zip("かきくけこ", ["ka", "ki", "ku", "ke", "ko"], strict=True)),
    **dict(zip("がぎぐげご", ["ga", "gi", "gu", "ge", "go"], strict=True)),
    **dict(zip("ざじずぜぞ", ["za", "ji/zi", "zu", "ze", "zo"], strict=True)),
    **dict(zip("さしすせそ", ["sa", "shi/si", "su", "se", "so"], strict=True)),
    **dict(zip("たちつてと", ["ta", "chi/ti", "tsu/tu", "te", "to"], strict=True)),
    **dict(zip("だでど", ["da", "de", "do"], strict=True)),
    **dict(zip("なにぬねの", ["na", "ni", "nu", "ne", "no"], strict=True)),
    **dict(zip("はひふへほ", ["ha", "hi", "fu/hu", "he", "ho"], strict=True)),
    **dict(zip("ばびぶべぼ", ["ba", "bi", "bu", "be", "bo"], strict=True)),
    **dict(zip("まみむめも", ["ma", "mi", "mu", "me", "mo"], strict=True)),
    **dict(
        zip(
            "やゆよらりるれろわ",
            ["ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa"],
            strict=True,
        )
    ),
    "しゅ": "shu/syu",
    "しょ": "sho/syo",
    "じゅ": "ju/zyu",
    "りょ": "ryo/ryo",
}


def _morae(kana: str) -> list[str]:
    out: list[str] = []
    for char in kana:
        if char in "ゃゅょ" and out:
            out[-1] += char
        else:
            out.append(char)
    return out


def romanize(kana: str, rng: random.Random) -> str:
    """One plausible typed spelling of *kana*: style, ん and long vowels chosen at random."""
    kunrei = rng.random() < 0.2
    long_style = rng.choice(("ou", "o", "oh", "oo"))
    morae = _morae(kana)
    out = ""
    for index, mora in enumerate(morae):
        following = morae[index + 1] if index + 1 < len(morae) else ""
        if mora == "ん":
            if (
                following[:1] in "ばびぶべぼまみむめもぱぴぷぺぽ"
                and following
                and rng.random() < 0.3
            ):
                out += "m"
            else:
                out += "nn" if rng.random() < 0.4 else "n"
            continue
        if mora in "うお" and out.endswith("o"):  # long o
            out += {"ou": "u", "o": "", "oh": "h", "oo": "o"}[long_style]
            continue
        if mora == "う" and out.endswith("u"):  # long u
            out += rng.choice(("u", ""))
            continue
        spellings = _TABLE[mora].split("/")
        out += spellings[-1] if kunrei else spellings[0]
    return out


def nickname(given: str, rng: random.Random) -> str:
    morae = _morae(given)
    head = "".join(morae[: rng.choice((1, 2))]) if len(morae) > 1 else given
    spelled = romanize(head, rng)
    if len(morae) > 1 and len(head) == 1 and rng.random() < 0.3:
        spelled += spelled[-1]  # "taachan"
    return spelled + rng.choice(SUFFIXES)


_ERAS = ((1989, "h", "heisei"), (1926, "s", "showa"))


def birth_pieces(day: datetime.date, rng: random.Random) -> str:
    era_start, letter, word = next(e for e in _ERAS if day.year >= e[0])
    if day.year == 1989 and day < datetime.date(1989, 1, 8):
        era_start, letter, word = _ERAS[1]
    year = day.year - era_start + 1
    m, d = day.month, day.day
    forms: list[Callable[[], str]] = [
        lambda: f"{day.year}",
        lambda: f"{day.year}{m:02d}{d:02d}",
        lambda: f"{day.year % 100:02d}{m:02d}{d:02d}",
        lambda: f"{m:02d}{d:02d}",
        lambda: f"{m}.{d}",
        lambda: f"{m}/{d}",
        lambda: f"{rng.choice((letter, letter.upper()))}{year}",
        lambda: f"{rng.choice((letter, letter.upper()))}{year:02d}",
        lambda: f"{word}{year}",
        lambda: f"{letter.upper()}{year}年{m}月{d}日",
    ]
    return rng.choice(forms)()


def profile(rng: random.Random) -> tuple[UserContext, dict[str, Callable[[], str]]]:
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
    day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(56 * 365))
    phone = (
        f"{rng.choice(('090', '080', '070'))}-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"
    )
    local = f"{romanize(given, rng)}.{romanize(surname, rng)}"
    context = UserContext(
        birthdate=day,
        phone=phone,
        email=f"{local}@example.ne.jp",
        names=(f"{surname} {given}",),
    )
    pieces: dict[str, Callable[[], str]] = {
        "surname": lambda: romanize(surname, rng),
        "given": lambda: romanize(given, rng),
        "nickname": lambda: nickname(rng.choice((given, given, surname)), rng),
        "birthdate": lambda: birth_pieces(day, rng),
        "phone": lambda: phone[-4:] if rng.random() < 0.7 else phone[4:8],
        "email": lambda: local.split(".")[0],
    }
    return context, pieces


def decorate(text: str, rng: random.Random) -> str:
    if rng.random() < 0.6:
        text = text[:1].upper() + text[1:]
    return text + rng.choice(("", "!", "1!", "#", f"{rng.randrange(10**4):04d}!"))


def joined(a: str, b: str, rng: random.Random) -> str:
    return a + rng.choice(("", "", "_", "-", ".", "@", "#")) + b


def refused(rule: PersonalDataRule, password: str, context: UserContext) -> bool:
    return any(True for _ in rule.check(Candidate.from_password(password), context))


def measure(accounts: int, seed: int, show: int) -> None:
    rng = random.Random(seed)
    (rule,) = (r for r in load_policy("moomoo").rules if isinstance(r, PersonalDataRule))
    results: dict[str, list[bool]] = {"two pieces": [], "one piece": [], "random": []}
    misses: dict[str, Counter[str]] = {"two pieces": Counter(), "one piece": Counter()}
    examples: list[str] = []
    for _ in range(accounts):
        context, pieces = profile(rng)
        kinds = list(pieces)
        first, second = rng.sample(kinds, 2)
        two = decorate(joined(pieces[first](), pieces[second](), rng), rng)
        kind = rng.choice(kinds)
        piece, word = pieces[kind](), rng.choice(NEUTRAL)
        one = decorate(joined(*((piece, word) if rng.random() < 0.5 else (word, piece)), rng), rng)
        for label, password, what in (
            ("two pieces", two, f"{first}+{second}"),
            ("one piece", one, kind),
        ):
            ok = refused(rule, password, context)
            results[label].append(ok)
            if not ok:
                misses[label][what] += 1
                if len(examples) < show:
                    examples.append(f"{label}: {password!r} ({what}; names {context.names})")
        results["random"].append(refused(rule, random_password(rng, 10, 16), context))
    for label, outcome in results.items():
        rate = 100 * sum(outcome) / len(outcome)
        print(f"{label:11} refused {sum(outcome):5}/{len(outcome)} = {rate:6.2f} %")
    for label, counter in misses.items():
        print(f"misses ({label}):", dict(counter.most_common()))
    for line in examples:
        print("  ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--accounts", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    measure(args.accounts, args.seed, args.show)


if __name__ == "__main__":
    main()
