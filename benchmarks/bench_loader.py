"""Time policy loading: every preset, and the worst 1 MiB inputs.

Run from the repository root: ``PYTHONPATH=src python benchmarks/bench_loader.py``.
Not a test: the numbers go in the report, the tests only bound the worst
case generously.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable

import credguard
from credguard._loading import MAX_POLICY_BYTES

CAP = MAX_POLICY_BYTES
WORST: dict[str, str] = {
    "dotted key (refused before parsing)": "a." * (CAP // 2 - 10) + "a = 1",
    "one key per line": "".join(f"x{i} = 1\n" for i in range(CAP // 12)),
    "one table per line": "".join(f"[t{i}]\n" for i in range(CAP // 10)),
    "long array": "x = [\n" + '"a",\n' * (CAP // 5 - 10) + "]\n",
    "long string": 'x = "' + "\\u3042" * (CAP // 6 - 2) + '"',
    "nested arrays": "x = " + "[" * (CAP - 10),
}


def _time(function: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.suppress(credguard.PolicyError):
            function()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    for name in credguard.list_presets():
        times = _time(lambda name=name: credguard.load_policy(name), 50)  # type: ignore[misc]
        print(f"preset {name:20s} median {statistics.median(times) * 1e3:7.2f} ms")
    for label, text in WORST.items():
        times = _time(lambda text=text: credguard.parse_policy(text), 3)  # type: ignore[misc]
        print(f"1 MiB {label:36s} best {min(times):6.3f} s")


if __name__ == "__main__":
    main()
