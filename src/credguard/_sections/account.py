"""The account sections: ``[lockout]``, ``[session]`` and ``[rotation]``.

A value left out is ``None``: *unknown* (see :mod:`credguard._sections`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._params import param, validate
from ..errors import PolicyError
from .provenance import Provenance

__all__ = ["LockoutSettings", "RotationSettings", "SessionSettings"]

#: Longest lock or timeout accepted, in minutes (ten years): anything longer
#: is a typo, and "never unlocks by itself" is ``auto_unlock = false``.
_MAX_MINUTES: Final = 10 * 366 * 24 * 60


@dataclass(frozen=True, slots=True, kw_only=True)
class LockoutSettings:
    """``[lockout]``: what happens after failed logins.

    ``max_failures`` consecutive failures lock the account for
    ``lock_minutes``; ``auto_unlock = false`` means only the firm unlocks it
    (SMBC日興).  ``locks = true`` records a firm that says the account locks
    after repeated failures without saying after how many (立花証券).
    ``None`` everywhere means the policy does not say.
    """

    NAME: ClassVar[str] = "lockout"

    locks: bool | None = param(
        None, doc="the account locks after consecutive failures", stricter=(False, True)
    )
    max_failures: int | None = param(
        None, doc="consecutive failures that lock", range=(1, 1_000_000), stricter="lower"
    )
    lock_minutes: int | None = param(
        None, doc="how long the lock lasts", range=(1, _MAX_MINUTES), stricter="higher"
    )
    auto_unlock: bool | None = param(
        None, doc="false: only the firm unlocks the account", stricter=(True, False)
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        if self.auto_unlock is False and self.lock_minutes is not None:
            raise PolicyError.of("section.lock_never_expires", key="lock_minutes")
        if self.locks is False:
            for name in ("max_failures", "lock_minutes", "auto_unlock"):
                if getattr(self, name) is not None:
                    raise PolicyError.of("section.no_lock", key=name, name=name)

    @property
    def locks_account(self) -> bool | None:
        """Does the account lock after consecutive failures?  None: not stated."""
        if self.locks is not None:
            return self.locks
        stated = (self.max_failures, self.lock_minutes, self.auto_unlock)
        return True if any(v is not None for v in stated) else None

    @property
    def known(self) -> bool:
        """True when the policy states anything about lockout."""
        return self.locks_account is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSettings:
    """``[session]``: automatic logout after ``idle_timeout_minutes`` of inactivity.

    ``auto_logout = true`` records a firm that logs idle sessions out
    without publishing after how long (moomoo: 一定時間).
    """

    NAME: ClassVar[str] = "session"

    auto_logout: bool | None = param(
        None, doc="idle sessions are logged out", stricter=(False, True)
    )
    idle_timeout_minutes: int | None = param(
        None,
        doc="minutes of inactivity before the logout",
        range=(1, _MAX_MINUTES),
        stricter="lower",
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        if self.auto_logout is False and self.idle_timeout_minutes is not None:
            raise PolicyError.of("section.no_logout", key="idle_timeout_minutes")

    @property
    def known(self) -> bool:
        """True when the policy states whether (or when) idle sessions end."""
        return self.auto_logout is not None or self.idle_timeout_minutes is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationSettings:
    """``[rotation]``: periodic password change.

    ``max_age_days`` forces a change after that many days; ``advised = true``
    records a firm that only *asks* users to change regularly (GMOクリック).
    Both run against NIST SP 800-63B and OWASP ASVS, which the audit reports.
    """

    NAME: ClassVar[str] = "rotation"

    max_age_days: int | None = param(
        None, doc="a forced change after this", range=(1, 3660), stricter="lower"
    )
    advised: bool | None = param(
        None, doc="the firm asks for periodic change, not enforced", stricter=(False, True)
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def known(self) -> bool:
        """True when the policy states anything about rotation."""
        return self.max_age_days is not None or self.advised is not None
