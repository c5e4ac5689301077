"""Loading policies: bundled presets and TOML policy files.

``load_policy`` takes a preset name (``"moomoo"``) or a path to a ``.toml``
file.  Presets are TOML files in the package's ``presets/`` folder, read
with :mod:`importlib.resources` only when asked for.  The format is
documented in ``docs/policy-format.md`` and described by the JSON Schema
``credguard/schema/policy.schema.json``.

Loading runs in three steps, and every problem is a
:class:`~credguard.PolicyError` naming the file, the line and the key path:

1. *read* each file (size cap before parsing, TOML errors, ``RecursionError``)
   and check its shape: known tables and keys (with a "did you mean"), the
   type of every value against the rule's field annotations;
2. *resolve* ``extends``: parents first, then each file's tables layered
   over them key by key, remembering which file and key each value came
   from (so an error after merging still points at the right line);
3. *build* the rules and sections, then check contradictions between rules
   (more required classes than the maximum length allows, a required class
   the character set excludes).

tomllib gives no positions for the values it returns, so :class:`_LineIndex`
scans the text once for table headers and ``key =`` lines.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import sys
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, Final

from .._context import KINDS
from .._policy import Policy
from .._sections import PROVENANCE_KEYS, SECTIONS, PolicyMeta, Provenance, events_of
from ..errors import PolicyError, UnknownPresetError
from ..rules import RULES, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "MAX_EXTENDS_DEPTH",
    "MAX_KEY_PARTS",
    "MAX_POLICY_BYTES",
    "PROVENANCE_KEYS",
    "list_presets",
    "load_policy",
    "parse_policy",
    "policy_parameters",
]

#: Largest policy file read, checked before parsing.
MAX_POLICY_BYTES: Final = 1 << 20
#: Longest chain of ``extends`` followed.
MAX_EXTENDS_DEPTH: Final = 8
#: Most parts in a dotted key or table header (the format needs 6:
#: ``kinds.trade.rules.classes.min_counts.digit``).
MAX_KEY_PARTS: Final = 16

_POLICY_KEYS: Final = (
    "name",
    "title",
    "title_ja",
    "description",
    "extends",
    "source",
    "retrieved",
    "published",
)
_TOP_KEYS: Final = ("policy", "rules", "kinds", *SECTIONS)
_OVERRIDE_KINDS: Final = tuple(kind for kind in KINDS if kind != "login")
#: Keys that would smuggle a pattern language into a policy.
_REGEX_KEYS: Final = frozenset({"regex", "regexp", "pattern", "patterns", "match", "re"})
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


# --------------------------------------------------------------------- lines


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY_PART = re.compile(rf"{_BARE}|{_QUOTED}")
_DOTTED = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = _KEY_PART.findall(dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _bracket_depth(value: str) -> int:
    """Net ``[``/``{`` minus ``]``/``}`` outside simple strings and comments."""
    depth = 0
    quote = ""
    for char in value:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth


class _LineIndex:
    """Key path -> line number, from one pass over the TOML text.

    Good enough for every file tomllib accepts: multi-line strings and
    arrays are skipped, so a ``key = `` inside them is not mistaken for a
    key.  A path not found falls back to its nearest indexed parent.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        table: tuple[str, ...] = ()
        closing = ""  # the delimiter of the multi-line string we are in
        depth = 0  # open brackets of a multi-line array or inline table
        for number, line in enumerate(text.splitlines(), start=1):
            if closing:
                if closing in line:
                    closing = ""
                continue
            if depth > 0:
                depth += _bracket_depth(line)
                continue
            header = _HEADER.match(line)
            if header:
                table = _split_key(header.group(1))
                self._add(table, number)
                continue
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            self._add((*table, *_split_key(assign.group(1))), number)
            value = assign.group(2)
            for delimiter in ('"""', "'''"):
                if value.startswith(delimiter) and value.count(delimiter) == 1:
                    closing = delimiter
            if not closing:
                depth = max(0, _bracket_depth(value))

    def _add(self, path: tuple[str, ...], number: int) -> None:
        # ``[a.b]`` also defines ``a``: its first mention is where it starts.
        for end in range(1, len(path) + 1):
            self._lines.setdefault(".".join(path[:end]), number)

    def line_of(self, path: str) -> int | None:
        parts = path.split(".")
        while parts:
            line = self._lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


