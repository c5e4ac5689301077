"""``PasswordHasher``: Argon2id hashing and verification under one profile.

Pipeline of :meth:`PasswordHasher.hash`::

    password ─► guard (type, size cap, NFKC, cap again, control/format chars)
             ─► UTF-8 bytes ─► [HMAC-SHA256 with the current pepper key]
             ─► argon2-cffi low-level Argon2id ─► encoded string [+ pepper prefix]

The password goes through the same :func:`~credguard._guard.guard` as a
policy check, so a password typed full-width on one device and half-width on
another hashes to the same secret.  Stored values are parsed and bounded by
:func:`.encoded.parse_hash` before Argon2 sees them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .._guard import guard
from ..errors import (
    ForbiddenCharacterError,
    InputTypeError,
    InvalidHashError,
    PasswordTooLongError,
    PolicyError,
)
from .encoded import (
    ARGON2_VERSION,
    DEFAULT_CHECK_HASHES,
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_TIME,
    HARD_MAX_MEMORY,
    HARD_MAX_TIME,
    MAX_SALT_BYTES,
    MIN_SALT_BYTES,
    PEPPER_PREFIX,
    STORED_COST_FACTOR,
    ParsedHash,
    parse_hash,
)
from .pepper import Pepper
from .profiles import (
    DEFAULT_PROFILE,
    HashProfile,
    TestingProfile,
    bounded_int,
    meets_floor,
    resolve_profile,
)

__all__ = ["PasswordHasher"]


@dataclass(frozen=True, slots=True, repr=False)
class PasswordHasher:
    """Argon2id hashing and verification under one profile.

    ``profile`` is a :class:`HashProfile` or a name in :data:`PROFILES`
    (default ``"rfc9106-low-memory"``).  ``pepper`` is the current key;
    ``old_peppers`` are retired keys that may still verify.
    ``max_memory_cost`` (KiB) and ``max_time_cost`` bound what a *stored*
    hash may ask for; they default to twice the profile's own values
    (:data:`~.encoded.STORED_COST_FACTOR`), within the hard caps.
    ``max_check_cost`` (KiB × passes, what :meth:`cost` measures) bounds
    all the stored hashes one check may verify (the history rule); it
    defaults to 24 hashes at the profile's cost.  ``strict`` (with a
    pepper) refuses stored hashes made without one or below the OWASP
    floor (see :meth:`verify`).
    """

    profile: HashProfile = DEFAULT_PROFILE
    pepper: Pepper | None = None
    old_peppers: tuple[Pepper, ...] = ()
    max_memory_cost: int | None = None
    max_time_cost: int | None = None
    max_check_cost: int | None = None
    strict: bool = False

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        profile = resolve_profile(self.profile)
        if not profile.meets_owasp_floor and not isinstance(profile, TestingProfile):
            raise PolicyError.of("hash.below_floor", key="profile")
        set_(self, "profile", profile)
        if self.pepper is not None and not isinstance(self.pepper, Pepper):
            raise InputTypeError(f"pepper must be a Pepper, not {type(self.pepper).__name__}")
        olds = tuple(self.old_peppers)
        if not all(isinstance(p, Pepper) for p in olds):
            raise InputTypeError("old_peppers must hold Pepper objects")
        ids = [p.key_id for p in (self.pepper, *olds) if p is not None]
        if len(set(ids)) != len(ids):
            raise PolicyError.of("hash.pepper_ids", key="old_peppers")
        set_(self, "old_peppers", olds)
        memory = self.max_memory_cost
        if memory is None:
            memory = min(STORED_COST_FACTOR * profile.memory_cost, HARD_MAX_MEMORY)
        set_(
            self,
            "max_memory_cost",
            bounded_int("max_memory_cost", memory, profile.memory_cost, HARD_MAX_MEMORY),
        )
        time = self.max_time_cost
        if time is None:
            time = min(STORED_COST_FACTOR * profile.time_cost, HARD_MAX_TIME)
        set_(self, "max_time_cost", bounded_int("max_time_cost", time, profile.time_cost, 1000))
        one = profile.memory_cost * profile.time_cost
        budget = self.max_check_cost
        if budget is None:
            budget = DEFAULT_CHECK_HASHES * one
        # At least one hash at the profile's cost, or nothing could be verified.
        set_(self, "max_check_cost", bounded_int("max_check_cost", budget, one, 2**62))
        if not isinstance(self.strict, bool):
            raise InputTypeError(f"strict must be a bool, not {type(self.strict).__name__}")

    def __repr__(self) -> str:
        key_id = self.pepper.key_id if self.pepper is not None else None
        old = [p.key_id for p in self.old_peppers]
        strict = ", strict=True" if self.strict else ""
        return (
            f"PasswordHasher(profile={self.profile.name!r}, pepper={key_id!r},"
            f" old_peppers={old}{strict})"
        )

    # -- internals --------------------------------------------------------

    def _parse(self, stored: str) -> ParsedHash:
        # __post_init__ resolved both limits; the fallbacks only narrow the type.
        return parse_hash(
            stored,
            max_memory_cost=self.max_memory_cost or DEFAULT_MAX_MEMORY,
            max_time_cost=self.max_time_cost or DEFAULT_MAX_TIME,
        )

    def _refuse_if_weak(self, parsed: ParsedHash) -> None:
        """A strict hasher's refusals: no pepper (when it has one), or below the floor."""
        if self.pepper is not None and parsed.key_id is None:
            raise InvalidHashError("stored hash has no pepper, which a strict hasher requires")
        if not meets_floor(parsed.memory_cost, parsed.time_cost, parsed.salt_len, parsed.hash_len):
            raise InvalidHashError(
                "stored hash is below the OWASP floor, which a strict hasher refuses"
            )

    def _pepper_for(self, key_id: str | None) -> Pepper | None:
        if key_id is None:
            return None
        for pepper in (self.pepper, *self.old_peppers):
            if pepper is not None and pepper.key_id == key_id:
                return pepper
        raise InvalidHashError("stored hash was made with a pepper key this hasher does not hold")

    @staticmethod
    def _secret(normalized: str, pepper: Pepper | None) -> bytes:
        data = normalized.encode("utf-8")
        return data if pepper is None else pepper.mac(data)

    # -- public API -------------------------------------------------------

    def hash(self, password: str, *, salt: bytes | None = None) -> str:
        """Hash *password*; return the value to store.

        Raises :class:`~credguard.InputTypeError`,
        :class:`~credguard.PasswordTooLongError` or
        :class:`~credguard.ForbiddenCharacterError` for a password the guard
        refuses.  *salt* is for known-answer tests only; by default a fresh
        random salt of ``profile.salt_len`` bytes is used.
        """
        normalized, forbidden = guard(password)
        if forbidden:
            raise ForbiddenCharacterError(forbidden)
        if salt is None:
            salt = os.urandom(self.profile.salt_len)
        elif not isinstance(salt, bytes):
            raise InputTypeError(f"salt must be bytes, not {type(salt).__name__}")
        elif not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
            raise PolicyError.of(
                "hash.salt_size", key="salt", low=MIN_SALT_BYTES, high=MAX_SALT_BYTES
            )
        # Imported on first use: argon2-cffi's bindings cost about 10 ms at
        # import, which a process that only checks policies never pays.
        from argon2 import low_level as _argon2

        profile = self.profile
        encoded = _argon2.hash_secret(
            self._secret(normalized, self.pepper),
            salt,
            time_cost=profile.time_cost,
            memory_cost=profile.memory_cost,
            parallelism=profile.parallelism,
            hash_len=profile.hash_len,
            type=_argon2.Type.ID,
            version=ARGON2_VERSION,
        ).decode("ascii")
        if self.pepper is None:
            return encoded
        return f"{PEPPER_PREFIX}$k={self.pepper.key_id}{encoded}"

    def verify(self, stored: str, password: str) -> bool:
        """True when *password* matches *stored*; False on a mismatch.

        A malformed or out-of-bounds *stored* value, or one made with a
        pepper key this hasher does not hold, raises
        :class:`~credguard.InvalidHashError` before Argon2 runs; so does, for
        a ``strict`` hasher, a value without the pepper prefix (when the
        hasher has a pepper) or below the OWASP floor.  A password
        the guard refuses (over the cap, control or format characters)
        cannot match anything and gives ``False`` without running Argon2.
        """
        parsed = self._parse(stored)
        if self.strict:
            self._refuse_if_weak(parsed)
        pepper = self._pepper_for(parsed.key_id)
        # A type error still raises (it is a programming error); a password
        # the guard refuses cannot match anything.
        try:
            normalized, forbidden = guard(password)
        except PasswordTooLongError:
            return False
        if forbidden:
            return False
        from argon2 import exceptions as _argon2_exceptions
        from argon2 import low_level as _argon2

        try:
            return _argon2.verify_secret(
                parsed.argon2.encode("ascii"),
                self._secret(normalized, pepper),
                _argon2.Type.ID,
            )
        except _argon2_exceptions.VerifyMismatchError:
            return False
        except (_argon2_exceptions.VerificationError, _argon2_exceptions.InvalidHashError):
            # Non-canonical base64 and the like: argon2 refused to decode it.
            raise InvalidHashError("stored hash could not be decoded by Argon2") from None

    def cost(self, stored: str) -> int:
        """What verifying *stored* costs, in KiB × passes (``m * t``), without running Argon2.

        Raises :class:`~credguard.InvalidHashError` as :meth:`verify` would.
        A check adds these up against ``max_check_cost``.
        """
        parsed = self._parse(stored)
        return parsed.memory_cost * parsed.time_cost

    def needs_rehash(self, stored: str) -> bool:
        """True when *stored* was not made with this profile and current pepper."""
        parsed = self._parse(stored)
        profile = self.profile
        current = self.pepper.key_id if self.pepper is not None else None
        return (
            parsed.key_id != current
            or parsed.version != ARGON2_VERSION
            or parsed.memory_cost != profile.memory_cost
            or parsed.time_cost != profile.time_cost
            or parsed.parallelism != profile.parallelism
            or parsed.hash_len != profile.hash_len
            or parsed.salt_len != profile.salt_len
        )

    def verify_and_update(self, stored: str, password: str) -> tuple[bool, str | None]:
        """Verify, and on success return a fresh hash if *stored* is outdated.

        Returns ``(False, None)`` on a mismatch, ``(True, None)`` when
        *stored* is current and ``(True, new_hash)`` when the backend should
        replace it (profile changed, pepper rotated or added).
        """
        if not self.verify(stored, password):
            return False, None
        if self.needs_rehash(stored):
            return True, self.hash(password)
        return True, None
