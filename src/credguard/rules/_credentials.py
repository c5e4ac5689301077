"""What the credential rules (``history``, ``separation``) share.

Both compare a new password with stored hashes, so both need a
:class:`~credguard.PasswordHasher` (its pepper keys and bounds).  The hasher
is a rule field that a policy file cannot set; code binds one with
:meth:`credguard.Policy.with_hasher`.  Corrupt or unsupported stored values
fail closed: they are reported, never skipped.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Final, NamedTuple

from .._hashing import PasswordHasher
from ..errors import InvalidHashError, PolicyError

__all__ = [
    "MAX_WORKERS",
    "Outcome",
    "available_cores",
    "check_hasher",
    "first_match",
    "verify_or_none",
    "within_budget",
]

#: Most verification threads one check may start.
MAX_WORKERS: Final = 16


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells), at most 16."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_WORKERS))


def check_hasher(value: object) -> PasswordHasher:
    """Validate a rule's ``hasher`` field (only code can provide one)."""
    if not isinstance(value, PasswordHasher):
        raise PolicyError.of("rule.hasher_in_file", key="hasher")
    return value


def verify_or_none(hasher: PasswordHasher, stored: str, password: str) -> bool | None:
    """``hasher.verify``, with ``None`` for a stored value that cannot be verified."""
    try:
        return hasher.verify(stored, password)
    except InvalidHashError:
        return None


class Outcome(NamedTuple):
    """Index of a matching stored value (or None) and the unverifiable ones."""

    match: int | None
    unverifiable: tuple[int, ...]


def within_budget(hasher: PasswordHasher, stored: Sequence[str]) -> tuple[list[int], list[int]]:
    """Which stored values one check verifies, and which it cannot.

    Newest first, each value is admitted while the costs admitted so far
    (``m * t``, read without running Argon2) stay within the hasher's
    ``max_check_cost``; a malformed value, or one that does not fit, is
    unverifiable (the check fails closed).
    """
    budget = hasher.max_check_cost or 0
    admitted: list[int] = []
    refused: list[int] = []
    for index, value in enumerate(stored):
        try:
            cost = hasher.cost(value)
        except InvalidHashError:
            refused.append(index)
            continue
        if cost <= budget:
            budget -= cost
            admitted.append(index)
        else:
            refused.append(index)
    return admitted, refused


def first_match(
    hasher: PasswordHasher, stored: Sequence[str], password: str, *, workers: int
) -> Outcome:
    """Find a stored value *password* verifies against; stop at the first match.

    Only the values :func:`within_budget` admits are verified; the others
    are unverifiable.

    With ``workers > 1`` the values are verified in a bounded pool of
    threads (argon2-cffi releases the GIL, so they run on separate cores);
    the first match returns at once and cancels the verifications that have
    not started.  The pool lives for one call: nothing is shared between
    calls or threads.
    """
    admitted, bad = within_budget(hasher, stored)
    if workers <= 1 or len(admitted) <= 1:
        for index in admitted:
            result = verify_or_none(hasher, stored[index], password)
            if result:
                return Outcome(index, tuple(sorted(bad)))
            if result is None:
                bad.append(index)
        return Outcome(None, tuple(sorted(bad)))
    # Imported here: only a check with stored hashes needs threads.
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    pool = ThreadPoolExecutor(
        max_workers=min(workers, len(admitted)), thread_name_prefix="credguard-verify"
    )
    try:
        pending: dict[Future[bool | None], int] = {
            pool.submit(verify_or_none, hasher, stored[index], password): index
            for index in admitted
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                result = future.result()
                if result:
                    return Outcome(index, tuple(sorted(bad)))
                if result is None:
                    bad.append(index)
        return Outcome(None, tuple(sorted(bad)))
    finally:
        # Do not wait for verifications still running after a match.
        pool.shutdown(wait=False, cancel_futures=True)