# --------------------------------------------------------------------- read

#: One token of TOML text, as far as counting dotted-key parts needs: the
#: alternatives start with different characters, so matching never backtracks.
_TOKEN: Final = re.compile(
    r"""(?P<newline>\n)|(?P<space>[ \t\r]+)|(?P<comment>\#[^\n]*)|(?P<dot>\.+)"""
    r"""|(?P<multiline>\"\"\"|''')"""
    r"""|(?P<string>"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?)"""
    r"""|(?P<bare>[A-Za-z0-9_-]+)|(?P<other>[^\n \t\r#."'A-Za-z0-9_-]+)"""
)


def _multiline_end(text: str, start: int, quote: str) -> int:
    """Index just past the multi-line string whose opening quotes end at *start*."""
    while True:
        found = text.find(quote * 3, start)
        if found < 0:
            return len(text)
        backslashes = 0
        while quote == '"' and text[found - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            end = found + 3
            # Up to two more quotes belong to the content ('"""a""""' ends 'a"').
            while end < len(text) and end - found < 5 and text[end] == quote:
                end += 1
            return end
        start = found + 1


def _check_key_parts(text: str) -> None:
    """Refuse a dotted key or table name of more than :data:`MAX_KEY_PARTS` parts.

    tomllib's time grows with the square of a dotted key's length (a 64 KiB
    key ``a.a.a… = 1`` takes about 30 seconds), so the size cap alone does
    not bound the cost of parsing.  One linear pass over tokens, outside
    strings and comments, before the parser sees the text.
    """
    line = 1
    chain = 0  # parts in the current key.key.key chain
    after_dot = False
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None:  # pragma: no cover - the alternatives cover every character
            break
        kind = token.lastgroup
        position = token.end()
        if kind == "space" or kind == "comment":
            continue
        if kind == "dot" and chain and not after_dot and len(token.group()) == 1:
            after_dot = True
            continue
        if kind in ("string", "bare"):
            chain = chain + 1 if after_dot else 1
            after_dot = False
            if chain > MAX_KEY_PARTS:
                raise PolicyError(
                    f"a dotted key or table name has more than {MAX_KEY_PARTS} parts", line=line
                )
            continue
        if kind == "multiline":
            end = _multiline_end(text, position, token.group()[0])
            line += text.count("\n", position, end)
            position = end
        elif kind == "newline":
            line += 1
        chain, after_dot = 0, False


@dataclass(frozen=True, slots=True)
class _Doc:
    """One policy file, parsed and shape-checked."""

    file: str
    name: str
    data: Mapping[str, Any]
    text: str
    #: Directory for relative ``extends`` paths; None for presets.
    base: Path | None

    @property
    def index(self) -> _LineIndex:
        """Lines of keys, scanned only when a line is needed (an error, a lint finding)."""
        return _LineIndex(self.text)

    def error(self, problem: str, key: str) -> PolicyError:
        return PolicyError(problem, file=self.file, line=self.index.line_of(key), key=key)


def _toml_type(value: object) -> str:
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


def _expected(hint: Any) -> str:
    """A reader's name for a field type."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_expected(a) for a in typing.get_args(hint) if a is not type(None))
    if origin in (tuple, list, frozenset, set) or (
        isinstance(origin, type) and issubclass(origin, Iterable) and origin is not str
    ):
        if origin is not None and issubclass(origin, Mapping):
            return "a table"
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return f"an array of {_expected(args[0]).split(' ', 1)[-1]}s" if args else "an array"
    simple = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    if hint in simple:
        return simple[hint]
    return getattr(hint, "__name__", str(hint))


def _matches(value: object, hint: Any) -> bool:
    """Does a TOML value fit a field annotation?  Unknown hints are left to the rule."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, a) for a in typing.get_args(hint) if a is not type(None))
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
            not args or all(_matches(k, args[0]) and _matches(v, args[1]) for k, v in value.items())
        )
    if isinstance(origin, type) and issubclass(origin, Iterable):
        items = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return isinstance(value, list) and (not items or all(_matches(v, items[0]) for v in value))
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
    usual "unknown key".
    """
    try:
        # One resolution for the whole class: much cheaper than one per field.
        hints: Mapping[str, Any] | None = typing.get_type_hints(cls)
    except Exception:  # an import under TYPE_CHECKING: resolve field by field
        hints = None
    params: dict[str, Any] = {}
    for item in fields(cls):
        if not item.init or item.name == "provenance":
            continue
        hint = hints[item.name] if hints is not None else _resolve_hint(cls, item.type)
        if _representable(hint):
            params[item.name] = hint
    return params


def _check_table(doc: _Doc, value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(f"must be a table, not {_toml_type(value)}", path)
    return value


def _unknown(doc: _Doc, key: str, options: Iterable[str], path: str, what: str) -> PolicyError:
    if key in _REGEX_KEYS:
        return doc.error(
            "regular expressions are not allowed in policies (a pattern can make every"
            " check hang); use the rule families instead",
            f"{path}.{key}" if path else key,
        )
    return doc.error(f"unknown {what}{_suggest(key, options)}", f"{path}.{key}" if path else key)


def _check_keys(doc: _Doc, table: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
    options = tuple(allowed)
    for key in table:
        if key not in options:
            raise _unknown(doc, key, options, path, "key")


def _check_values(doc: _Doc, table: Mapping[str, Any], hints: Mapping[str, Any], path: str) -> None:
    for key, value in table.items():
        if key in PROVENANCE_KEYS:
            if not isinstance(value, (str, datetime.date)):
                raise doc.error(f"must be a string, not {_toml_type(value)}", f"{path}.{key}")
        elif key == "enabled":
            if not isinstance(value, bool):
                raise doc.error("must be true or false", f"{path}.{key}")
        elif not _matches(value, hints[key]):
            raise doc.error(
                f"must be {_expected(hints[key])}, not {_toml_type(value)}", f"{path}.{key}"
            )


def _check_rule_tables(doc: _Doc, value: object, path: str) -> None:
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


def _check_shape(doc: _Doc) -> None:
    data = doc.data
    _check_keys(doc, data, _TOP_KEYS, "")
    meta = _check_table(doc, data.get("policy", {}), "policy")
    _check_keys(doc, meta, _POLICY_KEYS, "policy")
    for key, value in meta.items():
        if key in ("retrieved", "published") and isinstance(value, datetime.date):
            continue
        if not isinstance(value, str):
            raise doc.error(f"must be a string, not {_toml_type(value)}", f"policy.{key}")
    _check_rule_tables(doc, data.get("rules", {}), "rules")
    kinds = _check_table(doc, data.get("kinds", {}), "kinds")
    for kind, kind_table in kinds.items():
        if kind not in _OVERRIDE_KINDS:
            hint = " (login's rules are [rules.*])" if kind == "login" else ""
            raise doc.error(
                f"unknown kind{_suggest(kind, _OVERRIDE_KINDS)}{hint}; kinds are"
                f" {', '.join(_OVERRIDE_KINDS)}",
                f"kinds.{kind}",
            )
        kind_table = _check_table(doc, kind_table, f"kinds.{kind}")
        _check_keys(doc, kind_table, ("rules",), f"kinds.{kind}")
        _check_rule_tables(doc, kind_table.get("rules", {}), f"kinds.{kind}.rules")
    for name, cls in SECTIONS.items():
        if name in data:
            _check_section(doc, data[name], cls, name)


def _check_section(doc: _Doc, value: object, cls: type, path: str) -> None:
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


def _read(text: str, file: str, base: Path | None, default_name: str) -> _Doc:
    # Cheap test first: a str longer than the cap in code points is too big in bytes.
    too_big = len(text) > MAX_POLICY_BYTES
    if too_big or len(text.encode("utf-8", "surrogatepass")) > MAX_POLICY_BYTES:
        raise PolicyError(f"policy file is larger than {MAX_POLICY_BYTES} bytes", file=file)
    try:
        _check_key_parts(text)
    except PolicyError as error:
        raise error.located(file=file) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        line = int(match.group(1)) if match else None
        problem = _TOML_LINE.sub("", str(error)).strip()
        raise PolicyError(f"invalid TOML: {problem}", file=file, line=line) from None
    except RecursionError:
        raise PolicyError("invalid TOML: nesting is too deep", file=file) from None
    meta = data.get("policy")
    name = meta.get("name") if isinstance(meta, dict) else None
    name = name if isinstance(name, str) and name else default_name
    doc = _Doc(file, name, data, text, base)
    try:
        _check_shape(doc)
    except RecursionError:  # pragma: no cover - the shape check is not deeply recursive
        raise PolicyError("nesting is too deep", file=file) from None
    return doc


# --------------------------------------------------------------------- resolve

#: A merged value: (value, the file it came from, its key path in that file).
_Entry = tuple[Any, _Doc, str]
_Table = dict[str, _Entry]
#: The entry of a merged table that records where the table itself was last
#: written (no TOML key can reach the merge with this name: it is not a field).
_HERE: Final = "<table>"
_NOT_PARAMS: Final = PROVENANCE_KEYS | {"enabled", _HERE}


@dataclass(slots=True)
class _Layers:
    """The tables of a policy after ``extends``, each value with its origin."""

    rules: dict[str, _Table]
    kinds: dict[str, dict[str, _Table]]
    sections: dict[str, _Table]
    chain: list[str]


def _layer(base: _Table | None, top: _Table) -> _Table:
    """Layer the entries of *top* over *base*, key by key.

    A table that brings its own provenance replaces the inherited one
    entirely, so a quote never ends up next to a value it does not describe.
    """
    merged = dict(base or {})
    if any(key in PROVENANCE_KEYS for key in top):
        merged = {k: v for k, v in merged.items() if k not in PROVENANCE_KEYS}
    merged.update(top)
    return merged


def _overlay(base: _Table | None, doc: _Doc, table: Mapping[str, Any], path: str) -> _Table:
    """Layer a raw *table* read from *doc* at *path* over *base*."""
    top: _Table = {key: (value, doc, f"{path}.{key}") for key, value in table.items()}
    top[_HERE] = (None, doc, path)
    return _layer(base, top)


def _load_parent(doc: _Doc, target: str, seen: tuple[str, ...]) -> _Layers:
    key = "policy.extends"
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise doc.error(f"extends chain is longer than {MAX_EXTENDS_DEPTH}", key)
    looks_like_path = target.endswith(".toml") or "/" in target or os.sep in target
    if looks_like_path:
        if doc.base is None:
            raise doc.error("a preset may extend only another preset, not a file", key)
        path = (doc.base / target).resolve()
        identity = str(path)
        if identity in seen:
            raise doc.error(f"extends cycle: {' -> '.join((*seen, identity))}", key)
        try:
            text = _read_file(path)
        except PolicyError as error:
            raise doc.error(f"cannot extend {target!r}: {error}", key) from None
        parent = _read(text, str(path), path.parent, path.stem)
    else:
        identity = f"preset:{target}"
        if identity in seen:
            raise doc.error(f"extends cycle: {' -> '.join((*seen, identity))}", key)
        names = list_presets()
        if target not in names:
            close = difflib.get_close_matches(target, names, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise doc.error(f"unknown preset {target!r}{hint}", key)
        parent = _read(_preset_text(target), f"<preset {target}>", None, target)
    layers = _resolve(parent, (*seen, identity))
    layers.chain.insert(0, target if not looks_like_path else identity)
    return layers


def _resolve(doc: _Doc, seen: tuple[str, ...]) -> _Layers:
    data = doc.data
    target = data.get("policy", {}).get("extends")
    layers = _Layers({}, {}, {}, []) if target is None else _load_parent(doc, target, seen)
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


# --------------------------------------------------------------------- build


def _locate(error: PolicyError, table: _Table, fallback: tuple[_Doc, str]) -> PolicyError:
    """Point a rule's own error at the file and line its key came from."""
    if error.key and error.key.split(".")[0] in table:
        _, doc, path = table[error.key.split(".")[0]]
        path = f"{path}{error.key[len(error.key.split('.')[0]) :]}"
    else:
        doc, path = fallback
        if error.key:
            path = f"{path}.{error.key}"
    return PolicyError(error.problem, file=doc.file, line=doc.index.line_of(path), key=path)


