"""``length.*``: minimum and maximum length.

Length is counted in code points of the NFKC form, so a full-width password
has the same length as its half-width twin and ``é`` counts once whether it
was typed composed or decomposed.
"""

from __future__ import annotations

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

__all__ = ["LengthRule"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LengthRule(TupleRule):
    """Require ``min <= length <= max`` (``max`` may be omitted)."""

    NAME: ClassVar[str] = "length"

    min: int = param(
        8,
        doc="fewest code points (after NFKC)",
        range=(1, MAX_PASSWORD_LENGTH),
        stricter="higher",
    )
    max: int | None = param(
        None,
        doc="most code points; at least min",
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

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        length = candidate.length
        if length < self.min:
            return self._too_short[length]
        if self.max is not None and length > self.max:
            return (
                new_violation(
                    "length.too_long", {"max": self.max, "actual": length}, self.severity
                ),
            )
        return ()
