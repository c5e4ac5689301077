"""Resolving ``extends``: parents first, then each file's tables layered over them.

Values are merged key by key, and each keeps the file and key path it came
from (an :data:`Entry`), so an error found after merging, when a rule is
built, still points at the line that wrote the value.  A chain is at most
:data:`MAX_EXTENDS_DEPTH` long and may not loop; a preset may extend only
another preset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from .._problems import Problem, did_you_mean
from .._sections import PROVENANCE_KEYS, SECTIONS, events_of
from ..errors import PolicyError
from .document import Document
from .files import list_presets, looks_like_path, parse_document, preset_text, read_file

__all__ = [
    "HERE",
    "MAX_EXTENDS_DEPTH",
    "NOT_PARAMS",
    "Entry",
    "Layers",
    "Table",
    "layer",
    "resolve",
]

#: Longest chain of ``extends`` followed.
MAX_EXTENDS_DEPTH: Final = 8

#: A merged value: (value, the file it came from, its key path in that file).
Entry = tuple[Any, Document, str]
Table = dict[str, Entry]
#: The entry of a merged table that records where the table itself was last
#: written (no TOML key can reach the merge with this name: it is not a field).
HERE: Final = "<table>"
#: Entries of a merged table that are not arguments of its rule or section.
NOT_PARAMS: Final = PROVENANCE_KEYS | {"enabled", HERE}


@dataclass(slots=True)
class Layers:
    """The tables of a policy after ``extends``, each value with its origin."""

    rules: dict[str, Table]
    kinds: dict[str, dict[str, Table]]
    sections: dict[str, Table]
    chain: list[str]


def layer(base: Table | None, top: Table) -> Table:
    """Layer the entries of *top* over *base*, key by key.

    A table that brings its own provenance replaces the inherited one
    entirely, so a quote never ends up next to a value it does not describe.
    """
    merged = dict(base or {})
    if any(key in PROVENANCE_KEYS for key in top):
        merged = {k: v for k, v in merged.items() if k not in PROVENANCE_KEYS}
    merged.update(top)
    return merged


def _overlay(base: Table | None, doc: Document, table: Mapping[str, Any], path: str) -> Table:
    """Layer a raw *table* read from *doc* at *path* over *base*."""
    top: Table = {key: (value, doc, f"{path}.{key}") for key, value in table.items()}
    top[HERE] = (None, doc, path)
    return layer(base, top)


def _shown_path(identity: str) -> str:
    """*identity* (an absolute path) as a message shows it: relative to the
    current directory when it is below it, else as it is (``preset:NAME`` too).

    Messages are read by the person who typed the relative path; an absolute
    one would also disclose the layout of their home directory in a CI log.
    """
    if not os.path.isabs(identity):
        return identity
    try:
        relative = os.path.relpath(identity)
    except ValueError:  # another drive on Windows
        return identity
    return identity if relative.startswith(os.pardir) else relative


def _cycle(seen: tuple[str, ...], identity: str) -> Problem:
    return Problem("extends.cycle", chain=" -> ".join(_shown_path(i) for i in (*seen, identity)))


def _load_parent(doc: Document, target: str, seen: tuple[str, ...]) -> Layers:
    key = "policy.extends"
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise doc.error(Problem("extends.too_long", limit=MAX_EXTENDS_DEPTH), key)
    is_path = looks_like_path(target)
    if is_path:
        if doc.base is None:
            raise doc.error(Problem("extends.preset_file"), key)
        try:
            path = (doc.base / target).resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before 3.13)
            raise doc.error(Problem("extends.symlink_loop", target=target), key) from None
        identity = str(path)
        if identity in seen:
            raise doc.error(_cycle(seen, identity), key)
        try:
            text = read_file(path)
        except PolicyError as error:
            # The problem without the resolved path: the target names the file.
            raise doc.error(
                Problem("extends.unreadable", target=target, error=error.detail), key
            ) from None
        parent = parse_document(text, _shown_path(identity), path.parent, path.stem)
    else:
        identity = f"preset:{target}"
        if identity in seen:
            raise doc.error(_cycle(seen, identity), key)
        names = list_presets()
        if target not in names:
            hint = did_you_mean(target, names, cutoff=0.5)
            raise doc.error(Problem("extends.unknown_preset", target=target, hint=hint), key)
        parent = parse_document(preset_text(target), f"<preset {target}>", None, target)
    layers = resolve(parent, (*seen, identity))
    layers.chain.insert(0, target if not is_path else identity)
    return layers


def resolve(doc: Document, seen: tuple[str, ...]) -> Layers:
    """The tables of *doc* over those of its parents; *seen* is the chain so far."""
    data = doc.data
    target = data.get("policy", {}).get("extends")
    layers = Layers({}, {}, {}, []) if target is None else _load_parent(doc, target, seen)
    for name, table in data.get("rules", {}).items():
        layers.rules[name] = _overlay(layers.rules.get(name), doc, table, f"rules.{name}")
    for kind, kind_table in data.get("kinds", {}).items():
        overrides = layers.kinds.setdefault(kind, {})
        for name, table in kind_table.get("rules", {}).items():
            path = f"kinds.{kind}.rules.{name}"
            overrides[name] = _overlay(overrides.get(name), doc, table, path)
    for name, cls in SECTIONS.items():
        if name in data:
            # Each event sub-table is layered on its own, with its own provenance.
            events = events_of(cls)
            own = {k: v for k, v in data[name].items() if k not in events}
            layers.sections[name] = _overlay(layers.sections.get(name), doc, own, name)
            for event in events:
                if event in data[name]:
                    path = f"{name}.{event}"
                    table = data[name][event]
                    layers.sections[path] = _overlay(layers.sections.get(path), doc, table, path)
    return layers
