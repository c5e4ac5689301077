#!/usr/bin/env python
"""Measure credguard against the checkers users would pick instead.

One command, one process, one corpus::

    python benchmarks/run.py              # 100,000 candidates (several minutes)
    python benchmarks/run.py --quick      # 3,000 candidates, one repeat (seconds)

Method (see ``docs/performance.md``):

* Throughput: each checker first answers ``WARM_UP`` candidates (one-time
  costs are the "first check" column's), then the corpus is cut into
  chunks; every repeat times each checker on each chunk, rotating the order
  of the checkers from chunk to chunk so that load from other processes
  falls on all of them alike.  A checker's
  time for a chunk is its best over the repeats; passwords per second is the
  measured count over the sum of those best times.  Chunks are timed in CPU
  time of this process (``time.process_time``), so that other processes on a
  shared machine do not inflate the numbers.
* Latency: one more interleaved pass timing each call with the wall clock
  (``perf_counter_ns``); median, 99th and 99.9th percentiles.  Under load the
  tail includes time slices lost to other processes.
* Import time: a fresh interpreter times the import statement, best of N
  after a warm-up run (with bytecode written, as pip does on install), with
  nothing imported before it but the built-in ``time``.  Whole processes
  against ``python -c pass``: ``benchmarks/cold_start.py``.
* First check and memory: a fresh interpreter imports the library, builds
  the checker, checks a 1,000-candidate sample; peak RSS above a bare
  interpreter doing the same without a checker, and tracemalloc's peak.

The worktree's ``src/`` is put first on ``sys.path`` (here and in every
subprocess), so the code measured is the code beside this script.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
for _path in (str(ROOT), str(SRC)):
    if _path not in sys.path[:2]:
        sys.path.insert(0, _path)

from benchmarks import corpus, tools  # noqa: E402

# Targets from the issue, checked on ratios from the same run.
TARGET_DJANGO_RATIO = 5.0
TARGET_BASELINE_RATIO = 2.0
TARGET_IMPORT_MS = 50.0
TARGET_STRENGTH_P999_MS = 20.0
MEMORY_SAMPLE = 1_000
#: Checks each checker answers before it is timed (more than the personal
#: index's COMPILE_AFTER, so a reused context is measured compiled).
WARM_UP = 600


@dataclass
class Measured:
    """One checker's numbers from this run."""

    tool: tools.Tool
    check: tools.Checker
    items: list[list[str]]  # the candidates it is timed on, per chunk
    best: list[float] = field(default_factory=list)  # best time per chunk
    latencies_ns: list[int] = field(default_factory=list)
    accepted: int = 0

    @property
    def count(self) -> int:
        return sum(len(chunk) for chunk in self.items)

    @property
    def per_second(self) -> float:
        return self.count / sum(self.best)


def _percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def _time_chunk(check: tools.Checker, items: list[str]) -> float:
    # CPU time of this process: time slices the machine gives to other
    # processes do not count against the checker that happened to be running.
    start = time.process_time()
    for password in items:
        check(password)
    return time.process_time() - start


def _latency_chunk(check: tools.Checker, items: list[str], out: list[int]) -> int:
    accepted = 0
    clock = time.perf_counter_ns
    for password in items:
        start = clock()
        ok = check(password)
        out.append(clock() - start)
        accepted += ok
    return accepted


def _chunks(passwords: list[str], n_chunks: int, cap: int | None) -> list[list[str]]:
    stride = 1 if cap is None else max(1, math.ceil(len(passwords) / cap))
    size = math.ceil(len(passwords) / n_chunks)
    return [passwords[start : start + size][::stride] for start in range(0, len(passwords), size)]


