"""Offline breach lookup on a generated HIBP-format file of 10 million lines.

    python benchmarks/bench_breach.py [--lines N] [--keep]

Writes a sorted ``SHA1HEX:COUNT`` file to /tmp (about 450 MB for 10 million
lines; never commit it), then times ``HashFile.count`` on hashes that are
present and absent, and ``BreachedRule.check`` end to end (SHA-1 of the
password included).  Memory is reported before opening, after opening, and
after all lookups, split into the process's own (anonymous) memory, which
stays flat, and file pages mapped in by the binary search (page cache,
shared and reclaimable; the kernel maps whole large folios, so each cold
probe can map up to a couple of MiB).
The file is sorted by construction (line i's hash lies in the i-th of N
equal slices of the hash space), so no sort is needed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import tempfile
import time
from pathlib import Path

from _common import memory_mib, summary, timed

from credguard import Candidate, UserContext
from credguard._breach import hash_hex
from credguard.rules import BreachedRule

SPACE = 1 << 160


def generate(path: Path, lines: int, rng: random.Random, planted: dict[int, str]) -> list[str]:
    """Write *lines* sorted hashes; line numbers in *planted* get those hashes."""
    step = SPACE // lines
    present: list[str] = []
    with path.open("w", encoding="ascii", newline="") as out:
        chunk: list[str] = []
        for i in range(lines):
            digest = planted.get(i) or f"{i * step + rng.randrange(step):040X}"
            chunk.append(f"{digest}:{rng.randint(1, 100000)}\r\n")
            if i % 997 == 0:
                present.append(digest)
            if len(chunk) >= 100_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return present


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rng = random.Random(10)
    # Plant real passwords at the line their hash would sort to.
    step = SPACE // args.lines
    planted = {int(hash_hex(p, "sha1"), 16) // step: hash_hex(p, "sha1") for p in ("password",)}
    path = Path(tempfile.gettempdir()) / f"credguard-bench-{args.lines}.txt"
    started = time.perf_counter()
    present = generate(path, args.lines, rng, planted)
    print(
        f"generated {args.lines:,} lines, {path.stat().st_size / 2**20:.0f} MiB"
        f" in {time.perf_counter() - started:.1f} s: {path}"
    )
    try:
        hits = rng.sample(present, min(50_000, len(present)))
        misses = [f"{rng.getrandbits(160):040X}" for _ in range(50_000)]
        passwords = ["password"] + [f"pw-{rng.getrandbits(64):x}" for _ in range(20_000)]
        candidates = [Candidate.from_password(p) for p in passwords]
        context = UserContext()
        hit_times = [0.0] * len(hits)
        miss_times = [0.0] * len(misses)
        rule_times = [0.0] * len(candidates)
        before = memory_mib()
        started = time.perf_counter()
        rule = BreachedRule(file=str(path))  # opens the file, samples its order
        print(f"open + sortedness sample: {(time.perf_counter() - started) * 1e3:.2f} ms")
        found = rule._file
        assert found is not None
        opened = memory_mib()
        for i, digest in enumerate(hits):
            hit_times[i] = timed(lambda d=digest: found.count(d))
        for i, digest in enumerate(misses):
            miss_times[i] = timed(lambda d=digest: found.count(d))
        assert list(rule.check(candidates[0], context)), "planted password not found"
        for i, candidate in enumerate(candidates):
            rule_times[i] = timed(lambda c=candidate: list(rule.check(c, context)))
        timed_done = memory_mib()
        # An untimed pass keeps nothing, so any growth here would be the lookup's.
        for digest in itertools.chain(misses, hits):
            found.count(digest)
        after = memory_mib()
        assert all(found.count(h) > 0 for h in hits[:1000])
        print(summary("HashFile.count, present", hit_times))
        print(summary("HashFile.count, absent", miss_times))
        print(summary("BreachedRule.check (sha1 + lookup)", rule_times))
        lookups = len(hits) + len(misses) + len(candidates)
        for label, memory in (
            ("before open", before),
            ("after open", opened),
            (f"after {lookups:,} timed lookups", timed_done),
            (f"after {len(misses) + len(hits):,} more lookups", after),
        ):
            print(f"memory {label:<30} " + ", ".join(f"{k} {v:.1f} MiB" for k, v in memory.items()))
    finally:
        if not args.keep:
            os.unlink(path)


if __name__ == "__main__":
    main()
