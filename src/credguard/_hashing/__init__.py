"""``PasswordHasher``: Argon2id hashing with named profiles and an optional pepper.

Pipeline of :meth:`PasswordHasher.hash`::

    password ─► guard (type, size cap, NFKC, cap again, control/format chars)
             ─► UTF-8 bytes ─► [HMAC-SHA256 with the current pepper key]
             ─► argon2-cffi low-level Argon2id ─► encoded string [+ pepper prefix]

Design points:

* **One normalization with the policy checks.**  The password is NFKC
  normalized exactly like :class:`~credguard.Candidate` does, so a password
  typed full-width (``Ｐａｓｓ１２３``) on one device and half-width on another
  hashes to the same secret.  Control and invisible format characters are
  refused with :class:`~credguard.ForbiddenCharacterError` (the policy check
  reports them as ``charset.control`` / ``charset.format``); ``verify`` simply
  returns ``False`` for such a password, since no hash of it can exist.
* **Stored hashes are untrusted.**  :func:`parse_hash` bounds the string
  length, the variant, the version, ``m``, ``t``, ``p`` and the salt and tag
  lengths with one anchored regular expression and a few integer
  comparisons *before* argon2 sees the value, so a forged
  ``$argon2id$v=19$m=4194304,t=1000,p=255$…`` costs microseconds, not 4 GiB.
* **Pepper.**  With a :class:`Pepper`, the secret given to Argon2 is
  ``HMAC-SHA256(key, utf8(nfkc(password)))`` and the stored value gets a
  prefix naming the key id: ``$credguard-hmac-sha256$k=<id>`` followed by
  the plain Argon2 encoding, which stays parseable by itself.  A stored key
  id other than the current one makes :meth:`~PasswordHasher.needs_rehash`
  true; old keys passed as ``old_peppers`` still verify.
* **Floors.**  A production hasher refuses parameters below the OWASP
  Password Storage Cheat Sheet's Argon2id floor (any of its equivalent
  (m, t) pairs, e.g. 19 MiB with t = 2).  The only way round it is the
  clearly labelled cheap profile in :mod:`credguard.testing`.

Everything here is immutable; one hasher serves every thread (argon2-cffi
releases the GIL while hashing, so threads really run in parallel).
"""

from __future__ import annotations

import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, NamedTuple

from .._guard import (
    MAX_PASSWORD_LENGTH,
    ensure_str,
    forbidden_categories,
    nfkc,
    require_within_cap,
)
from ..errors import ForbiddenCharacterError, InputTypeError, InvalidHashError, PolicyError

__all__ = [
    "ARGON2_VERSION",
    "DEFAULT_PROFILE",
    "MAX_HASH_LENGTH",
    "OWASP_FLOOR",
    "OWASP_MINIMUM",
    "PEPPER_PREFIX",
    "PROFILES",
    "RFC9106_HIGH_MEMORY",
    "RFC9106_LOW_MEMORY",
    "HashProfile",
    "ParsedHash",
    "PasswordHasher",
    "Pepper",
    "parse_hash",
]

#: The only Argon2 version produced and accepted (0x13, "v=19").
ARGON2_VERSION: Final = 19
#: Longest stored value accepted, checked before anything else.  The longest
#: well-formed value (64-byte salt and tag, 32-character key id) is ~280.
MAX_HASH_LENGTH: Final = 320
#: The marker of a peppered value; the pepper key id follows as ``$k=<id>``.
PEPPER_PREFIX: Final = "$credguard-hmac-sha256"

# Bounds on stored values that hold whatever the hasher's profile.
_MIN_SALT_BYTES: Final = 8  # RFC 9106 §3.1 minimum; the reference CLI's too
_MAX_SALT_BYTES: Final = 64
_MIN_TAG_BYTES: Final = 16  # shorter tags are valid Argon2 but too weak to trust
_MAX_TAG_BYTES: Final = 64
_MAX_PARALLELISM: Final = 16  # argon2-cffi starts one thread per lane
#: Default ceilings for stored m (KiB) and t when the profile's own are lower.
_DEFAULT_MAX_MEMORY: Final = 256 * 1024
_DEFAULT_MAX_TIME: Final = 10
#: Hard ceilings, also for profiles: 4 GiB of memory, 64 passes.
_HARD_MAX_MEMORY: Final = 4 * 1024 * 1024
_HARD_MAX_TIME: Final = 64

_KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,32}")
_MIN_PEPPER_BYTES: Final = 16
_MAX_PEPPER_BYTES: Final = 1024

# Anchored and without nested quantifiers: linear in the (already capped)
# length.  Numbers have no leading zeros and at most 10 digits, so int()
# below is cheap and canonical; base64 is the unpadded standard alphabet.
_NUM = r"(0|[1-9][0-9]{0,9})"
_B64 = r"([A-Za-z0-9+/]+)"
_ARGON2_RE: Final = re.compile(
    rf"\$argon2id\$v={_NUM}\$m={_NUM},t={_NUM},p={_NUM}\${_B64}\${_B64}", re.ASCII
)
_PEPPER_RE: Final = re.compile(
    re.escape(PEPPER_PREFIX) + r"\$k=([A-Za-z0-9_.-]{1,32})(\$argon2id\$.*)", re.ASCII | re.DOTALL
)

#: OWASP Password Storage Cheat Sheet: these (memory KiB, passes) pairs with
#: p = 1 give equal defence; a profile must reach at least one of them.
OWASP_FLOOR: Final[tuple[tuple[int, int], ...]] = (
    (47104, 1),
    (19456, 2),
    (12288, 3),
    (9216, 4),
    (7168, 5),
)


def _check_int(key: str, value: object, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyError(f"must be an integer, not {type(value).__name__}", key=key)
    if not minimum <= value <= maximum:
        raise PolicyError(f"must be between {minimum} and {maximum}", key=key)
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
            raise PolicyError("must be a non-empty string", key="profile.name")
        _check_int("profile.time_cost", self.time_cost, 1, _HARD_MAX_TIME)
        _check_int("profile.parallelism", self.parallelism, 1, _MAX_PARALLELISM)
        _check_int("profile.memory_cost", self.memory_cost, 8 * self.parallelism, _HARD_MAX_MEMORY)
        _check_int("profile.hash_len", self.hash_len, _MIN_TAG_BYTES, _MAX_TAG_BYTES)
        _check_int("profile.salt_len", self.salt_len, _MIN_SALT_BYTES, _MAX_SALT_BYTES)

    @property
    def meets_owasp_floor(self) -> bool:
        """True when memory and passes reach one of the :data:`OWASP_FLOOR` pairs
        and salt and tag are at least 16 bytes."""
        return (
            any(self.memory_cost >= m and self.time_cost >= t for m, t in OWASP_FLOOR)
            and self.salt_len >= 16
            and self.hash_len >= 16
        )


class _TestingProfile(HashProfile):
    """A profile that may sit below the floor; made only by :mod:`credguard.testing`."""

    __slots__ = ()


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


@dataclass(frozen=True, slots=True)
class Pepper:
    """A secret HMAC-SHA256 key and the public id recorded in stored hashes.

    The key never appears in ``repr`` or in any error; keep it outside the
    database (environment, secrets manager, HSM).
    """

    key_id: str
    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.key_id, str) or _KEY_ID.fullmatch(self.key_id) is None:
            raise PolicyError(
                "must be 1 to 32 characters of A-Z a-z 0-9 _ . -", key="pepper.key_id"
            )
        if not isinstance(self.key, bytes):
            raise InputTypeError(f"pepper key must be bytes, not {type(self.key).__name__}")
        if not _MIN_PEPPER_BYTES <= len(self.key) <= _MAX_PEPPER_BYTES:
            raise PolicyError(
                f"must be {_MIN_PEPPER_BYTES} to {_MAX_PEPPER_BYTES} bytes (32 random bytes"
                " recommended)",
                key="pepper.key",
            )

    def __repr__(self) -> str:
        return f"Pepper(key_id={self.key_id!r}, key=<{len(self.key)} bytes hidden>)"

    def mac(self, data: bytes) -> bytes:
        """``HMAC-SHA256(key, data)``."""
        import hashlib  # with hmac, loaded by the first peppered hash, not at import
        import hmac

        return hmac.new(self.key, data, hashlib.sha256).digest()


