"""Account lockout after consecutive failed attempts: a pure evaluator.

credguard stores nothing.  The backend keeps the account's recent sign-in
(or trade-password) attempts and passes them in; :meth:`LockoutPolicy.evaluate`
replays them in time order and says whether the account is locked now and
until when.  The model:

* failures are counted while the account is unlocked; a success resets the
  count;
* the ``max_failures``-th consecutive failure locks the account at that
  moment, for ``lock_seconds`` (moomoo: "一定時間") or, with ``None``, until
  an operator or a password reset unlocks it (SMBC日興: the count "does not
  reset the next day");
* attempts made while locked were refused by the backend without checking
  the password: they neither count nor reset, and do not extend the lock;
* when a timed lock expires the count starts again from zero;
* ``since`` (the last manual unlock or password reset) drops older attempts;
* an attempt stamped after ``now`` (a clock skewed between servers, or
  stepped back) counts as made at ``now``: ignoring it would let a clock
  step unlock an account (fail closed);
* attempts stamped with the same instant are replayed failures first, so a
  success at the same instant can neither erase a failure nor undo the lock
  it causes (fail closed), and the verdict does not depend on the order of
  the input;
* a timed lock lasts at least :data:`MIN_LOCK_SECONDS` (1 s): a shorter one
  is shorter than the clock resolution of many backends and never holds;
* times near :attr:`datetime.datetime.max` do not overflow: a lock that
  would end after it is reported as ending at it, and holds until then.

NIST SP 800-63B §5.2.2 allows no more than 100 consecutive failures, so
``max_failures`` is capped at 100.  :meth:`LockoutPolicy.from_policy` reads
a policy's ``[lockout]`` section, so the file an auditor reads is the file
the backend enforces; a value the firm's page leaves unknown (moomoo's
一定時間) is never guessed: it raises :class:`~credguard.UnknownSettingError`
unless the caller passes it.  :meth:`LockoutPolicy.from_settings` takes the
table's values directly.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TypeVar

from ._problems import wrong_type
from .errors import InputTypeError, PolicyError, UnknownSettingError

if TYPE_CHECKING:
    from ._policy import Policy

_T = TypeVar("_T")

__all__ = ["MIN_LOCK_SECONDS", "NIST_MAX_FAILURES", "Attempt", "LockoutPolicy", "LockoutStatus"]

#: NIST SP 800-63B: "no more than 100 consecutive failed authentication attempts".
NIST_MAX_FAILURES: Final = 100
#: Longest timed lock accepted: 366 days (longer is "no automatic unlock").
_MAX_LOCK_SECONDS: Final = 366 * 24 * 3600
#: Shortest timed lock accepted, in seconds.
MIN_LOCK_SECONDS: Final = 1


@dataclass(frozen=True, slots=True)
class Attempt:
    """One authentication attempt: when, and whether the password was right."""

    at: datetime.datetime
    ok: bool

    def __post_init__(self) -> None:
        if not isinstance(self.at, datetime.datetime):
            raise InputTypeError(f"Attempt.at must be a datetime, not {type(self.at).__name__}")
        if not isinstance(self.ok, bool):
            raise InputTypeError(f"Attempt.ok must be a bool, not {type(self.ok).__name__}")


@dataclass(frozen=True, slots=True)
class LockoutStatus:
    """The verdict of :meth:`LockoutPolicy.evaluate`.

    ``locked_until`` is None when not locked, or locked with no automatic
    unlock (then ``permanent`` is True).  ``failures`` is the current count
    of consecutive failures, ``remaining`` how many more lock the account
    (0 while locked).
    """

    locked: bool
    locked_until: datetime.datetime | None
    failures: int
    remaining: int

    @property
    def permanent(self) -> bool:
        """Locked until an operator (or a password reset) unlocks the account."""
        return self.locked and self.locked_until is None


def _until(start: datetime.datetime, lock: datetime.timedelta) -> datetime.datetime:
    """*start* + *lock* for display, or the latest representable time if that is later.

    Whether a lock still holds is decided by ``moment - start < lock``, which
    cannot overflow: a lock clamped here still holds at the clamped time.
    """
    try:
        return start + lock
    except OverflowError:
        return datetime.datetime.max.replace(tzinfo=start.tzinfo)


def _aware(value: datetime.datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class LockoutPolicy:
    """Lock after ``max_failures`` consecutive failures, for ``lock_seconds``
    (``None``: no automatic unlock)."""

    max_failures: int
    lock_seconds: float | None

    def __post_init__(self) -> None:
        value = self.max_failures
        if isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError(wrong_type("type.integer", value), key="max_failures")
        if not 1 <= value <= NIST_MAX_FAILURES:
            raise PolicyError.of("lockout.max_failures", key="max_failures", high=NIST_MAX_FAILURES)
        seconds = self.lock_seconds
        if seconds is not None:
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
                raise PolicyError(wrong_type("type.number_or_none", seconds), key="lock_seconds")
            if not MIN_LOCK_SECONDS <= seconds <= _MAX_LOCK_SECONDS:
                raise PolicyError.of(
                    "lockout.lock_seconds",
                    key="lock_seconds",
                    low=MIN_LOCK_SECONDS,
                    high=_MAX_LOCK_SECONDS,
                )

    @classmethod
    def from_settings(
        cls,
        *,
        max_failures: int,
        lock_minutes: float | None = None,
        auto_unlock: bool = True,
    ) -> LockoutPolicy:
        """Build from a ``[lockout]`` table's values.

        ``auto_unlock = false`` means no automatic unlock (``lock_minutes``
        must then be omitted); otherwise ``lock_minutes`` is required.
        """
        if not isinstance(auto_unlock, bool):
            raise PolicyError.of("value.true_or_false", key="auto_unlock")
        if not auto_unlock:
            if lock_minutes is not None:
                raise PolicyError.of("lockout.minutes_without_unlock", key="lock_minutes")
            return cls(max_failures=max_failures, lock_seconds=None)
        if lock_minutes is None:
            raise PolicyError.of("lockout.minutes_required", key="lock_minutes")
        if isinstance(lock_minutes, bool) or not isinstance(lock_minutes, (int, float)):
            raise PolicyError(wrong_type("type.number", lock_minutes), key="lock_minutes")
        if not MIN_LOCK_SECONDS / 60 <= lock_minutes <= _MAX_LOCK_SECONDS / 60:
            raise PolicyError.of(
                "lockout.lock_minutes", key="lock_minutes", high=_MAX_LOCK_SECONDS // 60
            )
        return cls(max_failures=max_failures, lock_seconds=lock_minutes * 60)

    @classmethod
    def from_policy(
        cls,
        policy: Policy | str | os.PathLike[str],
        *,
        max_failures: int | None = None,
        lock_minutes: float | None = None,
        auto_unlock: bool | None = None,
    ) -> LockoutPolicy:
        """Build from a policy's ``[lockout]`` section (a :class:`Policy`, preset name or path).

        The keyword arguments fill only what the policy leaves unknown: a
        value that contradicts the policy is a :class:`PolicyError`, and a
        value that is unknown and not given raises
        :class:`UnknownSettingError` naming the key, so nothing is guessed.
        A policy whose ``[lockout]`` says ``locks = false`` cannot build one.
        """
        from ._loading import as_policy  # loading policies is not needed to evaluate

        resolved = as_policy(policy)
        settings = resolved.lockout
        where = resolved.meta.file or resolved.name

        def fill(name: str, stated: _T | None, given: _T | None) -> _T | None:
            if stated is not None and given is not None and given != stated:
                raise PolicyError.of(
                    "lockout.stated",
                    stated=stated,
                    name=name,
                    file=where,
                    key=f"lockout.{name}",
                )
            return stated if stated is not None else given

        if settings.locks is False:
            raise PolicyError.of("lockout.never_locks", file=where, key="lockout.locks")
        failures = fill("max_failures", settings.max_failures, max_failures)
        unlock = fill("auto_unlock", settings.auto_unlock, auto_unlock)
        minutes = fill("lock_minutes", settings.lock_minutes, lock_minutes)
        if failures is None:
            raise UnknownSettingError.of(
                "lockout.unknown_failures",
                file=where,
                key="lockout.max_failures",
            )
        if unlock is not False and minutes is None:
            raise UnknownSettingError.of(
                "lockout.unknown_duration",
                file=where,
                key="lockout.lock_minutes",
            )
        try:
            return cls.from_settings(
                max_failures=failures, lock_minutes=minutes, auto_unlock=unlock is not False
            )
        except PolicyError as error:
            raise PolicyError(error.detail, file=where, key=f"lockout.{error.key}") from None

    def evaluate(
        self,
        attempts: Iterable[Attempt],
        *,
        now: datetime.datetime,
        since: datetime.datetime | None = None,
    ) -> LockoutStatus:
        """Replay *attempts* (any order) and report the state at *now*.

        An attempt stamped after *now* counts as made at *now*; attempts
        before *since* are dropped; attempts at the same instant are taken
        failures first (see the module's docstring for why).  All datetimes
        must be alike: all timezone-aware or all naive.
        """
        if not isinstance(now, datetime.datetime):
            raise InputTypeError(f"now must be a datetime, not {type(now).__name__}")
        if since is not None and not isinstance(since, datetime.datetime):
            raise InputTypeError(f"since must be a datetime, not {type(since).__name__}")
        aware = _aware(now)
        items = []
        for attempt in attempts:
            if not isinstance(attempt, Attempt):
                raise InputTypeError(f"attempts must be Attempt, not {type(attempt).__name__}")
            items.append(attempt)
        for moment in (since, *(a.at for a in items)):
            if moment is not None and _aware(moment) != aware:
                raise InputTypeError(
                    "now, since and attempt times must all be timezone-aware or all naive"
                )
        lock = None if self.lock_seconds is None else datetime.timedelta(seconds=self.lock_seconds)
        failures = 0
        locked_at: datetime.datetime | None = None
        # (time, ok): a future stamp is now, and False (a failure) sorts
        # before True at the same instant, whatever the input order.
        replay = sorted((min(a.at, now), a.ok) for a in items)
        for at, ok in replay:
            if since is not None and at < since:
                continue
            if locked_at is not None:
                # Differences, not sums: no overflow near datetime.max.
                if lock is None or at - locked_at < lock:
                    continue  # refused while locked: neither counts nor resets
                locked_at, failures = None, 0  # the timed lock has expired
            if ok:
                failures = 0
            else:
                failures += 1
                if failures >= self.max_failures:
                    locked_at = at
        if locked_at is not None:
            if lock is None:
                return LockoutStatus(True, None, failures, 0)
            if now - locked_at < lock:
                return LockoutStatus(True, _until(locked_at, lock), failures, 0)
            failures = 0
        return LockoutStatus(False, None, failures, self.max_failures - failures)
