"""HashProfile: the named profiles, the OWASP floor, parameter bounds."""

from __future__ import annotations

from typing import Any

import pytest

import credguard
from credguard import testing
from credguard._hashing.profiles import OWASP_FLOOR


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
