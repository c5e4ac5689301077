"""Cold start: what one short-lived process pays before its first answer.

Run from the repository root: ``python benchmarks/cold_start.py [--runs N]``.

Each scenario is a whole process (interpreter start, imports, work, exit),
started ``--runs`` times in turn with a bare ``python -c pass``, so load
from other processes falls on both alike.  The report gives each
scenario's median over the runs and what it adds to the bare interpreter,
taken pair by pair: CPU time (user + system, the kernel's accounting of
the finished child, ``os.wait4``) and wall time.  Timing the import
statement inside a process that has already imported ``json`` (as
``run.py`` once did) leaves out what credguard shares with ``json``
(``re`` and its parser); a whole process leaves out nothing.

The last rows split the first ``recommended`` check in one process with
``time.process_time``: where the first result's time goes (import,
``load_policy``, the first check's one-time loads of word lists and
zxcvbn's index, which other parts of the code own).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Tr0ub4dor&3x"  # a made-up example, accepted by `recommended`

SCENARIOS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "import credguard": ["-c", "import credguard"],
    "import + load_policy('recommended')": [
        "-c",
        "import credguard; credguard.load_policy('recommended')",
    ],
    "+ first check": [
        "-c",
        f"import credguard; credguard.load_policy('recommended').check({PASSWORD!r})",
    ],
    "credguard check --policy recommended, one line": [
        "-m",
        "credguard",
        "check",
        "--policy",
        "recommended",
        "{file}",
    ],
}

_SPLIT = f"""
import time
t0 = time.process_time()
import credguard
t1 = time.process_time()
policy = credguard.load_policy("recommended")
t2 = time.process_time()
def alone(name):
    return credguard.Policy(rules=tuple(r for r in policy.rules if r.NAME == name))
alone("blocklist").check({PASSWORD!r})  # the word lists, loaded on first use
t3 = time.process_time()
alone("strength").check({PASSWORD!r})  # zxcvbn and its index
t4 = time.process_time()
policy.check({PASSWORD!r})
t5 = time.process_time()
policy.check({PASSWORD[::-1]!r})
t6 = time.process_time()
import json
print(json.dumps([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5]))
"""


def _run(args: list[str]) -> tuple[float, float]:
    """(CPU, wall) seconds of one whole process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{args} exited with {process.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each scenario (default 21)")
    options = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(PASSWORD + "\n")
    try:
        scenarios = {
            label: [arg.replace("{file}", handle.name) for arg in args]
            for label, args in SCENARIOS.items()
        }
        for args in scenarios.values():  # warm-up: bytecode written, files cached
            _run(args)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in scenarios}
        for _ in range(options.runs):
            for label, args in scenarios.items():  # each after a bare run, in turn
                times[label].append(_run(args))
    finally:
        os.unlink(handle.name)
    bare = times["python -c pass"]
    print(f"{options.runs} runs each, whole processes, CPython {sys.version.split()[0]}\n")
    print("| scenario | CPU ms | wall ms | CPU ms over `python -c pass` | wall ms over it |")
    print("|---|--:|--:|--:|--:|")
    for label, pairs in times.items():
        cpu = statistics.median(c for c, _ in pairs) * 1e3
        wall = statistics.median(w for _, w in pairs) * 1e3
        over_cpu = (
            statistics.median(c - b for (c, _), (b, _) in zip(pairs, bare, strict=True)) * 1e3
        )
        over_wall = (
            statistics.median(w - b for (_, w), (_, b) in zip(pairs, bare, strict=True)) * 1e3
        )
        print(f"| {label} | {cpu:.1f} | {wall:.1f} | {over_cpu:.1f} | {over_wall:.1f} |")
    splits = []
    for _ in range(max(3, options.runs // 3)):
        out = subprocess.run(
            [sys.executable, "-c", _SPLIT],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        splits.append(json.loads(out.stdout))
    print("\nIn one process, `time.process_time`, medians:\n")
    print("| step | CPU ms |")
    print("|---|--:|")
    steps = [
        "import credguard",
        "load_policy('recommended')",
        "first check by the blocklist rule alone (word lists)",
        "then by the strength rule alone (zxcvbn, its index)",
        "then the first check by the whole policy",
        "a second check",
    ]
    for index, step in enumerate(steps):
        print(f"| {step} | {statistics.median(s[index] for s in splits) * 1e3:.1f} |")


if __name__ == "__main__":
    main()
