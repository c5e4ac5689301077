"""``history.*``: a new password must not reuse one of the last N of its kind.

The backend passes the account's stored hashes, newest first, in
``UserContext.password_history``; the rule verifies the new password against
the first ``generations`` of them and stops at the first match.  This is
the most expensive check credguard makes (N Argon2 verifications).  The
newest hash is verified first and alone (a user re-entering the current
password is the common match); the others in a bounded pool of ``workers`` threads (default: one
per available core): argon2-cffi releases the GIL and computes one hash on
one core, so the wall time drops towards ``ceil(N / cores)`` verifications.
More threads than cores only add memory pressure (see docs/credentials.md).
A stored value that cannot be verified (corrupt, unsupported, made with an
unknown pepper key) fails closed with ``history.unverifiable``.

After a password change the backend stores :func:`updated_history`: the new
hash first, then the previous ones, trimmed to N.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import ClassVar

from .._candidate import Candidate
from .._context import MAX_HISTORY, UserContext
from .._hashing import MAX_HASH_LENGTH, PasswordHasher
from .._params import param, validate
from .._violation import Severity, Violation
from ..errors import InputTypeError
from ._base import check_int, severity_param
from ._credentials import (
    MAX_WORKERS,
    available_cores,
    check_hasher,
    first_match,
    verify_or_none,
)

__all__ = ["HistoryRule", "updated_history"]


def updated_history(history: Iterable[str], new_hash: str, *, generations: int) -> tuple[str, ...]:
    """The history to store after a change: *new_hash* first, at most *generations* entries."""
    check_int("generations", generations, minimum=1, maximum=MAX_HISTORY)
    if isinstance(history, str):
        raise InputTypeError("history must be a sequence of stored hashes, not one str")
    entries = [new_hash, *history]
    for entry in entries:
        if not isinstance(entry, str) or not 0 < len(entry) <= MAX_HASH_LENGTH:
            raise InputTypeError(
                f"history entries must be stored hashes (str of 1 to {MAX_HASH_LENGTH} characters)"
            )
    return tuple(entries[:generations])


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryRule:
    """Reject a password that verifies against one of the last ``generations`` hashes."""

    NAME: ClassVar[str] = "history"

    generations: int = param(
        5,
        doc="how many previous passwords may not be reused",
        range=(1, MAX_HISTORY),
        stricter="higher",
    )
    #: Verification threads; None (the default) means one per available core.
    workers: int | None = param(
        None, doc="verification threads (one per core when not set)", range=(1, MAX_WORKERS)
    )
    severity: Severity = severity_param()
    hasher: PasswordHasher = field(default_factory=PasswordHasher)

    def __post_init__(self) -> None:
        validate(self)
        check_hasher(self.hasher)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        yield "history.generations", {"generations": self.generations}

    def with_hasher(self, hasher: PasswordHasher) -> HistoryRule:
        """A copy verifying with *hasher* (see :class:`~._base.CredentialRule`)."""
        return replace(self, hasher=hasher)

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        stored = context.password_history[: self.generations]
        if not stored:
            return
        # The newest entry first and alone: re-entering the current password
        # is the common match, and one verification with no thread pool
        # beside it is the fastest way to find it (docs/performance.md).
        newest = verify_or_none(self.hasher, stored[0], candidate.raw)
        if newest:
            yield Violation("history.reused", {"generations": self.generations}, self.severity)
            return
        workers = self.workers if self.workers is not None else available_cores()
        outcome = first_match(self.hasher, stored[1:], candidate.raw, workers=workers)
        unverifiable = len(outcome.unverifiable) + (newest is None)
        if outcome.match is not None:
            yield Violation("history.reused", {"generations": self.generations}, self.severity)
        elif unverifiable:
            yield Violation("history.unverifiable", {"count": unverifiable}, self.severity)

    def updated(self, history: Iterable[str], new_hash: str) -> tuple[str, ...]:
        """:func:`updated_history` with this rule's ``generations``."""
        return updated_history(history, new_hash, generations=self.generations)
