"""``credguard check``: stream passwords through a policy, in input order.

The pipeline is a chain of generators, so memory stays flat however long
the input is: :class:`~._input.LineReader` yields lines, :func:`outcomes`
checks them (in this process, or in chunks over a bounded number of worker
processes with ``--jobs``) and the formatter writes each result as soon as
it is known.  Nothing accumulates: ``--format json`` writes the document's
head first, the results as they come and the ``summary`` last.

A result crosses process boundaries as an :class:`Outcome` of plain,
picklable values with the messages already rendered; a password never
leaves this module except inside a chunk sent to a worker.
"""

from __future__ import annotations

import json
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol, TextIO

from .._context import UserContext
from .._guard import too_long_violation
from .._loading import load_policy
from .._messages import CATALOGUE, Lang
from .._policy import Policy
from .._violation import Violation
from ._context_file import build_context
from ._i18n import text
from ._input import InputError, Line, OverLong
from ._term import Style, display_width, escape, pad

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "CHUNK_LINES",
    "CheckSpec",
    "Checker",
    "Finding",
    "Outcome",
    "Output",
    "Summary",
    "make_formatter",
    "outcomes",
]

#: Lines sent to a worker at once: large enough to amortize the hand-over,
#: small enough that ``2 * jobs`` chunks in flight stay a few megabytes.
CHUNK_LINES: Final = 1024


class Finding(NamedTuple):
    """One violation, rendered: what a result line or JSON entry shows."""

    code: str
    severity: str
    message: str
    params: dict[str, Any]


class Outcome(NamedTuple):
    """The verdict on one password, safe to print and to pickle."""

    ok: bool
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """Everything a worker needs to rebuild the checker (all picklable)."""

    policy: str
    kind: str
    lang: Lang
    context: dict[str, Any] | None = None
    context_file: str = ""


class Checker:
    """Checks one password (or over-long line) and renders the outcome."""

    __slots__ = ("_context", "_kind", "_lang", "_policy")

    def __init__(self, policy: Policy, spec: CheckSpec) -> None:
        self._policy = policy
        self._kind = spec.kind
        self._lang = spec.lang
        self._context: UserContext | None = (
            build_context(spec.context, spec.context_file) if spec.context is not None else None
        )

    def _finding(self, violation: Violation) -> Finding:
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in violation.params.items()}
        return Finding(violation.code, violation.severity, violation.message_in(self._lang), params)

    def check(self, password: str | OverLong) -> Outcome:
        if isinstance(password, OverLong):
            # What Policy.check says for a password over the cap.
            return Outcome(False, (self._finding(too_long_violation(password.length)),))
        result = self._policy.check(password, context=self._context, kind=self._kind)
        return Outcome(result.ok, tuple(self._finding(v) for v in result.violations))


# One checker per worker process, built once by the pool's initializer (a
# policy holds read-only mappings that do not pickle, so each worker loads
# its own).  It lives only in worker processes.
_worker_checker: Checker | None = None


def _init_worker(spec: CheckSpec) -> None:
    # Ctrl-C reaches the whole process group: let the parent alone handle it
    # (it shuts the pool down) instead of every worker printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_checker
    _worker_checker = Checker(load_policy(spec.policy), spec)


def _check_chunk(passwords: list[str | OverLong]) -> list[Outcome]:
    checker = _worker_checker
    if checker is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker used before initialization")
    return [checker.check(password) for password in passwords]


class _Place(NamedTuple):
    file: str
    number: int


def outcomes(
    lines: Iterable[Line], checker: Checker, spec: CheckSpec, jobs: int
) -> Iterator[tuple[_Place, Outcome]]:
    """Check *lines* in order; with *jobs* > 1, over that many processes."""
    if jobs <= 1:
        for line in lines:
            yield _Place(line.file, line.number), checker.check(line.password)
        return
    yield from _parallel(lines, spec, jobs)


def _parallel(
    lines: Iterable[Line], spec: CheckSpec, jobs: int
) -> Iterator[tuple[_Place, Outcome]]:
    # A hand-rolled window instead of Pool.imap: imap reads its whole input
    # ahead, while this keeps at most 2 * jobs chunks in flight and yields
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
    window: deque[tuple[list[_Place], Future[list[Outcome]]]] = deque()
    places: list[_Place] = []
    batch: list[str | OverLong] = []
    error: InputError | None = None

    def collect() -> Iterator[tuple[_Place, Outcome]]:
        chunk_places, future = window.popleft()
        try:
            results = future.result()
        except BrokenProcessPool as broken:
            raise InputError(text("error.worker", spec.lang, reason=str(broken))) from None
        yield from zip(chunk_places, results, strict=True)

    try:
        try:
            for line in lines:
                places.append(_Place(line.file, line.number))
                batch.append(line.password)
                if len(batch) >= CHUNK_LINES:
                    window.append((places, pool.submit(_check_chunk, batch)))
                    places, batch = [], []
                    while len(window) >= 2 * jobs:
                        yield from collect()
        except InputError as stop:
            # Report every line before the bad one, then the error.
            error = stop
        if batch:
            window.append((places, pool.submit(_check_chunk, batch)))
        while window:
            yield from collect()
        if error is not None:
            raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(slots=True)
