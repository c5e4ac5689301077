"""Exporting a policy to the forms other tools read.

* ``"passwordrules"``: the value of the HTML ``passwordrules`` attribute
  (Apple's password-manager rules language, read by Safari, iCloud Keychain
  and 1Password to generate a password the site accepts):
  ``minlength: 8; maxlength: 20; required: lower; required: upper;
  required: digit; allowed: [-@#$];``
* ``"keycloak"``: a Keycloak realm's password-policy string:
  ``length(8) and maxLength(20) and upperCase(1) and digits(1) and
  notUsername and passwordHistory(3)``.

Each format says less than a credguard policy.  :func:`export_policy`
returns the text and the list of what it could not say (``Export.unexpressed``:
rule names, or ``rule.parameter`` where the rule is partly expressed), so
nobody mistakes the export for the policy: the server still checks with
credguard.  Only rules of severity ``"error"`` are exported (a warning is
advice, not a requirement).  The exports are built from the rules'
parameters, never from a password or a user's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final, NamedTuple

from ._policy import Policy
from .errors import PolicyError
from .rules.charset import CHARSET_CLASSES, CharsetRule
from .rules.classes import ClassesRule
from .rules.history import HistoryRule
from .rules.length import LengthRule
from .rules.personal import PersonalDataRule
from .rules.repetition import RepetitionRule

__all__ = ["EXPORT_FORMATS", "Export", "export_policy"]


class Export(NamedTuple):
    """A policy in another tool's form, and what that form cannot say."""

    text: str
    #: Rule names (``"blocklist"``) or ``rule.parameter`` (``"classes.min_classes"``)
    #: of the kind's requirements the text does not express, in rule order.
    unexpressed: tuple[str, ...]


# One finding of an exporter: a clause of the text, or something unexpressed.
_Part = tuple[str, str]  # ("text", clause) or ("unexpressed", name)
# The clauses of one rule, given the symbols the policy's charset allows.
_Handler = Callable[[Any, "str | None"], Iterator[_Part]]
_EVERY_CHARSET_CLASS: Final = frozenset(CHARSET_CLASSES)

# credguard class -> Apple's character class.
_APPLE_CLASSES: Final = {"upper": "upper", "lower": "lower", "digit": "digit", "symbol": "special"}
# credguard class -> Keycloak's policy for "at least n of them".
_KEYCLOAK_CLASSES: Final = {
    "upper": "upperCase",
    "lower": "lowerCase",
    "digit": "digits",
    "symbol": "specialChars",
}


def _custom(chars: str) -> str:
    """Apple's custom character class: ``-`` first and ``]`` last, as the grammar asks."""
    ordered = sorted(set(chars), key=lambda c: (c != "-", c == "]", c))
    return f"[{''.join(ordered)}]"


def _class_needs(rule: ClassesRule) -> tuple[dict[str, int], tuple[str, ...], int]:
    """A classes rule as (class -> fewest characters, the k-of-n group, k)."""
    counts = dict(rule.min_counts)
    group, k = rule.of, rule.min_classes
    need = {name: max(1, counts.get(name, 1)) for name in rule.required}
    for name, count in counts.items():
        need[name] = max(need.get(name, 0), count)
    if k and k >= len(group):  # every class of the group: each is required
        for name in group:
            need.setdefault(name, 1)
        k, group = 0, ()
    return need, group, k


def _apple_class(cls: str, symbols: str | None) -> str | None:
    """Apple's name for a credguard class (None: it has none)."""
    if cls == "letter":
        return "upper, lower"  # "one of": a letter of either case
    if cls == "symbol" and symbols is not None:
        return _custom(symbols)
    return _APPLE_CLASSES.get(cls)


def _length(low: str, high: str) -> _Handler:
    """The length clauses, from the format's templates for the minimum and maximum."""

    def clauses(rule: Any, symbols: str | None) -> Iterator[_Part]:
        yield "text", low.format(rule.min)
        if rule.max is not None:
            yield "text", high.format(rule.max)

    return clauses


def _apple_classes(rule: ClassesRule, symbols: str | None) -> Iterator[_Part]:
    need, group, k = _class_needs(rule)
    for cls, count in need.items():
        apple = _apple_class(cls, symbols)
        if apple is None:
            yield "unexpressed", f"classes.{cls}"
            continue
        yield "text", f"required: {apple}"
        if count > 1:  # Apple's language has no counts
            yield "unexpressed", "classes.min_counts"
    names = [_apple_class(cls, symbols) for cls in group]
    if k == 1 and None not in names:  # "at least one of": one required line
        yield "text", f"required: {', '.join(n for n in names if n)}"
    elif k:
        yield "unexpressed", "classes.min_classes"