def _where(table: _Table) -> tuple[_Doc, str]:
    """The most derived file that wrote this table, and the table's path there."""
    _, doc, path = table[_HERE]
    return doc, path


def _params(table: _Table) -> dict[str, Any]:
    return {k: v for k, (v, _, _) in table.items() if k not in _NOT_PARAMS}


def _provenance(table: _Table) -> Provenance:
    found = {k: entry for k, entry in table.items() if k in PROVENANCE_KEYS}
    values = {
        k: v.isoformat() if isinstance(v, datetime.date) else v for k, (v, _, _) in found.items()
    }
    origin = next(iter(found.values()))[1] if found else table[_HERE][1]
    return Provenance(**values, origin=origin.name)


def _rule_params(cls: type, table: _Table) -> dict[str, Any]:
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


def _build_rule(name: str, table: _Table) -> Rule | None:
    if table.get("enabled", (True,))[0] is False:
        return None
    try:
        return RULES[name](**_rule_params(RULES[name], table))
    except PolicyError as error:
        raise _locate(error, table, _where(table)) from None
    except (TypeError, ValueError) as error:  # a value of the wrong shape reached a rule
        doc, path = _where(table)
        raise doc.error(f"invalid value ({error})", path) from None


_CHARSET_OF_CLASS: Final = {
    "upper": ("upper",),
    "lower": ("lower",),
    "digit": ("digit",),
    "symbol": ("symbol",),
    "space": ("space",),
    "letter": ("upper", "lower", "non_ascii"),
    "other": ("non_ascii",),
}


