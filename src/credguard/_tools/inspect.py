"""Looking at policies: describe (show), diff and lint.

These are the library side of ``credguard show``, ``credguard diff`` and
``credguard lint``; they return frozen dataclasses that a tool renders as
text or JSON.  A rule's parameters are read from its dataclass fields, so
every rule family — including ones added later — is described and compared
without code here knowing it; only the *direction* of a parameter (is a
higher value stricter?) is declared in :data:`_DIRECTIONS`, with a fallback
on the parameter's name (``min*`` higher is stricter, ``max*`` lower is).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from .._catalogue import Catalogue, Lang
from .._context import KINDS
from .._loading import (
    PolicySource,
    as_policy,
    collect_problems,
    policy_parameters,
    read_document,
)
from .._sections import PROVENANCE_KEYS, SECTIONS, PolicyMeta, Provenance, events_of, section_tables
from ..errors import PolicyError, UnknownPresetError

__all__ = [
    "LintFinding",
    "PolicyDescription",
    "PolicyDifference",
    "RuleDescription",
    "describe_policy",
    "diff_policies",
    "lint_policy",
]


def _plain(value: object) -> object:
    """A JSON-ready copy of a parameter value."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [_plain(v) for v in value]
    return value


def _params(obj: object) -> dict[str, object]:
    """The policy-file parameters of a rule or section (not a hasher, not provenance)."""
    return {name: _plain(getattr(obj, name)) for name in policy_parameters(type(obj))}


# --------------------------------------------------------------------- describe


@dataclass(frozen=True, slots=True)
class RuleDescription:
    """One rule (or section) of a resolved policy, with where it comes from.

    ``kind`` is ``login``, ``trade`` or ``withdrawal`` for rules and
    ``""`` for sections (``lockout``, ``session``, ``rotation``, and one
    entry per event of ``mfa`` and ``notifications``: ``mfa.login`` …).
    """

    kind: str
    rule: str
    params: Mapping[str, object]
    provenance: Provenance

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "params": dict(self.params),
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class PolicyDescription:
    """A resolved policy (after ``extends``) as data, and its text rendering.

    ``rules`` lists the login rules, then the rules of each kind that has
    its own (a kind not listed in ``own_kinds`` uses login's rules).
    """

    name: str
    title: str
    title_ja: str
    meta: PolicyMeta
    rules: tuple[RuleDescription, ...]
    own_kinds: tuple[str, ...]
    sections: tuple[RuleDescription, ...]

    def changes(self, kind: str) -> tuple[tuple[RuleDescription, ...], tuple[str, ...]]:
        """The rules of *kind* that differ from login's, and login's rules it drops."""
        login = {r.rule: r for r in self.rules if r.kind == "login"}
        own = [r for r in self.rules if r.kind == kind]
        changed = tuple(
            r
            for r in own
            if kind == "login"
            or r.rule not in login
            or (r.params, r.provenance) != (login[r.rule].params, login[r.rule].provenance)
        )
        dropped = tuple(name for name in login if name not in {r.rule for r in own})
        return changed, dropped

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "title": self.title,
            "title_ja": self.title_ja,
            "source": self.meta.source,
            "published": self.meta.published,
            "retrieved": self.meta.retrieved,
            "description": self.meta.description,
            "extends": list(self.meta.extends),
            "rules": [r.to_dict() for r in self.rules],
            "kinds_with_own_rules": list(self.own_kinds),
            "sections": [s.to_dict() for s in self.sections],
        }

    def render(self, lang: Lang = "en") -> str:
        """Readable text: every rule with its parameters, quote and assumptions."""
        words = _WORDS.in_lang(lang)
        title = (self.title_ja or self.title) if lang == "ja" else (self.title or self.title_ja)
        lines = [f"{self.name}: {title}" if title else self.name]
        for label, value in (
            ("source", self.meta.source),
            ("published", self.meta.published),
            ("retrieved", self.meta.retrieved),
            ("extends", " -> ".join(self.meta.extends)),
        ):
            if value:
                lines.append(f"  {words[label]}: {value}")
        for kind in KINDS:
            own = [r for r in self.rules if r.kind == kind]
            lines.append("")
            if kind != "login" and kind not in self.own_kinds:
                lines.append(f"[{words[kind]}] {words['same_as_login']}")
                continue
            changed, dropped = self.changes(kind)
            if kind == "login":
                lines.append(f"[{words[kind]}]")
            else:
                lines.append(f"[{words[kind]}] {words['as_login_except']}")
            if not own and kind == "login":
                lines.append(f"  ({words['no_rules']})")
            for rule in changed:
                lines.extend(_render_item(rule, words))
            for name in dropped:
                lines.append(f"  {name}: {words['off']}")
        if self.sections:
            lines.append("")
        for section in self.sections:
            lines.extend(_render_item(section, words))
        return "\n".join(lines) + "\n"


