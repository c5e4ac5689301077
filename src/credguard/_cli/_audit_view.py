"""``credguard audit``: a policy against a baseline, as text or JSON.

Each requirement is one block: its citation and words (for JSDA the
Japanese sentence verbatim, with its source, its date and whether the
source is the guideline's own text or someone else's), then one row per
finding, then the firm's own words with the date of the page they come
from — and a warning when that page is older than the requirement.

Exit status: 1 when any finding is a ``violation``; with ``--strict``, also
when any is ``unknown`` (the policy does not say); else 0.
"""

from __future__ import annotations

import argparse
from itertools import groupby
from typing import Final

from .._catalogue import Lang
from .._loading import load_policy
from .._tools.audit import AuditFinding, audit_policy
from ._i18n import text
from ._policy_cmds import EXIT_FINDINGS, EXIT_OK, ROLES, Output, column_widths

__all__ = ["run_audit"]

_LEVELS: Final = ("violation", "advice", "unknown", "met")


def _date(value: str, lang: Lang) -> str:
    """An ISO date as the language writes it (2025-10-15, 2025年10月15日)."""
    if lang != "ja":
        return value
    parts = value.split("-")
    units = ("年", "月", "日")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:
        return value
    return "".join(f"{int(part)}{unit}" for part, unit in zip(parts, units, strict=False))


def _cited(finding: AuditFinding, output: Output) -> list[str]:
    """The lines under a requirement's heading: its source, date and standing."""
    lang = output.lang
    lines = []
    if finding.quote and lang != "ja":
        lines.append(f"「{finding.quote}」")
    if finding.source_title or finding.source:
        party = text(f"audit.party.{finding.source_party or 'unstated'}", lang)
        dated = _date(finding.source_date, lang) if finding.source_date else text("undated", lang)
        title = finding.source_title or finding.source
        lines.append(text("audit.source", lang, title=title, date=dated, party=party))
    if finding.obligation:
        key = f"audit.obligation.{finding.obligation}"
        word = text(key, lang) if key in _OBLIGATIONS else finding.obligation
        if finding.effective:
            since = _date(finding.effective, lang)
            lines.append(text("audit.obligation", lang, obligation=word, effective=since))
        else:
            lines.append(word)
    return lines


_OBLIGATIONS: Final = frozenset(
    f"audit.obligation.{o}"
    for o in ("mandatory", "desirable", "unverified", "conditional", "SHALL", "SHALL NOT", "SHOULD")
)


def _evidence(finding: AuditFinding, lang: Lang) -> str:
    """The firm's words for what was read, with their date and standing."""
    evidence = finding.evidence
    if evidence.quote:
        words = f"「{evidence.quote}」"
    elif lang == "ja":
        words = evidence.note_ja  # an English note is not shown in Japanese
    else:
        words = evidence.note
    notes = []
    if finding.evidence_date:
        when = _date(finding.evidence_date, lang)
        kind = finding.evidence_date_kind or "published"
        notes.append(text(f"audit.dated.{kind}", lang, date=when))
        if finding.predates_effective:
            notes.append(text("audit.predates", lang, effective=_date(finding.effective, lang)))
    if finding.evidence_quality:
        notes.append(text(f"audit.quality.{finding.evidence_quality}", lang))
    if not (words or notes):
        return ""
    if not notes:
        return words
    separator = "、" if lang == "ja" else "; "
    opened = "(" if lang == "ja" or not words else " ("
    return f"{words}{opened}{separator.join(notes)})"


def run_audit(args: argparse.Namespace, output: Output) -> int:
    policy = load_policy(args.policy)
    findings = audit_policy(policy, args.against)
    counts = {level: sum(f.level == level for f in findings) for level in _LEVELS}
    failing = counts["violation"] or (args.strict and counts["unknown"])
    if args.format == "json":
        output.json(
            {
                "policy": policy.name,
                "baseline": args.against,
                "findings": [finding.to_dict() for finding in findings],
                "summary": counts,
                "strict": args.strict,
            }
        )
        return EXIT_FINDINGS if failing else EXIT_OK
    lang = output.lang
    rows = [
        [
            (text(f"audit.{f.level}", lang), ROLES[f.level]),
            (output.kind(f.kind), ""),
            (f.key, "code"),
            (f.problem_in(lang), ""),
        ]
        for f in findings
    ]
    widths = column_widths(rows) if rows else []
    # One block per requirement of a clause, its findings aligned across blocks.
    start = 0
    for (ident, clause, _words), group in groupby(
        findings, key=lambda f: (f.requirement_id, f.clause, f.requirement)
    ):
        members = list(group)
        first = members[0]
        tag = f" [{ident}]" if ident else ""
        shown = clause
        words = first.requirement_in(lang)
        if lang == "ja":
            shown = text(f"clause.{clause}", lang) if f"clause.{clause}" in _CLAUSES else clause
            words = f"「{words}」" if first.quote else words
        output.cells((shown, "heading"), (f": {words}{tag}", ""))
        for line in _cited(first, output):
            output.line(f"  {line}", "dim")
        output.table(rows[start : start + len(members)], indent="  ", widths=widths)
        start += len(members)
        # The firm's own words and their date, for the measure requirements
        # (a password rule's shortfall is plain from the rule itself).
        for finding in members if ident else ():
            said = _evidence(finding, lang)
            if said:
                output.line(f"    {finding.key}: {said}", "dim")
    if findings:
        output.line(
            text("audit.summary", lang, count=len(findings), baseline=args.against, **counts),
            "heading",
        )
        if counts["unknown"]:
            key = "audit.unknown_strict" if args.strict else "audit.unknown_hint"
            output.line(text(key, lang, unknown=counts["unknown"]))
    else:
        output.line(text("audit.none", lang, policy=policy.name, baseline=args.against), "heading")
    return EXIT_FINDINGS if failing else EXIT_OK


_CLAUSES: Final = frozenset(
    ("clause.JSDA guideline 2025-10-15", "clause.FSA supervisory guideline 2025")
)
