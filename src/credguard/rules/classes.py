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
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ._base import TupleRule, severity_param

__all__ = ["CLASS_NAMES", "ClassesRule"]

#: The classes a rule can require or count; ``letter`` is upper, lower and
#: caseless letters together.
CLASS_NAMES: Final = ("upper", "lower", "letter", "digit", "symbol", "space", "other")


# The letters of Candidate.class_letters() each class name stands for.
_CODES: Final = {
    "upper": b"U",
    "lower": b"L",
    "letter": b"ULO",
    "digit": b"D",
    "symbol": b"S",
    "space": b"W",
    "other": b"O",
}


def _count(letters: bytes, codes: bytes) -> int:
    if len(codes) == 1:
        return letters.count(codes)
    return sum(map(letters.count, (codes[i : i + 1] for i in range(len(codes)))))


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassesRule(TupleRule):
    """Require classes: all of ``required``, ``min_classes`` of ``of``, ``min_counts``."""

    NAME: ClassVar[str] = "classes"

    required: tuple[str, ...] = param(
        (),
        doc="classes the password must each contain",
        choices=CLASS_NAMES,
        unique=True,
        stricter="superset",
    )
    min_classes: int = param(
        0,
        doc="how many of the classes in 'of' the password must contain (at most their number)",
        range=(0, len(CLASS_NAMES)),
        stricter="higher",
    )
    of: tuple[str, ...] = param(
        ("upper", "lower", "digit", "symbol"),
        doc="the classes min_classes counts",
        choices=CLASS_NAMES,
        unique=True,
    )
    min_counts: Mapping[str, int] = param(
        doc="class = the fewest characters of it",
        default_factory=dict,
        range=(1, MAX_PASSWORD_LENGTH),
        choices=CLASS_NAMES,
    )
    severity: Severity = severity_param()
    # Derived in __post_init__, so that a check only reads them.  Each class
    # that must be present: (class, minimum count, its class letters).
    _need_codes: tuple[tuple[str, int, bytes], ...] = field(init=False, repr=False, compare=False)
    # For min_classes: the class letters of each ``of`` class, and, when each
    # is one letter (no "letter" among them), all of them in one sequence
    # (one membership test per class, 0.1 against 0.2 µs for four classes).
    _of_codes: tuple[frozenset[int], ...] = field(init=False, repr=False, compare=False)
    _of_single: tuple[int, ...] | None = field(init=False, repr=False, compare=False)
    # The finding for each number of classes below min_classes, built once:
    # too few classes is the commonest rejection, and building it per check
    # makes a whole check 5 to 11 % slower (issue 14).
    _too_few: tuple[tuple[Violation], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        if self.min_classes > len(self.of):
            raise PolicyError.of("rule.min_classes_of", key="min_classes", n=len(self.of))
        counts = self.min_counts
        needs = {name: counts.get(name, 1) for name in self.required}
        needs.update((name, count) for name, count in counts.items() if name not in needs)
        object.__setattr__(
            self, "_need_codes", tuple((name, n, _CODES[name]) for name, n in needs.items())
        )
        object.__setattr__(self, "_of_codes", tuple(frozenset(_CODES[name]) for name in self.of))
        single = all(len(_CODES[name]) == 1 for name in self.of)
        object.__setattr__(
            self, "_of_single", tuple(b"".join(_CODES[n] for n in self.of)) if single else None
        )
        too_few = tuple(
            (
                new_violation(
                    "classes.too_few",
                    {"min": self.min_classes, "of": self.of, "actual": present},
                    self.severity,
                ),
            )
            for present in range(self.min_classes)
        )
        object.__setattr__(self, "_too_few", too_few)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        # The classes violations() enforces: every required class (once, or
        # its min_counts), then min_counts of classes not required.
        for name, count, _ in self._need_codes:
            yield "classes.required", {"class": name, "min": count}
        if self.min_classes:
            yield "classes.min_classes", {"min": self.min_classes, "of": self.of}

    @property
    def minimum_length(self) -> int:
        """The shortest password that can satisfy this rule (for consistency checks)."""
        needed = {name: count for name, count, _ in self._need_codes}
        # Each extra class still needed for min_classes costs at least one character.
        extra = max(0, self.min_classes - len([n for n in self.of if n in needed]))
        return sum(needed.values()) + extra

    def findings_made_once(self) -> tuple[tuple[Violation], ...]:
        """Each count below ``min_classes``: its finding, made once (see ``TupleRule``)."""
        return self._too_few

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        letters = candidate.class_letters()
        found: tuple[Violation, ...] = ()
        if self._need_codes:  # usually empty: "k of n" is commoner
            found = self._missing(letters)
        if self.min_classes:
            single = self._of_single
            if single is not None:
                present = 0
                for code in single:
                    if code in letters:
                        present += 1
            else:
                present = sum(not codes.isdisjoint(letters) for codes in self._of_codes)
            if present < self.min_classes:
                return found + self._too_few[present]
        return found

    def _missing(self, letters: bytes) -> tuple[Violation, ...]:
        found: tuple[Violation, ...] = ()
        for name, wanted, codes in self._need_codes:
            actual = _count(letters, codes)
            if actual < wanted:
                found += (
                    new_violation(
                        "classes.missing",
                        {"class": name, "min": wanted, "actual": actual},
                        self.severity,
                    ),
                )
        return found
