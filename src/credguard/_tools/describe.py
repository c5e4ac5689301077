"""Describing a resolved policy: the library side of ``credguard show``.

:func:`describe_policy` returns a frozen :class:`PolicyDescription` that a
tool renders as text or JSON.  A rule's parameters are read from its
dataclass fields (:func:`table_params`), so every rule family — including
ones added later — is described without code here knowing it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from .._catalogue import Catalogue, Lang
from .._context import KINDS
from .._loading import PolicySource, as_policy, policy_parameters
from .._plain import as_dict, plain
from .._sections import PolicyMeta, Provenance, section_tables

__all__ = [
    "PolicyDescription",
    "RuleDescription",
    "describe_policy",
    "format_value",
    "table_params",
]


def table_params(obj: object) -> dict[str, object]:
    """The policy-file parameters of a rule or section (not a hasher, not provenance)."""
    return {name: plain(getattr(obj, name)) for name in policy_parameters(type(obj))}


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
        return as_dict(self)


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
    #: Rules a kind turns off (``enabled = false``) that say why (GMO's trade
    #: PIN: its format is not published), with that provenance.
    off: tuple[RuleDescription, ...] = ()

    def why_off(self, kind: str, rule: str) -> Provenance:
        """The provenance *kind* gives for turning *rule* off (empty when none)."""
        found = (r.provenance for r in self.off if (r.kind, r.rule) == (kind, rule))
        return next(found, Provenance())

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
            "assumed": self.meta.assumed,
            "extends": list(self.meta.extends),
            "rules": [r.to_dict() for r in self.rules],
            "kinds_with_own_rules": list(self.own_kinds),
            "sections": [s.to_dict() for s in self.sections],
            "off": [r.to_dict() for r in self.off],
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
            ("assumed", self.meta.assumed),
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
                lines.extend(_render_item(rule, words, lang))
            for name in dropped:
                lines.append(f"  {name}: {words['off']}")
                lines.extend(_provenance_lines(self.why_off(kind, name), words, lang))
        if self.sections:
            lines.append("")
        for section in self.sections:
            lines.extend(_render_item(section, words, lang))
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
        "gloss": ("meaning", "意味(英語)"),
        "evidence": ("evidence", "情報の出所"),
        "first_party": ("first-party (the author's own page)", "公表元自身のページ(一次情報)"),
        "third_party": (
            "third-party (a blog, press report or summary)",
            "第三者の情報(ブログ・報道・要約)",
        ),
        "assumed_text": ("assumption", "前提の説明"),
        "note_text": ("note", "注記"),
        "english_only": (
            "the {what} is in English only: see it with --lang en",
            "{what}は英語でのみ記載されています(--lang en で表示できます)",
        ),
        "wording": ("wording", "表現"),
        "required": ("required", "必須"),
        "advised": ("advised", "推奨"),
        "status": ("status", "状況"),
        "planned": ("planned", "予定"),
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


def _render_item(item: RuleDescription, words: Mapping[str, str], lang: Lang) -> list[str]:
    # None is "not set" in a rule (no bound) and "unknown" in a section.
    none = words["unknown"] if not item.kind else words["not_set"]
    params = ", ".join(f"{k} = {format_value(v, none)}" for k, v in item.params.items())
    return [f"  {item.rule}: {params}", *_provenance_lines(item.provenance, words, lang)]


def _provenance_lines(prov: Provenance, words: Mapping[str, str], lang: Lang) -> list[str]:
    lines = []
    if prov.wording:
        lines.append(f"    {words['wording']}: {words[prov.wording]}")
    if prov.status == "planned":
        date = f" ({prov.published})" if prov.published else ""
        lines.append(f"    {words['status']}: {words['planned']}{date}")
    # A quote is the source's own words, shown as written in both languages.
    if prov.quote:
        lines.append(f"    {words['quote']}: 「{prov.quote}」")
    if prov.gloss and lang == "en":
        lines.append(f"    {words['gloss']}: {prov.gloss}")
    if prov.source:
        lines.append(f"    {words['source']}: {prov.source}")
    if prov.evidence:
        lines.append(f"    {words['evidence']}: {words[prov.evidence]}")
    for label in ("assumed", "note"):
        english, japanese = getattr(prov, label), getattr(prov, f"{label}_ja")
        if lang == "ja" and japanese:
            lines.append(f"    {words[label]}: {japanese}")
        elif lang == "ja" and english:
            # English free text is not mixed into Japanese output; say where it is.
            what = words[f"{label}_text"]
            lines.append(f"    {_WORDS.render('english_only', {'what': what}, lang)}")
        elif english:
            lines.append(f"    {words[label]}: {english}")
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
            RuleDescription(
                kind, rule.NAME, table_params(rule), resolved.provenance_of(rule.NAME, kind)
            )
            for rule in resolved.rules_for(kind)
        )
    off = [
        RuleDescription(kind, name, {}, prov)
        for kind in ("login", *own_kinds)
        for name, prov in resolved.provenance.get(kind, {}).items()
        if name not in {rule.NAME for rule in resolved.rules_for(kind)}
    ]
    sections = [
        RuleDescription("", name, table_params(section), section.provenance)
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
        off=tuple(off),
    )
