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
from ..._sections import MfaEvent, Notice, Provenance
from ...rules import Rule
from .wording import render

__all__ = [
    "NO_EVIDENCE",
    "AuditLevel",
    "Baseline",
    "Check",
    "Outcome",
    "Requirement",
    "account_reopening",
    "auto_lock",
    "behaviour_detection",
    "charset_limits",
    "composition",
    "login_notification",
    "max_length",
    "min_length",
    "needs_rule",
    "no_login_links",
    "notice",
    "phishing_resistant_mfa",
    "rotation",
    "said",
]

#: ``violation``: a SHALL or mandatory point is not met; ``advice``: a
#: SHOULD or desirable point is not met; ``unknown``: the policy does not
#: say; ``met``: the policy meets it (reported for the measure checks).
AuditLevel = Literal["violation", "advice", "unknown", "met"]
NO_EVIDENCE: Final = Provenance()


class Outcome(NamedTuple):
    """What one check found.

    ``problem`` is the English text; ``code`` and ``params`` the message
    it was rendered from (:mod:`.wording`), for the other language.  An
    outcome built by hand with a text only has no code, and shows that text
    in every language.
    """

    level: AuditLevel
    key: str
    problem: str
    evidence: Provenance = NO_EVIDENCE
    code: str = ""
    params: tuple[tuple[str, object], ...] = ()


