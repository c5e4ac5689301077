"""``credguard.contrib.pwdlib.CredguardHasher``: pwdlib's HasherProtocol over credguard."""

from __future__ import annotations

import inspect
from typing import Protocol, runtime_checkable

import pytest

import credguard
from credguard import InputTypeError, InvalidHashError, Pepper
from credguard.contrib.pwdlib import CredguardHasher
from credguard.testing import cheap_hasher
from tests.helpers import CANARY


@runtime_checkable
class HasherProtocol(Protocol):
    """pwdlib.hashers.base.HasherProtocol, written out: tested without pwdlib too."""

    @classmethod
    def identify(cls, hash: str | bytes) -> bool: ...

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str: ...

    def verify(self, password: str | bytes, hash: str | bytes) -> bool: ...

    def check_needs_rehash(self, hash: str | bytes) -> bool: ...


HASHER = CredguardHasher(cheap_hasher())


def test_the_protocol_shape() -> None:
    assert isinstance(HASHER, HasherProtocol)
    assert list(inspect.signature(HASHER.verify).parameters) == ["password", "hash"]
    assert inspect.signature(HASHER.hash).parameters["salt"].kind is inspect.Parameter.KEYWORD_ONLY
    assert isinstance(inspect.getattr_static(CredguardHasher, "identify"), classmethod)


def test_hash_verify_and_rehash() -> None:
    stored = HASHER.hash("Sakura-2024!")
    assert CredguardHasher.identify(stored)
    assert CredguardHasher.identify(stored.encode())
    assert HASHER.verify("Sakura-2024!", stored)
    assert HASHER.verify(b"Sakura-2024!", stored.encode())
    assert HASHER.verify("Ｓａｋｕｒａ-2024!", stored)  # full-width: NFKC first
    assert not HASHER.verify("sakura-2024!", stored)
    assert not HASHER.check_needs_rehash(stored)
    assert CredguardHasher(credguard.PasswordHasher()).check_needs_rehash(stored)


def test_identify_refuses_other_hashes() -> None:
    for other in ("$2b$12$abcdefghijklmnopqrstuv", "$argon2i$v=19$m=1024,t=1,p=1$x$y", "", b"\xff"):
        assert not CredguardHasher.identify(other)


def test_peppered_hashes() -> None:
    pepper = Pepper("k1", CANARY.encode() * 2)
    peppered = CredguardHasher(cheap_hasher(pepper=pepper))
    stored = peppered.hash("Sakura-2024!")
    assert CredguardHasher.identify(stored)
    assert peppered.verify("Sakura-2024!", stored)
    # Without the key, a configuration error, not a wrong password.
    with pytest.raises(InvalidHashError) as caught:
        HASHER.verify("Sakura-2024!", stored)
    assert CANARY not in str(caught.value)
    assert CANARY not in repr(peppered)


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(InputTypeError):
        HASHER.hash(b"\xff\xfe")
    with pytest.raises(InputTypeError):
        HASHER.hash(1234)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        CredguardHasher("argon2")  # type: ignore[arg-type]
    with pytest.raises(InvalidHashError):
        HASHER.verify("x", "$argon2id$garbage")


def test_with_pwdlib() -> None:
    # pwdlib is a test dependency only: this proves the real library takes the hasher.
    from pwdlib import PasswordHash
    from pwdlib.hashers.base import HasherProtocol as PwdlibProtocol

    assert {n for n in dir(PwdlibProtocol) if not n.startswith("_")} == {
        n for n in dir(HasherProtocol) if not n.startswith("_")
    }
    password_hash = PasswordHash((HASHER,))
    stored = password_hash.hash("Sakura-2024!")
    assert password_hash.verify("Sakura-2024!", stored)
    assert not password_hash.verify("Sakura-2025!", stored)
    valid, updated = PasswordHash((CredguardHasher(), HASHER)).verify_and_update(
        "Sakura-2024!", stored
    )
    assert valid
    assert updated is not None  # the cheap profile is outdated for the default hasher
