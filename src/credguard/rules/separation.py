"""``separation.*``: an account's login, trade and withdrawal passwords must differ.

Two situations, two entry points:

* **One password changes** (the usual case).  Only hashes of the other
  kinds exist, in ``UserContext.other_credentials``.  :class:`SeparationRule`
  (``differ_from = ["login"]`` under ``[kinds.trade.rules.separation]``)
  verifies the new password against each listed kind's stored hash:
  ``separation.same``; a stored value that cannot be verified fails closed
  with ``separation.unverifiable``.
* **Both are chosen together** (account opening, a reset of both).  Then
  both plaintexts are in hand for a moment, and :func:`check_separation`
  compares them directly, which catches more than a hash can: a case-only
  change (``separation.case_only``), one containing the other
  (``separation.contains``) and near-equal pairs within a small edit
  distance (``separation.near_equal``).  It stores nothing and returns only
  codes and kind names, so no plaintext outlives the call.

Comparisons read the NFKC form (case-folded for all but ``separation.same``),
the same normalization as every other rule and the hasher.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import KINDS, UserContext
from .._guard import guard
from .._hashing import PasswordHasher
from .._params import param, validate
from .._violation import CheckResult, Severity, Violation
from ..errors import PolicyError
from ._base import check_choice, check_int, check_severity, severity_param
from ._credentials import check_hasher, verify_or_none

__all__ = ["MIN_CONTAINED", "SeparationRule", "bounded_edit_distance", "check_separation"]

#: Shortest password that counts as "contained" in the other one; shorter
#: passwords fail the length rule anyway, and one letter is in everything.
MIN_CONTAINED: Final = 4
_MAX_DISTANCE: Final = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class SeparationRule:
    """Reject a password that verifies against another kind's stored hash."""

    NAME: ClassVar[str] = "separation"

    differ_from: tuple[str, ...] = param(
        ("login",),
        doc="the other passwords this one may not equal",
        choices=KINDS,
        unique=True,
        min_items=1,
        stricter="superset",
    )
    severity: Severity = severity_param()
    hasher: PasswordHasher = field(default_factory=PasswordHasher)

    def __post_init__(self) -> None:
        validate(self)
        check_hasher(self.hasher)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        yield "separation.differ_from", {"differ_from": self.differ_from}

    def with_hasher(self, hasher: PasswordHasher) -> SeparationRule:
        """A copy verifying with *hasher* (see :class:`~._base.CredentialRule`)."""
        return replace(self, hasher=hasher)

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        for kind in self.differ_from:
            stored = context.other_credentials.get(kind)
            if stored is None:
                continue  # that credential is not set (yet)
            result = verify_or_none(self.hasher, stored, candidate.raw)
            if result is None:
                yield Violation("separation.unverifiable", {"other": kind}, self.severity)
            elif result:
                yield Violation("separation.same", {"other": kind}, self.severity)


def bounded_edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` if it exceeds *limit*.

    Only the diagonal band of width ``2 * limit + 1`` is computed *and
    stored*: each row is a list of that width (entry ``k`` of row ``i`` is
    column ``i - limit + k``), so time and memory are ``O(len * limit)``,
    linear in the (capped) length.  A full-width row per character made the
    allocation quadratic (3,072 folded characters: 9.4 million cells).
    The scan stops as soon as a whole band exceeds *limit*.
    """
    over = limit + 1
    if abs(len(first) - len(second)) > limit:
        return over
    if len(first) > len(second):
        first, second = second, first
    width = len(second)
    band = 2 * limit + 1
    # Row 0: column j costs j insertions.
    previous = [j if 0 <= j <= width else over for j in range(-limit, limit + 1)]
    for i in range(1, len(first) + 1):
        current = [over] * band
        char = first[i - 1]
        for k in range(band):
            j = i - limit + k
            if j < 0 or j > width:
                continue
            if j == 0:
                current[k] = i if i <= limit else over
                continue
            # previous[k] is column j - 1 of row i - 1, previous[k + 1] column j.
            best = previous[k] + (char != second[j - 1])
            if k + 1 < band and previous[k + 1] + 1 < best:
                best = previous[k + 1] + 1
            if k > 0 and current[k - 1] + 1 < best:
                best = current[k - 1] + 1
            current[k] = best if best < over else over
        if min(current) > limit:
            return over
        previous = current
    # Column width of the last row: index width - len(first) + limit.
    return previous[width - len(first) + limit]


def _compare(first: Candidate, second: Candidate, max_distance: int) -> tuple[str, int] | None:
    if first.nfkc == second.nfkc:
        return "separation.same", 0
    a, b = first.folded, second.folded
    if a == b:
        return "separation.case_only", 0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= MIN_CONTAINED and shorter in longer:
        return "separation.contains", 0
    if max_distance and bounded_edit_distance(a, b, max_distance) <= max_distance:
        return "separation.near_equal", max_distance
    return None


def check_separation(
    first: str,
    second: str,
    *,
    kinds: tuple[str, str] = ("login", "trade"),
    max_distance: int = 2,
    severity: Severity = "error",
) -> CheckResult:
    """Compare two new secrets chosen together; report the closest relation.

    *first* is the ``kinds[0]`` password and *second* the ``kinds[1]`` one.
    The result (its ``kind`` is ``kinds[1]``) holds at most one violation,
    the most specific of ``separation.same``, ``separation.case_only``,
    ``separation.contains`` (the shorter, of at least :data:`MIN_CONTAINED`
    characters, inside the longer) and ``separation.near_equal`` (Levenshtein
    distance of the case-folded forms at most *max_distance*, 0 to disable).
    Neither secret is kept or echoed.
    """
    # The input guard, as for any entry point: a type error or a password
    # over the cap (before or after NFKC) raises.  Control and format
    # characters are the policy check's to report; here they are compared
    # like any other character.
    first_nfkc, _ = guard(first, what="first password")
    second_nfkc, _ = guard(second, what="second password")
    if not isinstance(kinds, tuple) or len(kinds) != 2:
        raise PolicyError.of("rule.kind_pair", key="kinds")
    for kind in kinds:
        check_choice("kinds", kind, KINDS)
    check_int("max_distance", max_distance, minimum=0, maximum=_MAX_DISTANCE)
    check_severity(severity)
    a = Candidate(first, first_nfkc)
    b = Candidate(second, second_nfkc)
    found = _compare(a, b, max_distance)
    violations: tuple[Violation, ...] = ()
    if found is not None:
        code, limit = found
        params: dict[str, str | int] = {"other": kinds[0]}
        if code == "separation.near_equal":
            params["max"] = limit
        violations = (Violation(code, params, severity),)
    return CheckResult(violations, kind=kinds[1], policy="separation")
