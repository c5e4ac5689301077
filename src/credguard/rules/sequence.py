"""``sequence.*``: ascending and descending runs of letters or digits.

``123456``, ``abcdef`` and ``987654`` (moomoo's examples), ``cba`` (Monex).
Runs are read case-insensitively; digits continue through 9→0 ascending and
0→9 descending, as on a keyboard's number row (``7890``).  ``max_run`` is the
longest run allowed (Monex forbids three: ``max_run = 2``).  One pass over
the password.

Speed: a run longer than ``max_run`` (at least 2) contains a run of three, so
the rule first looks up a password's consecutive triples in the small set of
runs of three (a C-level set operation); only a password that holds one pays
for the exact scan.  Input longer than ``PRESCREEN_MAX_LENGTH`` is scanned
directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from operator import eq
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH, PRESCREEN_MAX_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ._base import TupleRule, severity_param

__all__ = ["RUNS_OF_THREE", "SequenceRule", "longest_runs"]


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
_DIGITS: Final = "01234567890"  # 9 is followed by 0, as on a keyboard's number row

#: The character that follows each letter or digit in an ascending run, and
#: the one that follows it in a descending run.
_NEXT_UP: Final = dict(pairwise(_LETTERS)) | dict(pairwise(_DIGITS))
_NEXT_DOWN: Final = {after: before for before, after in _NEXT_UP.items()}

#: Every ascending or descending run of three characters.
RUNS_OF_THREE: Final[frozenset[tuple[str, str, str]]] = frozenset(
    (first, second, table[second])
    for table in (_NEXT_UP, _NEXT_DOWN)
    for first, second in table.items()
    if second in table
)


def _byte_table(following: dict[str, str]) -> bytes:
    """``following`` for ASCII bytes; 0xFF (never an ASCII byte) where nothing follows."""
    return bytes(ord(following.get(chr(code), "\xff")) for code in range(256))


_UP_BYTES: Final = _byte_table(_NEXT_UP)
_DOWN_BYTES: Final = _byte_table(_NEXT_DOWN)


# A run of zero bytes: a run of steps in _longest_step_run's ASCII path.
_STEPS: Final = re.compile(rb"\x00+")


def _longest_step_run(text: str, following: dict[str, str], table: bytes) -> int:
    """Characters in the longest run where each one is ``following`` the one before."""
    if text.isascii():
        # Each character's follower XOR the next character, computed on the
        # two byte strings as big integers (in C): a zero byte marks a step,
        # and a run of k zero bytes a run of k + 1 characters.
        data = text.encode("ascii")
        followers = int.from_bytes(data.translate(table)[:-1], "big")
        steps = (followers ^ int.from_bytes(data[1:], "big")).to_bytes(len(data) - 1, "big")
        runs = _STEPS.findall(steps)
        return (max(map(len, runs)) if runs else 0) + 1
    # steps[i] is 1 where text[i + 1] follows text[i].
    steps = bytes(map(eq, map(following.get, text), text[1:]))
    return max(map(len, steps.split(b"\x00"))) + 1


def longest_runs(text: str) -> tuple[int, int]:
    """The longest ascending and descending runs in *text* (lower-case ASCII expected)."""
    if not text:
        return 0, 0
    return (
        _longest_step_run(text, _NEXT_UP, _UP_BYTES),
        _longest_step_run(text, _NEXT_DOWN, _DOWN_BYTES),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SequenceRule(TupleRule):
    """Forbid ascending or descending runs longer than ``max_run``."""

    NAME: ClassVar[str] = "sequence"

    max_run: int = param(
        3,
        doc="the longest ascending or descending run allowed (123, abc)",
        range=(2, MAX_PASSWORD_LENGTH),
        stricter="lower",
    )
    severity: Severity = severity_param()

    def __post_init__(self) -> None:
        validate(self)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        yield "sequence.max_run", {"max": self.max_run}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        text = candidate.folded
        if len(text) <= self.max_run:
            return ()
        if len(text) <= PRESCREEN_MAX_LENGTH and RUNS_OF_THREE.isdisjoint(
            # Passing strict=False costs a quarter of this screen; the default
            # is the same, and the slices are shorter anyway.
            zip(text, text[1:], text[2:])  # noqa: B905
        ):
            return ()
        up, down = longest_runs(text)
        found: tuple[Violation, ...] = ()
        if up > self.max_run:
            found += (
                new_violation(
                    "sequence.ascending", {"length": up, "max": self.max_run}, self.severity
                ),
            )
        if down > self.max_run:
            found += (
                new_violation(
                    "sequence.descending", {"length": down, "max": self.max_run}, self.severity
                ),
            )
        return found