#: Labels of the text rendering: key -> (English, Japanese).
_WORDS: Final = Catalogue(
    {
        "login": ("login", "ログイン"),
        "trade": ("trade", "取引"),
        "withdrawal": ("withdrawal", "出金"),
        "same_as_login": ("same rules as login", "ログインと同じルール"),
        "as_login_except": ("login's rules, except:", "ログインと同じルール、ただし:"),
        "off": ("off", "適用しない"),
        "no_rules": ("no rules", "ルールなし"),
        "unknown": ("unknown", "不明"),
        "not_set": ("not set", "指定なし"),
        "source": ("source", "出典"),
        "quote": ("quote", "引用"),
        "assumed": ("assumed", "前提(公表されていないため選択)"),
        "note": ("note", "注記"),
        "published": ("published", "公表日"),
        "retrieved": ("retrieved", "取得日"),
        "extends": ("extends", "継承"),
        "origin": ("from", "継承元"),
    }
)


def format_value(value: object, none: str) -> str:
    """A parameter value as it would be written in TOML; *none* stands for ``None``."""
    if value is None:
        return none
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v, none) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {format_value(v, none)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _render_item(item: RuleDescription, words: Mapping[str, str]) -> list[str]:
    # None is "not set" in a rule (no bound) and "unknown" in a section.
    none = words["unknown"] if not item.kind else words["not_set"]
    params = ", ".join(f"{k} = {format_value(v, none)}" for k, v in item.params.items())
    lines = [f"  {item.rule}: {params}"]
    prov = item.provenance
    for label in ("quote", "source", "assumed", "note"):
        value = getattr(prov, label)
        if value:
            shown = f"「{value}」" if label == "quote" else value
            lines.append(f"    {words[label]}: {shown}")
    return lines


def describe_policy(policy: PolicySource) -> PolicyDescription:
    """Describe a policy (a :class:`Policy`, a preset name or a file path).

    Raises :class:`PolicyError` or :class:`UnknownPresetError` when a name or
    file cannot be loaded.
    """
    resolved = as_policy(policy)
    rules: list[RuleDescription] = []
    own_kinds = tuple(kind for kind in KINDS if kind in resolved.kinds)
    for kind in ("login", *own_kinds):
        rules.extend(
            RuleDescription(kind, rule.NAME, _params(rule), resolved.provenance_of(rule.NAME, kind))
            for rule in resolved.rules_for(kind)
        )
    sections = [
        RuleDescription("", name, _params(section), section.provenance)
        for name, section in section_tables(resolved)
        if section.known or section.provenance
    ]
    return PolicyDescription(
        name=resolved.name,
        title=resolved.title,
        title_ja=resolved.title_ja,
        meta=resolved.meta,
        rules=tuple(rules),
        own_kinds=own_kinds,
        sections=tuple(sections),
    )


# --------------------------------------------------------------------- diff

Change = Literal["stricter", "looser", "changed", "only_in_a", "only_in_b"]

#: (table, key) -> how strictness grows: "higher" (a larger number is
#: stricter), "lower", "superset" (more items is stricter), "subset", or an
#: ordered tuple of values from loosest to strictest.
_DIRECTIONS: Final[Mapping[tuple[str, str], object]] = {
    ("charset", "allow"): "subset",
    ("charset", "symbols"): "subset",
    ("charset", "fullwidth"): ("fold", "reject"),
    ("charset", "edge_spaces"): (True, False),
    ("classes", "required"): "superset",
    ("keyboard", "layouts"): "superset",
    ("blocklist", "lists"): "superset",
    ("blocklist", "words"): "superset",
    ("blocklist", "near_miss"): (False, True),
    ("personal", "fields"): "superset",
    ("personal", "equals_only"): (True, False),
    ("personal", "min_token_length"): "lower",
    ("breached", "min_count"): "lower",
    ("breached", "online"): (False, True),
    ("history", "generations"): "higher",
    ("separation", "differ_from"): "superset",
    ("lockout", "lock_minutes"): "higher",
    ("lockout", "auto_unlock"): (True, False),
    ("lockout", "locks"): (False, True),
    ("session", "auto_logout"): (False, True),
    ("rotation", "advised"): (False, True),
    # Sub-tables of a section (``mfa.login``) are looked up by the section's name.
    ("mfa", "mode"): ("none", "optional", "risk_based", "required"),
    ("mfa", "combine"): ("any", "all"),
    ("notifications", "sent"): (False, True),
    ("notifications", "opt_in"): (True, False),
    ("notifications", "to_previous_address"): (False, True),
    ("login_history", "available"): (False, True),
    ("login_history", "retention_months"): "higher",
    ("login_history", "deletable"): (True, False),
    ("masking", "fields"): "superset",
    ("masking", "verify_current_to_change"): (False, True),
    ("phishing", "login_links_in_messages"): (True, False),
}
_SEVERITY_ORDER: Final = ("warning", "error")


def _direction(table: str, key: str) -> object:
    if key == "severity":
        return _SEVERITY_ORDER
    found = _DIRECTIONS.get((table, key)) or _DIRECTIONS.get((table.split(".")[0], key))
    if found is not None:
        return found
    if key.startswith("min"):
        return "higher"
    if key.startswith("max") or key.endswith(("_minutes", "_days")):
        return "lower"
    return None


def _compare(direction: object, a: object, b: object) -> Change:
    """How *b* compares with *a* (a != b)."""
    if direction in ("higher", "lower"):
        # None is "no bound": the loosest possible value.
        if a is None or b is None:
            return "looser" if b is None else "stricter"
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            b_higher = b > a
            return "stricter" if b_higher == (direction == "higher") else "looser"
        return "changed"
    if direction in ("subset", "superset"):
        # None (e.g. charset.symbols) means "everything".
        if a is None or b is None:
            b_all = b is None
            return "looser" if b_all == (direction == "subset") else "stricter"
        set_a = set(a) if isinstance(a, (list, str)) else {a}
        set_b = set(b) if isinstance(b, (list, str)) else {b}
        if set_b < set_a:
            return "stricter" if direction == "subset" else "looser"
        if set_b > set_a:
            return "looser" if direction == "subset" else "stricter"
        return "changed"
    if isinstance(direction, tuple) and a in direction and b in direction:
        return "stricter" if direction.index(b) > direction.index(a) else "looser"
    return "changed"


@dataclass(frozen=True, slots=True)
class PolicyDifference:
    """One difference between policy *a* and policy *b*, read as "b is … than a".

    ``key`` is ``""`` when a whole rule is only in one policy.
    """

    kind: str
    rule: str
    key: str
    a: object
    b: object
    change: Change

    def __str__(self) -> str:
        where = f"{self.kind}: " if self.kind else ""
        name = f"{self.rule}.{self.key}" if self.key else self.rule
        if self.change in ("only_in_a", "only_in_b"):
            return f"{where}{name}: {self.change.replace('_', ' ')}"
        return f"{where}{name}: {self.a!r} -> {self.b!r} ({self.change})"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "key": self.key,
            "a": self.a,
            "b": self.b,
            "change": self.change,
        }


