"""``breached.*``: passwords found in breach corpora (Have I Been Pwned).

The rule hashes the NFKC view of the password (SHA-1, or NTLM = MD4 of
UTF-16LE) and looks it up in an offline HIBP-format file
(:class:`credguard._breach.HashFile`: binary search over a memory map),
and/or online in the k-anonymity range API, which only ever receives the
first five hex digits of the hash.  A password seen at least ``min_count``
times is reported as ``breached.found``.

The file is opened and spot-checked when the rule is built, so a policy
naming a missing, empty, malformed or unsorted file fails to load with a
:class:`~credguard.BreachFileError`.  When the online service cannot be
reached (timeout, HTTP error, malformed answer), ``on_error`` decides:
``"fail"`` (fail closed: an error-severity ``breached.unavailable``) or
``"warn"`` (a warning; the check passes).  Params never carry the hash.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._breach import (
    DEFAULT_API_URL,
    FORMATS,
    HashFile,
    Transport,
    hash_hex,
    range_counts,
    urllib_transport,
)
from .._candidate import Candidate
from .._context import UserContext
from .._violation import Severity, Violation
from ..errors import BreachFileError, PolicyError
from ._base import check_choice, check_int, check_severity

__all__ = ["BreachedRule"]

_ON_ERROR: Final = ("fail", "warn")
_MAX_TIMEOUT: Final = 60.0


@dataclass(frozen=True, slots=True, kw_only=True)
class BreachedRule:
    """Forbid passwords that appear in a breach corpus at least ``min_count`` times."""

    NAME: ClassVar[str] = "breached"

    file: str | os.PathLike[str] | None = None
    format: str = "sha1"
    min_count: int = 1
    online: bool = False
    api_url: str = DEFAULT_API_URL
    timeout: float = 3.0
    on_error: str = "fail"
    severity: Severity = "error"
    transport: Transport | None = field(default=None, repr=False, compare=False)
    _file: HashFile | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_choice("format", self.format, FORMATS)
        check_int("min_count", self.min_count, minimum=1)
        if not isinstance(self.online, bool):
            raise PolicyError("must be true or false", key="online")
        if self.file is None and not self.online:
            raise PolicyError("give a file, or set online = true", key="file")
        if not isinstance(self.api_url, str) or not self.api_url.startswith(
            ("https://", "http://")
        ):
            raise PolicyError("must be an http:// or https:// URL", key="api_url")
        timeout = self.timeout
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise PolicyError("must be a number of seconds", key="timeout")
        if not (math.isfinite(timeout) and 0 < timeout <= _MAX_TIMEOUT):
            raise PolicyError(f"must be more than 0 and at most {_MAX_TIMEOUT:g}", key="timeout")
        object.__setattr__(self, "timeout", float(timeout))
        check_choice("on_error", self.on_error, _ON_ERROR)
        check_severity(self.severity)
        if self.transport is not None and not callable(self.transport):
            raise PolicyError("must be callable as (url, headers, timeout)", key="transport")
        if self.file is not None:
            if not isinstance(self.file, (str, os.PathLike)):
                raise PolicyError("must be a path", key="file")
            # Opening now makes a bad file a load-time error; BreachFileError
            # is a PolicyError, so the loader adds the policy file and key.
            try:
                opened = HashFile(self.file, self.format)
            except BreachFileError as error:
                raise BreachFileError(error.problem, key="file") from None
            object.__setattr__(self, "_file", opened)

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        if not candidate.nfkc:
            return
        digest = hash_hex(candidate.nfkc, self.format)
        if self._file is not None and self._file.count(digest) >= self.min_count:
            yield Violation("breached.found", {"source": "offline"}, self.severity)
            return
        if not self.online:
            return
        try:
            count = range_counts(
                digest,
                self.format,
                api_url=self.api_url,
                timeout=self.timeout,
                transport=self.transport or urllib_transport,
            )
        except (OSError, ValueError):
            severity: Severity = "error" if self.on_error == "fail" else "warning"
            yield Violation("breached.unavailable", {"source": "online"}, severity)
            return
        if count >= self.min_count:
            yield Violation("breached.found", {"source": "online"}, self.severity)
