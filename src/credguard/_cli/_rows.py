"""``--input-format csv|jsonl``: a password and that customer's context on each row.

An audit export has one row per customer: the password (or the candidate
password) and the personal data it must not contain.  Each row is read with
:class:`~._input.LineReader` (so the line bound, ``--encoding`` and
``--on-invalid`` apply unchanged) and becomes a :class:`~._input.Line`
whose ``context`` holds that row's :class:`~credguard.UserContext` fields.

Columns (CSV header names, JSONL keys) map to fields by name, or through
``--map password=pw,birthdate=dob``.  In CSV, list fields (``names``,
``other_words``, ``address_numbers``, ``password_history``) are separated
by ``;``; an empty cell is "not set".  Errors name the file, the line and
the column, never a value.  A quoted CSV field may not span lines.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from .._context import UserContext
from .._messages import Lang
from ..errors import ContextError
from ._context_file import FIELDS
from ._i18n import text
from ._input import InputError, Invalid, Line, OverLong

__all__ = ["INPUT_FORMATS", "RowReader", "parse_map"]

INPUT_FORMATS: Final = ("lines", "csv", "jsonl")
PASSWORD: Final = "password"  # noqa: S105 - a column name, not a secret
#: The fields a row may carry: the password and UserContext's.
_TARGETS: Final = (PASSWORD, *FIELDS)
_LIST_FIELDS: Final = frozenset(("names", "other_words", "address_numbers", "password_history"))


def parse_map(value: str | None, lang: Lang) -> dict[str, str]:
    """``--map field=column,...`` as field -> column; every field named once."""
    mapping = {target: target for target in _TARGETS}
    if not value:
        return mapping
    seen: set[str] = set()
    for item in value.split(","):
        field, sep, column = (part.strip() for part in item.partition("="))
        if not sep or not field or not column:
            raise InputError(text("error.map_syntax", lang, item=item.strip()))
        if field not in _TARGETS:
            raise InputError(text("error.map_field", lang, field=field, fields=", ".join(_TARGETS)))
        if field in seen:
            raise InputError(text("error.map_twice", lang, field=field))
        seen.add(field)
        mapping[field] = column
    return mapping


class RowReader:
    """The rows of *lines* (CSV or JSONL) as lines carrying a context."""

    def __init__(
        self,
        lines: Iterable[Line],
        fmt: str,
        mapping: Mapping[str, str],
        lang: Lang,
        *,
        skip_invalid: bool = False,
    ) -> None:
        self._lines = lines
        self._csv = fmt == "csv"
        self._map = mapping
        self._lang = lang
        self._skip = skip_invalid

    def __iter__(self) -> Iterator[Line]:
        columns: dict[str, int] | None = None
        current = None
        for line in self._lines:
            if line.file != current:  # each CSV file starts with its header
                current, columns = line.file, None
            where = f"{line.file}:{line.number}"
            if isinstance(line.password, Invalid):
                yield line
                continue
            try:
                if isinstance(line.password, OverLong):
                    raise InputError(f"{where}: {text('error.row_too_long', self._lang)}")
                if self._csv and columns is None:
                    columns = self._header(where, line.password)
                    continue
                yield self._row(line, line.password, where, columns)
            except InputError as error:
                if not self._skip:
                    raise
                yield Line(
                    line.file, line.number, Invalid(str(error).removeprefix(where + ": ")), line.end
                )

    def _header(self, where: str, source: str) -> dict[str, int]:
        cells = self._cells(where, source)
        index = {name.strip(): i for i, name in reversed(list(enumerate(cells)))}
        columns = {field: index[col] for field, col in self._map.items() if col in index}
        if PASSWORD not in columns:
            column = self._map[PASSWORD]
            raise InputError(
                f"{where}: {text('error.no_password_column', self._lang, column=column)}"
            )
        return columns

    def _cells(self, where: str, source: str) -> list[str]:
        try:
            return next(csv.reader([source], strict=True), [])
        except csv.Error:
            raise InputError(f"{where}: {text('error.invalid_csv', self._lang)}") from None

    def _row(self, line: Line, source: str, where: str, columns: dict[str, int] | None) -> Line:
        if columns is not None:
            cells = self._cells(where, source)
            values: dict[str, Any] = {}
            for field, i in columns.items():
                cell = cells[i].strip() if i < len(cells) else ""
                if cell and field in _LIST_FIELDS:
                    values[field] = tuple(p.strip() for p in cell.split(";") if p.strip())
                elif cell or field == PASSWORD:
                    values[field] = cells[i] if field == PASSWORD and i < len(cells) else cell
        else:
            values = self._json(where, source)
        password = values.pop(PASSWORD, None)
        if not isinstance(password, str):
            raise InputError(
                f"{where}: {self._map[PASSWORD]}: {text('error.row_no_password', self._lang)}"
            )
        try:
            UserContext(**values)  # validated here, so the error names the row
        except ContextError as error:
            column = self._map.get(error.field, error.field)
            raise InputError(f"{where}: {column} ({error.field}): {error.problem}") from None
        except TypeError:  # a value of the wrong JSON type
            raise InputError(f"{where}: {text('error.row_types', self._lang)}") from None
        return Line(line.file, line.number, password, line.end, values)

    def _json(self, where: str, source: str) -> dict[str, Any]:
        try:
            data = json.loads(source)
        except (ValueError, RecursionError) as error:
            problem = getattr(error, "msg", "integer too long")  # a fixed phrase, no content
            raise InputError(
                f"{where}: {text('error.invalid_json', self._lang, problem=problem)}"
            ) from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: {text('error.row_not_object', self._lang)}")
        by_column = {column: field for field, column in self._map.items()}
        values: dict[str, Any] = {}
        for key, value in data.items():
            field = by_column.get(key)
            if field is None:
                continue  # another column of the export: not ours
            if isinstance(value, list):
                value = tuple(value)
            if value is not None and value != "":
                values[field] = value
        return values
