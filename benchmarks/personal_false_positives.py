"""Measure the false-positive rate of the ``personal`` rule (seeded, reproducible).

A false positive here is a *random* strong password — 12 to 16 characters
drawn uniformly from printable ASCII, with at least one uppercase letter,
lowercase letter, digit and symbol — that the rule rejects for a random but
realistic account: a common Japanese surname and given name (from
``shared/research/names.txt``), a birthdate between 1930 and 2007, a mobile or
landline number written in a random common format, an email address, login
name, customer number, pet or team words, address numbers, postal code and
car number.  Such a password is not derived from the account, so every
rejection is a false positive.

Run from the repository root::

    python benchmarks/personal_false_positives.py [--pairs 10000] [--seed 2026]

It prints the rate for the default minimum token lengths and, to justify
them, for every field's minimum lowered to 3 and raised by one; then the
rate for human-style passwords (a common word that is not the person's, 4
random digits, a symbol), to size how often random digits coincide with a
person's own numbers.  Results are in docs/personal.md.
"""

from __future__ import annotations

import argparse
import datetime
import random
import string
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from credguard import Candidate, UserContext  # noqa: E402
from credguard.rules.personal import (  # noqa: E402
    DEFAULT_MIN_TOKEN_LENGTH,
    PERSONAL_FIELDS,
    PersonalDataRule,
)

SYMBOLS = string.punctuation
ALPHABET = string.ascii_letters + string.digits + SYMBOLS
FALLBACK_NAMES = {
    "surnames": [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("伊藤", "ito")],
    "given": ["hiroshi", "yuko", "shota", "sakura", "takahiro", "kazuo"],
    "words": ["sakura", "pochi", "giants", "doraemon", "tama"],
}


def load_names(path: Path | None) -> dict[str, list[object]]:
    """Surnames (kanji, romaji), given names and pet/team words from names.txt."""
    candidates = [path] if path else []
    candidates += [
        ROOT.parent / "shared" / "research" / "names.txt",
        ROOT.parent.parent / "shared" / "research" / "names.txt",
    ]
    for candidate in candidates:
        if candidate and candidate.is_file():
            break
    else:
        print("names.txt not found; using a small built-in sample", file=sys.stderr)
        return dict(FALLBACK_NAMES)  # type: ignore[arg-type]
    out: dict[str, list[object]] = {"surnames": [], "given": [], "words": []}
    section = ""
    for line in candidate.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section == "surnames":
            _, kanji, romaji = line.split("\t")
            out["surnames"].append((kanji, romaji.split("|")[0]))
        elif section.startswith("given"):
            out["given"].append(line)
        elif section == "observed_words":
            out["words"].append(line)
    return out


def random_password(rng: random.Random, shortest: int = 12, longest: int = 16) -> str:
    """12-16 characters, uniformly random, at least one of each class."""
    while True:
        length = rng.randint(shortest, longest)
        password = "".join(rng.choice(ALPHABET) for _ in range(length))
        if (
            any(c.isupper() for c in password)
            and any(c.islower() for c in password)
            and any(c.isdigit() for c in password)
            and any(c in SYMBOLS for c in password)
        ):
            return password


