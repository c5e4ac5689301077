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

The range endpoint is the application's to choose (``api_url=`` in code,
or the ``CREDGUARD_BREACH_API_URL`` environment variable; by default the
Pwned Passwords service): a policy file setting ``api_url`` is refused,
since a file an auditor reads as data must not send requests to a host of
its choosing.  Only ``https://`` is accepted, or ``http://`` to a loopback
host for tests; ``timeout`` bounds each lookup as a whole.

Pickled (to ship a policy to worker processes), the rule keeps its path
and options only; the unpickled copy opens and checks the file on its
first lookup, in the process that uses it (``docs/scale.md``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._breach import (
    API_URL_ENV,
    DEFAULT_API_URL,
    FORMATS,
    HashFile,
    Transport,
    allowed_endpoint,
    hash_hex,
    range_counts,
    urllib_transport,
)
from .._candidate import Candidate
from .._context import UserContext
from .._params import code_only, param, validate
from .._pickling import by_fields
from .._violation import Severity, Violation
from ..errors import BreachFileError, PolicyError
from ._base import severity_param

__all__ = ["BreachedRule"]

_ON_ERROR: Final = ("fail", "warn")
_MAX_TIMEOUT: Final = 60.0


@dataclass(frozen=True, slots=True, kw_only=True)
class BreachedRule:
    """Forbid passwords that appear in a breach corpus at least ``min_count`` times."""

    NAME: ClassVar[str] = "breached"

    file: str | os.PathLike[str] | None = param(
        None, doc="a breach corpus file, relative to the policy file"
    )
    format: str = param(
        "sha1", doc="how the corpus file's hashes are written", choices=tuple(FORMATS)
    )
    # A higher count lets more of the breached passwords through: looser.
    min_count: int = param(
        1, doc="the fewest breaches a password must appear in", range=(1, None), stricter="lower"
    )
    online: bool = param(
        False, doc="also ask the Pwned Passwords range API", stricter=(False, True)
    )
    # Where each password's hash prefix is sent: the application's choice
    # (code, or the CREDGUARD_BREACH_API_URL environment variable), never a
    # policy file's, which an auditor reads as data.  None: the environment
    # variable, else DEFAULT_API_URL; resolved when the rule is built.
    api_url: str | None = code_only(None, problem="shape.api_url")
    timeout: float = param(
        3.0,
        doc="seconds one range API lookup may take in all (more than 0)",
        range=(0, _MAX_TIMEOUT),
    )
    on_error: str = param(
        "fail", doc="what an unreachable API does: fail the check or warn", choices=_ON_ERROR
    )
    severity: Severity = severity_param()
    transport: Transport | None = field(default=None, repr=False, compare=False)
    _file: HashFile | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        if self.file is None and not self.online:
            raise PolicyError.of("rule.breached_source", key="file")
        url, key = self.api_url, "api_url"
        if url is None:
            url, key = os.environ.get(API_URL_ENV) or DEFAULT_API_URL, API_URL_ENV
        if not isinstance(url, str) or not allowed_endpoint(url):
            raise PolicyError.of("rule.api_url", key=key)
        object.__setattr__(self, "api_url", url)
        if self.timeout == 0:
            raise PolicyError.of("rule.timeout", key="timeout", high=_MAX_TIMEOUT)
        if self.transport is not None and not callable(self.transport):
            raise PolicyError.of("rule.transport", key="transport")
        if self.file is not None:
            if not isinstance(self.file, (str, os.PathLike)):
                raise PolicyError.of("rule.path", key="file")
            # Opening now makes a bad file a load-time error; BreachFileError
            # is a PolicyError, so the loader adds the policy file and key.
            try:
                opened = HashFile(self.file, self.format)
            except BreachFileError as error:
                raise BreachFileError(error.detail, key="file") from None
            object.__setattr__(self, "_file", opened)

    def __reduce__(self) -> tuple[object, ...]:
        # The path and options, not the memory map: see _unpickled.
        _, (cls, arguments) = by_fields(self)
        return _unpickled, (cls, arguments)

    def _hash_file(self) -> HashFile | None:
        opened = self._file
        if opened is None and self.file is not None:
            # An unpickled rule: open the file on first use, here.  Two
            # threads may both open it; either mapping serves.
            try:
                opened = HashFile(self.file, self.format)
            except BreachFileError as error:
                raise BreachFileError(error.problem, key="file") from None
            object.__setattr__(self, "_file", opened)
        return opened

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks: one family-level sentence, whatever its parameters."""
        yield self.NAME, {}

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        if not candidate.nfkc:
            return
        digest = hash_hex(candidate.nfkc, self.format)
        hash_file = self._hash_file()
        if hash_file is not None and hash_file.count(digest) >= self.min_count:
            yield Violation("breached.found", {"source": "offline"}, self.severity)
            return
        if not self.online:
            return
        try:
            count = range_counts(
                digest,
                self.format,
                api_url=self.api_url or DEFAULT_API_URL,
                timeout=self.timeout,
                transport=self.transport or urllib_transport,
            )
        except (OSError, ValueError):
            severity: Severity = "error" if self.on_error == "fail" else "warning"
            yield Violation("breached.unavailable", {"source": "online"}, severity)
            return
        if count >= self.min_count:
            yield Violation("breached.found", {"source": "online"}, self.severity)


def _unpickled(cls: type[BreachedRule], arguments: dict[str, object]) -> BreachedRule:
    """A rule unpickled: its fields set as pickled (validated when first built), file unopened."""
    rule = object.__new__(cls)
    for name, value in arguments.items():
        object.__setattr__(rule, name, value)
    object.__setattr__(rule, "_file", None)
    return rule
