"""Benchmark: ``credguard check`` over 10 million lines in constant memory.

Generates input files in a temporary folder (never committed), runs the
command line in a child process per size and reports throughput and peak
resident memory.  Memory must stay flat as the input grows tenfold.

    python benchmarks/cli_memory.py                      # 1M and 10M lines
    python benchmarks/cli_memory.py --lines 2000000 --jobs 2 --format jsonl
    python benchmarks/cli_memory.py --policy recommended # the real rules (slower)

Run from the repository root; ``src`` is put on ``PYTHONPATH`` for the child.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """\
import resource, sys
from credguard._cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"@@ {code} {peak * (1 if sys.platform == 'darwin' else 1024)}\\n")
"""

# Only length: measures the command line (reading, checking, writing), not the rules.
CHEAP_POLICY = '[policy]\nname = "bench-length"\n[rules.length]\nmin = 8\n'


def generate(path: Path, count: int) -> None:
    """Write *count* passwords, a third of them too short."""
    block = 10_000
    with path.open("w", encoding="utf-8") as stream:
        for start in range(0, count, block):
            stream.write(
                "".join(
                    f"pw{i}\n" if i % 3 == 0 else f"Password-{i}!\n"
                    for i in range(start, min(count, start + block))
                )
            )


def run(args: list[str]) -> tuple[int, int, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - started
    marker = [line for line in process.stderr.decode().splitlines() if line.startswith("@@ ")]
    if not marker:
        sys.exit(f"the run failed:\n{process.stderr.decode()}")
    _, code, peak = marker[-1].split()
    return int(code), int(peak), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000, help="largest input")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--format", choices=("text", "json", "jsonl"), default="json")
    parser.add_argument("--policy", help="preset or file (default: a length-only policy)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="credguard-bench-") as folder:
        policy = options.policy
        if policy is None:
            policy = str(Path(folder) / "bench.toml")
            Path(policy).write_text(CHEAP_POLICY, encoding="utf-8")
        print(
            f"format={options.format} jobs={options.jobs} policy={options.policy or 'length-only'}"
        )
        print(f"{'lines':>12}  {'seconds':>8}  {'lines/s':>10}  {'peak RSS MiB':>12}")
        peaks = []
        for count in (options.lines // 10, options.lines):
            path = Path(folder) / f"{count}.txt"
            generate(path, count)
            code, peak, elapsed = run(
                [
                    "check",
                    "--policy",
                    policy,
                    "--format",
                    options.format,
                    "--jobs",
                    str(options.jobs),
                    str(path),
                ]
            )
            path.unlink()
            assert code == 1, f"expected exit status 1 (some rejected), got {code}"
            peaks.append(peak)
            print(
                f"{count:>12,}  {elapsed:>8.1f}  {count / elapsed:>10,.0f}  {peak / 2**20:>12.1f}"
            )
        growth = (peaks[1] - peaks[0]) / 2**20
        print(f"peak memory growth for 10x the lines: {growth:+.1f} MiB")
        if growth > 16:
            sys.exit("memory grew with the input: streaming is broken")


if __name__ == "__main__":
    main()
