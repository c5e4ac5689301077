"""Pepper: the peppered format, rotation, key validation."""

from __future__ import annotations

from typing import Any

import pytest

import credguard
from credguard import testing
from credguard._hashing.encoded import PEPPER_PREFIX, parse_hash

CHEAP = testing.cheap_hasher()
OWASP = credguard.PROFILES["owasp-minimum"]  # 19 MiB, t=2: at the floor
KEY_1 = credguard.Pepper("k1", b"\x01" * 32)
KEY_2 = credguard.Pepper("k2", b"\x02" * 32)


class TestPepper:
    def test_format_and_round_trip(self) -> None:
        hasher = testing.cheap_hasher(pepper=KEY_1)
        stored = hasher.hash("secret")
        assert stored.startswith(PEPPER_PREFIX + "$k=k1$argon2id$v=19$")
        assert parse_hash(stored).key_id == "k1"
        assert hasher.verify(stored, "secret")
        assert not hasher.verify(stored, "Secret")
        assert not hasher.needs_rehash(stored)

    def test_argon2_part_is_argon2_of_the_hmac(self) -> None:
        import hashlib
        import hmac

        from argon2 import low_level

        stored = testing.cheap_hasher(pepper=KEY_1).hash("Ｓｅｃｒｅｔ")
        argon2_part = parse_hash(stored).argon2
        secret = hmac.new(KEY_1.key, b"Secret", hashlib.sha256).digest()
        assert low_level.verify_secret(argon2_part.encode(), secret, low_level.Type.ID)

    def test_pepper_is_required_to_verify(self) -> None:
        stored = testing.cheap_hasher(pepper=KEY_1).hash("secret")
        with pytest.raises(credguard.InvalidHashError, match="pepper"):
            CHEAP.verify(stored, "secret")
        # The Argon2 part alone does not verify the plain password.
        assert not CHEAP.verify(parse_hash(stored).argon2, "secret")

    def test_rotation(self) -> None:
        old_hasher = testing.cheap_hasher(pepper=KEY_1)
        stored = old_hasher.hash("secret")
        rotated = testing.cheap_hasher(pepper=KEY_2, old_peppers=(KEY_1,))
        assert rotated.needs_rehash(stored)
        assert rotated.verify(stored, "secret")
        ok, new = rotated.verify_and_update(stored, "secret")
        assert ok
        assert new is not None
        assert parse_hash(new).key_id == "k2"
        assert not rotated.needs_rehash(new)
        # Without the old key the old hash cannot be verified at all.
        with pytest.raises(credguard.InvalidHashError):
            testing.cheap_hasher(pepper=KEY_2).verify(stored, "secret")

    def test_adding_a_pepper_rehashes_plain_hashes(self) -> None:
        plain = CHEAP.hash("secret")
        peppered = testing.cheap_hasher(pepper=KEY_1)
        assert peppered.verify(plain, "secret")
        assert peppered.needs_rehash(plain)
        assert CHEAP.needs_rehash(peppered.hash("secret"))

    @pytest.mark.parametrize(
        ("key_id", "key", "error"),
        [
            ("", b"k" * 32, credguard.PolicyError),
            ("has space", b"k" * 32, credguard.PolicyError),
            ("x" * 33, b"k" * 32, credguard.PolicyError),
            ("k", b"short", credguard.PolicyError),
            ("k", "str key" * 8, credguard.InputTypeError),
        ],
    )
    def test_invalid_pepper(self, key_id: str, key: Any, error: type) -> None:
        with pytest.raises(error):
            credguard.Pepper(key_id, key)

    def test_duplicate_key_ids(self) -> None:
        with pytest.raises(credguard.PolicyError):
            testing.cheap_hasher(pepper=KEY_1, old_peppers=(credguard.Pepper("k1", b"x" * 32),))


class TestStrict:
    """``strict=True``: once every stored hash carries the pepper, refuse the rest."""

    FLOOR = credguard.PasswordHasher(OWASP)  # 19 MiB, t=2: at the floor

    def test_a_lenient_peppered_hasher_accepts_unpeppered_and_weak_hashes(self) -> None:
        lenient = testing.cheap_hasher(pepper=KEY_1)
        assert lenient.verify(CHEAP.hash("pw"), "pw")

    def test_unpeppered_hashes_are_refused(self) -> None:
        strict = credguard.PasswordHasher(OWASP, pepper=KEY_1, strict=True)
        unpeppered = self.FLOOR.hash("pw")
        with pytest.raises(credguard.InvalidHashError, match="no pepper") as caught:
            strict.verify(unpeppered, "pw")
        assert unpeppered not in str(caught.value)
        with pytest.raises(credguard.InvalidHashError):
            strict.verify_and_update(unpeppered, "pw")
        peppered = strict.hash("pw")
        assert strict.verify(peppered, "pw")
        assert not strict.verify(peppered, "other")

    def test_hashes_below_the_floor_are_refused(self) -> None:
        strict = credguard.PasswordHasher(OWASP, pepper=KEY_1, strict=True)
        weak = testing.cheap_hasher(pepper=KEY_1).hash("pw")  # 1 MiB, t=1
        with pytest.raises(credguard.InvalidHashError, match="OWASP floor"):
            strict.verify(weak, "pw")
        assert credguard.PasswordHasher(OWASP, pepper=KEY_1).verify(weak, "pw")

    def test_strict_without_a_pepper_still_refuses_weak_hashes(self) -> None:
        strict = credguard.PasswordHasher(OWASP, strict=True)
        assert strict.verify(self.FLOOR.hash("pw"), "pw")
        with pytest.raises(credguard.InvalidHashError, match="OWASP floor"):
            strict.verify(CHEAP.hash("pw"), "pw")

    def test_history_fails_closed_on_refused_hashes(self) -> None:
        strict = credguard.PasswordHasher(OWASP, pepper=KEY_1, strict=True)
        policy = credguard.parse_policy("[rules.history]\ngenerations = 2\n").with_hasher(strict)
        context = credguard.UserContext(password_history=(CHEAP.hash("pw"),))
        assert policy.check("pw-new-Xq9!", context=context).codes == ("history.unverifiable",)

    def test_repr_and_type(self) -> None:
        strict = credguard.PasswordHasher(OWASP, pepper=KEY_1, strict=True)
        assert repr(strict).endswith("strict=True)")
        with pytest.raises(credguard.InputTypeError):
            credguard.PasswordHasher(strict="yes")  # type: ignore[arg-type]