class ParsedHash(NamedTuple):
    """The fields of a stored value that passed :func:`parse_hash`."""

    key_id: str | None  # pepper key id, or None for an unpeppered hash
    argon2: str  # the plain Argon2 encoding, handed to argon2-cffi
    version: int
    memory_cost: int
    time_cost: int
    parallelism: int
    salt_len: int
    hash_len: int


def _b64_length(text: str, what: str) -> int:
    if len(text) % 4 == 1:
        raise InvalidHashError(f"stored hash: {what} is not valid base64")
    import base64  # only stored hashes are decoded

    try:
        return len(base64.b64decode(text + "=" * (-len(text) % 4), validate=True))
    except (binascii.Error, ValueError):
        raise InvalidHashError(f"stored hash: {what} is not valid base64") from None


def parse_hash(
    stored: str,
    *,
    max_memory_cost: int = _DEFAULT_MAX_MEMORY,
    max_time_cost: int = _DEFAULT_MAX_TIME,
) -> ParsedHash:
    """Parse and bound a stored value without running Argon2.

    Raises :class:`~credguard.InvalidHashError` (never naming the value) when
    it is not an Argon2id v=19 encoding (optionally with the pepper prefix)
    or any parameter is out of bounds.
    """
    if not isinstance(stored, str):
        raise InputTypeError(f"stored hash must be str, not {type(stored).__name__}")
    if len(stored) > MAX_HASH_LENGTH:
        raise InvalidHashError(f"stored hash is longer than {MAX_HASH_LENGTH} characters")
    key_id: str | None = None
    encoded = stored
    if stored.startswith(PEPPER_PREFIX):
        pepper_match = _PEPPER_RE.fullmatch(stored)
        if pepper_match is None:
            raise InvalidHashError("stored hash: malformed pepper prefix")
        key_id, encoded = pepper_match.group(1), pepper_match.group(2)
    match = _ARGON2_RE.fullmatch(encoded)
    if match is None:
        if not encoded.startswith("$argon2id$"):
            raise InvalidHashError("stored hash is not an Argon2id hash")
        raise InvalidHashError("stored hash: malformed Argon2id encoding")
    version, memory, time, lanes = (int(match.group(i)) for i in range(1, 5))
    if version != ARGON2_VERSION:
        raise InvalidHashError(f"stored hash: only Argon2 version {ARGON2_VERSION} is supported")
    if not 1 <= lanes <= _MAX_PARALLELISM:
        raise InvalidHashError(f"stored hash: p must be between 1 and {_MAX_PARALLELISM}")
    if not 8 * lanes <= memory <= max_memory_cost:
        raise InvalidHashError(f"stored hash: m must be between 8*p and {max_memory_cost} KiB")
    if not 1 <= time <= max_time_cost:
        raise InvalidHashError(f"stored hash: t must be between 1 and {max_time_cost}")
    salt_len = _b64_length(match.group(5), "salt")
    hash_len = _b64_length(match.group(6), "tag")
    if not _MIN_SALT_BYTES <= salt_len <= _MAX_SALT_BYTES:
        raise InvalidHashError(
            f"stored hash: salt must be {_MIN_SALT_BYTES} to {_MAX_SALT_BYTES} bytes"
        )
    if not _MIN_TAG_BYTES <= hash_len <= _MAX_TAG_BYTES:
        raise InvalidHashError(
            f"stored hash: tag must be {_MIN_TAG_BYTES} to {_MAX_TAG_BYTES} bytes"
        )
    return ParsedHash(key_id, encoded, version, memory, time, lanes, salt_len, hash_len)


