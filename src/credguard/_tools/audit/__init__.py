"""Auditing a policy against a baseline: NIST SP 800-63B-4, OWASP ASVS 5.0, JSDA 2025.

Each baseline is a list of checks (:mod:`credguard._tools.audit.checks`); each check
reads the resolved policy (its rules per kind and its sections) and returns
findings that cite the baseline's clause and its words.  Levels:

* ``violation`` — a SHALL (NIST), a requirement (ASVS) or a mandatory point
  (JSDA) is not met;
* ``advice`` — a SHOULD, a recommendation or a desirable point is not followed;
* ``unknown`` — the policy does not say (e.g. no lockout threshold);
* ``met`` — the policy meets it.  Password-rule clauses report only
  shortfalls; the account-protection clauses (NIST's lockout and MFA, every
  ``jsda-2025`` requirement) report one finding each, met or not, with the
  firm's own quote as ``evidence``.

The audit reads what the *policy* states; a firm may do more elsewhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from ..._context import KINDS
from ..._policy import Policy
from ..._sections import MFA_EVENTS, PHISHING_RESISTANT, Provenance
from ...errors import UnknownPresetError
from ...rules import Rule
from ..describe import PolicySource, as_policy
from .checks import NO_EVIDENCE, AuditLevel, Check, Outcome, Requirement
from .jsda_2025 import JSDA_2025

__all__ = ["BASELINES", "AuditFinding", "AuditLevel", "AuditStatus", "audit_policy"]

AuditStatus = Literal["met", "not_met", "unknown"]


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """What a policy does against one clause of a baseline.

    The first seven fields are the original shape.  ``requirement_id``,
    ``obligation``, ``source`` and ``note`` describe the requirement (empty
    for the password-rule clauses); ``evidence`` is the firm's own
    provenance for ``key`` (its quote), empty when the check reads no
    section.  ``status`` is ``met``, ``not_met`` or ``unknown``.
    """

    baseline: str
    clause: str
    requirement: str
    level: AuditLevel
    kind: str
    key: str
    problem: str
    requirement_id: str = ""
    obligation: str = ""
    source: str = ""
    note: str = ""
    evidence: Provenance = field(default=NO_EVIDENCE)

    @property
    def status(self) -> AuditStatus:
        """``met``, ``not_met`` (a violation or advice) or ``unknown``."""
        if self.level in ("met", "unknown"):
            return self.level
        return "not_met"

    def __str__(self) -> str:
        where = f"{self.kind}: " if self.kind else ""
        clause = f"{self.requirement_id} ({self.clause})" if self.requirement_id else self.clause
        text = f"[{self.level}] {self.baseline} {clause}: {where}{self.key}: {self.problem}"
        if self.evidence.quote:
            text += f" | quote: 「{self.evidence.quote}」"
        elif self.evidence.note:
            text += f" | note: {self.evidence.note}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "baseline": self.baseline,
            "clause": self.clause,
            "requirement": self.requirement,
            "level": self.level,
            "kind": self.kind,
            "key": self.key,
            "problem": self.problem,
            "status": self.status,
            "requirement_id": self.requirement_id,
            "obligation": self.obligation,
            "source": self.source,
            "note": self.note,
            "evidence": self.evidence.to_dict(),
        }


_PRINTABLE: Final = ("upper", "lower", "digit", "symbol", "space")


def _rule(rules: Mapping[str, Rule], name: str) -> Rule | None:
    return rules.get(name)


def _min_length(floor: int, soft: int | None, soft_note: str) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        length = _rule(rules, "length")
        minimum = getattr(length, "min", None)
        if minimum is None:
            yield Outcome("violation", "length.min", "no minimum length is set")
        elif minimum < floor:
            yield Outcome("violation", "length.min", f"minimum length {minimum} is under {floor}")
        elif soft is not None and minimum < soft:
            yield Outcome(
                "advice", "length.min", f"minimum length {minimum} is under {soft} ({soft_note})"
            )

    return check


def _max_length(ceiling: int, level: AuditLevel) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        maximum = getattr(_rule(rules, "length"), "max", None)
        if maximum is not None and maximum < ceiling:
            yield Outcome(level, "length.max", f"maximum length {maximum} is under {ceiling}")

    return check


def _composition(level: AuditLevel) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        classes = _rule(rules, "classes")
        if classes is None:
            return
        if getattr(classes, "required", ()) or getattr(classes, "min_counts", {}):
            yield Outcome(level, "classes.required", "requires particular character classes")
        if getattr(classes, "min_classes", 0):
            yield Outcome(level, "classes.min_classes", "requires a mixture of character classes")

    return check


def _charset(level: AuditLevel) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        charset = _rule(rules, "charset")
        if charset is None:
            return
        allow = set(getattr(charset, "allow", ()))
        missing = [name for name in _PRINTABLE if name not in allow]
        if missing:
            yield Outcome(
                level, "charset.allow", f"refuses printable ASCII classes: {', '.join(missing)}"
            )
        if getattr(charset, "symbols", None) is not None:
            yield Outcome(level, "charset.symbols", "accepts only some ASCII symbols")
        if "non_ascii" not in allow:
            yield Outcome(level, "charset.allow", "refuses Unicode (non-ASCII) characters")

    return check


def _rotation(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    if policy.rotation.max_age_days is not None:
        days = policy.rotation.max_age_days
        yield Outcome(
            "violation", "rotation.max_age_days", f"forces a password change every {days} days"
        )
    elif policy.rotation.advised:
        yield Outcome("advice", "rotation.advised", "asks users to change passwords periodically")


def _needs_rule(names: tuple[str, ...], what: str) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        if not any(name in rules for name in names):
            yield Outcome("violation", f"rules.{names[0]}", f"no {what}")

    return check


def _lockout(limit: int) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        failures = policy.lockout.max_failures
        evidence = policy.lockout.provenance
        key = "lockout.max_failures"
        if failures is None:
            yield Outcome("unknown", key, "the policy does not state a failure limit", evidence)
        elif failures > limit:
            yield Outcome("violation", key, f"allows {failures} consecutive failures", evidence)
        else:
            yield Outcome("met", key, f"locks after {failures} consecutive failures", evidence)

    return check


def _login_mfa(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    login = policy.mfa.login
    evidence = login.provenance
    if login.mode == "required":
        yield Outcome("met", "mfa.login", "login requires a second factor", evidence)
    elif login.mode in ("optional", "risk_based", "none"):
        found = f"login does not always require a second factor (mode = {login.mode})"
        yield Outcome("violation", "mfa.login", found, evidence)
    else:
        yield Outcome("unknown", "mfa.login", "the policy does not say", evidence)


def _phishing_resistant_option(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    login = policy.mfa.login
    evidence = login.provenance
    offered = [m for m in login.methods or () if m in PHISHING_RESISTANT]
    if offered:
        yield Outcome("met", "mfa.login.methods", f"offers {', '.join(offered)}", evidence)
    elif login.methods:
        found = f"no phishing-resistant option ({', '.join(login.methods)})"
        yield Outcome("violation", "mfa.login.methods", found, evidence)
    else:
        yield Outcome("unknown", "mfa.login.methods", "the policy does not say", evidence)


def _methods_used(methods: frozenset[str], level: AuditLevel) -> Check:
    """A finding per event that uses one of *methods*; met when methods are named and none is."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        events = [policy.mfa.event(event) for event in MFA_EVENTS]
        for event, mfa in zip(MFA_EVENTS, events, strict=True):
            used = [m for m in mfa.methods or () if m in methods]
            if used:
                found = f"uses {', '.join(used)}"
                yield Outcome(level, f"mfa.{event}.methods", found, mfa.provenance)
        named = [m for mfa in events for m in mfa.methods or ()]
        if not named:
            yield Outcome("unknown", "mfa", "the policy names no MFA method")
        elif not methods.intersection(named):
            yield Outcome("met", "mfa", "no event uses " + " or ".join(sorted(methods)))

    return check


