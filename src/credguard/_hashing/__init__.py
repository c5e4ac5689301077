"""Password hashing: Argon2id with named profiles and an optional pepper.

The modules: :mod:`.profiles` (parameter sets and the OWASP floor),
:mod:`.encoded` (the stored format and :func:`parse_hash`), :mod:`.pepper`
(:class:`Pepper`) and :mod:`.hasher` (:class:`PasswordHasher`).

Pipeline of :meth:`PasswordHasher.hash`::

    password ─► guard (type, size cap, NFKC, cap again, control/format chars)
             ─► UTF-8 bytes ─► [HMAC-SHA256 with the current pepper key]
             ─► argon2-cffi low-level Argon2id ─► encoded string [+ pepper prefix]

Design points:

* **One guard with the policy checks.**  The password goes through the
  same input guard (:func:`credguard._guard.guard`) and NFKC form as a
  policy check, so a password
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

from .encoded import ARGON2_VERSION, MAX_HASH_LENGTH, PEPPER_PREFIX, ParsedHash, parse_hash
from .hasher import PasswordHasher
from .pepper import Pepper
from .profiles import (
    DEFAULT_PROFILE,
    OWASP_FLOOR,
    OWASP_MINIMUM,
    PROFILES,
    RFC9106_HIGH_MEMORY,
    RFC9106_LOW_MEMORY,
    HashProfile,
    TestingProfile,
)

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
    "TestingProfile",
    "parse_hash",
]
