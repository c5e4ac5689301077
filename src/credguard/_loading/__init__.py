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

import functools
import os
from typing import TYPE_CHECKING, Final

from .._lazy import lazy_names, name_table
from .._pickling import remember_source
from .._policy import Policy
from ..errors import PolicyError, UnknownPresetError
from .bundled import load_built

if TYPE_CHECKING:  # the names __getattr__ provides, for type checkers
    from pathlib import Path

    from .._sections import PROVENANCE_KEYS
    from .bundled import list_presets
    from .extends import MAX_EXTENDS_DEPTH
    from .files import MAX_POLICY_BYTES, is_policy_file, read_document
    from .hints import policy_parameters
    from .lines import MAX_KEY_PARTS
    from .problems import MAX_PROBLEMS
    from .shape import OVERRIDE_KINDS, POLICY_KEYS

# The loader's steps are imported by the first policy read the long way (a
# file, or advice="warn"): a bundled preset is read from its built form
# (.bundled) without them, and without tomllib.
_LAZY: Final[dict[str, str]] = name_table(
    {
        ".._sections": "PROVENANCE_KEYS",
        ".extends": "MAX_EXTENDS_DEPTH",
        ".bundled": "list_presets",
        ".files": "MAX_POLICY_BYTES is_policy_file read_document",
        ".hints": "policy_parameters",
        ".lines": "MAX_KEY_PARTS",
        ".problems": "MAX_PROBLEMS",
        ".shape": "OVERRIDE_KINDS POLICY_KEYS",
    }
)

__all__ = [
    "ADVICE",
    "MAX_EXTENDS_DEPTH",
    "MAX_KEY_PARTS",
    "MAX_POLICY_BYTES",
    "MAX_PROBLEMS",
    "OVERRIDE_KINDS",
    "POLICY_KEYS",
    "PROVENANCE_KEYS",
    "PolicySource",
    "as_policy",
    "build_preset",
    "collect_problems",
    "is_policy_file",
    "list_presets",
    "load_policy",
    "parse_policy",
    "policy_parameters",
    "read_document",
]

if not TYPE_CHECKING:  # hidden from type checkers: they see the imports above
    __getattr__, __dir__ = lazy_names(globals(), _LAZY, __all__)

#: What the tools and integrations accept as a policy: a built one, a preset
#: name or a policy file's path.
PolicySource = Policy | str | os.PathLike[str]


#: How rules whose page only advises (``wording = "advised"``) report:
#: ``"error"`` (the default: the backend protects customers) or ``"warn"``
#: (the letter of the page, for an auditor).
ADVICE: Final = ("error", "warn")


def _check_advice(advice: object, file: str) -> str:
    if not isinstance(advice, str) or advice not in ADVICE:
        raise PolicyError.of("value.one_of", options=", ".join(ADVICE), file=file, key="advice")
    return advice


def _load(text: str, file: str, base: Path | None, default_name: str, advice: str) -> Policy:
    from pathlib import Path  # with the loader: a built preset needs neither (3 ms)

    from .build import build
    from .extends import resolve
    from .files import parse_document

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
        return build(doc, resolve(doc, (identity,)), advice)
    except RecursionError:  # pragma: no cover - extends depth is capped well below this
        raise PolicyError.of("file.too_deep", file=file) from None


def parse_policy(text: str, *, file: str = "<string>", advice: str = "error") -> Policy:
    """Build a policy from TOML *text*; *file* names it in errors.

    A relative ``extends`` path is resolved against *file*'s directory (the
    current directory for ``"<string>"``).  *advice* is ``"error"`` (every
    rule reports errors) or ``"warn"`` (rules with ``wording = "advised"``
    report warnings); see :func:`load_policy`.
    """
    from pathlib import Path

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    _check_advice(advice, file)
    is_path = not (file.startswith("<") and file.endswith(">"))
    base = Path(file).parent if is_path else Path.cwd()
    stem = Path(file).stem if is_path else "custom"
    source = functools.partial(parse_policy, text, file=file, advice=advice)  # what it pickles as
    return remember_source(_load(text, file, base, stem, advice), source)


