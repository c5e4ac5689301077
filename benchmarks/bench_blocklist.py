"""Blocklist scoring cost per password.

    python benchmarks/bench_blocklist.py [--size N] [--short-words N] [--likely-bits N]

Times ``BlocklistRule.violations`` (both bundled tries, plus 20 custom
words), with and without ``fuzzy``, and with ``short_words`` (3,000 by
default: the presets' value), and with ``short_words`` and ``likely_bits``
(90 by default: the presets' value; the character model), on the seeded benchmark corpus
(``benchmarks/corpus.py``: common passwords, their mutations, random
strings), on listed words with a year, on random 12-character passwords,
and on passwords at the input cap; also the one-off cost of opening the
tries and their screens, and the character model.  Each check is timed on the wall clock and on the
thread's CPU clock (``_common.timed_both``).
"""

from __future__ import annotations

import argparse
import random
import string
import time
import tracemalloc

import corpus
from _common import report, timed_both

from credguard import MAX_PASSWORD_LENGTH, Candidate, UserContext
from credguard.rules import BlocklistRule
from credguard.wordlists.markov import load_model
from credguard.wordlists.tries import TRIE_NAMES, load_trie

EMPTY = UserContext()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000, help="corpus size")
    parser.add_argument(
        "--short-words", type=int, default=3000, help="also time short_words = N (0: not)"
    )
    parser.add_argument(
        "--likely-bits", type=int, default=90, help="also time likely_bits = N (0: not)"
    )
    args = parser.parse_args()
    rng = random.Random(6)
    tracemalloc.start()
    started = time.perf_counter()
    tries = [load_trie(name) for name in TRIE_NAMES]
    load = time.perf_counter() - started
    loaded = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"first open of both tries and screens: {load * 1e3:.1f} ms, {loaded / 2**20:.1f} MiB")
    if args.likely_bits:
        tracemalloc.start()
        started = time.perf_counter()
        load_model()
        load = time.perf_counter() - started
        loaded = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(f"first open of the character model: {load * 1e3:.1f} ms, {loaded / 2**10:.0f} KiB")

    words = sorted(tries[0]._trie.keys())[::997]
    alphabet = string.ascii_letters + string.digits + "!@#$%"
    cases = {
        "corpus": corpus.generate(args.size),
        "listed+year": [
            rng.choice(words).capitalize() + str(rng.randint(1950, 2030)) for _ in range(5000)
        ],
        "random 12": ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(5000)],
        "cap": [
            "".join(rng.choice(alphabet) for _ in range(MAX_PASSWORD_LENGTH)) for _ in range(200)
        ],
    }
    custom = tuple(f"firm{i}" for i in range(20))
    rules = {
        f"fuzzy={fuzzy!s:<5}": BlocklistRule(words=custom, fuzzy=fuzzy) for fuzzy in (False, True)
    }
    if args.short_words:
        # recommended's and nist-800-63b's three-letter words (issue 15).
        rules[f"short={args.short_words}"] = BlocklistRule(
            words=custom, short_words=args.short_words
        )
    if args.short_words and args.likely_bits:
        # The same, with the character model's second chance (issue 15).
        rules[f"short={args.short_words} likely={args.likely_bits}"] = BlocklistRule(
            words=custom, short_words=args.short_words, likely_bits=args.likely_bits
        )
    for name, rule in rules.items():
        for label, passwords in cases.items():
            candidates = [Candidate.from_password(p) for p in passwords]
            # The leet views are shared with other rules in a policy: read them first.
            for candidate in candidates:
                _ = candidate.leet, candidate.leet_alt
            times = [timed_both(lambda c=c, r=rule: r.violations(c, EMPTY)) for c in candidates]
            report(f"{name} {label}", times)


if __name__ == "__main__":
    main()
