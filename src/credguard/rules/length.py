"""``length.*``: minimum and maximum length.

The minimum counts what the user typed, each code point one character
(NIST SP 800-63B), before compatibility normalization: counting after NFKC
let one character pass for many (``ﷺ``, 1 code point, is 18 after NFKC,
``㍿`` is 4, ``ﬃ`` is 3, so one keystroke met a 15-character minimum).  The
count is of the NFC form, so canonically equivalent input (``é`` typed
composed, or as ``e`` and a combining accent, as some keyboards send it)
gets one verdict.  A full-width ``Ａ`` is one code point either way, so a
full-width password is as long as its half-width twin.

The maximum is a limit some system downstream imposes, which may hold the
password as typed or normalized, so it bounds both: the larger of the two
counts.  (The guard's cap, ``MAX_PASSWORD_LENGTH``, is also checked on
both, before any rule runs.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ._base import TupleRule, severity_param

__all__ = ["LengthRule", "typed_length"]


def typed_length(password: str) -> int:
    """Code points of *password* in NFC: what was typed, however it was encoded."""
    if password.isascii() or unicodedata.is_normalized("NFC", password):
        return len(password)
    return len(unicodedata.normalize("NFC", password))


@dataclass(frozen=True, slots=True, kw_only=True)
class LengthRule(TupleRule):
    """Require ``min <= length <= max`` (``max`` may be omitted)."""

    NAME: ClassVar[str] = "length"

    min: int = param(
        8,
        doc="fewest code points, as typed (NFC, before NFKC)",
        range=(1, MAX_PASSWORD_LENGTH),
        stricter="higher",
    )
    max: int | None = param(
        None,
        doc="most code points, as typed (NFC) and after NFKC; at least min",
        range=(1, MAX_PASSWORD_LENGTH),
        stricter="lower",
    )
    severity: Severity = severity_param()
    # Violations are immutable: the finding for each length below min is
    # built once, so a short password (a common rejection) allocates nothing.
    _too_short: tuple[tuple[Violation], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        if self.max is not None and self.max < self.min:
            raise PolicyError.of("rule.max_below_min", key="max", max=self.max, min=self.min)
        too_short = tuple(
            (new_violation("length.too_short", {"min": self.min, "actual": n}, self.severity),)
            for n in range(self.min)
        )
        object.__setattr__(self, "_too_short", too_short)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        if self.max is None:
            yield "length.min", {"min": self.min}
        else:
            yield "length.range", {"min": self.min, "max": self.max}

    def findings_made_once(self) -> tuple[tuple[Violation], ...]:
        """Each length below ``min``: its finding, made once (see ``TupleRule``)."""
        return self._too_short

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        raw = candidate.raw
        if raw.isascii():  # nearly every password: typed, NFC and NFKC lengths agree
            typed = length = len(raw)
            if typed < self.min:
                return self._too_short[typed]
        else:
            typed = typed_length(raw)
            if typed < self.min:
                return self._too_short[typed]
            # The NFKC form is the longer one only when a character expands.
            length = max(typed, candidate.length)
        if self.max is not None and length > self.max:
            return (
                new_violation(
                    "length.too_long", {"max": self.max, "actual": length}, self.severity
                ),
            )
        return ()
