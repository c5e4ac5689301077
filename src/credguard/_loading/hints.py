"""The types a policy file may give a rule's or section's parameters.

Read from the classes' dataclass field annotations, so a rule family added
later is checked without code here knowing it: :func:`policy_parameters`
lists what a file can set, :func:`matches` tells whether a TOML value fits
an annotation, and :func:`expected` and :func:`toml_type` word the error.
"""

from __future__ import annotations

import datetime
import sys
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, Final

from .._params import code_only_problem
from .._problems import Problem

__all__ = ["expected", "matches", "policy_parameters", "toml_kind", "toml_type"]


def toml_type(value: object) -> str:
    """The TOML name of a parsed value's type."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    names = {str: "string", float: "float", list: "array", dict: "table"}
    for cls, name in names.items():
        if isinstance(value, cls):
            return name
    if isinstance(value, (datetime.date, datetime.time)):
        return "date"
    return type(value).__name__


_TOML_KINDS: Final = {
    "boolean": "toml.boolean",
    "integer": "toml.integer",
    "string": "toml.string",
    "float": "toml.float",
    "array": "toml.array",
    "table": "toml.table",
    "date": "toml.date",
}


def toml_kind(value: object) -> Problem:
    """:func:`toml_type` as a message part, worded in the reader's language."""
    name = toml_type(value)
    known = _TOML_KINDS.get(name)
    return Problem(known) if known else Problem("hint.code_name", name=name)


def expected(hint: Any) -> Problem:
    """A reader's name for a field type ("an integer"), as a message part."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return Problem("type.one_of", values=", ".join(repr(a) for a in typing.get_args(hint)))
    if origin in (typing.Union, types.UnionType):
        first, *rest = (expected(a) for a in typing.get_args(hint) if a is not type(None))
        for second in rest:
            first = Problem("type.either", first=first, second=second)
        return first
    if origin in (tuple, list, frozenset, set) or (
        isinstance(origin, type) and issubclass(origin, Iterable) and origin is not str
    ):
        if origin is not None and issubclass(origin, Mapping):
            return Problem("type.table")
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        # Only arrays of strings occur in policies today; others are just "an array".
        return Problem("type.strings" if args and args[0] is str else "type.array")
    simple = {bool: "type.boolean", int: "type.integer", float: "type.number", str: "type.string"}
    if hint in simple:
        return Problem(simple[hint])
    return Problem("hint.code_name", name=getattr(hint, "__name__", str(hint)))


def matches(value: object, hint: Any) -> bool:
    """Does a TOML value fit a field annotation?  Unknown hints are left to the rule."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(matches(value, a) for a in typing.get_args(hint) if a is not type(None))
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        args = typing.get_args(hint)
        return isinstance(value, dict) and (
            not args or all(matches(k, args[0]) and matches(v, args[1]) for k, v in value.items())
        )
    if isinstance(origin, type) and issubclass(origin, Iterable):
        items = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return isinstance(value, list) and (not items or all(matches(v, items[0]) for v in value))
    return True


def _resolve_hint(cls: type, annotation: object) -> Any:
    """One field's annotation resolved in its class's module, or None if it cannot be."""
    holder = type("_Holder", (), {"__annotations__": {"value": annotation}})
    module = sys.modules.get(cls.__module__)
    try:
        return typing.get_type_hints(holder, globalns=vars(module) if module else None)["value"]
    except Exception:  # an import under TYPE_CHECKING: a code-only parameter
        return None


def _representable(hint: Any) -> bool:
    """Can a TOML value have this type?  (A hasher or a transport cannot.)"""
    if hint in (bool, int, float, str):
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_representable(a) for a in typing.get_args(hint) if a is not type(None))
    if isinstance(origin, type) and issubclass(origin, Iterable) and origin is not str:
        return all(_representable(a) for a in typing.get_args(hint) if a is not Ellipsis)
    return False


def policy_parameters(cls: type) -> dict[str, Any]:
    """The init fields of a rule or section class that a policy file can set, with types.

    Fields whose type no TOML value can have (a ``PasswordHasher``, an HTTP
    transport) are set in code only, so a policy file naming them gets the
    usual "unknown key"; so are fields declared :func:`~credguard._params.code_only`.
    """
    try:
        # One resolution for the whole class: much cheaper than one per field.
        hints: Mapping[str, Any] | None = typing.get_type_hints(cls)
    except Exception:  # an import under TYPE_CHECKING: resolve field by field
        hints = None
    params: dict[str, Any] = {}
    for item in fields(cls):
        if not item.init or item.name == "provenance" or code_only_problem(item):
            continue
        hint = hints[item.name] if hints is not None else _resolve_hint(cls, item.type)
        if _representable(hint):
            params[item.name] = hint
    return params
