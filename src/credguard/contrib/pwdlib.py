"""A pwdlib hasher backed by credguard's Argon2id ``PasswordHasher``.

`pwdlib <https://github.com/frankie567/pwdlib>`_ (the hashing library
FastAPI's documentation uses) takes any object with its ``HasherProtocol``
methods: ``identify(hash)``, ``hash(password, *, salt=None)``,
``verify(password, hash)`` and ``check_needs_rehash(hash)``.
:class:`CredguardHasher` provides them over a :class:`~credguard.PasswordHasher`,
so ``pwdlib.PasswordHash((CredguardHasher(hasher),))`` hashes with
credguard's profiles, NFKC normalization and pepper keys.

Differences from pwdlib's own ``Argon2Hasher``, by design:

* the password is NFKC-normalized before hashing (so full-width and
  half-width forms verify alike); a hash made by another Argon2 library
  verifies when the password is already in NFKC form (ASCII always is);
* peppered hashes (``$credguard-hmac-sha256$k=…$argon2id$…``) are identified too;
* a malformed stored hash, or one made with a pepper key the hasher does
  not hold, raises :class:`~credguard.InvalidHashError` instead of
  returning ``False``: a configuration error must not look like a wrong
  password;
* ``bytes`` passwords are read as UTF-8 (anything else is an
  :class:`~credguard.InputTypeError`).

pwdlib is not a dependency: this module imports only credguard.
"""

from __future__ import annotations

from .._hashing import PasswordHasher
from .._hashing.encoded import PEPPER_PREFIX
from ..errors import InputTypeError

__all__ = ["CredguardHasher"]


def _text(value: str | bytes, what: str) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise InputTypeError(f"{what} bytes must be UTF-8") from None
    if not isinstance(value, str):
        raise InputTypeError(f"{what} must be str or bytes, not {type(value).__name__}")
    return value


class CredguardHasher:
    """pwdlib's ``HasherProtocol`` over a credguard :class:`~credguard.PasswordHasher`."""

    __slots__ = ("hasher",)

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        if hasher is None:
            hasher = PasswordHasher()
        if not isinstance(hasher, PasswordHasher):
            raise InputTypeError(f"hasher must be a PasswordHasher, not {type(hasher).__name__}")
        self.hasher = hasher

    @classmethod
    def identify(cls, hash: str | bytes) -> bool:
        """True for an Argon2id encoding, plain or with credguard's pepper prefix."""
        try:
            text = _text(hash, "hash")
        except InputTypeError:
            return False
        return text.startswith(("$argon2id$", f"{PEPPER_PREFIX}$"))

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        """The value to store for *password* (*salt*: known-answer tests only)."""
        return self.hasher.hash(_text(password, "password"), salt=salt)

    def verify(self, password: str | bytes, hash: str | bytes) -> bool:
        """True when *password* matches *hash* (pwdlib's argument order)."""
        return self.hasher.verify(_text(hash, "hash"), _text(password, "password"))

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        """True when *hash* was not made with this hasher's profile and current pepper."""
        return self.hasher.needs_rehash(_text(hash, "hash"))

    def __repr__(self) -> str:
        return f"CredguardHasher({self.hasher!r})"
