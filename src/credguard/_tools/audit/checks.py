"""The building blocks of audit baselines, and the checks of account-protection measures.

A baseline (``nist-800-63b``, ``owasp-asvs``, ``jsda-2025``) is a table of
``(Requirement, check, per_kind)`` rows.  A :class:`Requirement` holds what
is cited — the clause, the requirement's words, where they come from; a
check reads the resolved policy and yields :class:`Outcome` values: a level
(``violation``, ``advice``, ``unknown`` or ``met``), the policy key it read,
what it found, and the firm's own provenance for that key (its quote).

The password-rule checks here (length, composition, character set,
rotation, required rules) are shared by the NIST and OWASP baselines; the
measure checks (MFA, lockout, notifications, messages) are used by JSDA.
They read only what the policy states: a key left unknown gives
``unknown``, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple

from ..._policy import Policy
from ..._sections import MfaEvent, Provenance
from ...rules import Rule

__all__ = [
    "NO_EVIDENCE",
    "AuditLevel",
    "Baseline",
    "Check",
    "Outcome",
    "Requirement",
    "auto_lock",
    "charset_limits",
    "composition",
    "login_notification",
    "max_length",
    "min_length",
    "needs_rule",
    "no_login_links",
    "phishing_resistant_mfa",
    "rotation",
]

#: ``violation``: a SHALL or mandatory point is not met; ``advice``: a
#: SHOULD or desirable point is not met; ``unknown``: the policy does not
#: say; ``met``: the policy meets it (reported for the measure checks).
AuditLevel = Literal["violation", "advice", "unknown", "met"]
NO_EVIDENCE: Final = Provenance()


class Outcome(NamedTuple):
    """What one check found."""

    level: AuditLevel
    key: str
    problem: str
    evidence: Provenance = NO_EVIDENCE


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement of a baseline: the words cited and where they come from.

    ``clause`` is the citation (``SP 800-63B-4 §3.2.2``); ``id`` a stable
    short name for the measure requirements (``login-mfa``);
    ``obligation`` ``mandatory`` / ``desirable`` (JSDA) or ``SHALL`` /
    ``SHOULD`` (NIST); ``note`` says how far the wording was verified.
    """

    clause: str
    requirement: str
    id: str = ""
    obligation: str = ""
    source: str = ""
    note: str = ""


Check = Callable[[Mapping[str, Rule], Policy], Iterator[Outcome]]
#: A baseline's rows: (what is cited, its check, applies once per kind?).
Baseline = tuple[tuple[Requirement, Check, bool], ...]

# ---------------------------------------------------------------- password rules

_PRINTABLE: Final = ("upper", "lower", "digit", "symbol", "space")


def min_length(floor: int, soft: int | None, soft_note: str) -> Check:
    """A minimum length under *floor* is a violation, under *soft* advice."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        minimum = getattr(rules.get("length"), "min", None)
        if minimum is None:
            yield Outcome("violation", "length.min", "no minimum length is set")
        elif minimum < floor:
            yield Outcome("violation", "length.min", f"minimum length {minimum} is under {floor}")
        elif soft is not None and minimum < soft:
            yield Outcome(
                "advice", "length.min", f"minimum length {minimum} is under {soft} ({soft_note})"
            )

    return check


def max_length(ceiling: int, level: AuditLevel) -> Check:
    """A maximum length under *ceiling* is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        maximum = getattr(rules.get("length"), "max", None)
        if maximum is not None and maximum < ceiling:
            yield Outcome(level, "length.max", f"maximum length {maximum} is under {ceiling}")

    return check


def composition(level: AuditLevel) -> Check:
    """Requiring particular classes, or a mixture of them, is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        classes = rules.get("classes")
        if classes is None:
            return
        if getattr(classes, "required", ()) or getattr(classes, "min_counts", {}):
            yield Outcome(level, "classes.required", "requires particular character classes")
        if getattr(classes, "min_classes", 0):
            yield Outcome(level, "classes.min_classes", "requires a mixture of character classes")

    return check


def charset_limits(level: AuditLevel) -> Check:
    """Refusing printable ASCII, some symbols or Unicode is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        charset = rules.get("charset")
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