def measure(
    passwords: list[str],
    selected: Sequence[tools.Tool],
    repeats: int,
    n_chunks: int,
    log: Callable[[str], None],
) -> tuple[list[Measured], dict[str, str]]:
    """Throughput and latency of every available checker, interleaved."""
    measured: list[Measured] = []
    missing: dict[str, str] = {}
    elsewhere: list[tuple[tools.Tool, tools.ToolElsewhere]] = []
    for tool in selected:
        try:
            check = tool.build()
        except tools.ToolElsewhere as why:
            elsewhere.append((tool, why))
            continue
        except tools.ToolUnavailable as why:
            missing[tool.key] = str(why)
            continue
        entry = Measured(tool, check, _chunks(passwords, n_chunks, tool.sample_cap))
        # One-time costs (word lists, zxcvbn's dictionaries, a reused
        # context's compiled index) are paid before the clock starts; the
        # "first check" column reports them.
        for password in [p for chunk in entry.items for p in chunk][:WARM_UP]:
            check(password)
        measured.append(entry)
    n_tools = len(measured)
    n_chunks_made = len(measured[0].items) if measured else 0
    for repeat in range(repeats):
        log(f"throughput pass {repeat + 1}/{repeats}")
        for index in range(n_chunks_made):
            for offset in range(n_tools):
                entry = measured[(index + repeat + offset) % n_tools]
                elapsed = _time_chunk(entry.check, entry.items[index])
                if repeat == 0:
                    entry.best.append(elapsed)
                else:
                    entry.best[index] = min(entry.best[index], elapsed)
    log("latency pass")
    for index in range(n_chunks_made):
        for offset in range(n_tools):
            entry = measured[(index + offset) % n_tools]
            entry.accepted += _latency_chunk(entry.check, entry.items[index], entry.latencies_ns)
    for tool, where in elsewhere:
        log(f"{tool.key}: in a subprocess with {where.python}")
        try:
            measured.append(measure_elsewhere(tool, where, passwords, repeats, n_chunks))
        except (OSError, RuntimeError, ValueError) as why:
            missing[tool.key] = f"{where}: failed ({why})"
    return measured, missing


def measure_elsewhere(
    tool: tools.Tool,
    where: tools.ToolElsewhere,
    passwords: list[str],
    repeats: int,
    n_chunks: int,
) -> Measured:
    """Measure a checker whose library only another interpreter has, the same way."""
    items = _chunks(passwords, n_chunks, tool.sample_cap)
    job = {"chunks": items, "repeats": repeats, "user": tools.ACCOUNT["username"]}
    result = subprocess.run(
        [where.python, "-c", where.worker],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    data = json.loads(result.stdout)
    note = f"{tool.note} {where}".strip()
    entry = Measured(replace(tool, note=note), _unused_check, items)
    entry.best = data["best"]
    entry.latencies_ns = data["latencies_ns"]
    entry.accepted = data["accepted"]
    return entry


def _unused_check(password: str) -> bool:
    raise AssertionError("measured in another interpreter")


# -------------------------------------------------------------- subprocesses


def _python(code: str, stdin: str = "") -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(SRC), str(ROOT)))}
    # Installed packages have their bytecode compiled by pip; let the tree
    # under test have it too (written to the git-ignored __pycache__).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


# Nothing but the built-in ``time`` before the import: json (and the re,
# enum and collections it brings) imported first would leave out what the
# library shares with them (issue 18: 21.8 ms measured so, 39-45 ms whole).
_IMPORT_CODE = """\
import time
code = compile({code!r}, "<import>", "exec")
start, cpu = time.perf_counter(), time.process_time()
exec(code, {{}})
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
import json
print(json.dumps({{"wall": wall, "cpu": cpu}}))
"""

