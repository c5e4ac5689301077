"""The ``jsda-2025`` baseline: the JSDA guideline of 2025-10-15 and the FSA points it shares.

The baseline is a Python table, not a TOML file, because each requirement
is a *check* (code reading the policy) next to its citation (data): one row
per requirement, with a stable id, the obligation (``mandatory`` or
``desirable``), the sources and the words cited.  The words are those of the
research notes (``research/jsda_fsa_2025.md``), which summarise the press
coverage of the guideline and of the FSA's supervisory guideline; the
guideline's own text was not read, and each row says so in ``note``.

The ``jsda-2025`` *preset* (``presets/jsda-2025.toml``) is the same
guideline written as a policy: a firm that adopts it meets every row here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from ..._policy import Policy
from ...rules import Rule
from .checks import (
    AuditLevel,
    Check,
    Outcome,
    Requirement,
    auto_lock,
    login_notification,
    no_login_links,
    phishing_resistant_mfa,
)

__all__ = ["JSDA_2025", "JSDA_CLAUSE", "MANDATORY_MFA_EVENTS"]

_IMPRESS: Final = "https://www.watch.impress.co.jp/docs/news/2031496.html"
_NEWTON: Final = "https://www.newton-consulting.co.jp/itilnavi/flash/id=8672"
_FSA: Final = "https://taurus-financial.com/cybersecurity/"
_NOTE: Final = (
    "the research notes' summary of press coverage (impress watch 2031496, kabutan"
    " n202507160813, JRI 2025-099); the guideline itself was not read; in force from"
    f" 2025-10-15 ({_NEWTON})"
)
_FSA_NOTE: Final = (
    "the research notes' summary of the FSA's supervisory-guideline amendment (draft"
    " 2025-07-15: sforum, Kyodo, taurus-financial, dir.co.jp); not read in the original"
)
#: The citation every JSDA row shares.
JSDA_CLAUSE: Final = "JSDA guideline 2025-10-15"
_FSA_CLAUSE: Final = "FSA supervisory guideline 2025"
_PR_MFA: Final = (
    "Phishing-resistant MFA (passkeys, PKI-based) mandatory at login, withdrawal, change of"
    " withdrawal bank account"
)
#: The events where the guideline makes phishing-resistant MFA mandatory.
MANDATORY_MFA_EVENTS: Final = ("login", "withdrawal", "withdrawal_account_change")


def _mfa(event: str, shortfall: AuditLevel) -> Check:
    def check(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
        yield phishing_resistant_mfa(f"mfa.{event}", policy.mfa.event(event), shortfall)

    return check


def _auto_lock(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    yield auto_lock(policy)


def _notification(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    yield login_notification(policy)


def _interim_schedule(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    in_force = all(
        phishing_resistant_mfa("", policy.mfa.event(event), "violation").level == "met"
        for event in MANDATORY_MFA_EVENTS
    )
    if in_force:
        yield Outcome(
            "met",
            "mfa",
            "phishing-resistant MFA is in force where it is mandatory: no interim measure",
        )
    elif policy.mfa.phishing_resistant_planned is not None:
        planned = policy.mfa.phishing_resistant_planned
        key = "mfa.phishing_resistant_planned"
        found = f"schedule published: {planned}"
        yield Outcome("met", key, found, policy.mfa.provenance)
    else:
        yield Outcome(
            "unknown",
            "mfa.phishing_resistant_planned",
            "no published schedule for phishing-resistant MFA",
            policy.mfa.provenance,
        )


def _no_login_links(rules: Mapping[str, Rule], policy: Policy) -> Iterator[Outcome]:
    yield no_login_links(policy)


def _row(
    id: str, requirement: str, obligation: str, check: Check, *, fsa: bool = False
) -> tuple[Requirement, Check, bool]:
    clause = _FSA_CLAUSE if fsa else JSDA_CLAUSE
    source, note = (_FSA, _FSA_NOTE) if fsa else (_IMPRESS, _NOTE)
    return Requirement(clause, requirement, id, obligation, source, note), check, False


#: The rows of the ``jsda-2025`` baseline, in the order the docs show them.
JSDA_2025: Final[tuple[tuple[Requirement, Check, bool], ...]] = (
    _row("login-mfa", f"{_PR_MFA}: at login", "mandatory", _mfa("login", "violation")),
    _row(
        "withdrawal-mfa", f"{_PR_MFA}: at withdrawal", "mandatory", _mfa("withdrawal", "violation")
    ),
    _row(
        "withdrawal-account-mfa",
        f"{_PR_MFA}: at a change of the withdrawal bank account",
        "mandatory",
        _mfa("withdrawal_account_change", "violation"),
    ),
    _row(
        "trade-mfa",
        'For trading: phishing-resistant MFA "望ましい" (desirable)',
        "desirable",
        _mfa("trade", "advice"),
    ),
    _row(
        "auto-lock",
        "Automatic account lock on consecutive auth failures -> mandatory",
        "mandatory",
        _auto_lock,
    ),
    _row(
        "login-notification",
        "Notification (login etc.), behaviour detection strengthening",
        "mandatory",
        _notification,
    ),
    _row(
        "interim-mfa-schedule",
        "Interim alt MFA allowed only with a concrete schedule communicated to customers",
        "conditional",
        _interim_schedule,
    ),
    _row(
        "no-login-links",
        "No URL/login links in email/SMS prompting password entry",
        "mandatory",
        _no_login_links,
        fsa=True,
    ),
)