def said(
    level: AuditLevel, key: str, code: str, evidence: Provenance = NO_EVIDENCE, **params: object
) -> Outcome:
    """The outcome saying message *code* (:mod:`.wording`) with *params*."""
    items = tuple(params.items())
    return Outcome(level, key, render(code, items, "en"), evidence, code, items)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement of a baseline: the words cited and where they come from.

    ``clause`` is the citation (``SP 800-63B-4 §3.2.2``); ``requirement``
    the requirement in English (the standard's own words for NIST and
    OWASP, a gloss for JSDA); ``id`` a stable short name for the measure
    requirements (``login-mfa``); ``obligation`` ``mandatory`` /
    ``desirable`` / ``unverified`` (JSDA: the strength word was not seen) or
    ``SHALL`` / ``SHOULD`` (NIST); ``note`` says how far the wording was
    verified.  ``quote`` is the source's sentence verbatim (Japanese for
    JSDA), from ``source`` — a page titled ``source_title``, dated
    ``source_date``, ``first_party`` (the author's own text) or
    ``third_party`` (``source_party``: press or a blog quoting it);
    ``effective`` is the date the requirement took effect.
    """

    clause: str
    requirement: str
    id: str = ""
    obligation: str = ""
    source: str = ""
    note: str = ""
    quote: str = ""
    source_title: str = ""
    source_date: str = ""
    source_party: str = ""
    effective: str = ""


Check = Callable[[Mapping[str, Rule], Policy], Iterator[Outcome]]
#: A baseline's rows: (what is cited, its check, applies once per kind?).
Baseline = tuple[tuple[Requirement, Check, bool], ...]

# ---------------------------------------------------------------- password rules

_PRINTABLE: Final = ("upper", "lower", "digit", "symbol", "space")


def min_length(floor: int, soft: int | None, why: str) -> Check:
    """A minimum length under *floor* is a violation, under *soft* advice (*why*: a term)."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        minimum = getattr(rules.get("length"), "min", None)
        if minimum is None:
            yield said("violation", "length.min", "min.none")
        elif minimum < floor:
            yield said("violation", "length.min", "min.under", minimum=minimum, floor=floor)
        elif soft is not None and minimum < soft:
            yield said("advice", "length.min", "min.soft", minimum=minimum, soft=soft, why=why)

    return check


def max_length(ceiling: int, level: AuditLevel) -> Check:
    """A maximum length under *ceiling* is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        maximum = getattr(rules.get("length"), "max", None)
        if maximum is not None and maximum < ceiling:
            yield said(level, "length.max", "max.under", maximum=maximum, ceiling=ceiling)

    return check


def composition(level: AuditLevel) -> Check:
    """Requiring particular classes, or a mixture of them, is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        classes = rules.get("classes")
        if classes is None:
            return
        if getattr(classes, "required", ()) or getattr(classes, "min_counts", {}):
            yield said(level, "classes.required", "classes.required")
        if getattr(classes, "min_classes", 0):
            yield said(level, "classes.min_classes", "classes.mixture")

    return check


def charset_limits(level: AuditLevel) -> Check:
    """Refusing printable ASCII, some symbols or Unicode is a finding of *level*."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        charset = rules.get("charset")
        if charset is None:
            return
        allow = set(getattr(charset, "allow", ()))
        missing = tuple(name for name in _PRINTABLE if name not in allow)
        if missing:
            yield said(level, "charset.allow", "charset.classes", missing=missing)
        if getattr(charset, "symbols", None) is not None:
            yield said(level, "charset.symbols", "charset.symbols")
        if "non_ascii" not in allow:
            yield said(level, "charset.allow", "charset.unicode")

    return check


def rotation(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    """Forced periodic change is a violation; advising it is advice."""
    if policy.rotation.max_age_days is not None:
        days = policy.rotation.max_age_days
        yield said("violation", "rotation.max_age_days", "rotation.forced", days=days)
    elif policy.rotation.advised:
        yield said("advice", "rotation.advised", "rotation.advised")


def needs_rule(names: tuple[str, ...], what: str) -> Check:
    """A violation when the policy has none of the rules *names* (*what*: a term)."""

    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        if not any(name in rules for name in names):
            yield said("violation", f"rules.{names[0]}", "rule.missing", what=what)

    return check


# ---------------------------------------------------------------- measures


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
    methods = tuple(mfa.methods or ())
    if mfa.mode == "offline":
        return said("met", key, "mfa.offline", evidence)
    if mfa.mode == "none":
        return said(shortfall, key, "mfa.none", evidence)
    if mfa.mode in ("optional", "risk_based"):
        if not methods:
            return said(shortfall, key, "mfa.mode", evidence, mode=mfa.mode)
        code = "mfa.mode.resistant" if resistant else "mfa.mode.phishable"
        return said(shortfall, key, code, evidence, mode=mfa.mode, methods=methods)
    if mfa.mode == "required":
        if resistant is True:
            return said("met", key, "mfa.required.resistant", evidence, methods=methods)
        if resistant is False:
            return said(shortfall, key, "mfa.required.phishable", evidence, methods=methods)
        if methods:
            return said("unknown", key, "mfa.required.either", evidence, methods=methods)
        return said("unknown", key, "mfa.required.unnamed", evidence)
    if resistant is False:
        return said(shortfall, key, "mfa.phishable.no_mode", evidence, methods=methods)
    if methods:
        return said("unknown", key, "mfa.methods.no_mode", evidence, methods=methods)
    return said("unknown", key, "unsaid", evidence)


def auto_lock(policy: Policy) -> Outcome:
    """Does the account lock by itself after consecutive failed logins?"""
    lockout = policy.lockout
    evidence = lockout.provenance
    state = lockout.locks_account
    if state is None:
        return said("unknown", "lockout", "lock.unsaid", evidence)
    if not state:
        return said("violation", "lockout", "lock.never", evidence)
    firm = ".firm" if lockout.auto_unlock is False else ""
    if lockout.max_failures is None:
        return said("met", "lockout", f"lock.repeated{firm}", evidence)
    return said("met", "lockout", f"lock.after{firm}", evidence, count=lockout.max_failures)


def _sent(key: str, what: str, notice: Notice) -> Outcome:
    code = "notice.opt_in" if notice.opt_in else "notice.sent"
    if notice.channels:
        return said(
            "met", key, f"{code}.by", notice.provenance, what=what, channels=notice.channels
        )
    return said("met", key, code, notice.provenance, what=what)


def login_notification(policy: Policy) -> Outcome:
    """Is the customer notified of logins (every login, or from a new environment)?"""
    notices = {
        "login": policy.notifications.login,
        "new_device_login": policy.notifications.new_device_login,
    }
    for event, notice in notices.items():
        if notice.sent:
            return _sent(f"notifications.{event}", event, notice)
    if all(notice.sent is False for notice in notices.values()):
        return said("violation", "notifications.login", "notice.no_login")
    event, notice = next(
        ((e, n) for e, n in notices.items() if n.provenance), next(iter(notices.items()))
    )
    return said("unknown", f"notifications.{event}", "unsaid", notice.provenance)


def notice(policy: Policy, event: str) -> Outcome:
    """Is the customer notified of every *event* (``trade``, ``withdrawal``)?"""
    found = policy.notifications.event(event)
    key = f"notifications.{event}"
    if found.sent is None:
        return said("unknown", key, "unsaid", found.provenance)
    if not found.sent:
        return said("violation", key, "notice.none", found.provenance, what=event)
    return _sent(key, event, found)


def _stated(
    key: str, good: bool | None, evidence: Provenance, met: str, not_met: str, **params: object
) -> Outcome:
    """Unknown when *good* is None, else met (message *met*) or a violation (*not_met*)."""
    if good is None:
        return said("unknown", key, "unsaid", evidence)
    if not good:
        return said("violation", key, not_met, evidence)
    return said("met", key, met, evidence, **params)


def no_login_links(policy: Policy) -> Outcome:
    """Do the firm's emails and SMS stay free of links to password pages?"""
    links = policy.phishing.login_links_in_messages
    good = None if links is None else not links
    key = "phishing.login_links_in_messages"
    return _stated(key, good, policy.phishing.provenance, "links.no", "links.yes")


def behaviour_detection(policy: Policy) -> Outcome:
    """Does the firm watch for behaviour unlike the customer's own (振る舞い検知)?"""
    section = policy.behaviour_detection
    key = "behaviour_detection.detects"
    if section.responses:
        return _stated(
            key, True, section.provenance, "detect.then", "", responses=section.responses
        )
    return _stated(key, section.detects, section.provenance, "detect.yes", "detect.none")


def account_reopening(policy: Policy) -> Outcome:
    """Is identity verified afresh before a frozen account is reopened?"""
    section = policy.account_reopening
    key = "account_reopening.verifies_identity"
    return _stated(key, section.verifies_identity, section.provenance, "reopen.yes", "reopen.no")
