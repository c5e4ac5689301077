"""parse_hash: untrusted stored values are bounded before Argon2 runs."""

from __future__ import annotations

import time

import pytest

import credguard
from credguard import testing
from credguard._hashing.encoded import MAX_HASH_LENGTH, PEPPER_PREFIX, parse_hash

CHEAP = testing.cheap_hasher()
# A well-formed salt and a 32-byte tag, for forged headers.
SALT = "c29tZXNhbHRzb21lc2FsdA"
TAG = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


class TestUntrustedStoredHashes:
    @pytest.mark.parametrize(
        "stored",
        [
            "",
            "plain text",
            "$argon2i$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2d$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=16$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=4194304,t=1000,p=255$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=4194304,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=1000,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=1,p=255$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=0,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=1,p=0$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=8,t=1,p=4$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=01024,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=99999999999,t=1,p=1$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$" + TAG,  # 4-byte salt
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$AAAAAAAAAA",  # 7-byte tag
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + "A" * 100,  # 75-byte tag
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG + "=",
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$AA" + TAG,  # length % 4 == 1
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG + "$extra",
            "$argon2id$v=19$m=1024,t=1,p=1,keyid=x$" + SALT + "$" + TAG,
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG + "\n",
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + "Ａ" * 43,
            "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + "A" * (MAX_HASH_LENGTH + 1),
            PEPPER_PREFIX + "$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            PEPPER_PREFIX + "$k=$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            PEPPER_PREFIX + "$k=bad id$argon2id$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
            PEPPER_PREFIX + "$k=k1$argon2i$v=19$m=1024,t=1,p=1$" + SALT + "$" + TAG,
        ],
    )
    def test_malformed_or_out_of_bounds(self, stored: str) -> None:
        with pytest.raises(credguard.InvalidHashError):
            CHEAP.verify(stored, "password")
        with pytest.raises(credguard.InvalidHashError):
            CHEAP.needs_rehash(stored)

    def test_huge_parameters_are_refused_before_argon2_runs(self) -> None:
        stored = "$argon2id$v=19$m=4194304,t=1000,p=255$" + SALT + "$" + TAG
        hasher = credguard.PasswordHasher()
        start = time.perf_counter()
        for _ in range(100):
            with pytest.raises(credguard.InvalidHashError):
                hasher.verify(stored, "password")
        # 100 refusals take microseconds each; one real run would take hours.
        assert time.perf_counter() - start < 2.0

    def test_limits_are_configurable(self) -> None:
        big = testing.cheap_profile(memory_cost=2048)
        stored = testing.cheap_hasher(big).hash("password")
        with pytest.raises(credguard.InvalidHashError):
            parse_hash(stored, max_memory_cost=1024)
        assert parse_hash(stored, max_memory_cost=2048).memory_cost == 2048

    def test_non_canonical_base64_is_a_typed_error(self) -> None:
        # A 32-byte tag is 43 characters whose last one has 2 unused low bits;
        # setting them gives a string argon2 refuses to decode.
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        stored = CHEAP.hash("password")
        value = alphabet.index(stored[-1])
        assert value % 4 == 0
        with pytest.raises(credguard.InvalidHashError):
            CHEAP.verify(stored[:-1] + alphabet[value + 1], "password")

    def test_below_floor_stored_hash_verifies_and_needs_rehash(self) -> None:
        stored = CHEAP.hash("password")
        hasher = credguard.PasswordHasher()
        assert hasher.verify(stored, "password")
        assert hasher.needs_rehash(stored)

    def test_parse_returns_fields(self) -> None:
        parsed = parse_hash(CHEAP.hash("x"))
        assert parsed.key_id is None
        assert (parsed.memory_cost, parsed.time_cost, parsed.parallelism) == (1024, 1, 1)
        assert (parsed.salt_len, parsed.hash_len, parsed.version) == (16, 32, 19)