_NIST_PW: Final = "SP 800-63B-4 §3.1.1.2"
_NIST_AAL2: Final = "https://pages.nist.gov/800-63-4/sp800-63b.html#aal2"

#: baseline -> (clause, check, applies once per kind?)
BASELINES: Final[Mapping[str, tuple[tuple[Requirement, Check, bool], ...]]] = {
    "nist-800-63b": (
        (
            Requirement(
                _NIST_PW,
                "passwords used as a single factor SHALL be at least 15 characters; passwords"
                " used only within multi-factor authentication SHALL be at least 8",
            ),
            _min_length(8, 15, "allowed only when the password is one factor of MFA"),
            True,
        ),
        (
            Requirement(
                _NIST_PW, "verifiers SHOULD permit a maximum length of at least 64 characters"
            ),
            _max_length(64, "advice"),
            True,
        ),
        (
            Requirement(
                _NIST_PW,
                "verifiers SHALL NOT impose other composition rules (e.g., requiring mixtures of"
                " different character types)",
            ),
            _composition("violation"),
            True,
        ),
        (
            Requirement(
                _NIST_PW,
                "verifiers SHOULD accept all printing ASCII characters, the space character and"
                " Unicode characters",
            ),
            _charset("advice"),
            True,
        ),
        (
            Requirement(
                _NIST_PW,
                "verifiers SHALL compare the prospective password against a blocklist of"
                " commonly used, expected or compromised values",
            ),
            _needs_rule(("blocklist", "breached"), "blocklist or breached-password check"),
            True,
        ),
        (
            Requirement(
                _NIST_PW, "verifiers SHALL NOT require users to change passwords periodically"
            ),
            _rotation,
            False,
        ),
        (
            Requirement(
                "SP 800-63B-4 §3.2.2",
                "the verifier SHALL limit consecutive failed authentication attempts on a single"
                " account to no more than 100",
                "rate-limiting",
                "SHALL",
                "https://pages.nist.gov/800-63-4/sp800-63b.html#throttle",
            ),
            _lockout(100),
            False,
        ),
        (
            Requirement(
                "SP 800-63B-4 §2.2",
                "AAL2: proof of possession and control of two distinct authentication factors is"
                " required",
                "aal2-mfa",
                "SHALL",
                _NIST_AAL2,
                "wording recalled from SP 800-63B rev 3 §4.2, which rev 4 keeps in substance;"
                " not verified against the published rev 4 text. credguard audits a brokerage"
                " account, which holds money, against AAL2",
            ),
            _login_mfa,
            False,
        ),
        (
            Requirement(
                "SP 800-63B-4 §2.2.2",
                "verifiers SHALL offer at least one phishing-resistant authentication option at"
                " AAL2",
                "aal2-phishing-resistant-option",
                "SHALL",
                _NIST_AAL2,
                "wording recalled, not verified against the published rev 4 text",
            ),
            _phishing_resistant_option,
            False,
        ),
        (
            Requirement(
                "SP 800-63B-4 §3.1.3.1",
                "methods that do not prove possession of a specific device, such as VoIP"
                " telephone numbers or email, SHALL NOT be used for out-of-band authentication",
                "no-email-out-of-band",
                "SHALL NOT",
                "https://pages.nist.gov/800-63-4/sp800-63b.html#out-of-band",
                "wording recalled from SP 800-63B rev 3 §5.1.3.1; rev 4 keeps the rule; not"
                " verified against the published rev 4 text",
            ),
            _methods_used(frozenset({"email_code"}), "violation"),
            False,
        ),
        (
            Requirement(
                "SP 800-63B-4 §3.2.9",
                "out-of-band authentication over the public telephone network (SMS or voice) is"
                " a restricted authenticator: verifiers SHALL offer an alternative that is not"
                " restricted and SHALL tell subscribers of its risks",
                "restricted-pstn",
                "SHALL",
                "https://pages.nist.gov/800-63-4/sp800-63b.html#restricted",
                "paraphrased from memory (rev 3 §5.1.3.3 and §5.2.10 carry the same rule); not"
                " verified against the published rev 4 text; reported as advice because the"
                " policy cannot show the alternative or the notice",
            ),
            _methods_used(frozenset({"sms", "phone_callback"}), "advice"),
            False,
        ),
    ),
    "owasp-asvs": (
        (
            Requirement(
                "ASVS 5.0 V6.2.1",
                "user set passwords are at least 8 characters in length although a minimum of 15"
                " characters is strongly recommended",
            ),
            _min_length(8, 15, "15 is strongly recommended"),
            True,
        ),
        (
            Requirement("ASVS 5.0 V6.2.9", "passwords of at least 64 characters are permitted"),
            _max_length(64, "violation"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.5",
                "passwords of any composition can be used, without rules limiting the type of"
                " characters permitted; no minimum number of upper or lower case characters,"
                " numbers or special characters",
            ),
            _composition("violation"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.5",
                "passwords of any composition can be used, without rules limiting the type of"
                " characters permitted",
            ),
            _charset("violation"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.4",
                "new passwords are checked against at least the top 3000 passwords that match"
                " the password policy",
            ),
            _needs_rule(("blocklist",), "common-password blocklist"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.11",
                "a documented list of context-specific words is used to prevent easy to guess"
                " passwords",
            ),
            _needs_rule(("personal", "blocklist"), "context-specific (personal data) check"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.12",
                "new passwords are checked against a set of breached passwords",
            ),
            _needs_rule(("breached",), "breached-password check"),
            True,
        ),
        (
            Requirement(
                "ASVS 5.0 V6.2.10",
                "a password stays valid until it is discovered to be compromised or the user"
                " rotates it; the application must not require periodic credential rotation",
            ),
            _rotation,
            False,
        ),
    ),
    "jsda-2025": JSDA_2025,
}


