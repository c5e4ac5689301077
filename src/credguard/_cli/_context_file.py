"""``--context FILE``: the account's :class:`~credguard.UserContext` from JSON or TOML.

The file holds the ``UserContext`` fields by name: ``birthdate`` as a
``"YYYY-MM-DD"`` string (or a TOML date), ``names`` and the other tuple
fields as lists, ``other_credentials`` as a table of kind to stored hash.
Errors name the file, the line where the parser gives one, and the field,
never a value: the file holds personal data.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from .._context import UserContext
from .._messages import Lang
from .._regular import open_regular
from ..errors import ContextError
from ._i18n import text
from ._input import InputError

__all__ = ["MAX_CONTEXT_BYTES", "build_context", "read_context"]

#: Largest context file read, checked before parsing.
MAX_CONTEXT_BYTES: Final = 1 << 20

# Only the fields a caller sets: a private one such as ``_derived`` is an
# unknown key like any other.
FIELDS: Final = tuple(f.name for f in dataclasses.fields(UserContext) if f.init)
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
# TOML messages may quote a character of the document: drop every quotation.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def read_context(path: str, lang: Lang) -> dict[str, Any]:
    """Parse the context file at *path* into a plain, picklable mapping."""
    try:
        # Only a regular file: a FIFO or a device would block or never end.
        with open_regular(path) as stream:
            raw = stream.read(MAX_CONTEXT_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(f"{path}: {text('error.cannot_read', lang, reason=reason)}") from None
    if len(raw) > MAX_CONTEXT_BYTES:
        raise InputError(f"{path}: {text('error.too_large', lang, limit=MAX_CONTEXT_BYTES)}")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: {text('error.invalid_utf8', lang)}") from None
    suffix = Path(path).suffix.lower()
    # By suffix; a file with another suffix is JSON if it looks like an object.
    is_json = suffix == ".json" or (suffix != ".toml" and source.lstrip().startswith("{"))
    data = _json(path, source, lang) if is_json else _toml(path, source, lang)
    if not isinstance(data, dict):
        raise InputError(f"{path}: {text('error.not_table', lang)}")
    for key in data:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1, cutoff=0.6)
            hint = text("error.did_you_mean", lang, name=close[0]) if close else ""
            raise InputError(f"{path}: {key}: {text('error.unknown_field', lang, hint=hint)}")
    build_context(data, path)  # validate now, in the parent, before any work
    return data


def _json(path: str, source: str, lang: Lang) -> Any:
    try:
        return json.loads(source)
    except json.JSONDecodeError as error:
        # JSONDecodeError.msg is a fixed phrase ("Expecting value"): no content.
        problem = text("error.invalid_json", lang, problem=error.msg)
        raise InputError(f"{path}:{error.lineno}: {problem}") from None
    except ValueError:  # an integer past Python's digit limit
        raise InputError(
            f"{path}: {text('error.invalid_json', lang, problem='integer too long')}"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: {text('error.not_table', lang)}") from None


def _toml(path: str, source: str, lang: Lang) -> Any:
    # Imported for a TOML context file only, not by every `credguard check`.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_WHERE.search(message)
        line = f":{where.group(1)}" if where and where.group(1) else ""
        problem = _QUOTED.sub("…", _TOML_WHERE.sub("", message)).strip()
        raise InputError(
            f"{path}{line}: {text('error.invalid_toml', lang, problem=problem)}"
        ) from None
    except ValueError:  # an integer past Python's digit limit
        problem = text("error.invalid_toml", lang, problem="integer too long")
        raise InputError(f"{path}: {problem}") from None
    except RecursionError:
        raise InputError(f"{path}: {text('error.not_table', lang)}") from None


def build_context(data: Mapping[str, Any], path: str) -> UserContext:
    """Build the context; a bad field is an :class:`InputError` naming it."""
    try:
        return UserContext(**data)
    except ContextError as error:
        # ContextError names the field and the problem, never the value.
        raise InputError(f"{path}: {error.field}: {error.problem}") from None
