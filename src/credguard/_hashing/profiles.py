"""Argon2id parameter sets: :class:`HashProfile`, the named profiles, the OWASP floor.

The named profiles are plain data (as argon2-cffi's ``profiles``): RFC 9106's
two recommendations and the OWASP Password Storage Cheat Sheet minimum.  A
production hasher refuses a profile below :data:`OWASP_FLOOR`; the one way
round it is :class:`TestingProfile`, which only :mod:`credguard.testing`
builds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .._problems import did_you_mean, wrong_type
from ..errors import InputTypeError, PolicyError
from .encoded import (
    HARD_MAX_MEMORY,
    HARD_MAX_TIME,
    MAX_PARALLELISM,
    MAX_SALT_BYTES,
    MAX_TAG_BYTES,
    MIN_SALT_BYTES,
    MIN_TAG_BYTES,
)

__all__ = [
    "DEFAULT_PROFILE",
    "OWASP_FLOOR",
    "OWASP_MINIMUM",
    "PROFILES",
    "RFC9106_HIGH_MEMORY",
    "RFC9106_LOW_MEMORY",
    "HashProfile",
    "TestingProfile",
    "bounded_int",
    "meets_floor",
    "resolve_profile",
]

#: OWASP Password Storage Cheat Sheet: these (memory KiB, passes) pairs with
#: p = 1 give equal defence; a profile must reach at least one of them.
OWASP_FLOOR: Final[tuple[tuple[int, int], ...]] = (
    (47104, 1),
    (19456, 2),
    (12288, 3),
    (9216, 4),
    (7168, 5),
)


def bounded_int(key: str, value: object, minimum: int, maximum: int) -> int:
    """Validate an integer hashing parameter (``bool`` is not an integer here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyError(wrong_type("type.integer", value), key=key)
    if not minimum <= value <= maximum:
        raise PolicyError.of("value.between", key=key, low=minimum, high=maximum)
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class HashProfile:
    """Argon2id parameters: ``memory_cost`` in KiB, ``time_cost`` passes,
    ``parallelism`` lanes, tag and salt lengths in bytes."""

    name: str
    time_cost: int
    memory_cost: int
    parallelism: int
    hash_len: int = 32
    salt_len: int = 16

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise PolicyError.of("value.non_empty_string", key="profile.name")
        bounded_int("profile.time_cost", self.time_cost, 1, HARD_MAX_TIME)
        bounded_int("profile.parallelism", self.parallelism, 1, MAX_PARALLELISM)
        bounded_int("profile.memory_cost", self.memory_cost, 8 * self.parallelism, HARD_MAX_MEMORY)
        bounded_int("profile.hash_len", self.hash_len, MIN_TAG_BYTES, MAX_TAG_BYTES)
        bounded_int("profile.salt_len", self.salt_len, MIN_SALT_BYTES, MAX_SALT_BYTES)

    @property
    def meets_owasp_floor(self) -> bool:
        """True when memory and passes reach one of the :data:`OWASP_FLOOR` pairs
        and salt and tag are at least 16 bytes."""
        return meets_floor(self.memory_cost, self.time_cost, self.salt_len, self.hash_len)


def meets_floor(memory_cost: int, time_cost: int, salt_len: int, hash_len: int) -> bool:
    """Do these Argon2id parameters reach :data:`OWASP_FLOOR` (and 16-byte salt and tag)?"""
    return (
        any(memory_cost >= m and time_cost >= t for m, t in OWASP_FLOOR)
        and salt_len >= 16
        and hash_len >= 16
    )


class TestingProfile(HashProfile):
    """A profile that may sit below the floor; made only by :mod:`credguard.testing`.

    A subclass rather than a flag, so that no policy file or keyword can
    ask for it: only code that imports the testing module gets one.
    """

    __slots__ = ()
    __test__ = False  # not a pytest test class, despite its name


#: RFC 9106 §4, second recommended option (the default): t=3, 64 MiB, p=4.
RFC9106_LOW_MEMORY: Final = HashProfile(
    name="rfc9106-low-memory", time_cost=3, memory_cost=64 * 1024, parallelism=4
)
#: RFC 9106 §4, first recommended option: t=1, 2 GiB, p=4.
RFC9106_HIGH_MEMORY: Final = HashProfile(
    name="rfc9106-high-memory", time_cost=1, memory_cost=2 * 1024 * 1024, parallelism=4
)
#: OWASP Password Storage Cheat Sheet minimum: 19 MiB, t=2, p=1.
OWASP_MINIMUM: Final = HashProfile(
    name="owasp-minimum", time_cost=2, memory_cost=19 * 1024, parallelism=1
)
DEFAULT_PROFILE: Final = RFC9106_LOW_MEMORY
#: The named production profiles.
PROFILES: Final[Mapping[str, HashProfile]] = MappingProxyType(
    {p.name: p for p in (RFC9106_LOW_MEMORY, RFC9106_HIGH_MEMORY, OWASP_MINIMUM)}
)


def resolve_profile(value: HashProfile | str) -> HashProfile:
    """*value* itself, or the named profile it names (with a "did you mean" hint)."""
    if isinstance(value, HashProfile):
        return value
    if isinstance(value, str):
        found = PROFILES.get(value)
        if found is None:
            hint = did_you_mean(value, PROFILES, cutoff=0.5)
            raise PolicyError.of(
                "hash.unknown_profile", key="profile", hint=hint, profiles=tuple(PROFILES)
            )
        return found
    raise InputTypeError(f"profile must be a HashProfile or str, not {type(value).__name__}")