def audit_policy(policy: PolicySource, baseline: str) -> tuple[AuditFinding, ...]:
    """Audit *policy* against *baseline* (``"nist-800-63b"``, ``"owasp-asvs"`` or ``"jsda-2025"``).

    Password-rule clauses give one finding per shortfall; account-protection
    clauses (NIST's lockout and MFA, every ``jsda-2025`` requirement) give
    one finding each, ``met`` included, with the firm's quote as evidence.
    A policy meets the baseline when no finding is a ``violation`` (and, to
    be sure, none is ``unknown``).  Rules are audited for login and for each
    kind with its own rules.  Raises :class:`UnknownPresetError` for an
    unknown baseline.
    """
    checks = BASELINES.get(baseline)
    if checks is None:
        close = difflib.get_close_matches(baseline, list(BASELINES), n=2, cutoff=0.5)
        raise UnknownPresetError(baseline, close)
    resolved = as_policy(policy)
    kinds = ["login", *(k for k in KINDS[1:] if k in resolved.kinds)]
    findings: list[AuditFinding] = []
    for clause, check, per_kind in checks:
        for kind in kinds if per_kind else [""]:
            rules = {r.NAME: r for r in resolved.rules_for(kind or "login")}
            findings.extend(
                AuditFinding(
                    baseline,
                    clause.clause,
                    clause.requirement,
                    outcome.level,
                    kind,
                    outcome.key,
                    outcome.problem,
                    clause.id,
                    clause.obligation,
                    clause.source,
                    clause.note,
                    outcome.evidence,
                )
                for outcome in check(rules, resolved)
            )
    return tuple(findings)
