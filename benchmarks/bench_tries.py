"""Cost of the bundled tries (``credguard.wordlists.tries``).

    python benchmarks/bench_tries.py

Prints the size of each ``.marisa`` file (what it adds to a wheel), the
time and resident memory of the first :func:`load_trie` in fresh
interpreters (median of 7; the imports it brings are timed apart, and the
memory is measured after the first lookup and again after touching every
key), and the median time of one membership test
(listed and unlisted keys) and of one ``contained`` scan of a 12-character
password.  Memory is read from ``/proc/self/status`` (Linux).
"""

from __future__ import annotations

import json
import random
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

from _common import summary

from credguard.wordlists.tries import TRIE_NAMES, load_trie

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "credguard" / "wordlists"

_FRESH = """
import json, sys, time
sys.path.insert(0, {src!r})
def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) / 1024
from credguard.wordlists.tries import load_trie
started = time.perf_counter()
import importlib.resources, marisa_trie  # what the first load imports
imports = time.perf_counter() - started
before = rss()
started = time.perf_counter()
trie = load_trie({name!r})
"x" in trie
loaded = time.perf_counter() - started
after = rss()
for key in trie._trie.iterkeys():
    pass
print(json.dumps({{"imports_ms": imports * 1e3, "load_ms": loaded * 1e3, "rss_mb": after - before,
                   "rss_all_touched_mb": rss() - before}}))
"""


def fresh(name: str) -> dict[str, float]:
    runs = []
    for _ in range(7):
        code = _FRESH.format(src=str(PACKAGE.parent.parent), name=name)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
        runs.append(json.loads(out.stdout))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def per_call(call, items) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    rng = random.Random(11)
    total = 0
    for name in TRIE_NAMES:
        size = (PACKAGE / f"{name}.marisa").stat().st_size
        total += size
        print(f"{name}.marisa: {size / 1e6:.2f} MB")
        print(f"  first load in a fresh process (median of 7): {fresh(name)}")
    print(f"all tries: {total / 1e6:.2f} MB")
    trie = load_trie("common")
    keys = [key for key in trie._trie.iterkeys() if rng.random() < 0.02][:20000]
    alphabet = string.ascii_lowercase + string.digits
    unlisted = ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(20000)]
    passwords = [rng.choice(keys) + str(rng.randint(0, 2030)) for _ in range(10000)]
    print(summary("member, listed key", per_call(trie.__contains__, keys)))
    print(summary("member, random 12 characters", per_call(trie.__contains__, unlisted)))
    print(summary("prefixes(text, 0), listed + year", per_call(trie.prefixes, passwords)))
    print(summary("contained(text, 4), random 12", per_call(trie.contained, unlisted)))


if __name__ == "__main__":
    main()
