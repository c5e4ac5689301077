"""Cold start: what one short-lived process pays before its first answer.

Run from the repository root: ``python benchmarks/cold_start.py [--runs N]``.

Each scenario is a whole process (interpreter start, imports, work, exit),
started ``--runs`` times in turn with a bare ``python -c pass``, so load
from other processes falls on both alike.  The report gives what each
scenario adds to the bare interpreter, the median of the pair-by-pair
differences: CPU time (user + system, the kernel's accounting of the
finished child, ``os.wait4``) and wall time.  Timing the import
statement inside a process that has already imported ``json`` (as
``run.py`` once did) leaves out what credguard shares with ``json``
(``re`` and its parser); a whole process leaves out nothing.

Bytecode is written in the warm-up runs, as pip does on install
(``PYTHONDONTWRITEBYTECODE`` is dropped from the children's environment);
``--no-bytecode`` deletes the trees' ``__pycache__`` folders and sets it,
which times compiling every module of the tree from source at every start
(the standard library keeps its bytecode): a checkout run in an
environment that sets ``PYTHONDONTWRITEBYTECODE``.  ``--src DIR`` times
another checkout's ``src`` (a worktree of the base commit) in the same
run, scenario by scenario.

The last rows split the first ``recommended`` check in one process with
``time.process_time``: where the first result's time goes (import,
``load_policy``, the first check's one-time loads of word lists and
zxcvbn's index, which other parts of the code own).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Tr0ub4dor&3x"  # a made-up example, accepted by `recommended`
# Made up too: random characters (the strength rule's fast path), and a
# password the blocklist refuses (the strength rule never runs).
STRONG = "k9#Vq2!xLmW7-Gh7$kP"
REFUSED = "password1234"

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
    "+ first check, a strong random password": [
        "-c",
        f"import credguard; credguard.load_policy('recommended').check({STRONG!r})",
    ],
    "+ first check, a refused password": [
        "-c",
        f"import credguard; credguard.load_policy('recommended').check({REFUSED!r})",
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


def _environment(src: Path, bytecode: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU, wall) seconds of one whole process."""
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


def _over(pairs: list[tuple[float, float]], bare: list[tuple[float, float]], at: int) -> float:
    """Median, pair by pair, of what a scenario adds to the bare interpreter (ms)."""
    return statistics.median(p[at] - b[at] for p, b in zip(pairs, bare, strict=True)) * 1e3


def _splits(env: dict[str, str], runs: int) -> list[list[float]]:
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _SPLIT], capture_output=True, text=True, check=True, env=env
        )
        out.append(json.loads(done.stdout))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each scenario (default 21)")
    parser.add_argument("--src", type=Path, help="also time this src directory (a base checkout)")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module at every start"
    )
    options = parser.parse_args()
    trees = {"this tree": ROOT / "src"}
    if options.src:
        trees["--src"] = options.src.resolve()
    envs = {tree: _environment(src, not options.no_bytecode) for tree, src in trees.items()}
    if options.no_bytecode:
        for src in trees.values():
            for cache in src.rglob("__pycache__"):
                shutil.rmtree(cache)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(PASSWORD + "\n")
    try:
        scenarios = {
            label: [arg.replace("{file}", handle.name) for arg in args]
            for label, args in SCENARIOS.items()
        }
        for env in envs.values():
            for args in scenarios.values():  # warm-up: bytecode written, files cached
                _run(args, env)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {
            (tree, label): [] for tree in envs for label in scenarios
        }
        for _ in range(options.runs):
            for label, args in scenarios.items():  # each tree and the bare run in turn
                for tree, env in envs.items():
                    times[tree, label].append(_run(args, env))
    finally:
        os.unlink(handle.name)
    bytecode = "without bytecode" if options.no_bytecode else "bytecode written"
    print(f"{options.runs} runs each, whole processes, {bytecode}, CPython {sys.version[:6]}\n")
    head = " | ".join(f"{tree}: CPU ms over `python -c pass` | wall ms" for tree in envs)
    ratio = " | --src ÷ this tree (CPU)" if options.src else ""
    print(f"| scenario | {head}{ratio} |")
    print("|---|" + "--:|" * (2 * len(envs) + bool(options.src)))
    for label in scenarios:
        cells = []
        for tree in envs:
            bare = times[tree, "python -c pass"]
            pairs = times[tree, label]
            cells += [f"{_over(pairs, bare, 0):.1f}", f"{_over(pairs, bare, 1):.1f}"]
        if options.src and label != "python -c pass":
            cells.append(f"{float(cells[2]) / max(float(cells[0]), 0.1):.2f}x")
        elif options.src:
            cells.append("")
        print(f"| {label} | {' | '.join(cells)} |")
    print("\nIn one process, `time.process_time`, medians, CPU ms:\n")
    print("| step | " + " | ".join(envs) + " |")
    print("|---|" + "--:|" * len(envs))
    splits = {tree: _splits(env, max(3, options.runs // 3)) for tree, env in envs.items()}
    steps = [
        "import credguard",
        "load_policy('recommended')",
        "first check by the blocklist rule alone (word lists)",
        "then by the strength rule alone (zxcvbn, its index)",
        "then the first check by the whole policy",
        "a second check",
    ]
    for index, step in enumerate(steps):
        cells = [f"{statistics.median(s[index] for s in splits[tree]) * 1e3:.1f}" for tree in envs]
        print(f"| {step} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