def _check_separation(kind: str, rule: Rule | None, table: _Table | None) -> None:
    """A kind cannot be told to differ from itself (that is history's job)."""
    if rule is None or table is None or kind not in getattr(rule, "differ_from", ()):
        return
    doc, path = _where(table)
    problem = f"the {kind} password cannot differ from itself"
    if kind != "login" and not path.startswith(f"kinds.{kind}."):
        problem += (
            f" (it inherits login's rules: give it its own [kinds.{kind}.rules.separation],"
            " or history for its own past passwords)"
        )
    raise _locate(PolicyError(problem, key="differ_from"), table, (doc, path))


def _check_consistency(kind_rules: Mapping[str, Rule], tables: Mapping[str, _Table]) -> None:
    """Contradictions between rules of one kind: no password could satisfy them."""
    length = kind_rules.get("length")
    classes = kind_rules.get("classes")
    charset = kind_rules.get("charset")
    if classes is None:
        return
    table = tables["classes"]
    where = _where(table)

    def fail(problem: str, key: str) -> PolicyError:
        return _locate(PolicyError(problem, key=key), table, where)

    max_length = getattr(length, "max", None)
    needed = getattr(classes, "minimum_length", 0)
    if max_length is not None and needed > max_length:
        key = "min_counts" if "min_counts" in table else "required"
        raise fail(
            f"needs at least {needed} characters but length.max is {max_length}",
            key if key in table else "min_classes",
        )
    if charset is None:
        return
    allowed = set(getattr(charset, "allow", ()))
    for key in ("required", "min_counts"):
        for name in getattr(classes, key, ()):
            if not allowed.intersection(_CHARSET_OF_CLASS[name]):
                raise fail(f"requires {name!r}, which charset.allow excludes", key)
    of = getattr(classes, "of", ())
    usable = [name for name in of if allowed.intersection(_CHARSET_OF_CLASS[name])]
    min_classes = getattr(classes, "min_classes", 0)
    if min_classes > len(usable):
        raise fail(
            f"asks for {min_classes} classes but charset.allow permits only {len(usable)} of them",
            "min_classes",
        )


