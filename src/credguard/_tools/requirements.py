"""``describe_requirements``: a policy's rules as sentences a user can follow.

Sign-up forms, the Django validator's ``get_help_text`` and the command line
all need to tell a user *before* they choose a password what the policy
asks.  The text is built from the rules themselves, so it cannot drift from
what :meth:`~credguard.Policy.check` enforces:

* each rule describes itself: its ``requirements()`` method reads its
  public fields (``LengthRule.min``, ``ClassesRule.required`` …) and yields
  ``(requirement id, params)`` pairs;
* each requirement id has an English and a Japanese template in
  :data:`REQUIREMENTS`, a :class:`~credguard._catalogue.Catalogue` rendered
  like violation messages (class names and other vocabulary are translated
  through :data:`credguard._messages.TERMS`).

A rule without ``requirements()`` (a rule class registered by a user) still
gets one family-level sentence, so a policy is never described
as asking less than it does.  Rules of severity ``"warning"`` are described
as advice; a rule the firm's page only advises (``wording = "advised"``)
but the policy enforces says so, and so does a rule the page only
announces (``status = "planned"``).  Params are policy numbers and vocabulary only: a description
never contains a secret.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

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
        "使える文字は{allow}です。",
    ),
    "charset.symbols": (
        "Allowed symbols: “{symbols}”.",
        "使える記号は「{symbols}」です。",
    ),
    "charset.halfwidth": (
        "Type it in half-width (hankaku) characters; full-width (zenkaku) input is refused.",
        "半角文字で入力してください（全角文字は使えません）。",
    ),
    "charset.edge_space": (
        "Do not begin or end it with a space.",
        "最初と最後に空白は使えません。",
    ),
    "classes.required": (
        "Include at least {min|character|characters} of this kind: {class}.",
        "{class}を{min}文字以上含めてください。",
    ),
    "classes.min_classes": (
        "Combine at least {min} of these kinds of character: {of}.",
        "{of}のうち{min}種類以上を組み合わせてください。",
    ),
    "repetition.max_run": (
        "Do not use the same character more than {max|time|times} in a row.",
        "同じ文字を続けて使うのは{max}個までにしてください。",
    ),
    "repetition.max_repeat_span": (
        "Do not repeat a block of characters (such as abcabc) over more than {max} characters.",
        "同じ並びの繰り返し（abcabc など）は{max}文字までにしてください。",
    ),
    "sequence.max_run": (
        "Do not use more than {max} letters or digits in ascending or descending order"
        " (such as 123456 or abcdef).",
        "順に並んだ文字や逆順に並んだ文字（123456、abcdef、654321 など）は"
        "{max}文字までにしてください。",
    ),
    "keyboard.max_run": (
        "Do not type more than {max} neighbouring keys in a line (such as qwerty or 1qaz).",
        "キーボードで隣り合うキーを続けて押した並び（qwerty、1qaz など）は"
        "{max}個までにしてください。",
    ),
    "history.generations": (
        "Do not reuse any of your last {generations|password|passwords}.",
        "過去{generations}回分に使ったパスワードは使えません。",
    ),
    "separation.differ_from": (
        "Use a password different from your {differ_from}.",
        "{differ_from}とは異なるパスワードにしてください。",
    ),
    # Family-level sentences: the family's contract (docs/rules.md) does not
    # depend on its parameters, so these stay true whatever the rule holds.
    "blocklist": (
        "Do not use a common or leaked password.",
        "よく使われるパスワードや、流出したことのあるパスワードは使えません。",
    ),
    "breached": (
        "Do not use a password that appears in known data breaches.",
        "過去の情報漏えいで流出したパスワードは使えません。",
    ),
    # {fields}: the personal.* codes of the fields, TERMS vocabulary
    "personal.contains": (
        "Do not use {fields} in the password, in any spelling.",
        "{fields}をパスワードに使わないでください（逆から読んだ形や似た文字に置き換えた形も使えません）。",
    ),
    "personal.equals": (
        "The password must not be the same as {fields}.",
        "{fields}と同じパスワードは使えません。",
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
    # A rule enforced although the firm's page only advises it (wording = "advised").
    "advised": ("{text} (the firm's advice)", "{text}（会社の推奨事項）"),
    # A rule the firm's page only announces (status = "planned").
    "planned": ("{text} (announced by the firm)", "{text}（会社が導入予定として公表）"),
}
#: requirement id -> (English template, Japanese template), rendered through TERMS.
REQUIREMENTS: Final = Catalogue(_SENTENCES, TERMS)


def _describe_rule(rule: Rule) -> Iterator[Requirement]:
    # A rule describes itself; a rule class registered by a user may not.
    describe = getattr(rule, "requirements", None)
    if callable(describe):
        yield from describe()
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
        raise PolicyError.of("policy.unknown_lang", key="lang", lang=lang, langs=LANGS)
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
    for rule in policy.rules_for(kind):
        # How the firm's page words the rule (a policy without provenance: unknown).
        prov = policy.provenance_of(rule.NAME, kind)
        for requirement, params in _describe_rule(rule):
            text = REQUIREMENTS.render(requirement, params, lang)
            # A sentence is never a TERMS value, so rendering leaves it as is.
            if rule.severity == "warning":
                text = REQUIREMENTS.render("advice", {"text": text}, lang)
            elif prov.wording == "advised":
                text = REQUIREMENTS.render("advised", {"text": text}, lang)
            if prov.status == "planned":
                text = REQUIREMENTS.render("planned", {"text": text}, lang)
            sentences.append(text)
    return tuple(sentences)
