"""MD4 (RFC 1320) in pure Python, for NTLM hashes of breach corpora.

An NTLM hash is MD4 of the UTF-16LE password.  ``hashlib.new("md4")``
depends on OpenSSL, and OpenSSL 3 moved MD4 to its legacy provider, so it is
missing on many systems.  MD4 is broken as a cryptographic hash; it is used
here only to compute the same lookup key as Have I Been Pwned's NTLM files,
never to protect anything.  Passwords are short, so speed is not a concern.
"""

from __future__ import annotations

import struct
from typing import Final

__all__ = ["md4", "ntlm_hex"]

_MASK: Final = 0xFFFFFFFF


def _rotl(value: int, shift: int) -> int:
    value &= _MASK
    return ((value << shift) | (value >> (32 - shift))) & _MASK


def _compress(state: list[int], block: bytes) -> None:
    x = struct.unpack("<16I", block)
    a, b, c, d = state
    # Round 1: F(x, y, z) = xy | ~xz
    for i in range(16):
        k, s = i, (3, 7, 11, 19)[i % 4]
        f = (b & c) | (~b & d)
        a, b, c, d = d, _rotl(a + f + x[k], s), b, c
    # Round 2: G(x, y, z) = xy | xz | yz, constant sqrt(2)
    for i in range(16):
        k, s = (i % 4) * 4 + i // 4, (3, 5, 9, 13)[i % 4]
        g = (b & c) | (b & d) | (c & d)
        a, b, c, d = d, _rotl(a + g + x[k] + 0x5A827999, s), b, c
    # Round 3: H(x, y, z) = x ^ y ^ z, constant sqrt(3)
    order = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)
    for i in range(16):
        k, s = order[i], (3, 9, 11, 15)[i % 4]
        h = b ^ c ^ d
        a, b, c, d = d, _rotl(a + h + x[k] + 0x6ED9EBA1, s), b, c
    state[0] = (state[0] + a) & _MASK
    state[1] = (state[1] + b) & _MASK
    state[2] = (state[2] + c) & _MASK
    state[3] = (state[3] + d) & _MASK


def md4(data: bytes) -> bytes:
    """The 16-byte MD4 digest of *data*."""
    state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    bit_length = (8 * len(data)) & 0xFFFFFFFFFFFFFFFF
    padded = data + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + struct.pack("<Q", bit_length)
    for offset in range(0, len(padded), 64):
        _compress(state, padded[offset : offset + 64])
    return struct.pack("<4I", *state)


def ntlm_hex(password: str) -> str:
    """The NTLM hash of *password* as 32 uppercase hex digits (HIBP's form)."""
    # surrogatepass: a lone surrogate (refused elsewhere) must not raise here.
    return md4(password.encode("utf-16-le", "surrogatepass")).hex().upper()