def _diff_tables(
    kind: str, a: Mapping[str, dict[str, object]], b: Mapping[str, dict[str, object]]
) -> list[PolicyDifference]:
    out: list[PolicyDifference] = []
    for name in list(a) + [n for n in b if n not in a]:
        if name not in b:
            out.append(PolicyDifference(kind, name, "", None, None, "only_in_a"))
        elif name not in a:
            out.append(PolicyDifference(kind, name, "", None, None, "only_in_b"))
        else:
            for key in list(a[name]) + [k for k in b[name] if k not in a[name]]:
                va, vb = a[name].get(key), b[name].get(key)
                if va != vb:
                    change = _compare(_direction(name, key), va, vb)
                    out.append(PolicyDifference(kind, name, key, va, vb, change))
    return out


def diff_policies(a: PolicySource, b: PolicySource) -> tuple[PolicyDifference, ...]:
    """Compare two policies rule by rule and parameter by parameter.

    Each difference says whether *b* is stricter or looser than *a* (or just
    different, or has a rule the other lacks).  Login is compared, then each
    kind that either policy gives its own rules, then the sections.
    """
    pa, pb = as_policy(a), as_policy(b)
    out: list[PolicyDifference] = []
    kinds = ["login", *(k for k in KINDS[1:] if k in pa.kinds or k in pb.kinds)]
    for kind in kinds:
        ta = {r.NAME: _params(r) for r in pa.rules_for(kind)}
        tb = {r.NAME: _params(r) for r in pb.rules_for(kind)}
        out.extend(_diff_tables(kind, ta, tb))
    sa = {name: _params(section) for name, section in section_tables(pa)}
    sb = {name: _params(section) for name, section in section_tables(pb)}
    out.extend(_diff_tables("", sa, sb))
    return tuple(out)


