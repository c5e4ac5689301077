"""Benchmark: ``credguard check --jobs 1`` against ``--jobs N`` on realistic lists.

Two inputs of ``--lines`` lines, built from the seeded benchmark corpus
(``benchmarks/corpus.py``): ``zipf``, a leaked-list-like file in which the
line of rank *r* among distinct candidates is drawn with probability
proportional to ``1 / r`` (real lists repeat heavily: a few passwords are
most of the lines), and ``distinct``, the same number of lines with no
repetition.  Each (policy, input, jobs) command runs ``--repeat`` times,
interleaved so that load from other processes falls on all alike; the
report gives the median wall time, the children's CPU time and the ratio
``--jobs N`` / ``--jobs 1``.

    python benchmarks/cli_jobs.py --lines 200000 --policy moomoo recommended jsda-2025
    python benchmarks/cli_jobs.py --tree ../base-checkout    # another checkout's src, same inputs

Run from the repository root; each tree's ``src`` is put on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

ROOT = Path(__file__).resolve().parent.parent
SEED = 20_261_204


def distinct_lines(count: int) -> list[str]:
    """*count* different candidates from the corpus (numbered copies past its end)."""
    seen: dict[str, None] = {}
    for password in corpus.generate(max(count, 1000)):
        if "\n" not in password and "\r" not in password:
            seen.setdefault(password)
    out = list(seen)[:count]
    base = len(out)
    for i in itertools.count():
        if len(out) >= count:
            break
        out.append(f"{out[i % base]}{i}")
    return out


def zipf_lines(count: int, pool: list[str], exponent: float = 1.0) -> list[str]:
    """*count* lines drawn from *pool* with weight ``1 / rank ** exponent``."""
    rng = random.Random(SEED)
    weights = list(itertools.accumulate(1 / (r**exponent) for r in range(1, len(pool) + 1)))
    return rng.choices(pool, cum_weights=weights, k=count)


def write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def run(tree: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (this child and its workers) of one command."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "credguard", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"the run failed: {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--policy", nargs="+", default=["moomoo", "recommended", "jsda-2025"])
    parser.add_argument(
        "--input", nargs="+", choices=("zipf", "distinct"), default=["zipf", "distinct"]
    )
    parser.add_argument("--jobs", type=int, default=2, help="compared with --jobs 1")
    parser.add_argument("--format", default="jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--tree", type=Path, action="append", help="checkouts to compare (default: this one)"
    )
    options = parser.parse_args()
    trees = options.tree or [ROOT]
    with tempfile.TemporaryDirectory(prefix="credguard-jobs-") as folder:
        pool = distinct_lines(options.lines)
        inputs = {}
        for shape in options.input:
            lines = zipf_lines(options.lines, pool) if shape == "zipf" else pool
            path = Path(folder) / f"{shape}.txt"
            write(path, lines)
            inputs[shape] = path
            share = len(set(lines)) / len(lines)
            print(f"input {shape}: {len(lines):,} lines, {share:.1%} distinct")
        cases = [
            (tree, policy, shape, jobs)
            for policy in options.policy
            for shape in options.input
            for tree in trees
            for jobs in (1, options.jobs)
        ]
        times: dict[tuple, list[tuple[float, float]]] = {case: [] for case in cases}
        for _ in range(options.repeat):
            for policy in options.policy:
                for shape in options.input:
                    for tree in trees:
                        for jobs in (1, options.jobs):
                            args = ["check", "--policy", policy, "--format", options.format]
                            args += ["--jobs", str(jobs), str(inputs[shape])]
                            times[(tree, policy, shape, jobs)].append(run(tree, args))
        print(f"\nmedian of {options.repeat}, load average now {os.getloadavg()[0]:.1f}")
        print("| tree | policy | input | jobs | wall s | CPU s | wall / jobs 1 |")
        print("|---|---|---|--:|--:|--:|--:|")
        for tree, policy, shape, jobs in cases:
            wall = statistics.median(w for w, _ in times[(tree, policy, shape, jobs)])
            cpu = statistics.median(c for _, c in times[(tree, policy, shape, jobs)])
            serial = statistics.median(w for w, _ in times[(tree, policy, shape, 1)])
            print(
                f"| {tree.name} | {policy} | {shape} | {jobs} | {wall:.1f} | {cpu:.1f} |"
                f" {wall / serial:.2f} |"
            )


if __name__ == "__main__":
    main()