def random_phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        parts = [rng.choice(["090", "080", "070"]), f"{rng.randrange(10**4):04d}"]
    else:
        area = rng.choice(["03", "06", "045", "052", "092", "011", "0463"])
        parts = [area, f"{rng.randrange(10 ** (6 - len(area))):0{6 - len(area)}d}"]
    parts.append(f"{rng.randrange(10**4):04d}")
    style = rng.randrange(5)
    if style == 0:
        return "-".join(parts)
    if style == 1:
        return "".join(parts)
    if style == 2:
        return f"{parts[0]}({parts[1]}){parts[2]}"
    if style == 3:
        return "+81 " + " ".join([parts[0][1:], *parts[1:]])
    return "ー".join(parts).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def random_context(rng: random.Random, names: dict[str, list[object]]) -> UserContext:
    kanji, surname = rng.choice(names["surnames"])  # type: ignore[misc]
    given = str(rng.choice(names["given"]))
    birth = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(78 * 365))
    yy = f"{birth.year % 100:02d}"
    local = rng.choice([f"{given}.{surname}", f"{surname}_{given}{yy}", f"{given[0]}{surname}"])
    domain = rng.choice(["example.co.jp", "example.ne.jp", "example.com"])
    return UserContext(
        username=rng.choice([f"{surname}{rng.randrange(100)}", f"{given}_{surname[0]}"]),
        customer_number=f"{rng.randrange(1000):03d}-{rng.randrange(10**6):06d}",
        birthdate=birth,
        phone=random_phone(rng),
        email=f"{local}@{domain}",
        names=(f"{surname.capitalize()} {given.capitalize()}", str(kanji)),
        other_words=tuple(str(rng.choice(names["words"] + names["given"])) for _ in range(2)),
        address_numbers=(f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",),
        postal_code=f"{rng.randrange(1000):03d}-{rng.randrange(10**4):04d}",
        car_number=f"{rng.randrange(100):02d}-{rng.randrange(100):02d}",
    )


def word_password(rng: random.Random, names: dict[str, list[object]], context: UserContext) -> str:
    """A human-style password: a common word not from *context*, 4 random digits, a symbol."""
    own = {
        word.casefold() for item in (*context.names, *context.other_words) for word in item.split()
    }
    while True:
        word = str(rng.choice(names["words"] + names["given"]))
        if word not in own:
            return f"{word.capitalize()}{rng.randrange(10**4):04d}{rng.choice(SYMBOLS)}"


def report(label: str, rule: PersonalDataRule, pairs: list[tuple[Candidate, UserContext]]) -> None:
    per_field: Counter[str] = Counter()
    rejected = 0
    for candidate, context in pairs:
        codes = [v.code.split(".", 1)[1] for v in rule.check(candidate, context)]
        rejected += bool(codes)
        per_field.update(codes)
    fields = ", ".join(f"{k} {v}" for k, v in per_field.most_common()) or "none"
    print(f"| {label} | {rejected} | {100 * rejected / len(pairs):.3f} % | {fields} |")


def measure(pairs: int, seed: int, names: dict[str, list[object]]) -> None:
    rng = random.Random(seed)
    contexts = [random_context(rng, names) for _ in range(pairs)]
    strong = [Candidate.from_password(random_password(rng)) for _ in range(pairs)]
    words = [Candidate.from_password(word_password(rng, names, c)) for c in contexts]
    settings = {
        "defaults": PersonalDataRule(),
        "all minimums 3": PersonalDataRule(min_token_length=dict.fromkeys(PERSONAL_FIELDS, 3)),
        "defaults + 1": PersonalDataRule(
            min_token_length={k: v + 1 for k, v in DEFAULT_MIN_TOKEN_LENGTH.items()}
        ),
    }
    header = "| setting | rejected | rate | per field |\n|---|---|---|---|"
    print(f"{pairs} random strong passwords x random contexts, seed {seed}\n\n{header}")
    for label, rule in settings.items():
        report(label, rule, list(zip(strong, contexts, strict=True)))
    # Not false positives in the strict sense: 4 random digits that happen to
    # equal this person's MMDD, birth year or phone digits are what an
    # attacker who knows them tries.  Shown to size that coincidence.
    print(f"\n{pairs} word + 4 random digits + symbol (e.g. Sakura4821!), word not the person's")
    print(f"\n{header}")
    report("defaults", settings["defaults"], list(zip(words, contexts, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--names", type=Path, default=None, help="path to names.txt")
    args = parser.parse_args()
    measure(args.pairs, args.seed, load_names(args.names))


if __name__ == "__main__":
    main()
