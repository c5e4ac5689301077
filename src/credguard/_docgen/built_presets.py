"""Generate the built presets, ``credguard/presets/built/<name>.json``.

Each bundled preset is loaded by the full loader (TOML, shape and type
checks, ``extends``, contradictions) and written as the constructor
arguments of every object of the resulting policy, which
:func:`credguard._loading.bundled.load_built` turns back into the same
policy without the loader (see that module).  A preset whose policy does
not come back equal from its JSON is refused here, so a value JSON cannot
carry is found when the file is generated, not when it is loaded.

Run ``python -m credguard._docgen.built_presets src/credguard/presets/built``
after changing a preset or a rule's fields; ``--check`` exits 1 when a file
is stale, missing or left over (``tests/docgen/test_built_presets.py`` does
the same).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, Field, fields, is_dataclass
from typing import Any

from .._loading import build_preset, list_presets
from .._loading.bundled import BUILT_FORMAT, decode
from .._policy import Policy
from . import parse_target

__all__ = ["encode", "main", "render_built"]


class _Encoder:
    """Encodes one policy; an object met more than once is written once and referred to.

    The trade and withdrawal kinds repeat most of login's rules and
    provenance: made once and shared on loading, their caches (keyboard
    walks, word-list screens, prebuilt findings) are built once.
    """

    def __init__(self, counts: Mapping[str, int] | None = None) -> None:
        self.counts = counts or {}
        self.seen: dict[str, int] = {}
        self.shared: list[Any] = []
        self.found: dict[str, int] = {}

    def encode(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, tuple):
            return [self.encode(item) for item in value]
        if isinstance(value, frozenset):
            return {"@set": sorted((self.encode(item) for item in value), key=json.dumps)}
        if isinstance(value, Mapping):
            if not all(isinstance(key, str) for key in value):
                raise TypeError("a mapping with keys other than strings cannot be built")
            return {"@map": {key: self.encode(item) for key, item in value.items()}}
        if is_dataclass(value) and not isinstance(value, type):
            cls = type(value)
            arguments = {
                f.name: self.encode(getattr(value, f.name))
                for f in fields(value)
                if f.init and not _is_default(f, getattr(value, f.name))
            }
            encoded = {"@class": f"{cls.__module__}:{cls.__qualname__}", "args": arguments}
            key = json.dumps(encoded, sort_keys=True)
            self.found[key] = self.found.get(key, 0) + 1
            if self.counts.get(key, 0) < 2:
                return encoded
            if key not in self.seen:  # inner objects were added first
                self.seen[key] = len(self.shared)
                self.shared.append(encoded)
            return {"@ref": self.seen[key]}
        raise TypeError(f"a {type(value).__name__} cannot be built into a preset")


def encode(policy: Policy) -> dict[str, Any]:
    """*policy* as JSON: each object by its class and constructor arguments.

    The arguments are what :func:`credguard._pickling.by_fields` pickles,
    every field the constructor takes, less those at their default (the
    constructor supplies them again).  Objects that occur more than once
    are listed under ``shared`` and referred to by ``{"@ref": index}``.
    """
    counting = _Encoder()
    counting.encode(policy)
    encoder = _Encoder(counting.found)
    encoded = encoder.encode(policy)
    return {"shared": encoder.shared, "policy": encoded}


def _is_default(field: Field[Any], value: object) -> bool:
    if field.default is not MISSING:
        return type(value) is type(field.default) and bool(value == field.default)
    if field.default_factory is not MISSING:
        default = field.default_factory()
        return type(value) is type(default) and bool(value == default)
    return False


def render_built(name: str) -> str:
    """The built form of the preset *name*, checked to load back as the same policy."""
    policy = build_preset(name)
    text = json.dumps(
        {"format": BUILT_FORMAT, "preset": name, **encode(policy)},
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
    )
    again = decode(json.loads(text))
    if not isinstance(again, Policy) or again != policy or repr(again) != repr(policy):
        raise ValueError(f"the preset {name!r} does not come back equal from its built form")
    return text + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m credguard._docgen.built_presets [--check] DIR``."""
    target = parse_target(
        sys.argv[1:] if argv is None else argv, "credguard._docgen.built_presets", "DIR"
    )
    if isinstance(target, int):
        return target
    folder, check = target
    wanted = {f"{name}.json": render_built(name) for name in list_presets()}
    present = {p.name for p in folder.glob("*.json")} if folder.is_dir() else set()
    if check:
        stale = sorted(
            name
            for name, text in wanted.items()
            if name not in present or (folder / name).read_text(encoding="utf-8") != text
        )
        stale += sorted(present - set(wanted))
        if stale:
            print(
                f"{folder} is stale ({', '.join(stale)}): run"
                f" python -m credguard._docgen.built_presets {folder}",
                file=sys.stderr,
            )
            return 1
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in present - set(wanted):
        (folder / leftover).unlink()
    for name, text in wanted.items():
        (folder / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
