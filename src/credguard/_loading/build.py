"""Building a :class:`~credguard.Policy` from resolved tables, and checking it holds together.

Each rule and section is built from its merged table (:mod:`.extends`); a
rule's own :class:`~credguard.PolicyError` is pointed at the file and line
its key came from (:func:`_locate`).  Then contradictions between the rules
of one kind are refused: a required class the character set excludes,
length, charset and classes rules no password can meet together (the
shortest password they allow is longer than the longest one allowed, or
there is none: :mod:`.satisfiable`), a kind told to differ from itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, Final

from .._params import params_of
from .._policy import Policy
from .._problems import Problem
from .._sections import PROVENANCE_KEYS, SECTIONS, PolicyMeta, Provenance, events_of
from ..errors import PolicyError
from ..rules import RULES, Rule
from .document import Document
from .extends import HERE, NOT_PARAMS, Layers, Table, layer
from .satisfiable import max_length, shortest
from .shape import OVERRIDE_KINDS

__all__ = ["build"]


def _locate(error: PolicyError, table: Table, fallback: tuple[Document, str]) -> PolicyError:
    """Point a rule's own error at the file and line its key came from."""
    if error.key and error.key.split(".")[0] in table:
        _, doc, path = table[error.key.split(".")[0]]
        path = f"{path}{error.key[len(error.key.split('.')[0]) :]}"
    else:
        doc, path = fallback
        if error.key:
            path = f"{path}.{error.key}"
    return PolicyError(error.detail, file=doc.file, line=doc.index.line_of(path), key=path)


def _where(table: Table) -> tuple[Document, str]:
    """The most derived file that wrote this table, and the table's path there."""
    _, doc, path = table[HERE]
    return doc, path


def _params(table: Table) -> dict[str, Any]:
    return {k: v for k, (v, _, _) in table.items() if k not in NOT_PARAMS}


def _provenance(table: Table) -> Provenance:
    found = {k: entry for k, entry in table.items() if k in PROVENANCE_KEYS}
    values = {
        k: v.isoformat() if isinstance(v, datetime.date) else v for k, (v, _, _) in found.items()
    }
    origin = next(iter(found.values()))[1] if found else table[HERE][1]
    try:
        return Provenance(**values, origin=origin.name)
    except PolicyError as error:  # a wording or status outside its vocabulary
        raise _locate(error, table, _where(table)) from None


def _own_provenance(table: Table) -> Provenance:
    """The provenance written beside ``enabled = false`` (not one inherited from login's table).

    A rule turned off keeps the reason its table gives (GMO's trade PIN:
    the format is not published), so ``show`` can say why it is off.
    """
    _, doc, path = table["enabled"]
    here = path.rpartition(".")[0]
    own = {
        key: entry
        for key, entry in table.items()
        if key in PROVENANCE_KEYS and entry[1] is doc and entry[2].rpartition(".")[0] == here
    }
    return _provenance({**own, HERE: table[HERE]})


def _rule_params(cls: type, table: Table) -> dict[str, Any]:
    """The rule's arguments; a relative path is read relative to the file that names it."""
    params = _params(table)
    # The annotation's text is enough to spot a path (and much cheaper than resolving it).
    for key in (f.name for f in fields(cls) if "PathLike" in str(f.type)):
        value = params.get(key)
        if isinstance(value, str):
            base = table[key][1].base
            if base is not None and not Path(value).is_absolute():
                params[key] = str(base / value)
    return params


def _build_rule(name: str, table: Table, advice: str, wording: str | None) -> Rule:
    """The rule of *table*; with ``advice="warn"``, what the page only advises warns."""
    cls = RULES[name]
    params = _rule_params(cls, table)
    if advice == "warn":
        if wording == "advised":
            params["severity"] = "warning"
        # A rule whose page advises some of its parts only (personal: some fields).
        if "advised_severity" in params_of(cls):
            params["advised_severity"] = "warning"
    try:
        return RULES[name](**params)
    except PolicyError as error:
        raise _locate(error, table, _where(table)) from None
    except (TypeError, ValueError) as error:  # a value of the wrong shape reached a rule
        doc, path = _where(table)
        raise doc.error(Problem("build.invalid_value", error=str(error)), path) from None


_CHARSET_OF_CLASS: Final = {
    "upper": ("upper",),
    "lower": ("lower",),
    "digit": ("digit",),
    "symbol": ("symbol",),
    "space": ("space",),
    "letter": ("upper", "lower", "non_ascii"),
    "other": ("non_ascii",),
}


def _check_separation(kind: str, rule: Rule | None, table: Table | None) -> None:
    """A kind cannot be told to differ from itself (that is history's job)."""
    if rule is None or table is None or kind not in getattr(rule, "differ_from", ()):
        return
    doc, path = _where(table)
    inherited = kind != "login" and not path.startswith(f"kinds.{kind}.")
    problem = Problem(
        "build.differ_from_inherited" if inherited else "build.differ_from_self", kind=kind
    )
    raise _locate(PolicyError(problem, key="differ_from"), table, (doc, path))