def _build_kind(
    kind: str, tables: Mapping[str, _Table]
) -> tuple[tuple[Rule, ...], dict[str, Provenance]]:
    ordered = {name: tables[name] for name in RULES if name in tables}
    built: dict[str, Rule] = {}
    provenance: dict[str, Provenance] = {}
    for name, table in ordered.items():
        rule = _build_rule(name, table)
        if rule is not None:
            built[name] = rule
            provenance[name] = _provenance(table)
    _check_consistency(built, ordered)
    _check_separation(kind, built.get("separation"), ordered.get("separation"))
    return tuple(built.values()), provenance


def _build_section(cls: type, table: _Table, events: Mapping[str, Any] | None = None) -> Any:
    try:
        return cls(**_params(table), **(events or {}), provenance=_provenance(table))
    except PolicyError as error:
        raise _locate(error, table, _where(table)) from None


def _build(doc: _Doc, layers: _Layers) -> Policy:
    rules, login_provenance = _build_kind("login", layers.rules)
    kinds: dict[str, tuple[Rule, ...]] = {}
    provenance = {"login": login_provenance}
    for kind in _OVERRIDE_KINDS:
        overrides = layers.kinds.get(kind)
        if not overrides:
            login_separation = next((r for r in rules if r.NAME == "separation"), None)
            _check_separation(kind, login_separation, layers.rules.get("separation"))
            continue
        # A kind inherits login's tables and overrides them key by key.
        merged = dict(layers.rules)
        for name, table in overrides.items():
            merged[name] = _layer(merged.get(name), table)
        kinds[kind], provenance[kind] = _build_kind(kind, merged)
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
    dates = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in meta.items()
        if key in ("retrieved", "published")
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
                **dates,
            ),
            provenance=provenance,
            **sections,
        )
    except PolicyError as error:
        raise error.located(file=doc.file) from None