_MEMORY_CODE = """\
import gc, json, resource, sys, time
trace = {trace!r}
if trace:
    import tracemalloc
from benchmarks import tools


def peak_rss_kib():
    # VmHWM is this process's own peak; ru_maxrss would also count the
    # parent's, which Linux carries across the fork and exec of a subprocess.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


sample = json.loads(sys.stdin.read())
gc.collect()
if trace:
    tracemalloc.start()
start = time.perf_counter()
first = None
if {key!r} != "none":
    tool = next(t for t in tools.TOOLS if t.key == {key!r})
    check = tool.build()
    check(sample[0])
    first = time.perf_counter() - start
    for password in sample:
        check(password)
peak = tracemalloc.get_traced_memory()[1] if trace else None
print(json.dumps({{"first": first, "rss_kib": peak_rss_kib(), "traced": peak}}))
"""


@dataclass
class Footprint:
    import_ms: float | None = None  # CPU time
    import_wall_ms: float | None = None
    first_ms: float | None = None
    rss_mib: float | None = None
    traced_mib: float | None = None
    error: str = ""


def footprints(
    sample: list[str],
    selected: Sequence[tools.Tool],
    import_repeats: int,
    log: Callable[[str], None],
) -> dict[str, Footprint]:
    """Import time, time to a first result and memory of each package."""
    stdin = json.dumps(sample)
    bare = _python(_MEMORY_CODE.format(trace=False, key="none"), stdin)["rss_kib"]
    out: dict[str, Footprint] = {}
    wanted = {tool.package for tool in selected}
    for package in (p for p in tools.PACKAGES if p.key in wanted):
        log(f"import and memory: {package.key}")
        entry = out[package.key] = Footprint()
        try:
            code = _IMPORT_CODE.format(code=package.import_code())
            _python(code)  # warm-up: writes bytecode, fills the OS file cache
            times = [_python(code) for _ in range(import_repeats)]
            entry.import_ms = min(t["cpu"] for t in times) * 1e3
            entry.import_wall_ms = min(t["wall"] for t in times) * 1e3
            key = next(t.key for t in selected if t.package == package.key)
            plain = _python(_MEMORY_CODE.format(trace=False, key=key), stdin)
            traced = _python(_MEMORY_CODE.format(trace=True, key=key), stdin)
        except (tools.ToolUnavailable, RuntimeError) as why:
            entry.error = str(why)
            continue
        entry.first_ms = plain["first"] * 1e3
        entry.rss_mib = (plain["rss_kib"] - bare) / 1024
        entry.traced_mib = traced["traced"] / 2**20
    return out


# ---------------------------------------------------------- strength at cap


def strength_at_cap(count: int) -> list[tuple[str, dict[str, float]]] | str:
    """Latency of the strength rule alone at the size cap (per backend), or why not measured."""
    from credguard import MAX_PASSWORD_LENGTH, Candidate, PolicyError
    from credguard.rules import RULES

    cls = RULES.get("strength")
    if cls is None:
        return "not measured: the strength rule has not landed in this tree"
    context = tools._context()
    passwords = corpus.at_cap(count, length=MAX_PASSWORD_LENGTH)
    candidates = [Candidate.from_password(password) for password in passwords]
    out: list[tuple[str, dict[str, float]]] = []
    for label, params in (("default", {}), ("backend = rust", {"backend": "rust"})):
        try:
            rule = cls(**params)
        except (PolicyError, TypeError):
            continue
        timings: list[float] = []
        for candidate in candidates:
            start = time.perf_counter()
            for _ in rule.check(candidate, context):
                pass
            timings.append(time.perf_counter() - start)
        timings.sort()
        out.append(
            (
                label,
                {
                    "count": len(timings),
                    "median_ms": statistics.median(timings) * 1e3,
                    "p99_ms": _percentile(timings, 0.99) * 1e3,
                    "p999_ms": _percentile(timings, 0.999) * 1e3,
                    "max_ms": timings[-1] * 1e3,
                },
            )
        )
    return out


