"""Measure how often the ``keyboard`` rule refuses what is not a keyboard walk.

Two seeded, reproducible samples:

* random strong passwords: 10 to 16 characters drawn uniformly from
  printable ASCII (no space), with at least one uppercase letter, lowercase
  letter, digit and symbol.  Nobody typed them by walking a keyboard, so
  every refusal is a false refusal;
* English words: the words of at least 6 letters in zxcvbn's bundled
  ``english_wikipedia`` frequency list (``property``, ``report`` …).

Run from the repository root::

    python benchmarks/keyboard_false_refusals.py [--passwords 100000] [--seed 2026]

It prints both rates for the rule's defaults (``recommended``'s
``max_run = 3``), the refusals by layout, and a few refused words.  Results
are in docs/rules.md.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from credguard import Candidate, UserContext  # noqa: E402
from credguard.rules import KeyboardRule  # noqa: E402

ALPHABET = string.ascii_letters + string.digits + string.punctuation
_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits, string.punctuation)


def strong_passwords(count: int, seed: int) -> list[str]:
    """*count* random 10-16 character passwords holding all four classes."""
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        password = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(10, 16)))
        if all(any(char in group for char in password) for group in _CLASSES):
            found.append(password)
    return found


def english_words(min_length: int = 6) -> list[str]:
    """zxcvbn's English Wikipedia words of at least *min_length* letters."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return [w for w in FREQUENCY_LISTS["english_wikipedia"] if len(w) >= min_length and w.isalpha()]


def refusals(rule: KeyboardRule, passwords: list[str]) -> list[tuple[str, str]]:
    """(password, layout) for every password *rule* refuses."""
    context = UserContext()
    refused = []
    for password in passwords:
        for violation in rule.violations(Candidate(password), context):
            refused.append((password, str(violation.params["layout"])))
    return refused


def report(title: str, rule: KeyboardRule, passwords: list[str], show: int) -> None:
    refused = refusals(rule, passwords)
    rate = 100 * len(refused) / len(passwords)
    print(f"{title}: {len(refused)} of {len(passwords)} refused ({rate:.3f} %)")
    by_layout = Counter(layout for _, layout in refused)
    print("  by layout: " + ", ".join(f"{k} {v}" for k, v in by_layout.most_common()))
    if show:
        print("  e.g. " + ", ".join(p for p, _ in refused[:show]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passwords", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rule = KeyboardRule()
    report("random strong passwords", rule, strong_passwords(args.passwords, args.seed), 0)
    report("English words (>= 6 letters)", rule, english_words(), 25)


if __name__ == "__main__":
    main()
