"""``classes.*``: required character classes.

Three common shapes are all expressible:

* every listed class required (auカブコム: digits, upper and lower case):
  ``required = ["digit", "upper", "lower"]``;
* "at least k of these n classes" (moomoo: 3 of upper/lower/digit/symbol):
  ``min_classes = 3`` with ``of = ["upper", "lower", "digit", "symbol"]``;
* letters counted as one class (Mizuho: 2 of letter/digit/symbol):
  ``of = ["letter", "digit", "symbol"]``.

``min_counts`` asks for more than one character of a class
(``{digit = 2}``).  Classes are read on the NFKC form, so full-width ``Ａ``
counts as an uppercase letter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._errors import PolicyError
from .._guard import MAX_PASSWORD_LENGTH
from .._violation import Severity, Violation
from ._base import check_choice, check_int, check_severity

__all__ = ["CLASS_NAMES", "ClassesRule"]

#: The classes a rule can require or count; ``letter`` is upper, lower and
#: caseless letters together.
CLASS_NAMES: Final = ("upper", "lower", "letter", "digit", "symbol", "space", "other")


def _count(candidate: Candidate, name: str) -> int:
    counts = candidate.class_counts
    if name == "letter":
        return counts["upper"] + counts["lower"] + counts["other"]
    return counts[name]  # type: ignore[index]


def _names(key: str, value: object) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    for item in items:
        check_choice(key, item, CLASS_NAMES)
    if len(set(items)) != len(items):
        raise PolicyError("lists a class twice", key=key)
    return items


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassesRule:
    """Require classes: all of ``required``, ``min_classes`` of ``of``, ``min_counts``."""

    NAME: ClassVar[str] = "classes"

    required: tuple[str, ...] = ()
    min_classes: int = 0
    of: tuple[str, ...] = ("upper", "lower", "digit", "symbol")
    min_counts: Mapping[str, int] = field(default_factory=dict)
    severity: Severity = "error"
    # (class, minimum count) pairs to enforce, derived from required and min_counts.
    _needs: tuple[tuple[str, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", _names("required", self.required))
        object.__setattr__(self, "of", _names("of", self.of))
        check_int("min_classes", self.min_classes, minimum=0, maximum=len(self.of))
        if not isinstance(self.min_counts, Mapping):
            raise PolicyError("must be a table of class = count", key="min_counts")
        counts: dict[str, int] = {}
        for name, count in self.min_counts.items():
            check_choice("min_counts", name, CLASS_NAMES)
            counts[name] = check_int(
                f"min_counts.{name}", count, minimum=1, maximum=MAX_PASSWORD_LENGTH
            )
        object.__setattr__(self, "min_counts", MappingProxyType(counts))
        check_severity(self.severity)
        needs = {name: counts.get(name, 1) for name in self.required}
        needs.update((name, count) for name, count in counts.items() if name not in needs)
        object.__setattr__(self, "_needs", tuple(needs.items()))

    @property
    def minimum_length(self) -> int:
        """The shortest password that can satisfy this rule (for consistency checks)."""
        needed = dict(self._needs)
        # Each extra class still needed for min_classes costs at least one character.
        extra = max(0, self.min_classes - len([n for n in self.of if n in needed]))
        return sum(needed.values()) + extra

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        for name, wanted in self._needs:
            actual = _count(candidate, name)
            if actual < wanted:
                yield Violation(
                    "classes.missing",
                    {"class": name, "min": wanted, "actual": actual},
                    self.severity,
                )
        if self.min_classes:
            present = sum(1 for name in self.of if _count(candidate, name))
            if present < self.min_classes:
                yield Violation(
                    "classes.too_few",
                    {"min": self.min_classes, "of": self.of, "actual": present},
                    self.severity,
                )
