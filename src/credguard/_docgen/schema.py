"""Generate the JSON Schema of policy files, ``credguard/schema/policy.schema.json``.

The schema is derived from the code, so it cannot drift from what the
loader accepts: each ``[rules.<name>]`` table lists the policy parameters of
the registered rule class (:func:`~credguard._loading.policy_parameters`,
typed from its annotations), each section the fields of its settings class,
and every table the provenance keys.  :data:`_EXTRAS` adds what annotations
cannot say (allowed class names, ranges, descriptions).

Run ``python -m credguard._docgen.schema src/credguard/schema/policy.schema.json``
after adding a rule or a parameter; ``--check`` exits 1 when the shipped
file is stale (``tests/test_schema.py`` does the same).
"""

from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from .._breach import FORMATS
from .._context import KINDS, MAX_HISTORY
from .._guard import MAX_PASSWORD_LENGTH
from .._loading import OVERRIDE_KINDS as _OVERRIDE_KINDS
from .._loading import POLICY_KEYS as _POLICY_KEYS
from .._loading import policy_parameters
from .._personal.tokens import PERSONAL_FIELDS
from .._sections import (
    MASKABLE_FIELDS,
    MFA_METHODS,
    MFA_MODES,
    NOTICE_CHANNELS,
    PROVENANCE_KEYS,
    SECTIONS,
    events_of,
)
from .._zxcvbn import BACKENDS, MAX_EVALUATED
from ..rules import RULES
from ..rules.charset import CHARSET_CLASSES
from ..rules.classes import CLASS_NAMES
from ..rules.keyboard import LAYOUTS
from ..wordlists import LIST_NAMES
from . import generate

__all__ = ["build_schema", "main", "render_schema"]

_DATE: Final = {"type": "string", "description": "a date: a TOML date (2025-05-12) or a string"}
_PROVENANCE: Final[Mapping[str, Mapping[str, Any]]] = {
    "source": {"type": "string", "description": "the URL of the page this comes from"},
    "quote": {
        "type": "string",
        "description": "the published sentence, in Japanese where the firm wrote Japanese",
    },
    "assumed": {
        "type": "string",
        "description": "what was chosen where the page is silent, and why",
    },
    "note": {"type": "string", "description": "anything else a reader should know"},
    "retrieved": _DATE,
    "published": _DATE,
}
_LENGTH: Final = {"minimum": 1, "maximum": MAX_PASSWORD_LENGTH}

#: (table, parameter) -> schema keywords added to the generated type.
_EXTRAS: Final[Mapping[tuple[str, str], Mapping[str, Any]]] = {
    ("length", "min"): {**_LENGTH, "description": "fewest code points (after NFKC)"},
    ("length", "max"): {**_LENGTH, "description": "most code points; at least min"},
    ("charset", "allow"): {"items": {"enum": list(CHARSET_CLASSES)}, "minItems": 1},
    ("charset", "symbols"): {"minLength": 1, "description": "the only ASCII symbols allowed"},
    ("charset", "fullwidth"): {"enum": ["fold", "reject"]},
    ("charset", "edge_spaces"): {"description": "false forbids a leading or trailing space"},
    ("classes", "required"): {"items": {"enum": list(CLASS_NAMES)}, "uniqueItems": True},
    ("classes", "of"): {"items": {"enum": list(CLASS_NAMES)}, "uniqueItems": True},
    ("classes", "min_classes"): {"minimum": 0, "maximum": len(CLASS_NAMES)},
    ("classes", "min_counts"): {"propertyNames": {"enum": list(CLASS_NAMES)}},
    ("repetition", "max_run"): _LENGTH,
    ("repetition", "max_repeat_span"): {"minimum": 3, "maximum": MAX_PASSWORD_LENGTH},
    ("sequence", "max_run"): _LENGTH,
    ("keyboard", "max_run"): {"minimum": 2, "maximum": MAX_PASSWORD_LENGTH},
    ("keyboard", "layouts"): {"items": {"enum": list(LAYOUTS)}, "minItems": 1},
    ("personal", "fields"): {"items": {"enum": list(PERSONAL_FIELDS)}, "uniqueItems": True},
    ("personal", "equals_only"): {"items": {"enum": list(PERSONAL_FIELDS)}, "uniqueItems": True},
    ("personal", "min_token_length"): {"propertyNames": {"enum": list(PERSONAL_FIELDS)}},
    ("blocklist", "lists"): {"items": {"enum": list(LIST_NAMES)}, "uniqueItems": True},
    ("blocklist", "min_word_length"): {"minimum": 3, "maximum": 64},
    ("blocklist", "near_miss_min_length"): {"minimum": 4, "maximum": 64},
    ("strength", "min_score"): {"minimum": 0, "maximum": 4, "description": "zxcvbn score 0-4"},
    ("strength", "max_evaluated"): {"minimum": 8, "maximum": MAX_EVALUATED},
    ("strength", "backend"): {"enum": list(BACKENDS)},
    ("breached", "file"): {"description": "a breach corpus file, relative to the policy file"},
    ("breached", "format"): {"enum": list(FORMATS)},
    ("breached", "min_count"): {"minimum": 1},
    ("breached", "on_error"): {"enum": ["fail", "warn"]},
    ("history", "generations"): {"minimum": 1, "maximum": MAX_HISTORY},
    ("separation", "differ_from"): {
        "items": {"enum": list(KINDS)},
        "minItems": 1,
        "uniqueItems": True,
    },
    ("lockout", "max_failures"): {"minimum": 1, "description": "consecutive failures that lock"},
    ("lockout", "lock_minutes"): {"minimum": 1, "description": "how long the lock lasts"},
    ("lockout", "auto_unlock"): {"description": "false: only the firm unlocks the account"},
    ("session", "idle_timeout_minutes"): {"minimum": 1},
    ("rotation", "max_age_days"): {"minimum": 1, "description": "a forced change after this"},
    ("rotation", "advised"): {"description": "the firm asks for periodic change, not enforced"},
    ("lockout", "locks"): {"description": "the account locks after consecutive failures"},
    ("session", "auto_logout"): {"description": "idle sessions are logged out"},
    # Event sub-tables ([mfa.login], [notifications.withdrawal]) use their section's entries.
    ("mfa", "phishing_resistant_planned"): {
        "minLength": 1,
        "description": "a published schedule for phishing-resistant MFA not in force yet",
    },
    ("mfa", "mode"): {"enum": list(MFA_MODES)},
    ("mfa", "methods"): {"items": {"enum": list(MFA_METHODS)}, "uniqueItems": True},
    ("mfa", "combine"): {"enum": ["any", "all"]},
    ("notifications", "sent"): {"description": "the firm sends this notification"},
    ("notifications", "opt_in"): {"description": "only to customers who turn it on"},
    ("notifications", "channels"): {"items": {"enum": list(NOTICE_CHANNELS)}, "uniqueItems": True},
    ("notifications", "to_previous_address"): {"description": "also to the address replaced"},
    ("login_history", "retention_months"): {"minimum": 1, "maximum": 1200},
    ("login_history", "deletable"): {"description": "the customer can delete or hide entries"},
    ("masking", "fields"): {"items": {"enum": list(MASKABLE_FIELDS)}, "uniqueItems": True},
    ("phishing", "login_links_in_messages"): {
        "description": "the firm's emails or SMS may link to a page asking for the password",
    },
}


