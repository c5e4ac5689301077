"""History check time for N = 5 at the default profile: sequential vs parallel.

    python benchmarks/bench_history.py [--rounds N] [--generations N]

The worst case is a new password that matches none of the N stored hashes
(every hash must be verified).  ``workers=1`` is sequential; larger values
verify in a bounded thread pool (argon2-cffi releases the GIL); ``auto`` is
the default, one thread per available core.  A match in
the newest entry is the best case.  Results are recorded in
docs/credentials.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import credguard
from credguard._candidate import Candidate
from credguard.rules import HistoryRule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--generations", type=int, default=5)
    parser.add_argument(
        "--profile", default="rfc9106-low-memory", help="a PROFILES name or testing"
    )
    args = parser.parse_args()
    if args.profile == "testing":
        from credguard import testing

        hasher = testing.cheap_hasher()
    else:
        hasher = credguard.PasswordHasher(credguard.PROFILES[args.profile])
    n = args.generations
    history = tuple(hasher.hash(f"old password {i}") for i in range(n))
    context = credguard.UserContext(password_history=history)
    print(f"cores: {os.cpu_count()}  profile: {args.profile}  N = {n}")
    print(
        f"{'workers':>7} {'no match ms':>12} {'(cpu, all threads)':>19} {'newest matches ms':>18}"
    )
    choices: list[int | None] = [*sorted({1, 2, 4, min(n, 16)}), None]
    for workers in choices:
        rule = HistoryRule(generations=n, workers=workers, hasher=hasher)
        rows = []
        for password in ("a brand new password", "old password 0"):
            candidate = Candidate.from_password(password)
            walls, cpus = [], []
            for _ in range(args.rounds):
                wall, cpu = time.perf_counter(), time.process_time()
                list(rule.check(candidate, context))
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            rows += [statistics.median(walls), statistics.median(cpus)]
        label = "auto" if workers is None else str(workers)
        print(f"{label:>7} {rows[0]:>12.1f} {rows[1]:>19.1f} {rows[2]:>18.1f}")


if __name__ == "__main__":
    main()