def _check_consistency(kind_rules: Mapping[str, Rule], tables: Mapping[str, Table]) -> None:
    """Contradictions between rules of one kind: no password could satisfy them."""
    length = kind_rules.get("length")
    classes = kind_rules.get("classes")
    charset = kind_rules.get("charset")
    if classes is None and charset is None:
        return
    if classes is not None and charset is not None:
        _check_classes_allowed(classes, charset, tables["classes"])
    best = shortest(charset, classes)
    limit = max_length(length)
    if best is not None and best <= limit:
        return
    if classes is None:  # the charset alone: only spaces, and none at the ends
        table = tables["charset"]
        problem = Problem("build.only_spaces")
        raise _locate(PolicyError(problem, key="edge_spaces"), table, _where(table))
    table = tables["classes"]
    key = "min_counts" if "min_counts" in table else "required"
    key = key if key in table else "min_classes"
    if best is None:
        problem = Problem("build.allow_and_edges")
    elif getattr(length, "max", None) is not None:
        problem = Problem("build.over_max", best=best, limit=limit)
    else:
        problem = Problem("build.over_cap", best=best, limit=limit)
    raise _locate(PolicyError(problem, key=key), table, _where(table))


def _check_classes_allowed(classes: Rule, charset: Rule, table: Table) -> None:
    """Each class the classes rule asks for must be one the charset allows."""
    where = _where(table)

    def fail(problem: Problem, key: str) -> PolicyError:
        return _locate(PolicyError(problem, key=key), table, where)

    allowed = set(getattr(charset, "allow", ()))
    for key in ("required", "min_counts"):
        for name in getattr(classes, key, ()):
            if not allowed.intersection(_CHARSET_OF_CLASS[name]):
                raise fail(Problem("build.class_excluded", name=name), key)
    of = getattr(classes, "of", ())
    usable = [name for name in of if allowed.intersection(_CHARSET_OF_CLASS[name])]
    min_classes = getattr(classes, "min_classes", 0)
    if min_classes > len(usable):
        raise fail(
            Problem("build.classes_excluded", wanted=min_classes, usable=len(usable)),
            "min_classes",
        )


def _build_kind(
    kind: str, tables: Mapping[str, Table], advice: str
) -> tuple[tuple[Rule, ...], dict[str, Provenance]]:
    ordered = {name: tables[name] for name in RULES if name in tables}
    built: dict[str, Rule] = {}
    provenance: dict[str, Provenance] = {}
    for name, table in ordered.items():
        if table.get("enabled", (True,))[0] is False:
            off = _own_provenance(table)
            if off:
                provenance[name] = off
            continue
        provenance[name] = _provenance(table)
        built[name] = _build_rule(name, table, advice, provenance[name].wording)
    _check_consistency(built, ordered)
    _check_separation(kind, built.get("separation"), ordered.get("separation"))
    return tuple(built.values()), provenance


def _build_section(cls: type, table: Table, events: Mapping[str, Any] | None = None) -> Any:
    provenance = _provenance(table)  # its own errors are located already
    try:
        return cls(**_params(table), **(events or {}), provenance=provenance)
    except PolicyError as error:
        raise _locate(error, table, _where(table)) from None


def build(doc: Document, layers: Layers, advice: str = "error") -> Policy:
    """The policy of *doc*, from its tables after ``extends`` (*layers*).

    *advice* is ``"error"`` (every rule reports errors, whatever its
    ``wording``) or ``"warn"`` (rules whose wording is ``advised`` report
    warnings).
    """
    rules, login_provenance = _build_kind("login", layers.rules, advice)
    kinds: dict[str, tuple[Rule, ...]] = {}
    provenance = {"login": login_provenance}
    for kind in OVERRIDE_KINDS:
        overrides = layers.kinds.get(kind)
        if not overrides:
            login_separation = next((r for r in rules if r.NAME == "separation"), None)
            _check_separation(kind, login_separation, layers.rules.get("separation"))
            continue
        # A kind inherits login's tables and overrides them key by key.
        merged = dict(layers.rules)
        for name, table in overrides.items():
            merged[name] = layer(merged.get(name), table)
        kinds[kind], provenance[kind] = _build_kind(kind, merged, advice)
    sections: dict[str, Any] = {}
    for name, cls in SECTIONS.items():
        if name not in layers.sections:
            continue
        events = {
            event: _build_section(event_cls, layers.sections[f"{name}.{event}"])
            for event, event_cls in events_of(cls).items()
            if f"{name}.{event}" in layers.sections
        }
        sections[name] = _build_section(cls, layers.sections[name], events)
    meta = doc.data.get("policy", {})
    # Dates may be TOML dates; every other [policy] key is a string.
    extra = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in meta.items()
        if key in ("retrieved", "published", "assumed")
    }
    try:
        return Policy(
            name=doc.name,
            rules=rules,
            kinds=kinds,
            title=meta.get("title", ""),
            title_ja=meta.get("title_ja", ""),
            meta=PolicyMeta(
                description=meta.get("description", ""),
                source=meta.get("source", ""),
                extends=tuple(layers.chain),
                file=doc.file,
                **extra,
            ),
            provenance=provenance,
            **sections,
        )
    except PolicyError as error:
        raise error.located(file=doc.file) from None
