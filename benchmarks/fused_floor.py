#!/usr/bin/env python
"""How close to the hand-written check can moomoo's composition checks get?

A yardstick, not a checker: :func:`make_fused_moomoo` writes moomoo's five
composition checks (length 8-20, half-width characters without spaces, 3 of
4 classes, runs and repeated blocks, ascending or descending runs) as one
hand-fused function for ASCII input, in the style of ``baseline.py``: the
same C-level screens credguard's rules use, no ``Candidate``, no rule
objects, no ``Violation`` or ``CheckResult``, and only the names of the
screens that fired (a screen that fires is not even confirmed by the exact
scan).  Non-ASCII input is left out of the timing.  Whatever credguard does
on top of this is the price of rules as objects and explainable results;
this script measures that floor against the hand-written check on the
benchmark corpus.

    python benchmarks/fused_floor.py            # 100,000 candidates
    python benchmarks/fused_floor.py --size 20000

``docs/performance.md`` records the result.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from benchmarks import corpus, tools  # noqa: E402
from credguard._candidate import _ASCII_CLASS  # noqa: E402
from credguard.rules.sequence import RUNS_OF_THREE  # noqa: E402


def make_fused_moomoo() -> Callable[[str], list[str]]:
    """moomoo's composition screens as one function; ASCII input only."""
    four_classes = frozenset(b"ULDS")
    run_of_four = re.compile(r"(.)\1\1\1", re.DOTALL)
    square = re.compile(r"(.{2,12})\1", re.DOTALL)

    def check(password: str) -> list[str]:
        failed = []
        size = len(password)
        if not 8 <= size <= 20:
            failed.append("length")
        letters = password.encode("ascii").translate(_ASCII_CLASS)
        if b"W" in letters:
            failed.append("charset")
        if len(four_classes.intersection(letters)) < 3:
            failed.append("classes")
        folded = password.lower()
        repeats = size - len(set(folded))
        if repeats >= 3 and run_of_four.search(folded):
            failed.append("run")
        if repeats >= 4 and square.search(folded):
            failed.append("block")
        if size > 4 and not RUNS_OF_THREE.isdisjoint(zip(folded, folded[1:], folded[2:])):  # noqa: B905
            failed.append("sequence")
        return failed

    return check


def _per_check_us(check: Callable[[str], object], passwords: Sequence[str], repeats: int) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            for password in passwords:
                check(password)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best / len(passwords) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    passwords = [p for p in corpus.generate(args.size) if p.isascii()]
    fused = make_fused_moomoo()
    baseline = tools.build_baseline()
    rows = {
        "hand-written minimal check": baseline,
        "hand-fused moomoo composition screens": fused,
        "credguard, the hand-written check's rules": tools.build_same_checks(),
        "credguard composition rules (moomoo)": tools.build_composition(),
    }
    times = {label: _per_check_us(check, passwords, args.repeats) for label, check in rows.items()}
    floor = times["hand-written minimal check"]
    print(
        f"{len(passwords):,} ASCII candidates of {args.size:,};"
        f" CPU µs per check, best of {args.repeats}"
    )
    for label, micros in times.items():
        print(f"  {label:45s} {micros:6.2f} µs  {micros / floor:5.2f}x the hand-written check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