def per_rule(passwords: list[str], repeats: int) -> list[tuple[str, float]]:
    """Microseconds per candidate of each step of a moomoo check (with the context).

    A candidate computes each view the first time a rule reads it, so a
    rule timed alone on prebuilt candidates would not pay for its views.
    Each rule's row is instead what it adds to ``Policy.check``: the check
    with the rules up to it minus the check with the rules before it, in
    the preset's order (a view is counted at the first rule that reads it).
    """
    from credguard import Candidate, Policy

    policy, _ = tools._moomoo()
    context = tools._context()
    policy.check("warm-up", context=context)  # derive the context's tokens once
    rows: list[tuple[str, float]] = []

    def best(run: Callable[[], object]) -> float:
        times = []
        # A row is a difference of two timings: at least five tries each, so
        # that a time slice lost to another process does not land in one row.
        for _ in range(max(repeats, 5)):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        return min(times) * 1e6 / len(passwords)

    def whole(rules: tuple[Any, ...]) -> float:
        check = Policy(name="steps", rules=rules).check
        return best(lambda: [check(p, context=context).ok for p in passwords])

    rows.append(
        ("UserContext(...) of the account", best(lambda: [tools._context() for _ in passwords]))
    )

    def build_all() -> None:
        for password in passwords:  # not kept: a list of them would make the collector work
            Candidate.from_password(password)

    rows.append(("Candidate.from_password (no view computed yet)", best(build_all)))
    rules = policy.rules_for("login")
    before = whole(())
    rows.append(("Policy.check with no rule: the floor", before))
    for index, rule in enumerate(rules):
        after = whole(rules[: index + 1])
        rows.append((f"+ rules.{rule.NAME}", after - before))
        before = after
    rows.append(("whole check (moomoo + UserContext)", before))
    return rows


