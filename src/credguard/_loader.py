"""Loading policies: bundled presets and TOML policy files.

``load_policy`` takes a preset name (``"moomoo"``) or a path to a ``.toml``
file.  Presets are TOML files in the package's ``presets/`` folder, read
with :mod:`importlib.resources` only when asked for.  Every problem is a
:class:`~credguard.PolicyError` naming the file, the line where TOML gives
one, and the key path.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final

from ._context import KINDS
from ._errors import PolicyError, UnknownPresetError
from ._policy import Policy
from .rules import RULES, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["MAX_POLICY_BYTES", "list_presets", "load_policy", "parse_policy"]

#: Largest policy file read, checked before parsing.
MAX_POLICY_BYTES: Final = 1 << 20

#: Keys every rule table may carry to say where the rule comes from.
PROVENANCE_KEYS: Final = frozenset({"source", "quote", "assumed", "retrieved", "note"})
_POLICY_KEYS: Final = ("name", "title", "title_ja", "description", "source", "retrieved")
_TOP_KEYS: Final = ("policy", "rules", "kinds")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _suggest(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _unknown_keys(table: Mapping[str, Any], allowed: Any, path: str, file: str) -> None:
    for key in table:
        if key not in allowed:
            raise PolicyError(
                f"unknown key{_suggest(key, allowed)}",
                file=file,
                key=f"{path}.{key}" if path else key,
            )


def _table(value: Any, key: str, file: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PolicyError(f"must be a table, not {type(value).__name__}", file=file, key=key)
    return value


def _rule_fields(cls: type[Rule]) -> tuple[str, ...]:
    from dataclasses import fields

    return tuple(f.name for f in fields(cls) if f.init)  # type: ignore[arg-type]


def _build_rules(tables: Mapping[str, Mapping[str, Any]], path: str, file: str) -> tuple[Rule, ...]:
    built: list[Rule] = []
    for name, table in tables.items():
        if table.get("enabled", True) is False:
            continue
        cls = RULES[name]
        params = {k: v for k, v in table.items() if k not in PROVENANCE_KEYS and k != "enabled"}
        _unknown_keys(params, _rule_fields(cls), f"{path}.{name}", file)
        try:
            built.append(cls(**params))
        except PolicyError as error:
            key = f"{path}.{name}.{error.key}" if error.key else f"{path}.{name}"
            raise PolicyError(error.problem, file=file, key=key) from None
        except TypeError as error:  # a value of the wrong shape reached a rule
            raise PolicyError(f"invalid value ({error})", file=file, key=f"{path}.{name}") from None
    return tuple(built)


def _rule_tables(value: Any, path: str, file: str) -> dict[str, Mapping[str, Any]]:
    tables = _table(value, path, file)
    out: dict[str, Mapping[str, Any]] = {}
    for name, table in tables.items():
        if name not in RULES:
            raise PolicyError(
                f"unknown rule{_suggest(name, RULES)}", file=file, key=f"{path}.{name}"
            )
        out[name] = _table(table, f"{path}.{name}", file)
    # Apply rules in registry order, whatever order the file lists them in.
    return {name: out[name] for name in RULES if name in out}


def parse_policy(text: str, *, file: str = "<string>") -> Policy:
    """Build a policy from TOML *text*; *file* names it in errors."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_POLICY_BYTES:
        raise PolicyError(f"policy file is larger than {MAX_POLICY_BYTES} bytes", file=file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        line = int(match.group(1)) if match else None
        problem = _TOML_LINE.sub("", str(error)).strip()
        raise PolicyError(f"invalid TOML: {problem}", file=file, line=line) from None
    except RecursionError:
        raise PolicyError("nesting is too deep", file=file) from None
    _unknown_keys(data, _TOP_KEYS, "", file)
    meta = _table(data.get("policy", {}), "policy", file)
    _unknown_keys(meta, _POLICY_KEYS, "policy", file)
    for key in _POLICY_KEYS:
        if key in meta and not isinstance(meta[key], str):
            raise PolicyError("must be a string", file=file, key=f"policy.{key}")
    login_tables = _rule_tables(data.get("rules", {}), "rules", file)
    kinds: dict[str, tuple[Rule, ...]] = {}
    for kind, kind_table in _table(data.get("kinds", {}), "kinds", file).items():
        if kind not in KINDS or kind == "login":
            raise PolicyError(
                f"unknown kind{_suggest(kind, KINDS[1:])} (kinds are trade, withdrawal)",
                file=file,
                key=f"kinds.{kind}",
            )
        kind_table = _table(kind_table, f"kinds.{kind}", file)
        _unknown_keys(kind_table, ("rules",), f"kinds.{kind}", file)
        overrides = _rule_tables(kind_table.get("rules", {}), f"kinds.{kind}.rules", file)
        # A kind inherits login's tables and overrides them key by key.
        merged = {name: dict(table) for name, table in login_tables.items()}
        for name, table in overrides.items():
            merged.setdefault(name, {}).update(table)
        ordered = {name: merged[name] for name in RULES if name in merged}
        kinds[kind] = _build_rules(ordered, f"kinds.{kind}.rules", file)
    stem = Path(file).stem if file != "<string>" else "custom"
    return Policy(
        name=meta.get("name", stem),
        rules=_build_rules(login_tables, "rules", file),
        kinds=kinds,
        title=meta.get("title", ""),
        title_ja=meta.get("title_ja", ""),
    )


def _preset_dir() -> Any:
    return resources.files("credguard").joinpath("presets")


def list_presets() -> list[str]:
    """The names of the bundled presets, sorted."""
    return sorted(
        entry.name[: -len(".toml")]
        for entry in _preset_dir().iterdir()
        if entry.name.endswith(".toml")
    )


def _looks_like_path(name: str) -> bool:
    return name.endswith(".toml") or os.sep in name or "/" in name


def load_policy(name_or_path: str | os.PathLike[str]) -> Policy:
    """Load a bundled preset by name, or a policy file by path."""
    if isinstance(name_or_path, os.PathLike) or _looks_like_path(str(name_or_path)):
        path = Path(name_or_path)
        try:
            if path.stat().st_size > MAX_POLICY_BYTES:
                raise PolicyError(
                    f"policy file is larger than {MAX_POLICY_BYTES} bytes", file=str(path)
                )
            raw = path.read_bytes()
        except OSError as error:
            raise PolicyError(
                f"cannot read policy file ({error.strerror})", file=str(path)
            ) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise PolicyError("invalid UTF-8", file=str(path), line=line) from None
        return parse_policy(text, file=str(path))
    name = str(name_or_path)
    if not isinstance(name_or_path, str):
        raise TypeError("name_or_path must be a str or a path")
    names = list_presets()
    if name not in names:
        raise UnknownPresetError(name, difflib.get_close_matches(name, names, n=3, cutoff=0.5))
    text = _preset_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return parse_policy(text, file=f"<preset {name}>")
