"""Known-answer tests for the pure-Python MD4 and NTLM (credguard/_md4.py)."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard._md4 import md4, ntlm_hex

# RFC 1320, appendix A.5.
RFC_1320 = [
    (b"", "31d6cfe0d16ae931b73c59d7e0c089c0"),
    (b"a", "bde52cb31de33e46245e05fbdbd6fb24"),
    (b"abc", "a448017aaf21d8525fc10ae87aa6729d"),
    (b"message digest", "d9130a8164549fe818874806e1c7014b"),
    (b"abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"),
    (
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "043f8582f241db351ce627e153e7f0e4",
    ),
    (b"1234567890" * 8, "e33b4ddc9c38f2199c3e7b164fcc0536"),
]


def _openssl_md4_available() -> bool:
    try:
        hashlib.new("md4")  # noqa: S324 - comparing against OpenSSL
    except ValueError:
        return False
    return True


class TestMd4:
    @pytest.mark.parametrize(("data", "digest"), RFC_1320)
    def test_rfc_1320_vectors(self, data: bytes, digest: str) -> None:
        assert md4(data).hex() == digest

    @pytest.mark.parametrize("size", [55, 56, 63, 64, 65, 119, 120, 1000])
    def test_padding_boundaries_against_a_second_computation(self, size: int) -> None:
        # Block-boundary lengths, checked against OpenSSL where it still has MD4.
        data = bytes(range(256)) * 4
        if _openssl_md4_available():
            reference = hashlib.new("md4", data[:size])  # noqa: S324
            assert md4(data[:size]) == reference.digest()
        assert len(md4(data[:size])) == 16
        assert md4(data[:size]) != md4(data[: size - 1])

    @given(st.binary(max_size=200))
    def test_digest_size(self, data: bytes) -> None:
        assert len(md4(data)) == 16


class TestNtlm:
    @pytest.mark.parametrize(
        ("password", "digest"),
        [
            ("", "31D6CFE0D16AE931B73C59D7E0C089C0"),
            ("password", "8846F7EAEE8FB117AD06BDD830B7586C"),
            ("Password", "A4F49C406510BDCAB6824EE7C30FD852"),
        ],
    )
    def test_known_hashes(self, password: str, digest: str) -> None:
        assert ntlm_hex(password) == digest

    def test_lone_surrogate_does_not_raise(self) -> None:
        assert len(ntlm_hex("a\ud800b")) == 32
