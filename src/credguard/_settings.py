"""Provenance, policy metadata and the non-rule sections of a policy file.

A policy file says *where* each rule comes from (``source``, ``quote``,
``assumed`` …); :class:`Provenance` keeps that next to the rule so tools can
show it.  Sections that are not password rules — ``[lockout]``,
``[session]``, ``[rotation]`` — are small frozen dataclasses registered in
:data:`SECTIONS`; the loader builds them generically from their fields, so a
later section (MFA, notifications) is one more dataclass here.

A value left out of a section is ``None``: *unknown*, which is not the same
as "none" (a firm that does not publish its lockout threshold may still have
one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import ClassVar, Final

from ._errors import PolicyError

__all__ = [
    "PROVENANCE_KEYS",
    "SECTIONS",
    "LockoutSettings",
    "PolicyMeta",
    "Provenance",
    "RotationSettings",
    "SessionSettings",
]

#: Longest lock or timeout accepted, in minutes (ten years): anything longer
#: is a typo, and "never unlocks by itself" is ``auto_unlock = false``.
_MAX_MINUTES: Final = 10 * 366 * 24 * 60


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise PolicyError(f"must be a string, not {type(value).__name__}", key=name)


def _check_optional_int(name: str, value: object, minimum: int, maximum: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyError(f"must be an integer, not {type(value).__name__}", key=name)
    if not minimum <= value <= maximum:
        raise PolicyError(f"must be between {minimum} and {maximum}", key=name)


def _check_optional_bool(name: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise PolicyError(f"must be true or false, not {type(value).__name__}", key=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where one rule or section of a policy comes from.

    ``quote`` is the published sentence (in Japanese where the firm wrote
    Japanese); ``assumed`` says what the preset chose where the page is
    silent; ``origin`` names the policy file the table was written in (it
    differs from the policy's own name when inherited through ``extends``).
    """

    source: str = ""
    quote: str = ""
    assumed: str = ""
    retrieved: str = ""
    published: str = ""
    note: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            _check_text(item.name, getattr(self, item.name))

    def __bool__(self) -> bool:
        """True when the table says anything about its origin."""
        return bool(self.source or self.quote or self.assumed or self.note)

    def to_dict(self) -> dict[str, str]:
        """The non-empty fields, JSON-ready."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


#: Keys every rule or section table may carry to say where it comes from.
PROVENANCE_KEYS: Final = frozenset(f.name for f in fields(Provenance) if f.name != "origin")


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyMeta:
    """The ``[policy]`` table beyond name and titles.

    ``extends`` is the resolved chain of parents, nearest first (a preset
    name, or the path of a file).
    """

    description: str = ""
    source: str = ""
    retrieved: str = ""
    published: str = ""
    extends: tuple[str, ...] = ()
    file: str = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            if item.name != "extends":
                _check_text(item.name, getattr(self, item.name))
        object.__setattr__(self, "extends", tuple(self.extends))


@dataclass(frozen=True, slots=True, kw_only=True)
class LockoutSettings:
    """``[lockout]``: what happens after failed logins.

    ``max_failures`` consecutive failures lock the account for
    ``lock_minutes``; ``auto_unlock = false`` means only the firm unlocks it
    (SMBC日興).  ``None`` everywhere means the policy does not say.
    """

    NAME: ClassVar[str] = "lockout"

    max_failures: int | None = None
    lock_minutes: int | None = None
    auto_unlock: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_int("max_failures", self.max_failures, 1, 1_000_000)
        _check_optional_int("lock_minutes", self.lock_minutes, 1, _MAX_MINUTES)
        _check_optional_bool("auto_unlock", self.auto_unlock)
        if self.auto_unlock is False and self.lock_minutes is not None:
            raise PolicyError(
                "sets lock_minutes but auto_unlock = false (the lock never expires)",
                key="lock_minutes",
            )

    @property
    def known(self) -> bool:
        """True when the policy states anything about lockout."""
        return any(v is not None for v in (self.max_failures, self.lock_minutes, self.auto_unlock))


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSettings:
    """``[session]``: automatic logout after ``idle_timeout_minutes`` of inactivity."""

    NAME: ClassVar[str] = "session"

    idle_timeout_minutes: int | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_int("idle_timeout_minutes", self.idle_timeout_minutes, 1, _MAX_MINUTES)

    @property
    def known(self) -> bool:
        """True when the policy states an idle timeout."""
        return self.idle_timeout_minutes is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationSettings:
    """``[rotation]``: periodic password change.

    ``max_age_days`` forces a change after that many days; ``advised = true``
    records a firm that only *asks* users to change regularly (GMOクリック).
    Both run against NIST SP 800-63B and OWASP ASVS, which the audit reports.
    """

    NAME: ClassVar[str] = "rotation"

    max_age_days: int | None = None
    advised: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_int("max_age_days", self.max_age_days, 1, 3660)
        _check_optional_bool("advised", self.advised)

    @property
    def known(self) -> bool:
        """True when the policy states anything about rotation."""
        return self.max_age_days is not None or self.advised is not None


#: Section table name -> settings class; each becomes the ``Policy`` field of
#: the same name.
SECTIONS: Final[Mapping[str, type[LockoutSettings | SessionSettings | RotationSettings]]] = (
    MappingProxyType(
        {cls.NAME: cls for cls in (LockoutSettings, SessionSettings, RotationSettings)}
    )
)
