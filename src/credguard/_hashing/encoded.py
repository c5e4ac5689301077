"""The stored-value format, and :func:`parse_hash`, which bounds it before Argon2 runs.

A stored value is the plain Argon2id v=19 encoding
(``$argon2id$v=19$m=…,t=…,p=…$salt$tag``), optionally preceded by the
pepper prefix ``$credguard-hmac-sha256$k=<key id>``.  Stored values are
untrusted: :func:`parse_hash` bounds the string length, the variant, the
version, ``m``, ``t``, ``p`` and the salt and tag lengths with one anchored
regular expression and a few integer comparisons, so a forged
``$argon2id$v=19$m=4194304,t=1000,p=255$…`` costs microseconds, not 4 GiB.

The bounds that hold whatever the hasher's profile live here too; profiles
are validated against the same numbers.
"""

from __future__ import annotations

import binascii
import re
from typing import Final, NamedTuple

from ..errors import InputTypeError, InvalidHashError

__all__ = [
    "ARGON2_VERSION",
    "DEFAULT_CHECK_HASHES",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_TIME",
    "HARD_MAX_MEMORY",
    "HARD_MAX_TIME",
    "MAX_HASH_LENGTH",
    "MAX_PARALLELISM",
    "MAX_SALT_BYTES",
    "MAX_TAG_BYTES",
    "MIN_SALT_BYTES",
    "MIN_TAG_BYTES",
    "PEPPER_PREFIX",
    "STORED_COST_FACTOR",
    "ParsedHash",
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
MIN_SALT_BYTES: Final = 8  # RFC 9106 §3.1 minimum; the reference CLI's too
MAX_SALT_BYTES: Final = 64
MIN_TAG_BYTES: Final = 16  # shorter tags are valid Argon2 but too weak to trust
MAX_TAG_BYTES: Final = 64
MAX_PARALLELISM: Final = 16  # argon2-cffi starts one thread per lane
#: Ceilings for stored m (KiB) and t when :func:`parse_hash` is called
#: without a hasher's own (a :class:`~credguard.PasswordHasher` derives its
#: ceilings from its profile: :data:`STORED_COST_FACTOR`).
DEFAULT_MAX_MEMORY: Final = 256 * 1024
DEFAULT_MAX_TIME: Final = 10
#: By default a stored hash may ask for at most this multiple of the
#: hasher's profile m and t: room for a profile that was tuned down, not
#: for a forged hash costing 256 MiB and ten passes (3.5 s) per entry.
STORED_COST_FACTOR: Final = 2
#: The default budget of one check: this many hashes at the profile's cost
#: (a full 24-entry history made with the current profile).
DEFAULT_CHECK_HASHES: Final = 24
#: Hard ceilings, also for profiles: 4 GiB of memory, 64 passes.
HARD_MAX_MEMORY: Final = 4 * 1024 * 1024
HARD_MAX_TIME: Final = 64

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
    max_memory_cost: int = DEFAULT_MAX_MEMORY,
    max_time_cost: int = DEFAULT_MAX_TIME,
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
    if not 1 <= lanes <= MAX_PARALLELISM:
        raise InvalidHashError(f"stored hash: p must be between 1 and {MAX_PARALLELISM}")
    if not 8 * lanes <= memory <= max_memory_cost:
        raise InvalidHashError(f"stored hash: m must be between 8*p and {max_memory_cost} KiB")
    if not 1 <= time <= max_time_cost:
        raise InvalidHashError(f"stored hash: t must be between 1 and {max_time_cost}")
    salt_len = _b64_length(match.group(5), "salt")
    hash_len = _b64_length(match.group(6), "tag")
    if not MIN_SALT_BYTES <= salt_len <= MAX_SALT_BYTES:
        raise InvalidHashError(
            f"stored hash: salt must be {MIN_SALT_BYTES} to {MAX_SALT_BYTES} bytes"
        )
    if not MIN_TAG_BYTES <= hash_len <= MAX_TAG_BYTES:
        raise InvalidHashError(f"stored hash: tag must be {MIN_TAG_BYTES} to {MAX_TAG_BYTES} bytes")
    return ParsedHash(key_id, encoded, version, memory, time, lanes, salt_len, hash_len)
