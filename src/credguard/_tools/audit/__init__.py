"""Auditing a policy against a baseline: NIST SP 800-63B-4, OWASP ASVS 5.0, JSDA 2025.

Each baseline is a module of rows (:mod:`.nist`, :mod:`.owasp`,
:mod:`.jsda_2025`): a :class:`~.checks.Requirement` cited and a check, built
from the shared checks of :mod:`.checks`.  A check reads the resolved
policy (its rules per kind and its sections) and yields outcomes; each
becomes an :class:`AuditFinding` holding the requirement it cites.  Adding a
baseline is one module and one line in :data:`BASELINES`.  Levels:

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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from ..._catalogue import Lang
from ..._context import KINDS
from ..._loading import PolicySource, as_policy
from ..._plain import as_dict
from ..._policy import Policy
from ..._sections import Provenance
from ...errors import UnknownPresetError
from .checks import NO_EVIDENCE, AuditLevel, Baseline, Outcome, Requirement
from .jsda_2025 import JSDA_2025
from .nist import NIST_800_63B
from .owasp import OWASP_ASVS
from .wording import GLOSS_JA, render

__all__ = ["BASELINES", "AuditFinding", "AuditLevel", "AuditStatus", "audit_policy"]

AuditStatus = Literal["met", "not_met", "unknown"]


# The public attributes, in the order of the original constructor (and repr).
_ATTRIBUTES: Final = (
    "baseline",
    "clause",
    "requirement",
    "level",
    "kind",
    "key",
    "problem",
    "requirement_id",
    "obligation",
    "source",
    "note",
    "evidence",
)
# to_dict's keys: the attributes, with status after problem, then what
# dates and grades the verdict.
_KEYS: Final = (
    *_ATTRIBUTES[:7],
    "status",
    *_ATTRIBUTES[7:],
    "quote",
    "source_title",
    "source_date",
    "source_party",
    "effective",
    "evidence_date",
    "evidence_date_kind",
    "evidence_quality",
    "predates_effective",
    "code",
)
_ISO_DATE: Final = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True, slots=True, init=False, repr=False)
class AuditFinding:
    """What a policy does against one clause of a baseline.

    ``cited`` is the :class:`~.checks.Requirement` of the baseline; its
    fields read as the finding's own (``clause``, ``requirement`` — the
    words —, ``requirement_id`` (its ``id``), ``obligation``, ``source``,
    ``note``), so the constructor keeps its original, flat shape.  The
    requirement's id, obligation, source and note are empty for the
    password-rule clauses; ``evidence`` is the firm's own provenance for
    ``key`` (its quote), empty when the check reads no section.
    ``status`` is ``met``, ``not_met`` or ``unknown``.

    A verdict is dated: ``evidence_date`` is the date of the page the
    finding rests on (``evidence_date_kind``: ``published`` or
    ``retrieved``; empty when the page is undated), ``predates_effective``
    says whether that page is older than the requirement (``effective``),
    and ``evidence_quality`` whether it is the firm's own page
    (``first_party``) or someone else's account (``third_party``).
    """

    __match_args__ = _ATTRIBUTES

    baseline: str
    cited: Requirement
    level: AuditLevel
    kind: str
    key: str
    problem: str
    evidence: Provenance
    evidence_date: str
    evidence_date_kind: str
    #: The message the problem was rendered from (empty for a hand-built finding).
    code: str
    params: tuple[tuple[str, object], ...]

    def __init__(
        self,
        baseline: str,
        clause: str,
        requirement: str,
        level: AuditLevel,
        kind: str,
        key: str,
        problem: str,
        requirement_id: str = "",
        obligation: str = "",
        source: str = "",
        note: str = "",
        evidence: Provenance = NO_EVIDENCE,
    ) -> None:
        cited = Requirement(clause, requirement, requirement_id, obligation, source, note)
        _fill(self, baseline, cited, Outcome(level, key, problem, evidence), kind, evidence.date)

    @classmethod
    def of(
        cls,
        baseline: str,
        cited: Requirement,
        outcome: Outcome,
        kind: str,
        dated: tuple[str, str] = ("", ""),
    ) -> AuditFinding:
        """The finding of *outcome*, holding (not copying) the requirement *cited*.

        *dated* is ``(kind, date)`` of the page the finding rests on.
        """
        finding: AuditFinding = object.__new__(cls)
        _fill(finding, baseline, cited, outcome, kind, dated)
        return finding

    @property
    def clause(self) -> str:
        return self.cited.clause

    @property
    def requirement(self) -> str:
        return self.cited.requirement

    @property
    def requirement_id(self) -> str:
        return self.cited.id

    @property
    def obligation(self) -> str:
        return self.cited.obligation

    @property
    def source(self) -> str:
        return self.cited.source

    @property
    def note(self) -> str:
        return self.cited.note

    def requirement_in(self, lang: Lang) -> str:
        """The requirement in *lang*: in Japanese, the quote (JSDA) or a rendering (NIST, OWASP)."""
        if lang == "ja":
            return self.quote or GLOSS_JA.get(self.requirement, self.requirement)
        return self.requirement

    def problem_in(self, lang: Lang) -> str:
        """What was found, in *lang* (``problem`` is the English)."""
        return render(self.code, self.params, lang) if self.code else self.problem

    @property
    def quote(self) -> str:
        return self.cited.quote

    @property
    def source_title(self) -> str:
        return self.cited.source_title

    @property
    def source_date(self) -> str:
        return self.cited.source_date

    @property
    def source_party(self) -> str:
        return self.cited.source_party

    @property
    def effective(self) -> str:
        return self.cited.effective

    @property
    def evidence_quality(self) -> str:
        """``first_party``, ``third_party``, or ``""`` when the policy does not say."""
        return self.evidence.evidence or ""

    @property
    def predates_effective(self) -> bool | None:
        """Is the evidence older than the requirement?  None: a date is missing."""
        found, since = self.evidence_date, self.effective
        if not (_ISO_DATE.fullmatch(found) and _ISO_DATE.fullmatch(since)):
            return None
        return found < since[: len(found)] if len(found) < len(since) else found < since

    @property
    def status(self) -> AuditStatus:
        """``met``, ``not_met`` (a violation or advice) or ``unknown``."""
        if self.level in ("met", "unknown"):
            return self.level
        return "not_met"

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _ATTRIBUTES)
        return f"AuditFinding({fields})"

    def __str__(self) -> str:
        where = f"{self.kind}: " if self.kind else ""
        clause = f"{self.requirement_id} ({self.clause})" if self.requirement_id else self.clause
        text = f"[{self.level}] {self.baseline} {clause}: {where}{self.key}: {self.problem}"
        if self.evidence_date:
            text += f" ({self.evidence_date_kind} {self.evidence_date}"
            text += f", before {self.effective})" if self.predates_effective else ")"
        if self.evidence_quality:
            text += f" [{self.evidence_quality.replace('_', '-')}]"
        if self.evidence.quote:
            text += f" | quote: 「{self.evidence.quote}」"
        elif self.evidence.note:
            text += f" | note: {self.evidence.note}"
        return text

    def to_dict(self) -> dict[str, object]:
        return as_dict(self, _KEYS)


def _fill(
    finding: AuditFinding,
    baseline: str,
    cited: Requirement,
    outcome: Outcome,
    kind: str,
    dated: tuple[str, str],
) -> None:
    # A frozen dataclass is filled through object.__setattr__, as its own
    # generated __init__ would.
    for name, value in (
        ("baseline", baseline),
        ("cited", cited),
        ("level", outcome.level),
        ("kind", kind),
        ("key", outcome.key),
        ("problem", outcome.problem),
        ("evidence", outcome.evidence),
        ("evidence_date_kind", dated[0]),
        ("evidence_date", dated[1]),
        ("code", outcome.code),
        ("params", outcome.params),
    ):
        object.__setattr__(finding, name, value)


#: baseline name -> its rows.  Adding a baseline is one module (its rows,
#: like :mod:`.owasp`) and one line here.
BASELINES: Final[Mapping[str, Baseline]] = {
    "nist-800-63b": NIST_800_63B,
    "owasp-asvs": OWASP_ASVS,
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
                AuditFinding.of(baseline, clause, outcome, kind, _dated(outcome, resolved))
                for outcome in check(rules, resolved)
            )
    return tuple(findings)


def _dated(outcome: Outcome, policy: Policy) -> tuple[str, str]:
    """The date of the page an outcome rests on: its table's, else the policy's.

    The policy's own date (``[policy] published``) stands in only when the
    table cites no other page: a date is never borrowed from another page.
    """
    evidence = outcome.evidence
    if evidence.date[1]:
        return evidence.date
    meta = policy.meta
    if evidence.source and evidence.source != meta.source:
        return "", ""
    if meta.published:
        return "published", meta.published
    if meta.retrieved:
        return "retrieved", meta.retrieved
    return "", ""