def _type_schema(hint: Any) -> dict[str, Any]:
    """The JSON Schema of a (representable) field annotation."""
    simple = {bool: "boolean", int: "integer", float: "number", str: "string"}
    if hint in simple:
        return {"type": simple[hint]}
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        parts = [_type_schema(a) for a in args if a is not type(None)]
        parts = [p for p in parts if p]
        return parts[0] if len(parts) == 1 else {"anyOf": parts}
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return {"type": "object", "additionalProperties": _type_schema(args[1]) if args else {}}
    if isinstance(origin, type) and issubclass(origin, Iterable):
        items = [a for a in args if a is not Ellipsis]
        return {"type": "array", "items": _type_schema(items[0])} if items else {"type": "array"}
    return {}


def _table(name: str, cls: type, extra: Mapping[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for param, hint in policy_parameters(cls).items():
        schema = _type_schema(hint)
        extras = _EXTRAS.get((name, param)) or _EXTRAS.get((name.split(".")[0], param), {})
        for keyword, value in extras.items():
            if isinstance(value, Mapping) and isinstance(schema.get(keyword), Mapping):
                schema[keyword] = {**schema[keyword], **value}
            else:
                schema[keyword] = value
        properties[param] = schema
    properties.update(extra)
    properties.update({key: dict(_PROVENANCE[key]) for key in sorted(PROVENANCE_KEYS)})
    doc = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        "description": doc[0] if doc else name,
        "additionalProperties": False,
        "properties": properties,
    }


def build_schema() -> dict[str, Any]:
    """The schema of policy files for the rules and sections registered now."""
    enabled = {"type": "boolean", "description": "false turns off an inherited rule"}
    rules = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            name: _table(name, cls, {"enabled": enabled}) for name, cls in RULES.items()
        },
    }
    policy_props: dict[str, Any] = {key: {"type": "string"} for key in _POLICY_KEYS}
    policy_props["name"] = {"type": "string", "minLength": 1}
    policy_props["extends"] = {
        "type": "string",
        "description": "a preset name, or a path relative to this file",
    }
    policy_props["retrieved"] = policy_props["published"] = _DATE
    kind = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"rules": {"$ref": "#/$defs/rules"}},
    }
    properties: dict[str, Any] = {
        "policy": {"type": "object", "additionalProperties": False, "properties": policy_props},
        "rules": {"$ref": "#/$defs/rules"},
        "kinds": {
            "type": "object",
            "additionalProperties": False,
            "properties": dict.fromkeys(_OVERRIDE_KINDS, kind),
        },
    }
    for name, cls in SECTIONS.items():
        events = {
            event: _table(f"{name}.{event}", event_cls, {})
            for event, event_cls in events_of(cls).items()
        }
        properties[name] = _table(name, cls, events)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "credguard password policy",
        "description": "A credguard policy file (TOML); see docs/policy-format.md."
        " Generated by python -m credguard._docgen.schema.",
        "type": "object",
        "additionalProperties": False,
        "$defs": {"rules": rules},
        "properties": properties,
    }


def render_schema() -> str:
    """The text of ``policy.schema.json``."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m credguard._docgen.schema [--check] PATH``."""
    return generate(
        sys.argv[1:] if argv is None else argv, "credguard._docgen.schema", render_schema
    )


if __name__ == "__main__":
    raise SystemExit(main())
