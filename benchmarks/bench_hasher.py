"""Hash and verify time per PasswordHasher profile.

    python benchmarks/bench_hasher.py [--rounds N] [--skip-high-memory]

Prints the median wall time of ``hash`` and ``verify`` for each named
profile (the 2 GiB RFC 9106 high-memory profile needs 2 GiB of free RAM;
skip it on small machines).  Results are recorded in docs/credentials.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import credguard


def _median_ms(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall time and median process CPU time, in milliseconds.

    CPU time is what one call costs on an idle core; wall time also shows
    how busy the machine was.
    """
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip-high-memory", action="store_true")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
    print(
        f"{'profile':<22} {'t':>2} {'m (MiB)':>8} {'p':>2} {'hash ms':>9} {'(cpu)':>7}"
        f" {'verify ms':>10} {'(cpu)':>7}"
    )
    for profile in credguard.PROFILES.values():
        if args.skip_high_memory and profile.memory_cost > 1024 * 1024:
            print(f"{profile.name:<22} skipped")
            continue
        hasher = credguard.PasswordHasher(profile)
        rounds = max(1, args.rounds if profile.memory_cost <= 256 * 1024 else args.rounds // 3)
        stored = hasher.hash("benchmark password")
        hash_ms, hash_cpu = _median_ms(partial(hasher.hash, "benchmark password"), rounds)
        verify_ms, verify_cpu = _median_ms(
            partial(hasher.verify, stored, "benchmark password"), rounds
        )
        print(
            f"{profile.name:<22} {profile.time_cost:>2} {profile.memory_cost // 1024:>8}"
            f" {profile.parallelism:>2} {hash_ms:>9.1f} {hash_cpu:>7.1f}"
            f" {verify_ms:>10.1f} {verify_cpu:>7.1f}"
        )


if __name__ == "__main__":
    main()
