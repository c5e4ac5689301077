"""Auditing a policy against a baseline: NIST SP 800-63B-4 or OWASP ASVS 5.0.

Each baseline is a list of checks; each check reads the resolved policy
(its rules per kind and its sections) and, when the policy falls short,
returns a finding that cites the baseline's clause and its words.  Levels:

* ``violation`` — a SHALL (NIST) or a requirement (ASVS) is not met;
* ``advice`` — a SHOULD, or a recommendation, is not followed;
* ``unknown`` — the policy does not say (e.g. no lockout threshold).

The audit reads what the *policy* enforces; a firm may do more elsewhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from ._context import KINDS
from ._errors import UnknownPresetError
from ._inspect import PolicySource, _policy
from ._policy import Policy
from .rules import Rule

__all__ = ["BASELINES", "AuditFinding", "audit_policy"]

AuditLevel = Literal["violation", "advice", "unknown"]


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """One shortfall of a policy against one clause of a baseline."""

    baseline: str
    clause: str
    requirement: str
    level: AuditLevel
    kind: str
    key: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.kind}: " if self.kind else ""
        return f"[{self.level}] {self.baseline} {self.clause}: {where}{self.key}: {self.problem}"

    def to_dict(self) -> dict[str, str]:
        return {
            "baseline": self.baseline,
            "clause": self.clause,
            "requirement": self.requirement,
            "level": self.level,
            "kind": self.kind,
            "key": self.key,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class _Clause:
    clause: str
    requirement: str


_Check = Callable[[Mapping[str, Rule], Policy], Iterator[tuple[AuditLevel, str, str]]]

_PRINTABLE: Final = ("upper", "lower", "digit", "symbol", "space")


def _rule(rules: Mapping[str, Rule], name: str) -> Rule | None:
    return rules.get(name)


def _min_length(floor: int, soft: int | None, soft_note: str) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        length = _rule(rules, "length")
        minimum = getattr(length, "min", None)
        if minimum is None:
            yield "violation", "length.min", "no minimum length is set"
        elif minimum < floor:
            yield "violation", "length.min", f"minimum length {minimum} is under {floor}"
        elif soft is not None and minimum < soft:
            yield "advice", "length.min", f"minimum length {minimum} is under {soft} ({soft_note})"

    return check


def _max_length(ceiling: int, level: AuditLevel) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        maximum = getattr(_rule(rules, "length"), "max", None)
        if maximum is not None and maximum < ceiling:
            yield level, "length.max", f"maximum length {maximum} is under {ceiling}"

    return check


def _composition(level: AuditLevel) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        classes = _rule(rules, "classes")
        if classes is None:
            return
        if getattr(classes, "required", ()) or getattr(classes, "min_counts", {}):
            yield level, "classes.required", "requires particular character classes"
        if getattr(classes, "min_classes", 0):
            yield level, "classes.min_classes", "requires a mixture of character classes"

    return check


def _charset(level: AuditLevel) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        charset = _rule(rules, "charset")
        if charset is None:
            return
        allow = set(getattr(charset, "allow", ()))
        missing = [name for name in _PRINTABLE if name not in allow]
        if missing:
            yield level, "charset.allow", f"refuses printable ASCII classes: {', '.join(missing)}"
        if getattr(charset, "symbols", None) is not None:
            yield level, "charset.symbols", "accepts only some ASCII symbols"
        if "non_ascii" not in allow:
            yield level, "charset.allow", "refuses Unicode (non-ASCII) characters"

    return check


def _rotation(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
    if policy.rotation.max_age_days is not None:
        days = policy.rotation.max_age_days
        yield "violation", "rotation.max_age_days", f"forces a password change every {days} days"
    elif policy.rotation.advised:
        yield "advice", "rotation.advised", "asks users to change passwords periodically"


def _needs_rule(names: tuple[str, ...], what: str) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        if not any(name in rules for name in names):
            yield "violation", f"rules.{names[0]}", f"no {what}"

    return check


def _lockout(limit: int) -> _Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[tuple[AuditLevel, str, str]]:
        failures = policy.lockout.max_failures
        if failures is None:
            yield "unknown", "lockout.max_failures", "the policy does not state a failure limit"
        elif failures > limit:
            yield "violation", "lockout.max_failures", f"allows {failures} consecutive failures"

    return check


_NIST_PW: Final = "SP 800-63B-4 §3.1.1.2"

#: baseline -> (clause, check, applies once per kind?)
BASELINES: Final[Mapping[str, tuple[tuple[_Clause, _Check, bool], ...]]] = {
    "nist-800-63b": (
        (
            _Clause(
                _NIST_PW,
                "passwords used as a single factor SHALL be at least 15 characters; passwords"
                " used only within multi-factor authentication SHALL be at least 8",
            ),
            _min_length(8, 15, "allowed only when the password is one factor of MFA"),
            True,
        ),
        (
            _Clause(_NIST_PW, "verifiers SHOULD permit a maximum length of at least 64 characters"),
            _max_length(64, "advice"),
            True,
        ),
        (
            _Clause(
                _NIST_PW,
                "verifiers SHALL NOT impose other composition rules (e.g., requiring mixtures of"
                " different character types)",
            ),
            _composition("violation"),
            True,
        ),
        (
            _Clause(
                _NIST_PW,
                "verifiers SHOULD accept all printing ASCII characters, the space character and"
                " Unicode characters",
            ),
            _charset("advice"),
            True,
        ),
        (
            _Clause(
                _NIST_PW,
                "verifiers SHALL compare the prospective password against a blocklist of"
                " commonly used, expected or compromised values",
            ),
            _needs_rule(("blocklist", "breached"), "blocklist or breached-password check"),
            True,
        ),
        (
            _Clause(_NIST_PW, "verifiers SHALL NOT require users to change passwords periodically"),
            _rotation,
            False,
        ),
        (
            _Clause(
                "SP 800-63B-4 §3.2.2",
                "the verifier SHALL limit consecutive failed authentication attempts on a single"
                " account to no more than 100",
            ),
            _lockout(100),
            False,
        ),
    ),
    "owasp-asvs": (
        (
            _Clause(
                "ASVS 5.0 V6.2.1",
                "user set passwords are at least 8 characters in length although a minimum of 15"
                " characters is strongly recommended",
            ),
            _min_length(8, 15, "15 is strongly recommended"),
            True,
        ),
        (
            _Clause("ASVS 5.0 V6.2.9", "passwords of at least 64 characters are permitted"),
            _max_length(64, "violation"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.5",
                "passwords of any composition can be used, without rules limiting the type of"
                " characters permitted; no minimum number of upper or lower case characters,"
                " numbers or special characters",
            ),
            _composition("violation"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.5",
                "passwords of any composition can be used, without rules limiting the type of"
                " characters permitted",
            ),
            _charset("violation"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.4",
                "new passwords are checked against at least the top 3000 passwords that match"
                " the password policy",
            ),
            _needs_rule(("blocklist",), "common-password blocklist"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.11",
                "a documented list of context-specific words is used to prevent easy to guess"
                " passwords",
            ),
            _needs_rule(("personal", "blocklist"), "context-specific (personal data) check"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.12",
                "new passwords are checked against a set of breached passwords",
            ),
            _needs_rule(("breached",), "breached-password check"),
            True,
        ),
        (
            _Clause(
                "ASVS 5.0 V6.2.10",
                "a password stays valid until it is discovered to be compromised or the user"
                " rotates it; the application must not require periodic credential rotation",
            ),
            _rotation,
            False,
        ),
    ),
}


def audit_policy(policy: PolicySource, baseline: str) -> tuple[AuditFinding, ...]:
    """Audit *policy* against *baseline* (``"nist-800-63b"`` or ``"owasp-asvs"``).

    Returns one finding per shortfall, each citing the baseline's clause;
    an empty tuple means the policy meets every clause checked.  Rules are
    audited for login and for each kind with its own rules.  Raises
    :class:`UnknownPresetError` for an unknown baseline.
    """
    checks = BASELINES.get(baseline)
    if checks is None:
        close = difflib.get_close_matches(baseline, list(BASELINES), n=2, cutoff=0.5)
        raise UnknownPresetError(baseline, close)
    resolved = _policy(policy)
    kinds = ["login", *(k for k in KINDS[1:] if k in resolved.kinds)]
    findings: list[AuditFinding] = []
    for clause, check, per_kind in checks:
        for kind in kinds if per_kind else [""]:
            rules = {r.NAME: r for r in resolved.rules_for(kind or "login")}
            findings.extend(
                AuditFinding(baseline, clause.clause, clause.requirement, level, kind, key, problem)
                for level, key, problem in check(rules, resolved)
            )
    return tuple(findings)