# --------------------------------------------------------------------- lint

LintSeverity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem in a policy file; ``str()`` gives ``file:line: key: problem``."""

    file: str
    line: int | None
    key: str
    problem: str
    severity: LintSeverity = "error"

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line is not None else self.file
        key = f" {self.key}:" if self.key else ""
        return f"{location}:{key} {self.problem}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "problem": self.problem,
            "severity": self.severity,
        }


def _tables_to_trace(data: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for name, table in data.get("rules", {}).items():
        yield f"rules.{name}", table
    for kind, kind_table in data.get("kinds", {}).items():
        for name, table in kind_table.get("rules", {}).items():
            yield f"kinds.{kind}.rules.{name}", table
    for name, cls in SECTIONS.items():
        if name in data:
            events = events_of(cls)
            if any(key not in events for key in data[name]) or not data[name]:
                yield name, data[name]
            for event in events:
                if event in data[name]:
                    yield f"{name}.{event}", data[name][event]


def lint_policy(name_or_path: str | os.PathLike[str]) -> tuple[LintFinding, ...]:
    """Check a policy file (or preset); never raises for problems in the policy.

    Errors are what :func:`load_policy` would refuse: every shape problem,
    or else the first problem of ``extends`` or contradicting rules
    (:func:`~credguard._loading.collect_problems`);
    warnings are tables that do not say where they come from (no
    ``source``, ``quote``, ``assumed`` or ``note``), a ``quote`` without a
    ``source``, and a file without ``[policy] name``.
    """
    label = os.fspath(name_or_path) if isinstance(name_or_path, os.PathLike) else name_or_path
    try:
        problems = collect_problems(name_or_path)
        if problems:
            return tuple(
                LintFinding(error.file or str(label), error.line, error.key or "", error.problem)
                for error in problems
            )
        doc = read_document(name_or_path)
    except PolicyError as error:
        return (LintFinding(error.file or str(label), error.line, error.key or "", error.problem),)
    except UnknownPresetError as error:
        return (LintFinding(str(label), None, "", str(error)),)
    findings: list[LintFinding] = []
    index = doc.index

    def warn(key: str, problem: str) -> None:
        findings.append(LintFinding(doc.file, index.line_of(key), key, problem, "warning"))

    if "name" not in doc.data.get("policy", {}):
        warn("policy", "no name: the policy is named after its file")
    for path, table in _tables_to_trace(doc.data):
        traced = [key for key in PROVENANCE_KEYS if key in table]
        if not traced:
            warn(path, 'no provenance: add source and quote, or assumed = "<reason>"')
        elif "quote" in table and "source" not in table:
            warn(f"{path}.quote", "a quote without a source")
    return tuple(findings)