# ------------------------------------------------------------------ report


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def report(
    args: argparse.Namespace,
    passwords: list[str],
    measured: list[Measured],
    missing: dict[str, str],
    prints: dict[str, Footprint],
    strength: list[tuple[str, dict[str, float]]] | str,
    rules: list[tuple[str, float]],
    load: tuple[tuple[float, ...], tuple[float, ...]],
    elapsed: float,
) -> str:
    by_key = {entry.tool.key: entry for entry in measured}
    lines: list[str] = []
    add = lines.append
    versions = tools.versions()
    add("## Environment\n")
    add(f"- CPU: {_cpu_model()}, {os.cpu_count()} cores; memory {_memory_gib()}")
    add(
        f"- Python {platform.python_version()} ({platform.python_implementation()}),"
        f" {platform.platform()}"
    )
    add("- Versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    add(
        f"- Corpus: {len(passwords):,} candidates, seed {args.seed}, digest"
        f" {corpus.digest(passwords)}; {args.repeats} throughput repeat(s), {args.chunks} chunks"
    )
    add(
        "- Load average (1, 5, 15 min) at start "
        + " / ".join(f"{x:.2f}" for x in load[0])
        + ", at end "
        + " / ".join(f"{x:.2f}" for x in load[1])
        + f" (2 cores: above 1 means other processes competed); run took {elapsed:.0f} s"
    )
    if not tools.moomoo_is_preset():
        standin = tools._moomoo()[0]
        personal = "personal" in {rule.NAME for rule in standin.rules}
        add(
            "- **moomoo preset not bundled yet**: the moomoo rows use a stand-in built in code"
            " with moomoo's composition rules (length 8–20, half-width ASCII, 3 of 4 classes,"
            " runs of at most 3, repeated blocks over at most 6, sequences of at most 4)"
            + (" and the personal rule" if personal else "; no rule reads the context yet")
        )
    add("\n## Throughput, latency, import and memory\n")
    add(
        "| checker | checks | passwords/s | median µs | p99 µs | p99.9 µs | accepted |"
        " import ms (wall) | first check ms | peak RSS MiB | traced MiB |"
    )
    add("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    shown_package: set[str] = set()
    notes: list[str] = []
    for tool in tools.TOOLS:
        entry = by_key.get(tool.key)
        if entry is None and tool.key not in missing:
            continue
        if entry is None:
            add(f"| {tool.label} | {tool.does} | {missing[tool.key]} | | | | | | | | |")
            continue
        lat = sorted(entry.latencies_ns)
        foot = prints.get(tool.package)
        cells = ["", "", "", ""]
        if foot is not None and tool.package not in shown_package:
            shown_package.add(tool.package)
            cells = [
                f"{_fmt(foot.import_ms)} ({_fmt(foot.import_wall_ms)})",
                _fmt(foot.first_ms),
                _fmt(foot.rss_mib),
                _fmt(foot.traced_mib),
            ]
        count = f" ({entry.count:,} of corpus)" if entry.count < len(passwords) else ""
        add(
            f"| {tool.label} | {tool.does} | {entry.per_second:,.0f}{count} |"
            f" {statistics.median(lat) / 1e3:,.1f} | {_percentile(lat, 0.99) / 1e3:,.1f} |"
            f" {_percentile(lat, 0.999) / 1e3:,.1f} | {100 * entry.accepted / entry.count:.1f}% |"
            f" {' | '.join(cells)} |"
        )
        if entry.tool.note:
            notes.append(f"- {tool.label}: {entry.tool.note}")
    add("")
    add(
        "Import: the import statement in a fresh interpreter, best of N, in CPU time (wall"
        " time in brackets: it includes waiting for a core on a loaded machine). First check:"
        " fresh"
        " interpreter, import + build the checker + one check. Peak RSS: above a bare"
        f" interpreter doing the same work without a checker, after {MEMORY_SAMPLE:,} checks."
        " Traced: tracemalloc's peak (Python allocations only; misses C libraries' own)."
    )
    for package, foot in prints.items():
        if foot.error:
            notes.append(f"- {package}: import and memory not measured ({foot.error})")
    if notes:
        add("")
        lines.extend(notes)

    mine = [
        k
        for k in (
            "moomoo_ctx",
            "moomoo_fresh",
            "moomoo_blocklist_ctx",
            "moomoo",
            "recommended",
            "composition",
            "same_checks",
        )
        if k in by_key
    ]
    others = [
        k for k in ("django", "password_strength", "pwquality", "zxcvbn", "baseline") if k in by_key
    ]
    if mine and others:
        add("\n## Throughput ratios (credguard ÷ alternative, same run)\n")
        add("| credguard | " + " | ".join(by_key[k].tool.label for k in others) + " |")
        add("|---|" + "--:|" * len(others))
        for key in mine:
            ratios = [by_key[key].per_second / by_key[o].per_second for o in others]
            add(f"| {by_key[key].tool.label} | " + " | ".join(f"{r:,.2f}x" for r in ratios) + " |")

    if rules:
        add(
            "\n## Where moomoo's time goes (µs per candidate, with the context; CPU time,"
            " best of the repeats; each rule's row is what it adds to the check, in the"
            " preset's order, including the views it is the first to read)\n"
        )
        add("| step | µs |")
        add("|---|--:|")
        for name, micros in rules:
            add(f"| {name} | {micros:.2f} |")

    def ratio(faster: str, slower: str) -> float | None:
        """Throughput of *faster* ÷ *slower*, when both were measured."""
        if faster in by_key and slower in by_key:
            return by_key[faster].per_second / by_key[slower].per_second
        return None

    add("\n## Targets\n")
    if (django := ratio("moomoo_ctx", "django")) is not None:
        add(
            f"- moomoo + UserContext ÷ Django's four validators: {django:.2f}x"
            f" (target ≥ {TARGET_DJANGO_RATIO:.0f}x): {_verdict(django >= TARGET_DJANGO_RATIO)}"
        )
    if (django := ratio("moomoo_blocklist_ctx", "django")) is not None:
        add(
            f"- moomoo + blocklist + UserContext ÷ Django's four validators: {django:.2f}x"
            f" (the same target, should moomoo gain a blocklist rule):"
            f" {_verdict(django >= TARGET_DJANGO_RATIO)}"
        )
    if (cost := ratio("baseline", "same_checks")) is not None:
        add(
            f"- hand-written baseline ÷ credguard with the same checks: {cost:.2f}x"
            f" (target ≤ {TARGET_BASELINE_RATIO:.0f}x): {_verdict(cost <= TARGET_BASELINE_RATIO)}"
        )
    if (cost := ratio("baseline", "composition")) is not None:
        add(
            f"- hand-written baseline ÷ moomoo's composition rules (which also check the"
            f" allowed characters, sequences and repeated blocks): {cost:.2f}x"
        )
    imported = prints.get("credguard")
    if imported is not None and imported.import_ms is not None:
        add(
            f"- `import credguard`: {imported.import_ms:.1f} ms CPU,"
            f" {_fmt(imported.import_wall_ms)} ms wall (target < {TARGET_IMPORT_MS:.0f} ms):"
            f" {_verdict(imported.import_ms < TARGET_IMPORT_MS)}"
        )
    if isinstance(strength, str):
        add(f"- strength rule at the cap: {strength}")
    else:
        for label, numbers in strength:
            add(
                f"- strength rule alone at the cap ({label}; {int(numbers['count'])} candidates"
                f" of the cap's length): median {numbers['median_ms']:.2f} ms, p99"
                f" {numbers['p99_ms']:.2f} ms, p99.9 {numbers['p999_ms']:.2f} ms, max"
                f" {numbers['max_ms']:.2f} ms (target p99.9 < {TARGET_STRENGTH_P999_MS:.0f} ms):"
                f" {_verdict(numbers['p999_ms'] < TARGET_STRENGTH_P999_MS)}"
            )
    add("- no rule super-linear up to the cap: `tests/test_properties.py::TestBoundedCost`")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, one repeat")
    parser.add_argument("--size", type=int, help="corpus size (default 100,000; quick 3,000)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--repeats", type=int, help="throughput repeats (default 3; quick 1)")
    parser.add_argument("--chunks", type=int, help="chunks the corpus is cut into")
    parser.add_argument("--output", type=Path, help="also write the Markdown report here")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--tools",
        help="comma-separated checker keys to run (default: all): "
        + ", ".join(tool.key for tool in tools.TOOLS),
    )
    args = parser.parse_args(argv)
    selected = list(tools.TOOLS)
    if args.tools:
        keys = args.tools.split(",")
        unknown = sorted(set(keys) - {tool.key for tool in tools.TOOLS})
        if unknown:
            parser.error(f"unknown checker(s): {', '.join(unknown)}")
        selected = [tool for tool in tools.TOOLS if tool.key in keys]
    args.size = args.size or (3_000 if args.quick else corpus.DEFAULT_SIZE)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.chunks = args.chunks or (5 if args.quick else 50)
    if args.size < args.chunks or args.repeats < 1:
        parser.error("--size must be at least --chunks, and --repeats at least 1")

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[bench] {message}", file=sys.stderr, flush=True)

    began = time.perf_counter()
    load_start = os.getloadavg()
    log(f"building a corpus of {args.size:,}")
    passwords = corpus.generate(args.size, args.seed)
    measured, missing = measure(passwords, selected, args.repeats, args.chunks, log)
    log("per-rule breakdown")
    rules = per_rule(passwords[: min(len(passwords), 20_000)], args.repeats)
    log("strength rule at the cap")
    strength = strength_at_cap(20 if args.quick else 1_000)
    prints = footprints(passwords[:MEMORY_SAMPLE], selected, 1 if args.quick else 7, log)
    text = report(
        args,
        passwords,
        measured,
        missing,
        prints,
        strength,
        rules,
        (load_start, os.getloadavg()),
        time.perf_counter() - began,
    )
    print(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    gc.collect()
    sys.exit(main())
