"""``credguard check``: stream the lines through a policy, in input order.

The pipeline is a chain of generators, so memory stays flat however long
the input is: a reader yields lines, :func:`outcomes` checks them (in this
process, or also over worker processes with ``--jobs``) and the formatter
writes each result as soon as it is known.  Each distinct line is checked
once per run (:class:`._check.Seen`).  Workers get only the first
occurrence of a line, in batches sized by measured time, and send back
verdicts; this process writes every line's head + body in input order, so
the bytes are the same whatever ``--jobs`` is.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from .._loading import load_policy
from ._check import SKIPPED, WARM_UP, Checked, Checker, CheckSpec, Seen, Verdict
from ._formats import Place
from ._i18n import text
from ._input import InputError, Line, OverLong

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["PARALLEL_MIN_SECONDS", "PROBE_LINES", "cores", "outcomes", "resolve_jobs"]

#: Lines checked in this process and timed before deciding on workers.
PROBE_LINES: Final = 2048
#: Below this many CPU seconds per distinct line checked, workers cannot
#: beat one process: this process reads, hashes and writes every line and
#: hands the distinct ones over (about 11 µs a line in all when this was
#: set; 4 µs serially since each set of findings is rendered once), so a
#: cheaper check leaves little to share (measured: docs/performance.md).
PARALLEL_MIN_SECONDS: Final = 30e-6
#: Workers are started only for at least this much checking left (seconds,
#: estimated from the input's size): starting one costs about a second.
PARALLEL_MIN_WORK: Final = 4.0
#: Unless a distinct line costs at least PARALLEL_BUSY_SECONDS, workers are
#: started only when this process got at least this share of a core during
#: the probe (CPU time / wall time): less means the cores are busy with
#: other work (or the input arrives slowly), and more processes then add
#: their start-up and hand-over costs for little more CPU.  Measured under
#: a load average of 8-9 on 2 cores: --jobs 2 / --jobs 1 wall 1.05-1.18
#: for moomoo (71 us a line) and jsda-2025 (36 us), 0.82-0.86 for
#: recommended (about 450 us).
PARALLEL_MIN_SHARE: Final = 0.8
PARALLEL_BUSY_SECONDS: Final = 200e-6
#: A batch sent to a worker holds about this much checking (seconds): long
#: enough to amortize the hand-over, short enough to keep the workers even.
BATCH_SECONDS: Final = 0.05
BATCH_MIN, BATCH_MAX = 16, 4096
#: Lines held per batch however many are repeats (bounds memory).
SEGMENT_LINES: Final = 8192


class _Run:
    """The serial path: one line at a time, through the run's cache."""

    __slots__ = ("checked", "checker", "head", "seen", "spent", "timing")

    def __init__(self, checker: Checker, *, timing: bool) -> None:
        self.checker = checker
        self.head = checker.renderer.head
        self.seen = Seen()
        # While timing: distinct lines checked and the CPU seconds they took
        # (CPU time: the machine may be shared, and lost slices must not count).
        self.timing = timing
        self.checked = 0
        self.spent = 0.0

    def line(self, line: Line) -> Checked:
        password = line.password
        if isinstance(password, str):
            seen = self.seen
            key = seen.key(password, line.context)
            found = seen.get(key)
            if found is None:
                if self.timing:
                    start = time.process_time()
                    found = self.checker.verdict(password, line.context)
                    self.spent += time.process_time() - start
                    self.checked += 1
                else:
                    found = self.checker.verdict(password, line.context)
                seen.add(key, found)
            elif isinstance(found, list):  # pragma: no cover - serial runs send nothing
                found = found[0]
        elif isinstance(password, OverLong):
            found = self.checker.verdict(password)
        else:
            return SKIPPED
        ok, codes, body = found
        return Checked(ok, codes, self.head(Place(line.file, line.number)) + body)


