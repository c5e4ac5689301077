"""Loading policies: bundled presets and TOML policy files.

``load_policy`` takes a preset name (``"moomoo"``) or a path to a ``.toml``
file.  Presets are TOML files in the package's ``presets/`` folder, read
with :mod:`importlib.resources` only when asked for.  The format is
documented in ``docs/policy-format.md`` and described by the JSON Schema
``credguard/schema/policy.schema.json``.

Loading runs in three steps, and every problem is a
:class:`~credguard.PolicyError` naming the file, the line and the key path:

1. *read* each file (:mod:`.files`: size cap before parsing, TOML errors,
   ``RecursionError``) and check its shape (:mod:`.shape`): known tables and
   keys (with a "did you mean"), the type of every value against the rule's
   field annotations (:mod:`.hints`);
2. *resolve* ``extends`` (:mod:`.extends`): parents first, then each file's
   tables layered over them key by key, remembering which file and key each
   value came from (so an error after merging still points at the right line);
3. *build* the rules and sections (:mod:`.build`), then check contradictions
   between rules (more required classes than the maximum length allows, a
   required class the character set excludes).

tomllib gives no positions for the values it returns, so
:class:`~.lines.LineIndex` scans the text once for table headers and
``key =`` lines.
"""

from __future__ import annotations

import difflib
import functools
import os
from pathlib import Path

from .._pickling import remember_source
from .._policy import Policy
from .._sections import PROVENANCE_KEYS
from ..errors import PolicyError, UnknownPresetError
from .build import build
from .extends import MAX_EXTENDS_DEPTH, resolve
from .files import (
    MAX_POLICY_BYTES,
    list_presets,
    looks_like_path,
    parse_document,
    preset_text,
    read_document,
    read_file,
)
from .hints import policy_parameters
from .lines import MAX_KEY_PARTS
from .shape import OVERRIDE_KINDS, POLICY_KEYS

__all__ = [
    "MAX_EXTENDS_DEPTH",
    "MAX_KEY_PARTS",
    "MAX_POLICY_BYTES",
    "OVERRIDE_KINDS",
    "POLICY_KEYS",
    "PROVENANCE_KEYS",
    "PolicySource",
    "as_policy",
    "list_presets",
    "load_policy",
    "parse_policy",
    "policy_parameters",
    "read_document",
]

#: What the tools and integrations accept as a policy: a built one, a preset
#: name or a policy file's path.
PolicySource = Policy | str | os.PathLike[str]


def _load(text: str, file: str, base: Path | None, default_name: str) -> Policy:
    doc = parse_document(text, file, base, default_name)
    if base is None:
        identity = f"preset:{default_name}"
    elif file.startswith("<"):
        identity = file
    else:
        try:
            identity = str(Path(file).resolve())
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before 3.13)
            identity = os.path.abspath(file)
    try:
        return build(doc, resolve(doc, (identity,)))
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
    source = functools.partial(parse_policy, text, file=file)  # what it pickles as
    return remember_source(_load(text, file, base, stem), source)


def load_policy(name_or_path: str | os.PathLike[str]) -> Policy:
    """Load a bundled preset by name, or a policy file by path."""
    if isinstance(name_or_path, os.PathLike) or (
        isinstance(name_or_path, str) and looks_like_path(name_or_path)
    ):
        path = Path(name_or_path)
        text = read_file(path)
        # Pickled as the text read now, parsed again as this file wherever
        # the other process's working directory is (docs/scale.md).
        source = functools.partial(parse_policy, text, file=os.path.abspath(path))
        return remember_source(_load(text, str(path), path.parent, path.stem), source)
    if not isinstance(name_or_path, str):
        raise TypeError("name_or_path must be a str or a path")
    names = list_presets()
    if name_or_path not in names:
        raise UnknownPresetError(
            name_or_path, difflib.get_close_matches(name_or_path, names, n=3, cutoff=0.5)
        )
    policy = _load(preset_text(name_or_path), f"<preset {name_or_path}>", None, name_or_path)
    return remember_source(policy, functools.partial(load_policy, name_or_path))


def as_policy(source: PolicySource) -> Policy:
    """*source* itself if it is a :class:`~credguard.Policy`, else :func:`load_policy` of it.

    The one step by which the tools (describe, diff, audit), the lockout
    settings and the Django and Pydantic integrations accept a preset name
    or a path wherever they take a policy.
    """
    return source if isinstance(source, Policy) else load_policy(source)