def rotation(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    """Forced periodic change is a violation; advising it is advice."""
    if policy.rotation.max_age_days is not None:
        days = policy.rotation.max_age_days
        yield Outcome(
            "violation", "rotation.max_age_days", f"forces a password change every {days} days"
        )
    elif policy.rotation.advised:
        yield Outcome("advice", "rotation.advised", "asks users to change passwords periodically")


def needs_rule(names: tuple[str, ...], what: str) -> Check:
    """A violation when the policy has none of the rules *names*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        if not any(name in rules for name in names):
            yield Outcome("violation", f"rules.{names[0]}", f"no {what}")

    return check


# ---------------------------------------------------------------- measures

_MODE_WORDS: Final = {
    "optional": "optional (the customer may go without it)",
    "risk_based": "asked only when the environment looks unusual (risk-based)",
}


def _methods(mfa: MfaEvent) -> str:
    return ", ".join(mfa.methods or ())


def phishing_resistant_mfa(key: str, mfa: MfaEvent, shortfall: AuditLevel) -> Outcome:
    """Is phishing-resistant MFA required at this event?

    Met only when ``mode = "required"`` and the methods resist phishing
    (:data:`~credguard.PHISHING_RESISTANT`), or when the operation cannot be
    done online at all.  An optional or risk-based second factor, or
    phishable methods, fall short; a mode or methods not stated leave it
    unknown — except that methods the page names, none of them
    phishing-resistant, fall short even when the mode is not stated.
    """
    evidence = mfa.provenance
    resistant = mfa.phishing_resistant
    methods = _methods(mfa)
    if mfa.mode == "offline":
        return Outcome("met", key, "cannot be done online (paper, phone or branch only)", evidence)
    if mfa.mode == "none":
        return Outcome(shortfall, key, "no second factor", evidence)
    if mfa.mode in _MODE_WORDS:
        found = f"MFA is {_MODE_WORDS[mfa.mode]}"
        if methods:
            kind = "phishing-resistant" if resistant else "not phishing-resistant"
            found += f"; methods: {methods} ({kind})"
        return Outcome(shortfall, key, found, evidence)
    if mfa.mode == "required":
        if resistant is True:
            return Outcome("met", key, f"required, phishing-resistant ({methods})", evidence)
        if resistant is False:
            return Outcome(
                shortfall, key, f"required, but not phishing-resistant ({methods})", evidence
            )
        if methods:
            return Outcome(
                "unknown",
                key,
                f"required; cannot tell whether {methods} are alternatives",
                evidence,
            )
        return Outcome("unknown", key, "required, but the methods are not stated", evidence)
    if resistant is False:
        return Outcome(
            shortfall,
            key,
            f"the methods named are not phishing-resistant ({methods}); the mode is not stated",
            evidence,
        )
    if methods:
        return Outcome("unknown", key, f"methods {methods}, but the mode is not stated", evidence)
    return Outcome("unknown", key, "the policy does not say", evidence)


def auto_lock(policy: Policy) -> Outcome:
    """Does the account lock by itself after consecutive failed logins?"""
    lockout = policy.lockout
    evidence = lockout.provenance
    state = lockout.locks_account
    if state is None:
        return Outcome("unknown", "lockout", "the policy does not say whether it locks", evidence)
    if not state:
        return Outcome("violation", "lockout", "the account does not lock", evidence)
    count = lockout.max_failures
    found = (
        f"locks after {count} consecutive failures"
        if count is not None
        else "locks after repeated failures (the count is not stated)"
    )
    if lockout.auto_unlock is False:
        found += "; only the firm unlocks it"
    return Outcome("met", "lockout", found, evidence)


def login_notification(policy: Policy) -> Outcome:
    """Is the customer notified of logins (every login, or from a new environment)?"""
    notices = {
        "notifications.login": policy.notifications.login,
        "notifications.new_device_login": policy.notifications.new_device_login,
    }
    for key, notice in notices.items():
        if notice.sent:
            what = "every login" if key.endswith(".login") else "a login from a new environment"
            how = f" by {', '.join(notice.channels)}" if notice.channels else ""
            opt = " (the customer turns it on)" if notice.opt_in else ""
            return Outcome("met", key, f"notifies {what}{how}{opt}", notice.provenance)
    if all(notice.sent is False for notice in notices.values()):
        return Outcome("violation", "notifications.login", "no login notification")
    key, notice = next(
        ((k, n) for k, n in notices.items() if n.provenance), next(iter(notices.items()))
    )
    return Outcome("unknown", key, "the policy does not say", notice.provenance)


def no_login_links(policy: Policy) -> Outcome:
    """Do the firm's emails and SMS stay free of links to password pages?"""
    phishing = policy.phishing
    key = "phishing.login_links_in_messages"
    if phishing.login_links_in_messages is None:
        return Outcome("unknown", key, "the policy does not say", phishing.provenance)
    if phishing.login_links_in_messages:
        return Outcome(
            "violation",
            key,
            "messages may link to a page asking for the password",
            phishing.provenance,
        )
    return Outcome("met", key, "messages carry no links to login pages", phishing.provenance)
