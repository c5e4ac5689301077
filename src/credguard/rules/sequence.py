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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH, PRESCREEN_MAX_LENGTH
from .._violation import Severity, Violation
from ._base import check_int, check_severity

__all__ = ["RUNS_OF_THREE", "SequenceRule", "longest_runs"]


def _step(previous: str, char: str) -> int:
    """+1 when *char* follows *previous* in order, -1 when it precedes it, else 0."""
    if previous.isdigit() and char.isdigit() and previous.isascii() and char.isascii():
        diff = (ord(char) - ord(previous)) % 10
        return 1 if diff == 1 else -1 if diff == 9 else 0
    if "a" <= previous <= "z" and "a" <= char <= "z":
        diff = ord(char) - ord(previous)
        return diff if diff in (1, -1) else 0
    return 0


def _runs_of_three() -> frozenset[tuple[str, str, str]]:
    ascending = "abcdefghijklmnopqrstuvwxyz"
    digits = "0123456789" * 2  # 8, 9, 0 and 9, 0, 1 continue through 9→0
    up = {
        triple
        for text in (ascending, digits)
        for triple in zip(text, text[1:], text[2:], strict=False)
    }
    return frozenset(up | {(c, b, a) for a, b, c in up})


#: Every ascending or descending run of three characters.
RUNS_OF_THREE: Final[frozenset[tuple[str, str, str]]] = _runs_of_three()


def longest_runs(text: str) -> tuple[int, int]:
    """The longest ascending and descending runs in *text* (lower-case ASCII expected)."""
    best_up = best_down = 1 if text else 0
    up = down = 1
    previous = ""
    for char in text:
        step = _step(previous, char) if previous else 0
        up = up + 1 if step == 1 else 1
        down = down + 1 if step == -1 else 1
        best_up = max(best_up, up)
        best_down = max(best_down, down)
        previous = char
    return best_up, best_down


@dataclass(frozen=True, slots=True, kw_only=True)
class SequenceRule:
    """Forbid ascending or descending runs longer than ``max_run``."""

    NAME: ClassVar[str] = "sequence"

    max_run: int = 3
    severity: Severity = "error"

    def __post_init__(self) -> None:
        check_int("max_run", self.max_run, minimum=2, maximum=MAX_PASSWORD_LENGTH)
        check_severity(self.severity)

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        text = candidate.folded
        if candidate.length <= self.max_run:
            return
        if len(text) <= PRESCREEN_MAX_LENGTH and RUNS_OF_THREE.isdisjoint(
            zip(text, text[1:], text[2:], strict=False)
        ):
            return
        up, down = longest_runs(text)
        if up > self.max_run:
            yield Violation(
                "sequence.ascending", {"length": up, "max": self.max_run}, self.severity
            )
        if down > self.max_run:
            yield Violation(
                "sequence.descending", {"length": down, "max": self.max_run}, self.severity
            )
