"""``Pepper``: a secret HMAC key applied to the password before Argon2.

With a pepper, the secret given to Argon2 is
``HMAC-SHA256(key, utf8(nfkc(password)))`` and the stored value gets a
prefix naming the key id (see :mod:`.encoded`).  The key id is public and
recorded; the key never appears in a ``repr`` or an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from .._pickling import refuse_secret
from ..errors import InputTypeError, PolicyError

__all__ = ["MAX_PEPPER_BYTES", "MIN_PEPPER_BYTES", "Pepper"]

MIN_PEPPER_BYTES: Final = 16
MAX_PEPPER_BYTES: Final = 1024
# The same alphabet and length as the key id in the stored prefix.
_KEY_ID: Final = re.compile(r"[A-Za-z0-9_.-]{1,32}")


@dataclass(frozen=True, slots=True)
class Pepper:
    """A secret HMAC-SHA256 key and the public id recorded in stored hashes.

    The key never appears in ``repr`` or in any error; keep it outside the
    database (environment, secrets manager, HSM).
    """

    key_id: str
    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.key_id, str) or _KEY_ID.fullmatch(self.key_id) is None:
            raise PolicyError.of("hash.pepper_key_id", key="pepper.key_id")
        if not isinstance(self.key, bytes):
            raise InputTypeError(f"pepper key must be bytes, not {type(self.key).__name__}")
        if not MIN_PEPPER_BYTES <= len(self.key) <= MAX_PEPPER_BYTES:
            raise PolicyError.of(
                "hash.pepper_size",
                key="pepper.key",
                low=MIN_PEPPER_BYTES,
                high=MAX_PEPPER_BYTES,
            )

    # A secret never leaves the process in a pickle (docs/scale.md).
    __reduce__ = refuse_secret

    def __repr__(self) -> str:
        return f"Pepper(key_id={self.key_id!r}, key=<{len(self.key)} bytes hidden>)"

    def mac(self, data: bytes) -> bytes:
        """``HMAC-SHA256(key, data)``."""
        import hashlib  # with hmac, loaded by the first peppered hash, not at import
        import hmac

        return hmac.new(self.key, data, hashlib.sha256).digest()