def outcomes(
    lines: Iterable[Line],
    checker: Checker,
    spec: CheckSpec,
    jobs: int,
    total_bytes: int | None = None,
) -> Iterator[tuple[Line, Checked]]:
    """Check *lines* in order; with *jobs* > 1, also over that many workers.

    The first :data:`PROBE_LINES` lines are checked here and timed.  Workers
    are started only when a distinct line costs more than handing it over
    (:data:`PARALLEL_MIN_SECONDS`), this process had a core to itself
    (:data:`PARALLEL_MIN_SHARE`: otherwise the cores are taken) unless a
    line is expensive enough to gain all the same, and, when
    the input's size is known, enough checking is left to pay for starting
    them; otherwise the run goes on in this process, so ``--jobs`` is never
    slower than one process.
    """
    run = _Run(checker, timing=jobs > 1)
    if jobs > 1:
        # Load the word lists and the estimator first: a one-time cost of
        # 0.1 s or more, which the probe's time per line must leave out.
        checker.verdict(WARM_UP)
    lines = iter(lines)
    wall, cpu = time.perf_counter(), time.process_time()
    for count, line in enumerate(lines, start=1):
        yield line, run.line(line)
        if count == PROBE_LINES and jobs > 1:
            run.timing = False
            wall = time.perf_counter() - wall
            share = (time.process_time() - cpu) / wall if wall > 0 else 1.0
            if _worth_workers(run, line.end, count, total_bytes, share):
                yield from _parallel(lines, run, spec, jobs)
                return
            break
    for line in lines:
        yield line, run.line(line)


def _worth_workers(run: _Run, read: int, count: int, total_bytes: int | None, share: float) -> bool:
    per_line = run.spent / run.checked if run.checked else 0.0
    if per_line < PARALLEL_MIN_SECONDS:
        return False
    if share < PARALLEL_MIN_SHARE and per_line < PARALLEL_BUSY_SECONDS:
        return False
    if total_bytes is None or read <= 0:
        return True  # standard input: its length is unknown
    left = (total_bytes - read) / read * count  # lines, at the probe's line length
    return left * run.spent / count >= PARALLEL_MIN_WORK


# One checker per worker process, built once by the pool's initializer (a
# policy holds read-only mappings that do not pickle, so each worker loads
# its own).  It lives only in worker processes.
_worker_checker: Checker | None = None


def _init_worker(spec: CheckSpec) -> None:
    # Ctrl-C reaches the whole process group: let the parent alone handle it
    # (it shuts the pool down) instead of every worker printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import warnings

    from ..errors import UnusedContextWarning

    warnings.simplefilter("ignore", UnusedContextWarning)  # the parent said it once
    global _worker_checker
    _worker_checker = Checker(load_policy(spec.policy), spec)
    # Load the word lists and estimator now, while the parent still checks.
    _worker_checker.verdict(WARM_UP)


def _check_batch(items: list[tuple[str | OverLong, Any]]) -> tuple[list[Verdict], float]:
    """A worker's task: the verdicts of *items*, and the CPU seconds they took."""
    checker = _worker_checker
    if checker is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker used before initialization")
    start = time.process_time()
    found = [checker.verdict(password, row) for password, row in items]
    return found, time.process_time() - start


class _Batch:
    """Consecutive lines and their verdicts: known, or a slot a task will fill."""

    __slots__ = ("future", "keys", "lines", "refs", "sent", "slots")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.refs: list[Verdict | list[Any] | None] = []  # None: a skipped line
        self.sent: list[tuple[str | OverLong, Any]] = []  # first occurrences
        self.slots: list[list[Any]] = []
        self.keys: list[bytes | None] = []
        self.future: Future[tuple[list[Verdict], float]] | None = None


