"""Test helpers.  INSECURE: cheap Argon2 parameters for test suites only.

Production code cannot build a :class:`~credguard.PasswordHasher` below the
OWASP floor; test suites that hash hundreds of passwords need something
far cheaper.  This module is the one, clearly named, way to get it::

    from credguard import testing
    hasher = testing.cheap_hasher()          # t=1, 1 MiB, p=1: ~1 ms a hash
    policy = testing.cheap_policy(credguard.load_policy("recommended"))

Never import this module outside tests: a hash made with
:data:`CHEAP_PROFILE` offers almost no resistance to guessing.  A production
hasher still *verifies* such hashes (stored hashes are bounded from above,
not from below) and reports ``needs_rehash``.
"""

from __future__ import annotations

from typing import Final

from ._hashing import HashProfile, PasswordHasher, Pepper, TestingProfile
from ._policy import Policy

__all__ = ["CHEAP_PROFILE", "cheap_hasher", "cheap_policy", "cheap_profile"]


def cheap_profile(
    *,
    time_cost: int = 1,
    memory_cost: int = 1024,
    parallelism: int = 1,
    hash_len: int = 32,
    salt_len: int = 16,
    name: str = "INSECURE-testing-only",
) -> HashProfile:
    """An INSECURE profile that skips the OWASP floor (tests and vectors only)."""
    return TestingProfile(
        name=name,
        time_cost=time_cost,
        memory_cost=memory_cost,
        parallelism=parallelism,
        hash_len=hash_len,
        salt_len=salt_len,
    )


#: INSECURE: t=1, m=1 MiB, p=1.  For test suites only.
CHEAP_PROFILE: Final = cheap_profile()


def cheap_hasher(
    profile: HashProfile = CHEAP_PROFILE,
    *,
    pepper: Pepper | None = None,
    old_peppers: tuple[Pepper, ...] = (),
) -> PasswordHasher:
    """An INSECURE hasher using *profile* (default :data:`CHEAP_PROFILE`)."""
    return PasswordHasher(profile, pepper=pepper, old_peppers=old_peppers)


def cheap_policy(policy: Policy, *, pepper: Pepper | None = None) -> Policy:
    """*policy* with its credential rules bound to an INSECURE cheap hasher."""
    return policy.with_hasher(cheap_hasher(pepper=pepper))
