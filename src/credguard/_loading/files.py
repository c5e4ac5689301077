"""Reading policy text: files, bundled presets, and parsing into a checked Document.

A file is refused before parsing if it is not a regular file, larger than
:data:`MAX_POLICY_BYTES` or not UTF-8; a preset is a TOML file in the
package's ``presets/`` folder (listed and read by :mod:`.bundled`), read only
when asked for.  :func:`parse_document` parses the text (after the dotted
key pre-check of :mod:`.lines`) and checks its shape (:mod:`.shape`).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Final

from .._regular import open_regular
from ..errors import PolicyError
from .bundled import list_presets, preset_text
from .document import Document
from .lines import check_key_parts
from .shape import check_shape

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "MAX_POLICY_BYTES",
    "is_policy_file",
    "list_presets",
    "looks_like_path",
    "parse_document",
    "parse_toml",
    "preset_text",
    "read_document",
    "read_file",
]

#: Largest policy file read, checked before parsing.
MAX_POLICY_BYTES: Final = 1 << 20
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")
#: Lines only a credguard policy has (see :func:`is_policy_file`): a table
#: header, and a dotted key before the first header.
_POLICY_HEADER = re.compile(
    r"""^[ \t]*\[[ \t]*(?:"?policy"?[ \t]*\]|"?(?:rules|kinds)"?[ \t]*[.\]])""", re.MULTILINE
)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_POLICY_DOTTED = re.compile(r"""^[ \t]*"?(?:policy|rules|kinds)"?[ \t]*\.""", re.MULTILINE)


def looks_like_path(name: str) -> bool:
    """Is *name* a file path rather than a preset name?"""
    return name.endswith(".toml") or os.sep in name or "/" in name


def read_file(path: Path) -> str:
    """Read a policy file: size cap before reading, UTF-8 errors with their line.

    One leading byte order mark is dropped.
    """
    try:
        # Only a regular file, checked before it is opened: a FIFO or a
        # device would block the read or never end.
        with open_regular(path) as handle:
            if os.fstat(handle.fileno()).st_size > MAX_POLICY_BYTES:
                raise PolicyError.of("file.too_large", file=str(path), limit=MAX_POLICY_BYTES)
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PolicyError.of("file.cannot_read", file=str(path), reason=reason) from None
    if len(raw) > MAX_POLICY_BYTES:  # it grew between stat and read
        raise PolicyError.of("file.too_large", file=str(path), limit=MAX_POLICY_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PolicyError.of("file.invalid_utf8", file=str(path), line=line) from None
    # Windows editors save UTF-8 with a byte order mark, which TOML does not
    # allow; context and password files already accept one.
    return text.removeprefix("\ufeff")


_LONG_DIGITS: Final = re.compile(r"[0-9][0-9_]{63,}")


def _long_integer(text: str) -> tuple[int | None, str | None]:
    """The line and key of the first long run of digits in *text*, if any."""
    match = _LONG_DIGITS.search(text)
    if match is None:  # pragma: no cover - tomllib read such a run to fail
        return None, None
    start = text.rfind("\n", 0, match.start()) + 1
    assign = re.match(r"\s*([^=\n]{1,200}?)\s*=", text[start : match.start()])
    return text.count("\n", 0, start) + 1, assign.group(1) if assign else None


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """Parse one policy's *text* (size cap, dotted-key pre-check, TOML), without the shape check."""
    # Cheap test first: a str longer than the cap in code points is too big in bytes.
    too_big = len(text) > MAX_POLICY_BYTES
    if too_big or len(text.encode("utf-8", "surrogatepass")) > MAX_POLICY_BYTES:
        raise PolicyError.of("file.too_large", file=file, limit=MAX_POLICY_BYTES)
    try:
        check_key_parts(text)
    except PolicyError as error:
        raise error.located(file=file) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        line = int(match.group(1)) if match else None
        problem = _TOML_LINE.sub("", str(error)).strip()
        raise PolicyError.of("toml.invalid", file=file, line=line, problem=problem) from None
    except RecursionError:
        raise PolicyError.of("toml.too_deep", file=file) from None
    except ValueError:
        # Not a TOMLDecodeError: Python's limit on the digits of an integer
        # read from a string (sys.get_int_max_str_digits) met a huge literal.
        line, key = _long_integer(text)
        raise PolicyError.of("toml.long_integer", file=file, line=line, key=key) from None


def parse_document(text: str, file: str, base: Path | None, default_name: str) -> Document:
    """Parse and shape-check one policy's *text*; *file* names it in errors."""
    data = parse_toml(text, file)
    meta = data.get("policy")
    name = meta.get("name") if isinstance(meta, dict) else None
    name = name if isinstance(name, str) and name else default_name
    doc = Document(file, name, data, text, base)
    try:
        check_shape(doc)
    except RecursionError:  # pragma: no cover - the shape check is not deeply recursive
        raise PolicyError.of("file.too_deep", file=file) from None
    return doc


def is_policy_file(path: Path) -> bool:
    """Does the TOML file at *path* look like a credguard policy (for ``lint --only-policies``)?

    Yes when a line opens a ``[policy]``, ``[rules]``, ``[rules.*]`` or
    ``[kinds.*]`` table, or a line before the first table sets a
    ``policy.*``, ``rules.*`` or ``kinds.*`` dotted key: no
    other tool's configuration (``pyproject.toml``, ``netlify.toml``,
    ``.cargo/config.toml`` …) does.  A file that cannot be read counts as a
    policy, so that ``lint`` reports why.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except OSError:
        return True
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    if _POLICY_HEADER.search(text):
        return True
    first = _ANY_HEADER.search(text)
    return _POLICY_DOTTED.search(text[: first.start()] if first else text) is not None


def read_document(name_or_path: str | os.PathLike[str]) -> Document:
    """The parsed, shape-checked file behind a preset name or path (for lint).

    Only this one file: its ``extends`` is not followed.
    """
    if isinstance(name_or_path, os.PathLike) or looks_like_path(str(name_or_path)):
        path = Path(name_or_path)
        return parse_document(read_file(path), str(path), path.parent, path.stem)
    name = str(name_or_path)
    return parse_document(preset_text(name), f"<preset {name}>", None, name)