def _parallel(
    lines: Iterator[Line], run: _Run, spec: CheckSpec, jobs: int
) -> Iterator[tuple[Line, Checked]]:
    # A hand-rolled window instead of Pool.imap: imap reads its whole input
    # ahead, while this keeps a few batches in flight and yields them in
    # input order, so memory is bounded and output ordered.  When every
    # worker already has two batches queued (or is still starting), this
    # process checks the next batch itself rather than wait.
    # Imported here: a serial run (the common case) starts faster without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    checker, seen, head = run.checker, run.seen, run.head
    per_line = run.spent / run.checked  # seconds per distinct line, from the probe
    size = _batch_size(per_line)
    # "spawn" everywhere: fork from a threaded host is unsafe (and deprecated
    # in 3.12+), and the initializer rebuilds all the state a worker needs.
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(spec,),
    )
    window: deque[_Batch] = deque()
    error: InputError | None = None

    def fill(batch: _Batch, found: list[Verdict]) -> None:
        for slot, key, verdict in zip(batch.slots, batch.keys, found, strict=True):
            slot[0] = checker.share(verdict)
            if key is not None:
                seen.settle(key, slot)

    def close(batch: _Batch) -> None:
        nonlocal size
        if batch.sent:
            busy = sum(1 for b in window if b.future is not None and not b.future.done())
            if busy < 2 * jobs:
                batch.future = pool.submit(_check_batch, batch.sent)
            else:
                start = time.process_time()
                fill(batch, [checker.verdict(password, row) for password, row in batch.sent])
                size = _batch_size((time.process_time() - start) / len(batch.sent))
        window.append(batch)

    def emit(batch: _Batch) -> Iterator[tuple[Line, Checked]]:
        nonlocal size
        if batch.future is not None:
            try:
                found, seconds = batch.future.result()
            except BrokenProcessPool as broken:
                raise InputError(text("error.worker", spec.lang, reason=str(broken))) from None
            fill(batch, found)
            size = _batch_size(seconds / len(found))
        for line, ref in zip(batch.lines, batch.refs, strict=True):
            if ref is None:
                yield line, SKIPPED
                continue
            ok, codes, body = ref[0] if isinstance(ref, list) else ref
            yield line, Checked(ok, codes, head(Place(line.file, line.number)) + body)

    def drain(final: bool) -> Iterator[tuple[Line, Checked]]:
        # Whatever is ready, in order; wait only at the end or when the
        # window is full.
        while window:
            first = window[0].future
            if final or len(window) > 4 * jobs or first is None or first.done():
                yield from emit(window.popleft())
            else:
                break

    try:
        batch = _Batch()
        try:
            for line in lines:
                password = line.password
                ref: Verdict | list[Any] | None
                if isinstance(password, str):
                    key = seen.key(password, line.context)
                    ref = seen.get(key)
                    if ref is None:
                        ref = [None]
                        seen.add(key, ref)
                        batch.sent.append((password, line.context))
                        batch.slots.append(ref)
                        batch.keys.append(key)
                elif isinstance(password, OverLong):
                    ref = [None]
                    batch.sent.append((password, None))
                    batch.slots.append(ref)
                    batch.keys.append(None)
                else:
                    ref = None
                batch.lines.append(line)
                batch.refs.append(ref)
                if len(batch.sent) >= size or len(batch.lines) >= SEGMENT_LINES:
                    close(batch)
                    batch = _Batch()
                    yield from drain(False)
        except InputError as stop:
            # Report every line before the bad one, then the error.
            error = stop
        if batch.lines:
            close(batch)
        yield from drain(True)
        if error is not None:
            raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batch_size(seconds_per_line: float) -> int:
    """Lines per batch for about :data:`BATCH_SECONDS` of checking."""
    if seconds_per_line <= 0:
        return BATCH_MAX
    return max(BATCH_MIN, min(BATCH_MAX, int(BATCH_SECONDS / seconds_per_line)))


def cores() -> int:
    """The cores this process may run on (its affinity mask, where there is one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # macOS, Windows
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one process per core; more than the cores is capped."""
    available = cores()
    return available if jobs == 0 else min(jobs, available)
