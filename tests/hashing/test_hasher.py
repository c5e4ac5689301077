"""PasswordHasher: profiles and floors, untrusted stored hashes, normalization,
pepper and rotation, known answers from the reference ``argon2`` CLI, threads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import testing
from credguard._hashing import MAX_HASH_LENGTH, OWASP_FLOOR, PEPPER_PREFIX, parse_hash
from tests.helpers import CANARY, ROOT, run_in_threads

VECTORS: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "vectors" / "argon2_cli.json").read_text(encoding="utf-8")
)
CHEAP = testing.cheap_hasher()
KEY_1 = credguard.Pepper("k1", b"\x01" * 32)
KEY_2 = credguard.Pepper("k2", b"\x02" * 32)
# A well-formed salt and a 32-byte tag, for forged headers.
SALT = "c29tZXNhbHRzb21lc2FsdA"
TAG = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def _vector_profile(vector: dict[str, Any]) -> credguard.HashProfile:
    return testing.cheap_profile(
        time_cost=vector["time_cost"],
        memory_cost=vector["memory_cost"],
        parallelism=vector["parallelism"],
        hash_len=vector["hash_len"],
        salt_len=len(vector["salt"]),
    )


class TestProfiles:
    def test_named_profiles(self) -> None:
        assert credguard.PasswordHasher().profile is credguard.RFC9106_LOW_MEMORY
        low, high, owasp = (
            credguard.RFC9106_LOW_MEMORY,
            credguard.RFC9106_HIGH_MEMORY,
            credguard.OWASP_MINIMUM,
        )
        assert (low.time_cost, low.memory_cost, low.parallelism) == (3, 65536, 4)
        assert (high.time_cost, high.memory_cost, high.parallelism) == (1, 2097152, 4)
        assert (owasp.time_cost, owasp.memory_cost, owasp.parallelism) == (2, 19456, 1)
        assert set(credguard.PROFILES) == {"rfc9106-low-memory", "rfc9106-high-memory",
                                           "owasp-minimum"}  # fmt: skip

    def test_profile_by_name(self) -> None:
        hasher = credguard.PasswordHasher("owasp-minimum")  # type: ignore[arg-type]
        assert hasher.profile is credguard.OWASP_MINIMUM

    def test_unknown_profile_name_suggests(self) -> None:
        with pytest.raises(credguard.PolicyError, match="owasp-minimum"):
            credguard.PasswordHasher("owasp-minimun")  # type: ignore[arg-type]

    @pytest.mark.parametrize(("memory", "time"), OWASP_FLOOR)
    def test_every_owasp_pair_is_accepted(self, memory: int, time: int) -> None:
        profile = credguard.HashProfile(name="p", time_cost=time, memory_cost=memory, parallelism=1)
        assert credguard.PasswordHasher(profile).profile == profile

    @pytest.mark.parametrize(
        ("memory", "time"),
        [(19455, 2), (47103, 1), (19456, 1), (7167, 5), (1024, 10), (8, 64)],
    )
    def test_below_floor_is_refused(self, memory: int, time: int) -> None:
        profile = credguard.HashProfile(
            name="weak", time_cost=time, memory_cost=memory, parallelism=1
        )
        with pytest.raises(credguard.PolicyError, match="OWASP") as info:
            credguard.PasswordHasher(profile)
        assert info.value.key == "profile"

    def test_short_salt_is_below_floor(self) -> None:
        profile = credguard.HashProfile(
            name="p", time_cost=2, memory_cost=19456, parallelism=1, salt_len=8
        )
        with pytest.raises(credguard.PolicyError):
            credguard.PasswordHasher(profile)

    @pytest.mark.parametrize(
        ("changes", "key"),
        [
            ({"time_cost": 0}, "profile.time_cost"),
            ({"time_cost": True}, "profile.time_cost"),
            ({"parallelism": 17}, "profile.parallelism"),
            ({"memory_cost": 31, "parallelism": 4}, "profile.memory_cost"),
            ({"memory_cost": 5 * 1024 * 1024}, "profile.memory_cost"),
            ({"hash_len": 8}, "profile.hash_len"),
            ({"salt_len": 4}, "profile.salt_len"),
            ({"name": ""}, "profile.name"),
        ],
    )
    def test_invalid_profile(self, changes: dict[str, Any], key: str) -> None:
        params: dict[str, Any] = {
            "name": "p",
            "time_cost": 2,
            "memory_cost": 19456,
            "parallelism": 1,
        }
        params.update(changes)
        with pytest.raises(credguard.PolicyError) as info:
            credguard.HashProfile(**params)
        assert info.value.key == key

    def test_cheap_profile_is_labelled_and_allowed_only_via_testing(self) -> None:
        assert "INSECURE" in testing.CHEAP_PROFILE.name
        assert not testing.CHEAP_PROFILE.meets_owasp_floor
        assert testing.cheap_hasher().profile is testing.CHEAP_PROFILE
        # The same numbers as a plain HashProfile are refused.
        plain = credguard.HashProfile(name="x", time_cost=1, memory_cost=1024, parallelism=1)
        with pytest.raises(credguard.PolicyError):
            credguard.PasswordHasher(plain)

    def test_limits_must_cover_the_profile(self) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            credguard.PasswordHasher(max_memory_cost=1024)
        assert info.value.key == "max_memory_cost"


class TestHashAndVerify:
    def test_round_trip(self) -> None:
        stored = CHEAP.hash("Tr0ub4dor&3")
        assert stored.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
        assert CHEAP.verify(stored, "Tr0ub4dor&3")
        assert not CHEAP.verify(stored, "Tr0ub4dor&4")

    def test_default_profile_round_trip(self) -> None:
        hasher = credguard.PasswordHasher()
        stored = hasher.hash("correct horse")
        assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        assert hasher.verify(stored, "correct horse")
        assert not hasher.needs_rehash(stored)

    def test_salts_are_random(self) -> None:
        assert CHEAP.hash("same") != CHEAP.hash("same")

    @pytest.mark.parametrize(
        ("typed", "other"),
        [
            ("Ｐａｓｓ１２３", "Pass123"),  # full-width on one device, half-width on another
            ("ｶﾀｶﾅpass", "カタカナpass"),  # half-width katakana
            ("cafe\u0301", "café"),  # NFD and NFC
            ("①②③abc", "123abc"),
        ],
    )
    def test_nfkc_equivalents_verify_alike(self, typed: str, other: str) -> None:
        stored = CHEAP.hash(typed)
        assert CHEAP.verify(stored, other)
        assert CHEAP.verify(CHEAP.hash(other), typed)

    def test_case_is_not_folded(self) -> None:
        assert not CHEAP.verify(CHEAP.hash("Pass123"), "pass123")

    @pytest.mark.parametrize(
        ("password", "error"),
        [
            (b"bytes", credguard.InputTypeError),
            (None, credguard.InputTypeError),
            ("x" * (credguard.MAX_PASSWORD_LENGTH + 1), credguard.PasswordTooLongError),
            ("\ufdfa" * 100, credguard.PasswordTooLongError),  # fits, but NFKC expands it
            ("pass\x00word", credguard.ForbiddenCharacterError),
            ("pass\u200bword", credguard.ForbiddenCharacterError),
            ("pass\u202eword", credguard.ForbiddenCharacterError),
        ],
    )
    def test_hash_refuses_what_the_guard_refuses(self, password: Any, error: type) -> None:
        with pytest.raises(error):
            CHEAP.hash(password)

    def test_forbidden_character_error_names_categories(self) -> None:
        with pytest.raises(credguard.ForbiddenCharacterError) as info:
            CHEAP.hash("a\x00b\u200bc")
        assert info.value.categories == frozenset({"control", "format"})
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize(
        "password",
        ["x" * (credguard.MAX_PASSWORD_LENGTH + 1), "pass\x00word", "pass\u200bword"],
    )
    def test_verify_is_false_for_refused_passwords(self, password: str) -> None:
        assert CHEAP.verify(CHEAP.hash("password"), password) is False

    def test_verify_type_errors(self) -> None:
        stored = CHEAP.hash("password")
        with pytest.raises(credguard.InputTypeError):
            CHEAP.verify(stored, b"password")  # type: ignore[arg-type]
        with pytest.raises(credguard.InputTypeError):
            CHEAP.verify(stored.encode(), "password")  # type: ignore[arg-type]

    def test_explicit_salt_is_checked(self) -> None:
        with pytest.raises(credguard.PolicyError):
            CHEAP.hash("password", salt=b"short")
        with pytest.raises(credguard.InputTypeError):
            CHEAP.hash("password", salt="somesaltsomesalt")  # type: ignore[arg-type]

    @given(st.text(max_size=40))
    def test_round_trip_property(self, password: str) -> None:
        try:
            stored = CHEAP.hash(password)
        except credguard.ForbiddenCharacterError:
            assert CHEAP.verify(CHEAP.hash("x"), password) is False
            return
        assert CHEAP.verify(stored, password)
        assert not CHEAP.verify(stored, password + "x")

    @given(st.text(max_size=30), st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
    def test_normal_forms_verify_alike_property(
        self, password: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"]
    ) -> None:
        import unicodedata

        try:
            stored = CHEAP.hash(password)
        except (credguard.ForbiddenCharacterError, credguard.PasswordTooLongError):
            return
        assert CHEAP.verify(stored, unicodedata.normalize(form, password))


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


class TestNeedsRehash:
    def test_current_hash_does_not(self) -> None:
        assert not CHEAP.needs_rehash(CHEAP.hash("x"))

    @pytest.mark.parametrize(
        "changes",
        [
            {"time_cost": 2},
            {"memory_cost": 2048},
            {"parallelism": 2},
            {"hash_len": 16},
            {"salt_len": 32},
        ],
    )
    def test_changed_parameter_does(self, changes: dict[str, Any]) -> None:
        other = testing.cheap_hasher(testing.cheap_profile(**changes))
        assert CHEAP.needs_rehash(other.hash("x"))
        assert other.needs_rehash(CHEAP.hash("x"))

    def test_verify_and_update(self) -> None:
        old = testing.cheap_hasher(testing.cheap_profile(memory_cost=512)).hash("secret")
        assert CHEAP.verify_and_update(old, "wrong") == (False, None)
        ok, new = CHEAP.verify_and_update(old, "secret")
        assert ok
        assert new is not None
        assert CHEAP.verify(new, "secret")
        assert not CHEAP.needs_rehash(new)
        assert CHEAP.verify_and_update(new, "secret") == (True, None)


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


class TestKnownAnswersFromReferenceCli:
    @pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["encoded"].split("$")[3])
    def test_credguard_produces_the_cli_encoding(self, vector: dict[str, Any]) -> None:
        hasher = testing.cheap_hasher(_vector_profile(vector))
        produced = hasher.hash(vector["password"], salt=vector["salt"].encode())
        assert produced == vector["encoded"]

    @pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["encoded"].split("$")[3])
    def test_credguard_accepts_the_cli_encoding(self, vector: dict[str, Any]) -> None:
        assert CHEAP.verify(vector["encoded"], vector["password"])
        assert not CHEAP.verify(vector["encoded"], vector["password"] + "!")

    def test_full_width_input_matches_the_cli_hash_of_half_width(self) -> None:
        vector = next(v for v in VECTORS if v["password"] == "Password123")
        assert CHEAP.verify(vector["encoded"], "Ｐａｓｓｗｏｒｄ１２３")

    def test_vectors_cover_the_parameters(self) -> None:
        assert len(VECTORS) >= 8
        assert {v["parallelism"] for v in VECTORS} >= {1, 2, 4}
        assert {v["hash_len"] for v in VECTORS} >= {16, 32, 64}
        assert any(not v["password"].isascii() for v in VECTORS)

    # CI installs the CLI and sets CREDGUARD_REQUIRE_ARGON2_CLI, so a missing
    # binary fails there instead of skipping silently.
    @pytest.mark.skipif(
        shutil.which("argon2") is None and not os.environ.get("CREDGUARD_REQUIRE_ARGON2_CLI"),
        reason="argon2 CLI not installed",
    )
    @pytest.mark.parametrize(
        ("password", "salt", "args"),
        [
            ("live-check", "live-salt-0001", ["-t", "2", "-k", "256", "-p", "2", "-l", "32"]),
            ("パスワード2", "live-salt-0002", ["-t", "1", "-k", "512", "-p", "1", "-l", "24"]),
        ],
    )
    @pytest.mark.slow
    def test_live_cli_agrees(self, password: str, salt: str, args: list[str]) -> None:
        done = subprocess.run(
            ["argon2", salt, "-id", *args, "-e"],
            input=password.encode(),
            capture_output=True,
            check=True,
        )
        encoded = done.stdout.decode().strip()
        assert CHEAP.verify(encoded, password)
        options = dict(zip(args[::2], args[1::2], strict=True))
        profile = testing.cheap_profile(
            time_cost=int(options["-t"]),
            memory_cost=int(options["-k"]),
            parallelism=int(options["-p"]),
            hash_len=int(options["-l"]),
            salt_len=len(salt),
        )
        assert testing.cheap_hasher(profile).hash(password, salt=salt.encode()) == encoded


class TestThreads:
    def test_concurrent_hash_and_verify(self) -> None:
        hasher = testing.cheap_hasher(pepper=KEY_1)
        errors: list[str] = []

        def work(number: int) -> None:
            for round_ in range(10):
                password = f"pw-{number}-{round_}"
                stored = hasher.hash(password)
                if not hasher.verify(stored, password) or hasher.verify(stored, password + "x"):
                    errors.append(password)

        run_in_threads(work)
        assert errors == []


class TestSecretsNeverLeak:
    def _outputs(self, action: Callable[[], object]) -> str:
        try:
            result = action()
        except credguard.CredguardError as error:
            return f"{error!s} {error!r}"
        return repr(result)

    def test_reprs(self) -> None:
        pepper = credguard.Pepper("k1", CANARY.encode() * 2)
        hasher = testing.cheap_hasher(pepper=pepper)
        for text in (repr(pepper), str(pepper), repr(hasher), str(hasher)):
            assert CANARY not in text
            assert CANARY.encode().hex() not in text
        assert "k1" in repr(hasher)

    def test_errors(self) -> None:
        hasher = testing.cheap_hasher(pepper=credguard.Pepper("k1", CANARY.encode() * 2))
        forged = f"$argon2id$v=19$m=1024,t=1,p=1${CANARY}$" + TAG
        texts = [
            self._outputs(lambda: hasher.hash(f"{CANARY}\x00")),
            self._outputs(lambda: hasher.hash(CANARY * 100)),
            self._outputs(lambda: hasher.verify(forged, CANARY)),
            self._outputs(lambda: hasher.verify(CANARY, CANARY)),
            self._outputs(lambda: hasher.needs_rehash(f"$argon2id${CANARY}")),
            self._outputs(lambda: CHEAP.verify(hasher.hash(CANARY), CANARY)),
            self._outputs(lambda: credguard.Pepper(CANARY + " ", b"x" * 32)),
            self._outputs(lambda: credguard.Pepper("k", CANARY.encode()[:4])),
        ]
        for text in texts:
            assert CANARY not in text
            assert CANARY.encode().hex() not in text
