"""``repetition.*``: the same character, or the same block, over and over.

``max_run`` is the longest run of one character allowed (GMOクリック forbids
even two identical characters in a row: ``max_run = 1``; moomoo's examples
are ``5555555`` and ``ccccccc``).  ``max_repeat_span`` bounds a block of two
or more characters repeated back to back (``abcabc``, ``12121212``): the
violation fires when the repeated stretch is longer than the bound.

Both are read case-insensitively (on the case-folded view: ``aA`` is a run
of two) unless ``case_sensitive = true``, which compares characters as
written after NFKC (GMOクリック's 「二つ以上の連続した同一文字」: ``eE`` is
not two identical characters, its login password being case-sensitive).  The block
search looks at block lengths up to :data:`MAX_BLOCK`, so its cost is
linear in the password length.

Speed: the exact scans are Python loops, so up to ``PRESCREEN_MAX_LENGTH``
each is guarded by a regular expression that most passwords do not match
(one character more than ``max_run`` times; a block written twice, see
:data:`_SQUARE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import eq
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH, PRESCREEN_MAX_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ._base import TupleRule, severity_param

__all__ = ["MAX_BLOCK", "RepetitionRule", "longest_char_run", "longest_tandem_span"]

#: The longest repeated block looked for.  Longer blocks repeated twice are
#: rare in chosen passwords and are the blocklist's and strength rule's job.
MAX_BLOCK: Final = 12


# A block of 2 to MAX_BLOCK characters written twice in a row (a "square").
# Linear: at most MAX_BLOCK - 1 block lengths are tried at each position.
_SQUARE: Final = re.compile(rf"(.{{2,{MAX_BLOCK}}})\1", re.DOTALL)


def _may_repeat_a_block(text: str) -> bool:
    """False when *text* surely has no block of 2 to MAX_BLOCK characters repeated."""
    return len(text) > PRESCREEN_MAX_LENGTH or _SQUARE.search(text) is not None


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
    job).  O(len(text) * max_block), the inner work done in C.
    """
    best = 0
    for block in range(2, min(max_block, len(text) // 2) + 1):
        # same[i] is 1 where text[i] == text[i + block]: a run of m >= block
        # ones starting at i is the block text[i : i + block] repeated over
        # m + block characters.
        same = bytes(map(eq, text, text[block:]))
        needle = b"\x01" * block
        start = same.find(needle)
        while start >= 0:
            end = same.find(b"\x00", start)
            if end < 0:
                end = len(same)
            # Skip single-character runs ("aaaa" is not a block repeat).
            if end - start + block > best and len(set(text[start : start + block])) > 1:
                best = end - start + block
            start = same.find(needle, end)
    return best


@dataclass(frozen=True, slots=True, kw_only=True)
class RepetitionRule(TupleRule):
    """Bound runs of one character and repeated blocks."""

    NAME: ClassVar[str] = "repetition"

    max_run: int | None = param(
        2,
        doc="the longest run of one character allowed",
        range=(1, MAX_PASSWORD_LENGTH),
        stricter="lower",
    )
    max_repeat_span: int | None = param(
        5,
        doc="the longest stretch of a repeated block (abcabc) allowed",
        range=(3, MAX_PASSWORD_LENGTH),
        stricter="lower",
    )
    # Case-folded finds more repeats: comparing as written is the looser reading.
    case_sensitive: bool = param(
        False,
        doc="compare characters as written (eE is no repeat) instead of case-folded",
        stricter=(True, False),
    )
    severity: Severity = severity_param()
    # Matches a run longer than max_run: the screen before the exact scan.
    _longer_run: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # The fewest repeated characters a run, or a repeated block, needs.
    _run_repeats: int = field(init=False, repr=False, compare=False)
    _block_repeats: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        if self.max_run is None and self.max_repeat_span is None:
            raise PolicyError.of("rule.repetition_empty", key="max_run")
        longer_run = None
        if self.max_run is not None:
            # (.)\1\1 rather than (.)\1{2} for the usual small bounds: the
            # repeat operator costs about 0.15 µs a search.
            again = r"\1" * self.max_run if self.max_run <= 8 else rf"\1{{{self.max_run}}}"
            longer_run = re.compile("(.)" + again, re.DOTALL)
        object.__setattr__(self, "_longer_run", longer_run)
        # The fewest repeated characters each kind of violation needs (see violations()).
        needs_run = self.max_run if self.max_run is not None else MAX_PASSWORD_LENGTH
        needs_block = (
            (self.max_repeat_span + 2) // 2
            if self.max_repeat_span is not None
            else MAX_PASSWORD_LENGTH
        )
        object.__setattr__(self, "_run_repeats", needs_run)
        object.__setattr__(self, "_block_repeats", needs_block)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        if self.max_run is not None:
            yield "repetition.max_run", {"max": self.max_run}
        if self.max_repeat_span is not None:
            yield "repetition.max_repeat_span", {"max": self.max_repeat_span}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        text = candidate.nfkc if self.case_sensitive else candidate.folded
        size = len(text)
        span = self.max_repeat_span
        # size - len(set(text)) counts the characters that occur again later.
        # A run of max_run + 1 has max_run of them; a repeated stretch longer
        # than max_repeat_span (a block of k repeated over m + k characters,
        # m >= k) has m >= (max_repeat_span + 1) / 2.  Most passwords have
        # too few for either.  But a set costs more than the run's regular
        # expression (0.30 against 0.12 µs a password of the benchmark
        # corpus), so it is counted only where the block search (or a text
        # too long for the expression) needs it; elsewhere ``size``, a bound
        # no count exceeds, lets the expression decide alone.
        repeats = (
            size - len(set(text))
            if size > PRESCREEN_MAX_LENGTH or (span is not None and size > span)
            else size
        )
        found: tuple[Violation, ...] = ()
        longer_run = self._longer_run
        if (
            longer_run is not None
            and repeats >= self._run_repeats
            and (size > PRESCREEN_MAX_LENGTH or longer_run.search(text))
        ):
            run = longest_char_run(text)
            if self.max_run is not None and run > self.max_run:
                found += (
                    new_violation(
                        "repetition.same_character",
                        {"max": self.max_run, "actual": run},
                        self.severity,
                    ),
                )
        if (
            span is not None
            and repeats >= self._block_repeats
            and size > span
            and _may_repeat_a_block(text)
        ):
            longest = longest_tandem_span(text)
            if longest > span:
                found += (
                    new_violation(
                        "repetition.repeated_substring",
                        {"max": span, "span": longest},
                        self.severity,
                    ),
                )
        return found