class Summary:
    checked: int = 0
    passed: int = 0

    @property
    def failed(self) -> int:
        return self.checked - self.passed

    def as_dict(self) -> dict[str, int]:
        return {"checked": self.checked, "passed": self.passed, "failed": self.failed}


class Formatter(Protocol):
    def start(self) -> None: ...
    def result(self, place: _Place, outcome: Outcome) -> None: ...
    def finish(self, summary: Summary, error: str | None) -> None: ...


def _result_dict(place: _Place, outcome: Outcome, with_file: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"line": place.number, "ok": outcome.ok}
    if with_file:
        out["file"] = place.file
    out["violations"] = [
        {"code": f.code, "severity": f.severity, "message": f.message, "params": f.params}
        for f in outcome.findings
    ]
    return out


@dataclass(frozen=True, slots=True)
class Output:
    """Where and how ``check`` writes its results."""

    out: TextIO
    format: str
    lang: Lang
    style: Style
    labels: Sequence[str]  # one per input; several inputs add "file" to results
    policy: str
    kind: str
    ascii_only: bool  # the stream cannot encode UTF-8: escape JSON text

    @property
    def with_file(self) -> bool:
        return len(self.labels) > 1


class _JsonLines:
    def __init__(self, settings: Output) -> None:
        self._s = settings
        # One encoder for the run: json.dumps with options builds one per call.
        self._dumps = json.JSONEncoder(ensure_ascii=settings.ascii_only).encode

    def start(self) -> None:
        pass

    def result(self, place: _Place, outcome: Outcome) -> None:
        self._s.out.write(self._dumps(_result_dict(place, outcome, self._s.with_file)) + "\n")

    def finish(self, summary: Summary, error: str | None) -> None:
        pass


class _JsonDocument(_JsonLines):
    """One JSON document, streamed: head, results as they come, summary last."""

    def __init__(self, settings: Output) -> None:
        super().__init__(settings)
        self._first = True

    def start(self) -> None:
        head = {"policy": self._s.policy, "kind": self._s.kind}
        fields = "".join(f"  {self._dumps(k)}: {self._dumps(v)},\n" for k, v in head.items())
        self._s.out.write("{\n" + fields + '  "results": [')

    def result(self, place: _Place, outcome: Outcome) -> None:
        separator = "\n    " if self._first else ",\n    "
        self._first = False
        self._s.out.write(separator + self._dumps(_result_dict(place, outcome, self._s.with_file)))

    def finish(self, summary: Summary, error: str | None) -> None:
        tail = f'\n  ],\n  "summary": {self._dumps(summary.as_dict())}'
        if error is not None:
            # Keep stdout a valid document even when the run stops early.
            tail += f',\n  "error": {self._dumps(error)}'
        self._s.out.write(tail + "\n}\n")


class _Text:
    """Aligned lines for a person: a verdict per line, then each finding."""

    def __init__(self, settings: Output) -> None:
        self._s = settings
        lang, style = settings.lang, settings.style
        # Wide enough for line numbers up to 9,999,999 without shifting.
        if settings.with_file:
            self._label_width = max(display_width(escape(label)) for label in settings.labels) + 8
        else:
            self._label_width = display_width(text("line", lang, line=9_999_999))
        self._severity = {s: text(s, lang) for s in ("error", "warning")}
        self._severity_width = max(display_width(s) for s in self._severity.values())
        self._code_width = max(len(code) for code in CATALOGUE)
        self._verdicts = {
            True: style(text("ok", lang), "ok"),
            False: style(text("rejected", lang), "rejected"),
        }

    def start(self) -> None:
        pass

    def result(self, place: _Place, outcome: Outcome) -> None:
        if self._s.with_file:
            label = f"{escape(place.file)}:{place.number}"
        else:
            label = text("line", self._s.lang, line=place.number)
        lines = [f"{pad(label, self._label_width)}  {self._verdicts[outcome.ok]}"]
        style = self._s.style
        for finding in outcome.findings:
            severity = self._severity.get(finding.severity, finding.severity)
            lines.append(
                "    "
                + style(pad(severity, self._severity_width), finding.severity)
                + "  "
                + style(pad(finding.code, self._code_width), "code")
                + "  "
                + finding.message
            )
        self._s.out.write("\n".join(lines) + "\n")

    def finish(self, summary: Summary, error: str | None) -> None:
        if error is not None:
            return  # the error on stderr says it all; a partial summary would mislead
        lang = self._s.lang
        line = text(
            "summary",
            lang,
            checked=f"{summary.checked:,}",
            passed=f"{summary.passed:,}",
            failed=f"{summary.failed:,}",
            policy=escape(self._s.policy),
            kind=text(f"kind.{self._s.kind}", lang),
        )
        self._s.out.write(self._s.style(line, "heading") + "\n")


def make_formatter(settings: Output) -> Formatter:
    """The formatter for ``settings.format``."""
    if settings.format == "json":
        return _JsonDocument(settings)
    if settings.format == "jsonl":
        return _JsonLines(settings)
    return _Text(settings)


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one process per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)
