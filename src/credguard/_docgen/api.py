"""Generate ``docs/api.md``: the public API, from the docstrings.

Run ``python -m credguard._docgen.api docs/api.md`` after changing a public
name, its signature or its docstring; ``--check`` exits 1 when the page is
stale (the test suite runs it).  The public API is every name in
``credguard.__all__``, ``credguard.rules.__all__`` and
``credguard.errors.__all__`` (see ``docs/stability.md``); each is listed with
its signature and docstring, and a class with its public methods and
properties.  Only :mod:`inspect` is used, and the output is the same on
every supported Python: annotations are strings (``from __future__ import
annotations``), and set defaults and object addresses are written stably.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from . import generate

__all__ = ["render_api"]

#: The documented modules, in order; a name is described under the first.
MODULES: Final = ("credguard", "credguard.rules", "credguard.errors")
_ADDRESS: Final = re.compile(r" at 0x[0-9a-fA-F]+")
_LONGEST_VALUE: Final = 100


class _Shown:
    """A default value as the page shows it (a stable repr)."""

    def __init__(self, value: object) -> None:
        self.text = _stable_repr(value)

    def __repr__(self) -> str:
        return self.text


class _Raw:
    """An annotation as written (``str``, not ``'str'``)."""

    def __init__(self, annotation: object) -> None:
        self.text = (
            annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
        )

    def __repr__(self) -> str:
        return self.text


def _stable_repr(value: object) -> str:
    if isinstance(value, (set, frozenset)):
        items = ", ".join(sorted(_stable_repr(item) for item in value))
        return f"{type(value).__name__}({{{items}}})" if value else f"{type(value).__name__}()"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return _ADDRESS.sub("", repr(value))


def _signature(obj: Any) -> str:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # a builtin without a signature
        return ""
    parameters = [
        p.replace(
            default=_Shown(p.default) if p.default is not p.empty else p.empty,
            annotation=_Raw(p.annotation) if p.annotation is not p.empty else p.empty,
        )
        for p in signature.parameters.values()
    ]
    returns = signature.return_annotation
    if inspect.isclass(obj) or returns is signature.empty:
        returns = signature.empty
    else:
        returns = _Raw(returns)
    text = str(signature.replace(parameters=parameters, return_annotation=returns))
    # What every Python says differently for a class without its own __init__.
    return "" if text in ("(*args, **kwargs)", "(*args, **kwds)") else text


def _doc(obj: Any, name: str) -> str:
    doc = obj.__doc__ if isinstance(obj.__doc__, str) else None
    # dataclasses write "Name(field: type, ...)" when a class has no docstring.
    if not doc or (inspect.isclass(obj) and doc.startswith(f"{name}(")):
        return ""
    return inspect.cleandoc(doc)


def _summary(doc: str) -> str:
    return doc.split("\n\n", 1)[0].replace("\n", " ")


def _members(cls: type) -> Iterator[tuple[str, str, str]]:
    """(name, signature, summary) of the public methods and properties *cls* defines."""
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            yield name, "", _summary(_doc(member, name))
        elif isinstance(member, (classmethod, staticmethod)):
            function = member.__func__
            yield name, _signature(function), _summary(_doc(function, name))
        elif inspect.isfunction(member):
            yield name, _signature(member), _summary(_doc(member, name))


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if callable(obj):
        return "function"
    return "constant"


def _entry(module: str, name: str, obj: Any) -> list[str]:
    kind = _kind(obj)
    lines = [f"### `{module}.{name}`", ""]
    if kind == "constant":
        shown = _stable_repr(obj)
        if len(shown) > _LONGEST_VALUE and isinstance(obj, Mapping):
            shown = f"{type(obj).__name__}: keys {', '.join(map(repr, obj))}"
        elif len(shown) > _LONGEST_VALUE and isinstance(obj, tuple):
            shown = "(" + ", ".join(map(_stable_repr, obj)) + ")"
        elif len(shown) > _LONGEST_VALUE:
            shown = f"{type(obj).__name__}(…)"
        lines += ["```python no-run", f"{name} = {shown}", "```", ""]
        if isinstance(obj, Mapping) and len(_stable_repr(obj)) > _LONGEST_VALUE:
            lines[-3] = f"{name}  # {shown}"
        return lines
    prefix = "class " if kind in ("class", "exception") else "def "
    bases = ""
    if inspect.isclass(obj):
        shown_bases = [b.__name__ for b in obj.__bases__ if b is not object]
        bases = f"  # ({', '.join(shown_bases)})" if shown_bases else ""
    lines += ["```python no-run", f"{prefix}{name}{_signature(obj)}{bases}", "```", ""]
    doc = _doc(obj, name)
    if doc:
        lines += [doc, ""]
    if inspect.isclass(obj):
        members = list(_members(obj))
        if members:
            lines += ["| member | summary |", "|---|---|"]
            for member, signature, summary in members:
                call = f"`{member}{signature}`".replace("|", "\\|")
                lines.append(f"| {call} | {summary.replace('|', chr(92) + '|')} |")
            lines.append("")
    return lines


def render_api() -> str:
    """The text of ``docs/api.md``."""
    out = [
        "# API reference",
        "",
        "<!-- Generated by python -m credguard._docgen.api docs/api.md; do not edit. -->",
        "",
        "Every public name, with its signature and docstring: the names in",
        "`credguard.__all__`, `credguard.rules.__all__` and `credguard.errors.__all__`.",
        "Anything else (modules and names starting with an underscore) is private;",
        "see [stability.md](stability.md) for what may change and when.",
        "",
    ]
    described: dict[int, str] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        out += [f"## `{module_name}`", ""]
        summary = _summary(_doc(module, module_name))
        if summary:
            out += [summary, ""]
        for name in module.__all__:
            obj = getattr(module, name)
            first = described.get(id(obj)) if _kind(obj) != "constant" else None
            if first is not None:
                anchor = first.replace(".", "").lower()  # GitHub's heading anchor
                out += [f"- `{name}`: see [`{first}`](#{anchor})", ""]
                continue
            described[id(obj)] = f"{module_name}.{name}"
            out += _entry(module_name, name, obj)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m credguard._docgen.api [--check] PATH``."""
    return generate(sys.argv[1:] if argv is None else argv, "credguard._docgen.api", render_api)


if __name__ == "__main__":
    raise SystemExit(main())