def load_policy(name_or_path: str | os.PathLike[str], *, advice: str = "error") -> Policy:
    """Load a bundled preset by name, or a policy file by path.

    A firm preset refuses every password its firm's page tells customers not
    to use; each rule's provenance says whether the page *requires* it or
    only *advises* it (``wording``).  With ``advice="error"`` (the default)
    both are errors; with ``advice="warn"`` the advised rules report
    warnings, the letter of the page.  Any other value is a
    :class:`~credguard.PolicyError`.
    """
    # A bundled preset with the default advice: its built form, made from
    # the TOML at build time by this same loader (see .bundled).  Only a bare
    # name has one, never a path.
    if isinstance(name_or_path, str) and advice == "error":
        built = load_built(name_or_path)
        if built is not None:
            source = functools.partial(load_policy, name_or_path, advice=advice)
            return remember_source(built, source)
    from pathlib import Path

    from .files import looks_like_path, read_file

    if isinstance(name_or_path, os.PathLike) or (
        isinstance(name_or_path, str) and looks_like_path(name_or_path)
    ):
        path = Path(name_or_path)
        _check_advice(advice, str(path))
        text = read_file(path)
        # Pickled as the text read now, parsed again as this file wherever
        # the other process's working directory is (docs/scale.md).
        source = functools.partial(parse_policy, text, file=os.path.abspath(path), advice=advice)
        return remember_source(_load(text, str(path), path.parent, path.stem, advice), source)
    if not isinstance(name_or_path, str):
        raise TypeError("name_or_path must be a str or a path")
    policy = build_preset(name_or_path, advice=advice)
    return remember_source(policy, functools.partial(load_policy, name_or_path, advice=advice))


def build_preset(name: str, *, advice: str = "error") -> Policy:
    """The bundled preset *name* read from its TOML by the full loader, never its built form.

    What :func:`load_policy` does for a preset without a built form, and
    how the built forms are made (``credguard._docgen.built_presets``).
    """
    from .files import list_presets, preset_text

    names = list_presets()
    if name not in names:
        import difflib  # only to word the error

        raise UnknownPresetError(name, difflib.get_close_matches(name, names, n=3, cutoff=0.5))
    file = f"<preset {name}>"
    return _load(preset_text(name), file, None, name, _check_advice(advice, file))


def collect_problems(name_or_path: str | os.PathLike[str]) -> tuple[PolicyError, ...]:
    """Every problem :func:`load_policy` would refuse in a policy file (for ``lint``).

    A file that cannot be read or parsed has one problem.  Otherwise every
    shape problem (unknown tables and keys, wrong types) is reported, each
    checked on its own (:func:`.problems.shape_problems`, at most
    :data:`MAX_PROBLEMS`); only when there is none is the policy built, and
    the first problem of ``extends`` or of contradicting rules reported.  A
    preset is loaded as it is.  An empty tuple: the policy loads.
    """
    from pathlib import Path

    from .document import Document
    from .files import looks_like_path, parse_toml, read_file
    from .problems import shape_problems

    path: Path | None = None
    if isinstance(name_or_path, os.PathLike) or looks_like_path(str(name_or_path)):
        path = Path(name_or_path)
    try:
        if path is None:
            load_policy(name_or_path)
            return ()
        text = read_file(path)
        data = parse_toml(text, str(path))
        problems = shape_problems(Document(str(path), path.stem, data, text, path.parent))
        if problems:
            return problems
        _load(text, str(path), path.parent, path.stem, "error")
    except PolicyError as error:
        return (error,)
    return ()


def as_policy(source: PolicySource) -> Policy:
    """*source* itself if it is a :class:`~credguard.Policy`, else :func:`load_policy` of it.

    The one step by which the tools (describe, diff, audit), the lockout
    settings and the Django and Pydantic integrations accept a preset name
    or a path wherever they take a policy.
    """
    return source if isinstance(source, Policy) else load_policy(source)
