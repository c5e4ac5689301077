"""The shape of one policy file: known tables and keys, and the type of every value.

Checked file by file, before ``extends`` is resolved, so an error names the
file that wrote the key.  An unknown key gets a "did you mean"; a key that
would bring a regular expression is refused with the reason.  Which keys a
rule or section takes, and their types, come from :mod:`.hints`.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, Final

from .._context import KINDS
from .._sections import PROVENANCE_KEYS, SECTIONS, events_of
from ..errors import PolicyError
from ..rules import RULES
from .document import Document
from .hints import expected, matches, policy_parameters, toml_type

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


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_table(doc: Document, value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(f"must be a table, not {toml_type(value)}", path)
    return value


def _unknown(doc: Document, key: str, options: Iterable[str], path: str, what: str) -> PolicyError:
    if key in _REGEX_KEYS:
        return doc.error(
            "regular expressions are not allowed in policies (a pattern can make every"
            " check hang); use the rule families instead",
            f"{path}.{key}" if path else key,
        )
    return doc.error(f"unknown {what}{_suggest(key, options)}", f"{path}.{key}" if path else key)


def _check_keys(doc: Document, table: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
    options = tuple(allowed)
    for key in table:
        if key not in options:
            raise _unknown(doc, key, options, path, "key")


def _check_values(
    doc: Document, table: Mapping[str, Any], hints: Mapping[str, Any], path: str
) -> None:
    for key, value in table.items():
        if key in PROVENANCE_KEYS:
            if not isinstance(value, (str, datetime.date)):
                raise doc.error(f"must be a string, not {toml_type(value)}", f"{path}.{key}")
        elif key == "enabled":
            if not isinstance(value, bool):
                raise doc.error("must be true or false", f"{path}.{key}")
        elif not matches(value, hints[key]):
            raise doc.error(
                f"must be {expected(hints[key])}, not {toml_type(value)}", f"{path}.{key}"
            )


def _check_rule_tables(doc: Document, value: object, path: str) -> None:
    tables = _check_table(doc, value, path)
    for name, table in tables.items():
        if name not in RULES:
            raise _unknown(doc, name, RULES, path, "rule")
        table = _check_table(doc, table, f"{path}.{name}")
        hints = policy_parameters(RULES[name])
        code_only = {f.name for f in fields(RULES[name]) if f.init} - set(hints)  # type: ignore[arg-type]
        for key in code_only.intersection(table):
            raise doc.error(
                "is set in code, not in a policy file (for example Policy.with_hasher)",
                f"{path}.{name}.{key}",
            )
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
            raise doc.error(f"must be a string, not {toml_type(value)}", f"policy.{key}")
    _check_rule_tables(doc, data.get("rules", {}), "rules")
    kinds = _check_table(doc, data.get("kinds", {}), "kinds")
    for kind, kind_table in kinds.items():
        if kind not in OVERRIDE_KINDS:
            hint = " (login's rules are [rules.*])" if kind == "login" else ""
            raise doc.error(
                f"unknown kind{_suggest(kind, OVERRIDE_KINDS)}{hint}; kinds are"
                f" {', '.join(OVERRIDE_KINDS)}",
                f"kinds.{kind}",
            )
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
            raise doc.error(
                f"unknown event{_suggest(key, events)}; events are {', '.join(events)}",
                f"{path}.{key}",
            )
    _check_keys(doc, table, (*hints, *sorted(PROVENANCE_KEYS), *events), path)
    _check_values(doc, {k: v for k, v in table.items() if k not in events}, hints, path)
    for event, event_cls in events.items():
        if event in table:
            _check_section(doc, table[event], event_cls, f"{path}.{event}")
