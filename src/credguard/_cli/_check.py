"""``credguard check``: stream passwords through a policy, in input order.

The pipeline is a chain of generators, so memory stays flat however long
the input is: a reader yields lines, :func:`outcomes` checks them (in this
process, or in batches over at most one worker process per core with
``--jobs``) and the formatter writes each result as soon as it is known.

The checker renders each result itself (:mod:`._formats`), in this process
or in the worker, so a worker sends back finished text: one policy per
worker, one round trip per batch of :data:`CHUNK_LINES` lines, and the same
bytes whatever ``--jobs`` is.  Identical passwords in one run are checked
once per process: a bounded cache keyed by an HMAC of the password under a
random key made for the run, so the cache holds no password and its keys
mean nothing after the run.
"""

from __future__ import annotations

import hmac
import itertools
import os
import secrets
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from .._context import UserContext
from .._guard import too_long_violation
from .._loading import load_policy
from .._messages import Lang
from .._policy import Policy
from .._violation import new_result
from ._context_file import build_context
from ._explain import explain
from ._formats import Outcome, Place, Renderer, RenderSpec
from ._i18n import text
from ._input import InputError, Invalid, Line, OverLong

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "CACHE_SIZE",
    "CHUNK_LINES",
    "CheckSpec",
    "Checked",
    "Checker",
    "outcomes",
    "resolve_jobs",
]

#: Lines sent to a worker at once: large enough to amortize the hand-over,
#: small enough that ``2 * jobs`` batches in flight stay a few megabytes.
CHUNK_LINES: Final = 2048
#: Below this many seconds per line (measured on the first batch), workers
#: cannot beat one process: handing a line over and back costs about this.
PARALLEL_MIN_SECONDS: Final = 60e-6
#: Distinct passwords remembered per process (about 200 bytes each).
CACHE_SIZE: Final = 1 << 16


class Checked(NamedTuple):
    """One line's verdict, rendered: ``ok`` is None for a skipped line."""

    ok: bool | None
    codes: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """Everything a worker needs to rebuild the checker (all picklable)."""

    policy: str
    kind: str
    lang: Lang
    render: RenderSpec
    context: dict[str, Any] | None = None
    context_file: str = ""


class Checker:
    """Checks one line and renders the result."""

    __slots__ = ("_cache", "_context", "_key", "_kind", "_lang", "_policy", "_renderer")

    def __init__(self, policy: Policy, spec: CheckSpec) -> None:
        self._policy = policy
        self._kind = spec.kind
        self._lang = spec.lang
        self._renderer = Renderer(spec.render)
        self._context: UserContext | None = (
            build_context(spec.context, spec.context_file) if spec.context is not None else None
        )
        self._key = secrets.token_bytes(32)  # this run's, never stored
        self._cache: dict[bytes, Outcome] = {}

    def check(self, place: Place, password: str | OverLong | Invalid, row: Any = None) -> Checked:
        if isinstance(password, Invalid):
            return Checked(None, (), "")
        if row is not None:  # a CSV/JSONL row's own context: not cached
            outcome = self._outcome(password, UserContext(**row))
        elif isinstance(password, str):
            key = hmac.digest(self._key, password.encode("utf-8", "surrogatepass"), "sha256")
            found = self._cache.get(key)
            if found is None:
                if len(self._cache) >= CACHE_SIZE:
                    self._cache.clear()  # bounded: start again rather than grow
                found = self._cache[key] = self._outcome(password, self._context)
            outcome = found
        else:
            outcome = self._outcome(password, self._context)
        return Checked(outcome.ok, outcome.codes, self._renderer.render(place, outcome))

    def _outcome(self, password: str | OverLong, context: UserContext | None) -> Outcome:
        if isinstance(password, OverLong):
            # What Policy.check says for a password over the cap.
            violation = too_long_violation(password.length)
            result = new_result((violation,), self._kind, self._policy.name)
            return Outcome(False, result.codes, result.to_dict(self._lang), None)
        result = self._policy.check(password, context=context, kind=self._kind)
        detail = None
        if self._renderer.spec.explain:
            detail = explain(self._policy, password, result, context, self._lang)
        return Outcome(result.ok, result.codes, result.to_dict(self._lang), detail)


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


# What crosses to a worker: the batch's file label and (number, password,
# row context) tuples; what comes back: (ok, codes, text) tuples.  Plain
# tuples pickle several times faster than dataclasses.
_Sent = tuple[str, list[tuple[int, "str | OverLong | Invalid", Any]]]


def _check_chunk(sent: _Sent) -> list[Checked]:
    checker = _worker_checker
    if checker is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker used before initialization")
    label, items = sent
    return [checker.check(Place(label, number), pw, row) for number, pw, row in items]


def outcomes(
    lines: Iterable[Line], checker: Checker, spec: CheckSpec, jobs: int
) -> Iterator[tuple[Line, Checked]]:
    """Check *lines* in order; with *jobs* > 1, over that many processes.

    Workers pay off only when checking a line costs more than handing it
    over: the first :data:`CHUNK_LINES` lines are checked here and timed,
    and the run goes on serially when they were cheap (so ``--jobs`` is
    never slower than one process).
    """
    lines = iter(lines)
    if jobs > 1:
        probe = list(itertools.islice(lines, CHUNK_LINES))
        start = time.perf_counter()
        done = [(line, _serial(checker, line)) for line in probe]
        cheap = (time.perf_counter() - start) < len(probe) * PARALLEL_MIN_SECONDS
        yield from done
        if len(probe) == CHUNK_LINES and not cheap:
            yield from _parallel(lines, spec, jobs)
            return
    for line in lines:
        yield line, _serial(checker, line)


def _serial(checker: Checker, line: Line) -> Checked:
    return checker.check(Place(line.file, line.number), line.password, line.context)


def _parallel(lines: Iterable[Line], spec: CheckSpec, jobs: int) -> Iterator[tuple[Line, Checked]]:
    # A hand-rolled window instead of Pool.imap: imap reads its whole input
    # ahead, while this keeps at most 2 * jobs batches in flight and yields
    # them in submission order, so memory is bounded and output ordered.
    # Imported here: a serial run (the common case) starts faster without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # "spawn" everywhere: fork from a threaded host is unsafe (and deprecated
    # in 3.12+), and the initializer rebuilds all the state a worker needs.
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(spec,),
    )
    window: deque[tuple[list[Line], Future[list[Checked]]]] = deque()
    batch: list[Line] = []
    error: InputError | None = None

    def submit() -> None:
        # One file per batch, so the label is sent once.
        items = [(line.number, line.password, line.context) for line in batch]
        window.append((batch, pool.submit(_check_chunk, (batch[0].file, items))))

    def collect() -> Iterator[tuple[Line, Checked]]:
        sent, future = window.popleft()
        try:
            results = future.result()
        except BrokenProcessPool as broken:
            raise InputError(text("error.worker", spec.lang, reason=str(broken))) from None
        yield from zip(sent, results, strict=True)

    try:
        try:
            for line in lines:
                if batch and (len(batch) >= CHUNK_LINES or line.file != batch[0].file):
                    submit()
                    batch = []
                    while len(window) >= 2 * jobs:
                        yield from collect()
                batch.append(line)
        except InputError as stop:
            # Report every line before the bad one, then the error.
            error = stop
        if batch:
            submit()
        while window:
            yield from collect()
        if error is not None:
            raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
