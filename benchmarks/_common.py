"""Helpers shared by the benchmark scripts (run them from the repository root)."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The *fraction* quantile of *samples* (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(call: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def timed_both(call: Callable[[], object]) -> tuple[float, float]:
    """(wall-clock, this thread's CPU) seconds of one call.

    On a shared machine the wall-clock tail includes time spent waiting for
    a core; the CPU time is what the call itself costs.
    """
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    return time.perf_counter() - wall, time.thread_time() - cpu


def report(label: str, pairs: Sequence[tuple[float, float]]) -> None:
    """Print wall-clock and CPU summaries of (wall, cpu) samples."""
    print(summary(f"{label} [wall]", [wall for wall, _ in pairs]))
    print(summary(f"{label} [cpu]", [cpu for _, cpu in pairs]))


def summary(label: str, seconds: Sequence[float]) -> str:
    us = [s * 1e6 for s in seconds]
    return (
        f"{label:<50} n={len(us):>7}  median={statistics.median(us):9.1f} µs"
        f"  p99={percentile(us, 0.99):9.1f} µs  p99.9={percentile(us, 0.999):9.1f} µs"
        f"  max={max(us):9.1f} µs"
    )


def memory_mib() -> dict[str, float]:
    """Resident memory of this process in MiB (Linux): total, heap/anonymous, file-mapped.

    ``anonymous`` is what the process allocated; ``file`` is page cache mapped
    in through mmap — shared, reclaimable, and bounded by the file's size.
    """
    wanted = {"Rss:": "total", "Anonymous:": "anonymous"}
    out: dict[str, float] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        key, *rest = line.split()
        if key in wanted:
            out[wanted[key]] = int(rest[0]) / 1024
    out["file-mapped"] = out["total"] - out["anonymous"]
    return out
