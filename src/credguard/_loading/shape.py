"""The shape of one policy file: known tables and keys, and the type of every value.

Checked file by file, before ``extends`` is resolved, so an error names the
file that wrote the key.  An unknown key gets a "did you mean"; a key that
would bring a regular expression is refused with the reason.  Which keys a
rule or section takes, and their types, come from :mod:`.hints`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, Final

from .._context import KINDS
from .._params import code_only_problem
from .._problems import Problem, did_you_mean
from .._sections import PROVENANCE_KEYS, SECTIONS, events_of
from ..errors import PolicyError
from ..rules import RULES
from .document import Document
from .hints import expected, matches, policy_parameters, toml_kind

__all__ = ["OVERRIDE_KINDS", "POLICY_KEYS", "check_shape"]

#: Keys of the ``[policy]`` table.
POLICY_KEYS: Final = (
    "name",
    "title",
    "title_ja",
    "description",
    "extends",
    "source",
    "retrieved",
    "published",
    "assumed",
)
#: Kinds with a ``[kinds.<kind>.rules.*]`` table (login's rules are ``[rules.*]``).
OVERRIDE_KINDS: Final = tuple(kind for kind in KINDS if kind != "login")
_TOP_KEYS: Final = ("policy", "rules", "kinds", *SECTIONS)
#: Keys that would smuggle a pattern language into a policy.
_REGEX_KEYS: Final = frozenset({"regex", "regexp", "pattern", "patterns", "match", "re"})


def _wrong(wanted: str | Problem, value: object) -> Problem:
    """ "must be <wanted>, not <the TOML type of value>"."""
    wanted = Problem(wanted) if isinstance(wanted, str) else wanted
    return Problem("value.type", wanted=wanted, actual=toml_kind(value))


def _check_table(doc: Document, value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(_wrong("type.table", value), path)
    return value


def _unknown(doc: Document, key: str, options: Iterable[str], path: str, what: str) -> PolicyError:
    if key in _REGEX_KEYS:
        return doc.error(Problem("shape.regex"), f"{path}.{key}" if path else key)
    hint = did_you_mean(key, options)
    return doc.error(Problem(what, hint=hint), f"{path}.{key}" if path else key)


def _check_keys(doc: Document, table: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
    options = tuple(allowed)
    for key in table:
        if key not in options:
            raise _unknown(doc, key, options, path, "shape.unknown_key")


def _check_values(
    doc: Document, table: Mapping[str, Any], hints: Mapping[str, Any], path: str
) -> None:
    for key, value in table.items():
        if key in PROVENANCE_KEYS:
            if not isinstance(value, (str, datetime.date)):
                raise doc.error(_wrong("type.string", value), f"{path}.{key}")
        elif key == "enabled":
            if not isinstance(value, bool):
                raise doc.error(Problem("value.true_or_false"), f"{path}.{key}")
        elif not matches(value, hints[key]):
            raise doc.error(_wrong(expected(hints[key]), value), f"{path}.{key}")


def _check_rule_tables(doc: Document, value: object, path: str) -> None:
    tables = _check_table(doc, value, path)
    for name, table in tables.items():
        if name not in RULES:
            raise _unknown(doc, name, RULES, path, "shape.unknown_rule")
        table = _check_table(doc, table, f"{path}.{name}")
        hints = policy_parameters(RULES[name])
        for item in fields(RULES[name]):  # type: ignore[arg-type]
            if item.init and item.name not in hints and item.name in table:
                problem = code_only_problem(item) or "shape.code_only"
                raise doc.error(Problem(problem), f"{path}.{name}.{item.name}")
        _check_keys(doc, table, (*hints, *sorted(PROVENANCE_KEYS), "enabled"), f"{path}.{name}")
        _check_values(doc, table, hints, f"{path}.{name}")


def check_shape(doc: Document) -> None:
    """Refuse the first unknown table or key, or value of the wrong type, in *doc*."""
    data = doc.data
    _check_keys(doc, data, _TOP_KEYS, "")
    meta = _check_table(doc, data.get("policy", {}), "policy")
    _check_keys(doc, meta, POLICY_KEYS, "policy")
    for key, value in meta.items():
        if key in ("retrieved", "published") and isinstance(value, datetime.date):
            continue
        if not isinstance(value, str):
            raise doc.error(_wrong("type.string", value), f"policy.{key}")
    _check_rule_tables(doc, data.get("rules", {}), "rules")
    kinds = _check_table(doc, data.get("kinds", {}), "kinds")
    for kind, kind_table in kinds.items():
        if kind not in OVERRIDE_KINDS:
            login = Problem("hint.login_rules") if kind == "login" else ""
            hint = did_you_mean(kind, OVERRIDE_KINDS)
            problem = Problem("shape.unknown_kind", hint=hint, login=login, kinds=OVERRIDE_KINDS)
            raise doc.error(problem, f"kinds.{kind}")
        kind_table = _check_table(doc, kind_table, f"kinds.{kind}")
        _check_keys(doc, kind_table, ("rules",), f"kinds.{kind}")
        _check_rule_tables(doc, kind_table.get("rules", {}), f"kinds.{kind}.rules")
    for name, cls in SECTIONS.items():
        if name in data:
            _check_section(doc, data[name], cls, name)


def _check_section(doc: Document, value: object, cls: type, path: str) -> None:
    """A section table; a section with events checks each event's sub-table too."""
    table = _check_table(doc, value, path)
    events = events_of(cls)
    hints = policy_parameters(cls)
    for key, item in table.items():
        if events and isinstance(item, dict) and key not in events:
            hint = did_you_mean(key, events)
            problem = Problem("shape.unknown_event", hint=hint, events=tuple(events))
            raise doc.error(problem, f"{path}.{key}")
    _check_keys(doc, table, (*hints, *sorted(PROVENANCE_KEYS), *events), path)
    _check_values(doc, {k: v for k, v in table.items() if k not in events}, hints, path)
    for event, event_cls in events.items():
        if event in table:
            _check_section(doc, table[event], event_cls, f"{path}.{event}")
