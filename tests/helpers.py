"""Small helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Iterable

from credguard import Candidate, UserContext, Violation
from credguard.rules import Rule

EMPTY = UserContext()


def run(rule: Rule, password: str, context: UserContext = EMPTY) -> list[Violation]:
    """Run one rule on *password* the way a policy would."""
    return list(rule.check(Candidate.from_password(password), context))


def codes(violations: Iterable[Violation]) -> list[str]:
    return [v.code for v in violations]
