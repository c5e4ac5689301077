"""The bundled presets: their names, their TOML, and their built form.

Presets are TOML files in the package's ``presets/`` folder, listed and
read with :mod:`importlib.resources` only when asked for.

Each is also built ahead of time, and loaded without TOML and without the
loader.

``load_policy("recommended")`` is what a command-line run or a short-lived
worker does first, and reading a preset the long way (tomllib, the shape
and type checks, ``extends``, the line index, the contradiction checks)
cost it about 20 ms of imports and work before any password was looked
at.  Everything that depends only on the preset's text is therefore done
when the package is built: ``python -m credguard._docgen.built_presets
src/credguard/presets/built`` runs the full loader on every preset and
writes what came out, one JSON file per preset (``presets/built/<name>.json``),
and the test suite fails when one is stale or when loading it gives anything
but the same policy.

The JSON holds the constructor arguments of every object of the built
policy (a rule, a section, a provenance), by class, exactly as pickling
them would (:func:`credguard._pickling.by_fields`); each object is made
again by its constructor, so rules rebuild their caches, and the policy
compares, pickles and describes as the loader's.  Only ``advice="error"``
(the default) is built; ``advice="warn"``, files and unknown names go
through the loader, so user files keep every located error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import import_module
from typing import Any, Final

from .._policy import Policy

__all__ = ["BUILT_FORMAT", "decode", "list_presets", "load_built", "preset_text"]

#: Version of the built form; a file of another version is not read.
BUILT_FORMAT: Final = 1

# Tags of the values JSON has no type for (see _docgen.built_presets).
_CLASS: Final = "@class"
_MAP: Final = "@map"
_SET: Final = "@set"
_REF: Final = "@ref"


def _preset_dir() -> Any:
    from importlib import resources  # 6 ms of imports: only when asked for

    return resources.files("credguard").joinpath("presets")


def preset_text(name: str) -> str:
    """The TOML text of the bundled preset *name*."""
    text: str = _preset_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return text


def list_presets() -> list[str]:
    """The names of the bundled presets, sorted."""
    return sorted(
        entry.name[: -len(".toml")]
        for entry in _preset_dir().iterdir()
        if entry.name.endswith(".toml")
    )


def _class(name: str) -> type:
    """A class of credguard named ``module:qualname`` by a built file."""
    module, _, qualname = name.partition(":")
    if not module.startswith("credguard.") or "." in qualname:
        raise ValueError(f"not a credguard class: {name!r}")
    cls = getattr(import_module(module), qualname)
    if not isinstance(cls, type):
        raise ValueError(f"not a class: {name!r}")
    return cls


def _decode(value: Any, shared: list[Any]) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item, shared) for item in value)
    if isinstance(value, dict):
        if _REF in value:
            return shared[value[_REF]]
        if _CLASS in value:
            arguments = {key: _decode(item, shared) for key, item in value["args"].items()}
            return _class(value[_CLASS])(**arguments)
        if _MAP in value:
            return {key: _decode(item, shared) for key, item in value[_MAP].items()}
        if _SET in value:
            return frozenset(_decode(item, shared) for item in value[_SET])
        raise ValueError(f"untagged object in a built preset: {sorted(value)}")
    return value


def decode(data: Mapping[str, Any]) -> Any:
    """The policy a built file's *data* stands for (lists are tuples).

    An object listed under ``shared`` is made once, in order (an entry
    refers only to those before it), and the same instance used wherever
    ``{"@ref": index}`` names it: rules and provenance are immutable, and
    trade and withdrawal repeat most of login's.
    """
    shared: list[Any] = []
    for item in data["shared"]:
        shared.append(_decode(item, shared))
    return _decode(data["policy"], shared)


def _is_preset_name(name: str) -> bool:
    # Only a bare name can be a built preset: no path, no dot, no separator.
    return name.isascii() and name.replace("-", "").isalnum() and name[:1].isalnum()


def load_built(name: str) -> Policy | None:
    """The bundled preset *name* from its built form; ``None`` when it has none."""
    if not _is_preset_name(name):
        return None
    # pkgutil reads package data through the package's loader (a folder or
    # a zip file) and imports in 0.6 ms; importlib.resources took 6 ms.
    import pkgutil

    try:
        text = pkgutil.get_data("credguard", f"presets/built/{name}.json")
    except FileNotFoundError:
        return None
    if text is None:  # a loader that cannot read data: the TOML path can
        return None
    data = json.loads(text)
    if data.get("format") != BUILT_FORMAT:
        return None
    policy = decode(data)
    if not isinstance(policy, Policy):
        raise TypeError(f"the built preset {name!r} is not a policy")
    return policy
