"""PasswordHasher: hash and verify through the guard, rehashing, known answers
from the reference ``argon2`` CLI, threads, no secret in any message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import testing
from tests.helpers import CANARY, ROOT, run_in_threads

VECTORS: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "vectors" / "argon2_cli.json").read_text(encoding="utf-8")
)
CHEAP = testing.cheap_hasher()
KEY_1 = credguard.Pepper("k1", b"\x01" * 32)
TAG = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def _vector_profile(vector: dict[str, Any]) -> credguard.HashProfile:
    return testing.cheap_profile(
        time_cost=vector["time_cost"],
        memory_cost=vector["memory_cost"],
        parallelism=vector["parallelism"],
        hash_len=vector["hash_len"],
        salt_len=len(vector["salt"]),
    )


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


class TestKnownAnswersFromReferenceCli:
    @pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["encoded"].split("$")[3])
    def test_credguard_produces_the_cli_encoding(self, vector: dict[str, Any]) -> None:
        hasher = testing.cheap_hasher(_vector_profile(vector))
        produced = hasher.hash(vector["password"], salt=vector["salt"].encode())
        assert produced == vector["encoded"]

    @pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["encoded"].split("$")[3])
    def test_credguard_accepts_the_cli_encoding(self, vector: dict[str, Any]) -> None:
        # The vectors' parameters vary; stored-hash bounds wide enough for all.
        hasher = credguard.PasswordHasher(CHEAP.profile, max_memory_cost=64 * 1024, max_time_cost=8)
        assert hasher.verify(vector["encoded"], vector["password"])
        assert not hasher.verify(vector["encoded"], vector["password"] + "!")

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