def _profile(value: HashProfile | str) -> HashProfile:
    if isinstance(value, HashProfile):
        return value
    if isinstance(value, str):
        found = PROFILES.get(value)
        if found is None:
            import difflib  # only for the "did you mean" hint

            close = difflib.get_close_matches(value, list(PROFILES), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise PolicyError(
                f"unknown hash profile{hint} (profiles: {', '.join(PROFILES)})", key="profile"
            )
        return found
    raise InputTypeError(f"profile must be a HashProfile or str, not {type(value).__name__}")


def _normalized_secret(password: str) -> str | None:
    """The NFKC form, or None when the guard refuses *password*.

    Type errors still raise: passing a non-str is a programming error.
    """
    ensure_str(password)
    if len(password) > MAX_PASSWORD_LENGTH:
        return None
    normalized = nfkc(password)
    if len(normalized) > MAX_PASSWORD_LENGTH or forbidden_categories(password):
        return None
    return normalized


@dataclass(frozen=True, slots=True, repr=False)
class PasswordHasher:
    """Argon2id hashing and verification under one profile.

    ``profile`` is a :class:`HashProfile` or a name in :data:`PROFILES`
    (default ``"rfc9106-low-memory"``).  ``pepper`` is the current key;
    ``old_peppers`` are retired keys that may still verify.
    ``max_memory_cost`` (KiB) and ``max_time_cost`` bound what a *stored*
    hash may ask for; they default to the larger of the profile's own values
    and 256 MiB / 10 passes.
    """

    profile: HashProfile = DEFAULT_PROFILE
    pepper: Pepper | None = None
    old_peppers: tuple[Pepper, ...] = ()
    max_memory_cost: int | None = None
    max_time_cost: int | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        profile = _profile(self.profile)
        if not profile.meets_owasp_floor and not isinstance(profile, _TestingProfile):
            raise PolicyError(
                "parameters are below the OWASP Argon2id floor (e.g. 19 MiB with t=2);"
                " cheap parameters for tests are in credguard.testing",
                key="profile",
            )
        set_(self, "profile", profile)
        if self.pepper is not None and not isinstance(self.pepper, Pepper):
            raise InputTypeError(f"pepper must be a Pepper, not {type(self.pepper).__name__}")
        olds = tuple(self.old_peppers)
        if not all(isinstance(p, Pepper) for p in olds):
            raise InputTypeError("old_peppers must hold Pepper objects")
        ids = [p.key_id for p in (self.pepper, *olds) if p is not None]
        if len(set(ids)) != len(ids):
            raise PolicyError("pepper key ids must be distinct", key="old_peppers")
        set_(self, "old_peppers", olds)
        memory = self.max_memory_cost
        if memory is None:
            memory = max(profile.memory_cost, _DEFAULT_MAX_MEMORY)
        set_(
            self,
            "max_memory_cost",
            _check_int("max_memory_cost", memory, profile.memory_cost, _HARD_MAX_MEMORY),
        )
        time = self.max_time_cost
        if time is None:
            time = max(profile.time_cost, _DEFAULT_MAX_TIME)
        set_(self, "max_time_cost", _check_int("max_time_cost", time, profile.time_cost, 1000))

    def __repr__(self) -> str:
        key_id = self.pepper.key_id if self.pepper is not None else None
        old = [p.key_id for p in self.old_peppers]
        return (
            f"PasswordHasher(profile={self.profile.name!r}, pepper={key_id!r}, old_peppers={old})"
        )

    # -- internals --------------------------------------------------------

    def _parse(self, stored: str) -> ParsedHash:
        # __post_init__ resolved both limits; the fallbacks only narrow the type.
        return parse_hash(
            stored,
            max_memory_cost=self.max_memory_cost or _DEFAULT_MAX_MEMORY,
            max_time_cost=self.max_time_cost or _DEFAULT_MAX_TIME,
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
        ensure_str(password)
        require_within_cap(password)
        normalized = nfkc(password)
        require_within_cap(normalized)
        forbidden = forbidden_categories(password)
        if forbidden:
            raise ForbiddenCharacterError(forbidden)
        if salt is None:
            salt = os.urandom(self.profile.salt_len)
        elif not isinstance(salt, bytes):
            raise InputTypeError(f"salt must be bytes, not {type(salt).__name__}")
        elif not _MIN_SALT_BYTES <= len(salt) <= _MAX_SALT_BYTES:
            raise PolicyError(f"must be {_MIN_SALT_BYTES} to {_MAX_SALT_BYTES} bytes", key="salt")
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
        :class:`~credguard.InvalidHashError` before Argon2 runs.  A password
        the guard refuses (over the cap, control or format characters)
        cannot match anything and gives ``False`` without running Argon2.
        """
        parsed = self._parse(stored)
        pepper = self._pepper_for(parsed.key_id)
        normalized = _normalized_secret(password)
        if normalized is None:
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
