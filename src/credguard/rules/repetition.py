"""``repetition.*``: the same character, or the same block, over and over.

``max_run`` is the longest run of one character allowed (GMOクリック forbids
even two identical characters in a row: ``max_run = 1``; moomoo's examples
are ``5555555`` and ``ccccccc``).  ``max_repeat_span`` bounds a block of two
or more characters repeated back to back (``abcabc``, ``12121212``): the
violation fires when the repeated stretch is longer than the bound.

Both are read case-insensitively (on the case-folded view).  The block
search looks at block lengths up to :data:`MAX_BLOCK`, so its cost is
linear in the password length.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._errors import PolicyError
from .._guard import MAX_PASSWORD_LENGTH
from .._violation import Severity, Violation
from ._base import check_int, check_severity

__all__ = ["MAX_BLOCK", "RepetitionRule", "longest_char_run", "longest_tandem_span"]

#: The longest repeated block looked for.  Longer blocks repeated twice are
#: rare in chosen passwords and are the blocklist's and strength rule's job.
MAX_BLOCK: Final = 12


def longest_char_run(text: str) -> int:
    """Length of the longest run of one character in *text*."""
    best = run = 0
    previous = ""
    for char in text:
        run = run + 1 if char == previous else 1
        previous = char
        if run > best:
            best = run
    return best


def longest_tandem_span(text: str, max_block: int = MAX_BLOCK) -> int:
    """Length of the longest stretch made of a block of 2+ distinct characters repeated.

    ``abcabc`` gives 6, ``12121212`` gives 8, ``xabab`` gives 4.  A stretch
    of a single repeated character is not counted (that is ``max_run``'s
    job).  O(len(text) * max_block).
    """
    best = 0
    size = len(text)
    for block in range(2, min(max_block, size // 2) + 1):
        # ``matches`` counts how many positions in a row satisfy
        # text[i] == text[i + block]; a count of m means a repeated stretch
        # of m + block characters.
        matches = 0
        counts = False  # whether the current stretch's block has 2+ distinct characters
        for i in range(size - block):
            if text[i] != text[i + block]:
                matches = 0
                continue
            matches += 1
            if matches == block:
                # Decided once per stretch: a single repeated character is
                # max_run's business, not a repeated block.
                start = i - block + 1
                counts = len(set(text[start : start + block])) > 1
            if matches >= block and counts and matches + block > best:
                best = matches + block
    return best


@dataclass(frozen=True, slots=True, kw_only=True)
class RepetitionRule:
    """Bound runs of one character and repeated blocks."""

    NAME: ClassVar[str] = "repetition"

    max_run: int | None = 2
    max_repeat_span: int | None = 5
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.max_run is not None:
            check_int("max_run", self.max_run, minimum=1, maximum=MAX_PASSWORD_LENGTH)
        if self.max_repeat_span is not None:
            check_int(
                "max_repeat_span", self.max_repeat_span, minimum=3, maximum=MAX_PASSWORD_LENGTH
            )
        if self.max_run is None and self.max_repeat_span is None:
            raise PolicyError("sets neither max_run nor max_repeat_span", key="max_run")
        check_severity(self.severity)

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        text = candidate.folded
        if self.max_run is not None:
            run = longest_char_run(text)
            if run > self.max_run:
                yield Violation(
                    "repetition.same_character",
                    {"max": self.max_run, "actual": run},
                    self.severity,
                )
        if self.max_repeat_span is not None and len(text) > self.max_repeat_span:
            span = longest_tandem_span(text)
            if span > self.max_repeat_span:
                yield Violation(
                    "repetition.repeated_substring",
                    {"max": self.max_repeat_span, "span": span},
                    self.severity,
                )
