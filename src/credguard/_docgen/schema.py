"""Generate the JSON Schema of policy files, ``credguard/schema/policy.schema.json``.

The schema is derived from the code, so it cannot drift from what the
loader accepts: each ``[rules.<name>]`` table lists the policy parameters of
the registered rule class (:func:`~credguard._loading.policy_parameters`,
typed from its annotations), each section the fields of its settings class,
and every table the provenance keys.  What annotations cannot say (allowed
names, ranges, descriptions) comes from each field's
:class:`~credguard._params.Param` declaration.

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

from .._loading import OVERRIDE_KINDS, POLICY_KEYS, policy_parameters
from .._params import Param, params_of
from .._sections import PROVENANCE_KEYS, SECTIONS, Provenance, events_of
from ..rules import RULES
from . import generate

__all__ = ["build_schema", "main", "render_schema"]

_DATE: Final = {"type": "string", "description": params_of(Provenance)["retrieved"].doc}


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


def _with_param(schema: dict[str, Any], spec: Param | None) -> dict[str, Any]:
    """*schema* (from the annotation) with what the parameter's declaration adds."""
    if spec is None:  # a user-registered rule's field: its annotation is all there is
        return schema
    kind = schema.get("type")
    bounds: dict[str, Any] = {}
    if spec.range is not None:
        bounds["minimum"] = spec.range[0]
        if spec.range[1] is not None:
            bounds["maximum"] = spec.range[1]
    if kind == "array":
        if spec.choices is not None:
            schema["items"] = {**schema.get("items", {}), "enum": list(spec.choices)}
        if spec.min_items:
            schema["minItems"] = spec.min_items
        if spec.unique:
            schema["uniqueItems"] = True
    elif kind == "object":
        if spec.choices is not None:
            schema["propertyNames"] = {"enum": list(spec.choices)}
        if bounds:
            schema["additionalProperties"] = {**schema.get("additionalProperties", {}), **bounds}
    else:
        if spec.choices is not None:
            schema["enum"] = list(spec.choices)
        if spec.min_items:
            schema["minLength"] = spec.min_items
        schema.update(bounds)
    schema["description"] = spec.doc
    return schema


def _table(name: str, cls: type, extra: Mapping[str, Any]) -> dict[str, Any]:
    declared = params_of(cls)
    properties = {
        param: _with_param(_type_schema(hint), declared.get(param))
        for param, hint in policy_parameters(cls).items()
    }
    properties.update(extra)
    provenance = params_of(Provenance)
    properties.update(
        {
            key: {"type": "string", "description": provenance[key].doc}
            for key in sorted(PROVENANCE_KEYS)
        }
    )
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
    policy_props: dict[str, Any] = {key: {"type": "string"} for key in POLICY_KEYS}
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
            "properties": dict.fromkeys(OVERRIDE_KINDS, kind),
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
