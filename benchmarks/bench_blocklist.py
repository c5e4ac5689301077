"""Blocklist lookup cost per password.

    python benchmarks/bench_blocklist.py

Times ``BlocklistRule.check`` (both bundled lists, plus 20 custom words)
with and without near-miss matching, on listed and unlisted passwords of
typical length and on passwords at the input cap; also the one-off cost of
reading the lists and of building the near-miss index.
"""

from __future__ import annotations

import random
import string
import time
import tracemalloc

from _common import report, timed_both

from credguard import MAX_PASSWORD_LENGTH, Candidate, UserContext
from credguard.rules import BlocklistRule
from credguard.wordlists import load_wordlist

EMPTY = UserContext()


def main() -> None:
    rng = random.Random(6)
    tracemalloc.start()
    started = time.perf_counter()
    lists = [load_wordlist(name) for name in ("common", "japanese")]
    load = time.perf_counter() - started
    loaded = tracemalloc.get_traced_memory()[0]
    print(f"first load of both lists: {load * 1e3:.1f} ms, {loaded / 2**20:.1f} MiB")
    started = time.perf_counter()
    for words in lists:
        words.near_miss("warmup", 6)
    index = time.perf_counter() - started
    indexed = tracemalloc.get_traced_memory()[0] - loaded
    tracemalloc.stop()
    print(f"near-miss index build: {index * 1e3:.1f} ms, {indexed / 2**20:.1f} MiB")

    common = sorted(lists[0].words)
    alphabet = string.ascii_letters + string.digits + "!@#$%"
    listed = [rng.choice(common).capitalize() + str(rng.randint(0, 2030)) for _ in range(20000)]
    unlisted = ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(20000)]
    capped = ["".join(rng.choice(alphabet) for _ in range(MAX_PASSWORD_LENGTH)) for _ in range(500)]
    custom = tuple(f"firm{i}" for i in range(20))
    for near_miss in (False, True):
        rule = BlocklistRule(words=custom, near_miss=near_miss)
        for label, corpus in (("listed+year", listed), ("unlisted 12", unlisted), ("cap", capped)):
            candidates = [Candidate.from_password(p) for p in corpus]
            times = [timed_both(lambda c=c, r=rule: list(r.check(c, EMPTY))) for c in candidates]
            report(f"near_miss={near_miss!s:<5} {label}", times)


if __name__ == "__main__":
    main()
