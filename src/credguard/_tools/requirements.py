"""``describe_requirements``: a policy's rules as sentences a user can follow.

Sign-up forms, the Django validator's ``get_help_text`` and the command line
all need to tell a user *before* they choose a password what the policy
asks.  The text is built from the rules themselves, so it cannot drift from
what :meth:`~credguard.Policy.check` enforces:

* each rule family has a *describer* that reads the rule's public fields
  (``LengthRule.min``, ``ClassesRule.required`` …) and yields
  ``(requirement id, params)`` pairs;
* each requirement id has an English and a Japanese template in
  :data:`REQUIREMENTS`, a :class:`~credguard._catalogue.Catalogue` rendered
  like violation messages (class names and other vocabulary are translated
  through :data:`credguard._messages.TERMS`).

A rule family without a field-level describer (or a rule class registered by
a user) still gets one family-level sentence, so a policy is never described
as asking less than it does.  Rules of severity ``"warning"`` are described
as advice.  Params are policy numbers and vocabulary only: a description
never contains a secret.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from .._catalogue import Catalogue
from .._messages import LANGS, TERMS, Lang
from .._policy import Policy
from ..errors import PolicyError
from ..rules import Rule

__all__ = ["REQUIREMENTS", "describe_requirements", "ensure_lang", "requirements"]

Requirement = tuple[str, dict[str, object]]

# requirement id -> (English template, Japanese template): REQUIREMENTS below.
_SENTENCES: Final[Mapping[str, tuple[str, str]]] = {
    "length.range": (
        "Use {min} to {max} characters.",
        "{min}文字以上{max}文字以下にしてください。",
    ),
    "length.min": (
        "Use at least {min} characters.",
        "{min}文字以上にしてください。",
    ),
    "charset.allow": (
        "Allowed kinds of character: {allow}.",
        "使用できる文字の種類は{allow}です。",
    ),
    "charset.symbols": (
        "Allowed symbols: {symbols}",
        "使用できる記号は {symbols} です。",
    ),
    "charset.halfwidth": (
        "Type it in half-width (hankaku) characters; full-width (zenkaku) input is refused.",
        "全角文字は使用できません。半角文字で入力してください。",
    ),
    "charset.edge_space": (
        "Do not begin or end it with a space.",
        "先頭と末尾に空白は使用できません。",
    ),
    "classes.required": (
        "Include at least {min} {class} character(s).",
        "{class}を{min}文字以上含めてください。",
    ),
    "classes.min_classes": (
        "Combine at least {min} of these kinds of character: {of}.",
        "{of}のうち{min}種類以上を組み合わせてください。",
    ),
    "repetition.max_run": (
        "Do not use the same character more than {max} time(s) in a row.",
        "同じ文字の連続は{max}文字までにしてください。",
    ),
    "repetition.max_repeat_span": (
        "Do not repeat a block of characters (such as abcabc) over more than {max} characters.",
        "同じ文字列の繰り返し（abcabc など）は{max}文字までにしてください。",
    ),
    "sequence.max_run": (
        "Do not use more than {max} letters or digits in ascending or descending order"
        " (such as 123456 or abcdef).",
        "昇順・降順に並んだ英字や数字（123456、abcdef など）は{max}文字までにしてください。",
    ),
    "keyboard.max_run": (
        "Do not type more than {max} neighbouring keys in a line (such as qwerty or 1qaz).",
        "キーボードで隣り合うキーを続けて押した並び（qwerty、1qaz など）は"
        "{max}個までにしてください。",
    ),
    "history.generations": (
        "Do not reuse any of your last {generations} passwords.",
        "過去{generations}回以内に使用したパスワードは使用できません。",
    ),
    "separation.differ_from": (
        "Use a password different from your {differ_from}.",
        "{differ_from}とは異なるパスワードにしてください。",
    ),
    # Family-level sentences: the family's contract (docs/rules.md) does not
    # depend on its parameters, so these stay true whatever the rule holds.
    "blocklist": (
        "Do not use a common or leaked password.",
        "よく使われるパスワードや流出したパスワードは使用できません。",
    ),
    "breached": (
        "Do not use a password that appears in known data breaches.",
        "過去の情報漏えいで流出したパスワードは使用できません。",
    ),
    # {fields}: the personal.* codes of the fields, TERMS vocabulary
    "personal.contains": (
        "Do not use {fields} in the password, in any spelling.",
        "{fields}から作られる文字列を含むパスワードは使用できません。",
    ),
    "personal.equals": (
        "The password must not be the same as {fields}.",
        "{fields}と同じパスワードは使用できません。",
    ),
    "strength": (
        "Choose a password that is hard to guess.",
        "推測されにくいパスワードにしてください。",
    ),
    "rule": (
        "Pass the policy's {name} check.",
        "ポリシーの「{name}」チェックを満たしてください。",
    ),
    # Prefix of a rule whose severity is "warning".
    "advice": ("Recommended: {text}", "推奨：{text}"),
}
#: requirement id -> (English template, Japanese template), rendered through TERMS.
REQUIREMENTS: Final = Catalogue(_SENTENCES, TERMS)

_ALL_CHARSET_CLASSES: Final = frozenset({"upper", "lower", "digit", "symbol", "space", "non_ascii"})


def _length(rule: Any) -> Iterator[Requirement]:
    if rule.max is None:
        yield "length.min", {"min": rule.min}
    else:
        yield "length.range", {"min": rule.min, "max": rule.max}


def _charset(rule: Any) -> Iterator[Requirement]:
    allow = tuple(rule.allow)
    if set(allow) != _ALL_CHARSET_CLASSES:
        yield "charset.allow", {"allow": allow}
    if rule.symbols is not None:
        yield "charset.symbols", {"symbols": rule.symbols}
    if rule.fullwidth == "reject":
        yield "charset.halfwidth", {}
    if not rule.edge_spaces:
        yield "charset.edge_space", {}


def _classes(rule: Any) -> Iterator[Requirement]:
    # The same derivation ClassesRule.check enforces: every required class
    # (once, or its min_counts), then min_counts of classes not required.
    counts: Mapping[str, int] = rule.min_counts
    needs = {name: counts.get(name, 1) for name in rule.required}
    needs.update((name, count) for name, count in counts.items() if name not in needs)
    for name, count in needs.items():
        yield "classes.required", {"class": name, "min": count}
    if rule.min_classes:
        yield "classes.min_classes", {"min": rule.min_classes, "of": tuple(rule.of)}


def _repetition(rule: Any) -> Iterator[Requirement]:
    if rule.max_run is not None:
        yield "repetition.max_run", {"max": rule.max_run}
    if rule.max_repeat_span is not None:
        yield "repetition.max_repeat_span", {"max": rule.max_repeat_span}


def _max_run(requirement: str) -> Callable[[Any], Iterator[Requirement]]:
    def describe(rule: Any) -> Iterator[Requirement]:
        yield requirement, {"max": rule.max_run}

    return describe


def _history(rule: Any) -> Iterator[Requirement]:
    yield "history.generations", {"generations": rule.generations}


def _separation(rule: Any) -> Iterator[Requirement]:
    yield "separation.differ_from", {"differ_from": tuple(rule.differ_from)}


def _personal(rule: Any) -> Iterator[Requirement]:
    equals_only = set(rule.equals_only)
    contains = tuple(f"personal.{name}" for name in rule.fields if name not in equals_only)
    equals = tuple(f"personal.{name}" for name in rule.fields if name in equals_only)
    if contains:
        yield "personal.contains", {"fields": contains}
    if equals:
        yield "personal.equals", {"fields": equals}


#: rule NAME -> describer reading that rule's fields.
_DESCRIBERS: Final[Mapping[str, Callable[[Any], Iterator[Requirement]]]] = {
    "length": _length,
    "charset": _charset,
    "classes": _classes,
    "repetition": _repetition,
    "sequence": _max_run("sequence.max_run"),
    "keyboard": _max_run("keyboard.max_run"),
    "history": _history,
    "separation": _separation,
    "personal": _personal,
}


#: Families described by one sentence whatever their parameters.
_FAMILY_SENTENCES: Final = frozenset({"blocklist", "breached", "strength"})


def _describe_rule(rule: Rule) -> Iterator[Requirement]:
    describer = _DESCRIBERS.get(rule.NAME)
    if describer is not None:
        yield from describer(rule)
    elif rule.NAME in _FAMILY_SENTENCES:
        yield rule.NAME, {}
    else:
        yield "rule", {"name": rule.NAME}


def requirements(
    policy: Policy, kind: str = "login"
) -> tuple[tuple[str, dict[str, object], str], ...]:
    """The requirements of *kind* as ``(requirement id, params, severity)``, in rule order.

    For callers that render their own text (a sign-up form's checklist);
    ids are the keys of :data:`REQUIREMENTS`.
    """
    return tuple(
        (requirement, params, rule.severity)
        for rule in policy.rules_for(kind)
        for requirement, params in _describe_rule(rule)
    )


def ensure_lang(lang: object) -> Lang:
    """Return *lang* if it is a supported language; raise :class:`PolicyError` otherwise."""
    if lang not in LANGS:
        raise PolicyError(
            f"unknown language {lang!r}; languages are {', '.join(LANGS)}", key="lang"
        )
    return lang


def describe_requirements(
    policy: Policy, kind: str = "login", lang: Lang = "en"
) -> tuple[str, ...]:
    """One sentence per requirement *policy* places on a *kind* password, in *lang*.

    >>> import credguard
    >>> credguard.describe_requirements(credguard.load_policy("recommended"))[0]
    'Use 8 to 128 characters.'
    """
    ensure_lang(lang)
    sentences: list[str] = []
    for requirement, params, severity in requirements(policy, kind):
        text = REQUIREMENTS.render(requirement, params, lang)
        if severity == "warning":
            # A sentence is never a TERMS value, so rendering leaves it as is.
            text = REQUIREMENTS.render("advice", {"text": text}, lang)
        sentences.append(text)
    return tuple(sentences)