# --------------------------------------------------------------------- public


def _load(text: str, file: str, base: Path | None, default_name: str) -> Policy:
    doc = _read(text, file, base, default_name)
    if base is None:
        identity = f"preset:{default_name}"
    elif file.startswith("<"):
        identity = file
    else:
        identity = str(Path(file).resolve())
    try:
        return _build(doc, _resolve(doc, (identity,)))
    except RecursionError:  # pragma: no cover - extends depth is capped well below this
        raise PolicyError("nesting is too deep", file=file) from None


def parse_policy(text: str, *, file: str = "<string>") -> Policy:
    """Build a policy from TOML *text*; *file* names it in errors.

    A relative ``extends`` path is resolved against *file*'s directory (the
    current directory for ``"<string>"``).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    is_path = not (file.startswith("<") and file.endswith(">"))
    base = Path(file).parent if is_path else Path.cwd()
    stem = Path(file).stem if is_path else "custom"
    return _load(text, file, base, stem)


def _preset_dir() -> Any:
    return resources.files("credguard").joinpath("presets")


def _preset_text(name: str) -> str:
    text: str = _preset_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return text


def list_presets() -> list[str]:
    """The names of the bundled presets, sorted."""
    return sorted(
        entry.name[: -len(".toml")]
        for entry in _preset_dir().iterdir()
        if entry.name.endswith(".toml")
    )


def _looks_like_path(name: str) -> bool:
    return name.endswith(".toml") or os.sep in name or "/" in name


def _read_file(path: Path) -> str:
    """Read a policy file: size cap before reading, UTF-8 errors with their line."""
    try:
        if path.stat().st_size > MAX_POLICY_BYTES:
            raise PolicyError(
                f"policy file is larger than {MAX_POLICY_BYTES} bytes", file=str(path)
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PolicyError(f"cannot read policy file ({reason})", file=str(path)) from None
    if len(raw) > MAX_POLICY_BYTES:  # it grew between stat and read
        raise PolicyError(f"policy file is larger than {MAX_POLICY_BYTES} bytes", file=str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PolicyError("invalid UTF-8", file=str(path), line=line) from None


def load_policy(name_or_path: str | os.PathLike[str]) -> Policy:
    """Load a bundled preset by name, or a policy file by path."""
    if isinstance(name_or_path, os.PathLike) or (
        isinstance(name_or_path, str) and _looks_like_path(name_or_path)
    ):
        path = Path(name_or_path)
        return _load(_read_file(path), str(path), path.parent, path.stem)
    if not isinstance(name_or_path, str):
        raise TypeError("name_or_path must be a str or a path")
    names = list_presets()
    if name_or_path not in names:
        raise UnknownPresetError(
            name_or_path, difflib.get_close_matches(name_or_path, names, n=3, cutoff=0.5)
        )
    return _load(_preset_text(name_or_path), f"<preset {name_or_path}>", None, name_or_path)


def _document(name_or_path: str | os.PathLike[str]) -> _Doc:
    """The parsed, shape-checked file behind a preset name or path (for lint)."""
    if isinstance(name_or_path, os.PathLike) or _looks_like_path(str(name_or_path)):
        path = Path(name_or_path)
        return _read(_read_file(path), str(path), path.parent, path.stem)
    name = str(name_or_path)
    return _read(_preset_text(name), f"<preset {name}>", None, name)
