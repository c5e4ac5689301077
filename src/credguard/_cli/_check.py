"""``credguard check``: one password checked and rendered, and the run's cache.

A result's text is a *head* that depends on the line's place (its number
and file) and a *body* that depends on the verdict alone
(:class:`._formats.Renderer`).  :class:`Checker` gives a password's
:data:`Verdict` (ok, codes, body), in this process or in a worker, and
renders each distinct set of findings once.
Identical lines in one run are checked once: :class:`Seen` maps a keyed
BLAKE2b digest of each distinct line (and of its row's context) to its
verdict, never the password, under a random key made for the run, and
stops adding at :data:`CACHE_SIZE` entries.  :mod:`._jobs` runs the lines
through them, in this process or over workers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from .._context import UserContext
from .._guard import too_long_violation
from .._messages import Lang
from .._policy import Policy
from .._violation import CheckResult, new_result
from ._context_file import build_context
from ._explain import explain
from ._formats import Outcome, Place, Renderer, RenderSpec
from ._input import Invalid, OverLong

__all__ = [
    "CACHE_SIZE",
    "SKIPPED",
    "WARM_UP",
    "CheckSpec",
    "Checked",
    "Checker",
    "Seen",
    "Verdict",
]

#: Distinct lines remembered per run (about 100 bytes each: a 16-byte digest
#: and a reference to a verdict shared by every line with the same output).
#: Past it, new lines are checked every time they occur; memory stays flat.
CACHE_SIZE: Final = 1 << 18
#: Distinct verdicts (ok, codes, body) shared between lines, per process.
SHARED_VERDICTS: Final = 1 << 14
WARM_UP: Final = "credguard warm-up 1"  # checked once to load data

#: What identical lines share: ok, the codes, the body of the result's text.
Verdict = tuple[bool, tuple[str, ...], str]


class Checked(NamedTuple):
    """One line's verdict, rendered: ``ok`` is None for a skipped line."""

    ok: bool | None
    codes: tuple[str, ...]
    text: str


SKIPPED: Final = Checked(None, (), "")


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
    """Checks one password and renders the place-independent body of its result."""

    __slots__ = ("_by_findings", "_context", "_kind", "_lang", "_policy", "_shared", "renderer")

    def __init__(self, policy: Policy, spec: CheckSpec) -> None:
        self._policy = policy
        self._kind = spec.kind
        self._lang = spec.lang
        self.renderer = Renderer(spec.render)
        self._context: UserContext | None = (
            build_context(spec.context, spec.context_file) if spec.context is not None else None
        )
        self._shared: dict[Verdict, Verdict] = {}
        # The verdict of each distinct set of findings (see verdict()).
        self._by_findings: dict[str, Verdict] = {}

    def verdict(self, password: str | OverLong, row: dict[str, Any] | None = None) -> Verdict:
        context = self._context if row is None else UserContext(**row)
        if isinstance(password, OverLong) or self.renderer.spec.explain:
            return self._render(self._outcome(password, context))
        # A verdict is a function of the findings alone (their codes,
        # severities and params, in order: policy, kind, language and format
        # are the run's): rendering a result (to_dict and the body, about
        # 12 µs) happens once per distinct set of findings, and a run over a
        # list of distinct passwords has a few hundred (209 in 20,000 lines
        # of the benchmark corpus with ``recommended``).  The key is the
        # repr of the findings, which tells 1, 1.0 and True apart as the
        # JSON and the messages do; it holds no password (params are safe
        # to show).  --explain depends on the password: rendered each time.
        result = self._policy.check(password, context=context, kind=self._kind)
        key = repr([(v.code, v.severity, tuple(v.params.items())) for v in result.violations])
        found = self._by_findings.get(key)
        if found is None:
            found = self._render(self._as_outcome(result))
            if len(self._by_findings) < SHARED_VERDICTS:
                self._by_findings[key] = found
        return found

    def _render(self, outcome: Outcome) -> Verdict:
        return self.share((outcome.ok, outcome.codes, self.renderer.body(outcome)))

    def share(self, verdict: Verdict) -> Verdict:
        """One object for equal verdicts: a cache entry costs a reference, and a
        batch's results pickle each distinct verdict once."""
        found = self._shared.get(verdict)
        if found is not None:
            return found
        if len(self._shared) < SHARED_VERDICTS:
            self._shared[verdict] = verdict
        return verdict

    def check(self, place: Place, password: str | OverLong | Invalid, row: Any = None) -> Checked:
        """One line, checked and rendered in full (no run cache)."""
        if isinstance(password, Invalid):
            return SKIPPED
        ok, codes, body = self.verdict(password, row)
        return Checked(ok, codes, self.renderer.head(place) + body)

    def _outcome(self, password: str | OverLong, context: UserContext | None) -> Outcome:
        if isinstance(password, OverLong):
            # What Policy.check says for a password over the cap.
            violation = too_long_violation(password.length)
            result = new_result((violation,), self._kind, self._policy.name)
            return Outcome(False, result.codes, result.to_dict(self._lang), None)
        result = self._policy.check(password, context=context, kind=self._kind)
        detail = None
        if self.renderer.spec.explain:
            detail = explain(self._policy, password, result, context, self._lang)
        return self._as_outcome(result, detail)

    def _as_outcome(self, result: CheckResult, detail: dict[str, Any] | None = None) -> Outcome:
        return Outcome(result.ok, result.codes, result.to_dict(self._lang), detail)


class Seen:
    """The verdicts of the distinct lines of one run, by keyed digest.

    A key is BLAKE2b, keyed with 32 random bytes made for this run and
    never stored, of the password (and of the row's own context, for CSV
    and JSONL input): the map holds no password, and its keys mean nothing
    once the run is over.  It stops adding at *size* entries rather than
    grow.  A value is a :data:`Verdict`, or a one-item list that a worker's
    answer fills (the line was sent and is still out).
    """

    __slots__ = ("_keyed", "_map", "_size")

    def __init__(self, size: int = CACHE_SIZE) -> None:
        import hashlib  # only here: a serial run of one line does not need it

        # The keyed state, made once: each line copies it (a keyed BLAKE2b
        # made per line hashes the key's block again: 0.45 against 0.27 µs).
        self._keyed = hashlib.blake2b(digest_size=16, key=secrets.token_bytes(32))
        self._map: dict[bytes, Verdict | list[Any]] = {}
        self._size = size

    def __len__(self) -> int:
        return len(self._map)

    def key(self, password: str, row: dict[str, Any] | None) -> bytes:
        data = password.encode("utf-8", "surrogatepass")
        if row is not None:
            # A tag byte keeps a bare password apart from one with a context.
            data = b"R" + repr((password, sorted(row.items()))).encode("utf-8", "surrogatepass")
        digest = self._keyed.copy()
        digest.update(data)
        return digest.digest()

    def get(self, key: bytes) -> Verdict | list[Any] | None:
        return self._map.get(key)

    def add(self, key: bytes, value: Verdict | list[Any]) -> None:
        if len(self._map) < self._size:
            self._map[key] = value

    def settle(self, key: bytes, slot: list[Any]) -> None:
        """A sent line's verdict came back: keep the verdict, not the slot."""
        if self._map.get(key) is slot:
            self._map[key] = slot[0]