def _apple_allowed(rule: CharsetRule, symbols: str | None) -> Iterator[_Part]:
    allow = set(rule.allow)
    if allow >= _EVERY_CHARSET_CLASS:
        return  # anything goes: no "allowed" needed
    names = [_APPLE_CLASSES[c] for c in ("upper", "lower", "digit") if c in allow]
    custom = ""
    if "symbol" in allow:
        if rule.symbols is None:
            names.append("special")
        else:
            custom += rule.symbols
    if "space" in allow:
        custom += " "
    if custom:
        names.append(_custom(custom))
    if "non_ascii" in allow:
        names.append("unicode")
    yield "text", f"allowed: {', '.join(names)}"
    if not rule.edge_spaces and "space" in allow:
        yield "unexpressed", "charset.edge_spaces"


def _apple_repetition(rule: RepetitionRule, symbols: str | None) -> Iterator[_Part]:
    if rule.max_run is not None:
        yield "text", f"max-consecutive: {rule.max_run}"
    if rule.max_repeat_span is not None:
        yield "unexpressed", "repetition.max_repeat_span"


def _keycloak_classes(rule: ClassesRule, symbols: str | None) -> Iterator[_Part]:
    need, _, k = _class_needs(rule)
    for cls, count in need.items():
        if cls in _KEYCLOAK_CLASSES:
            yield "text", f"{_KEYCLOAK_CLASSES[cls]}({count})"
        else:
            yield "unexpressed", f"classes.{cls}"
    if symbols is not None and "symbol" in need:
        yield "unexpressed", "charset.symbols"  # Keycloak counts any special character
    if k:
        yield "unexpressed", "classes.min_classes"


def _keycloak_charset(rule: CharsetRule, symbols: str | None) -> Iterator[_Part]:
    # Keycloak has no character set: only a rule allowing everything is said.
    if not set(rule.allow) >= _EVERY_CHARSET_CLASS:
        yield "unexpressed", "charset"


def _keycloak_personal(rule: PersonalDataRule, symbols: str | None) -> Iterator[_Part]:
    if "username" in rule.fields:
        yield "text", "notUsername"
    if "email" in rule.fields:
        yield "text", "notEmail"
    # Keycloak refuses only a password *equal* to the username or email.
    yield "unexpressed", "personal"


def _keycloak_history(rule: HistoryRule, symbols: str | None) -> Iterator[_Part]:
    yield "text", f"passwordHistory({rule.generations})"


# Per format: rule class -> its clauses.  A rule of any other class is unexpressed.
_EXPORTERS: Final[dict[str, dict[type, _Handler]]] = {
    "passwordrules": {
        LengthRule: _length("minlength: {}", "maxlength: {}"),
        ClassesRule: _apple_classes,
        CharsetRule: _apple_allowed,
        RepetitionRule: _apple_repetition,
    },
    "keycloak": {
        LengthRule: _length("length({})", "maxLength({})"),
        ClassesRule: _keycloak_classes,
        CharsetRule: _keycloak_charset,
        PersonalDataRule: _keycloak_personal,
        HistoryRule: _keycloak_history,
    },
}
_SEPARATORS: Final = {"passwordrules": ("; ", ";"), "keycloak": (" and ", "")}

#: The formats :func:`export_policy` writes.
EXPORT_FORMATS: Final = tuple(_EXPORTERS)


def export_policy(policy: Policy, format: str = "passwordrules", kind: str = "login") -> Export:
    """*policy*'s requirements for a *kind* password in *format* (see the module doc)."""
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
    handlers = _EXPORTERS.get(format)
    if handlers is None:
        raise PolicyError.of("value.one_of", options=", ".join(EXPORT_FORMATS), key="format")
    rules = [rule for rule in policy.rules_for(kind) if rule.severity == "error"]
    # The symbols a charset rule allows: what "special" means for this policy.
    symbols = next((r.symbols for r in rules if isinstance(r, CharsetRule)), None)
    clauses: list[str] = []
    unexpressed: list[str] = []
    for rule in rules:
        handler = handlers.get(type(rule))
        parts = handler(rule, symbols) if handler else iter([("unexpressed", rule.NAME)])
        for what, value in parts:
            target = clauses if what == "text" else unexpressed
            if value not in target:
                target.append(value)
    between, end = _SEPARATORS[format]
    text = between.join(clauses) + end if clauses else ""
    return Export(text, tuple(unexpressed))
