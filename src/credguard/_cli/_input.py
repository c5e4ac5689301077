"""Reading passwords one per line, in constant memory.

Lines are read as bytes with a length limit, so one enormous line (a file
with no newline) cannot fill memory: a line longer than :data:`LINE_LIMIT`
bytes is certainly over :data:`~credguard.MAX_PASSWORD_LENGTH` and is only
counted, in code points, while it is validated chunk by chunk.  Invalid
UTF-8 stops the run with ``file:line: invalid UTF-8``; the bytes themselves
are never shown, since they are a password.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Final

from .._guard import MAX_PASSWORD_LENGTH
from .._messages import Lang
from ._i18n import text

__all__ = ["LINE_LIMIT", "InputError", "Line", "LineReader", "OverLong"]

#: Bytes read at once from one line.  A UTF-8 code point takes at most four
#: bytes, so a longer line has more than MAX_PASSWORD_LENGTH code points.
LINE_LIMIT: Final = max(64 * 1024, 4 * MAX_PASSWORD_LENGTH + 2)


_BOM: Final = codecs.BOM_UTF8


class InputError(Exception):
    """A problem with an input file; the message is ``file[:line]: problem``."""


@dataclass(frozen=True, slots=True)
class OverLong:
    """A line too long to hold: only its length in code points is kept."""

    length: int


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: where it came from and the password (or its length)."""

    file: str
    number: int
    password: str | OverLong

    def __repr__(self) -> str:
        # The password is a secret: show where it is, never what it is.
        return f"Line({self.file!r}, {self.number})"


class LineReader:
    """Iterates over the lines of *files* (``"-"`` or none: *stdin*).

    Every named file is checked before the first line is read, so a typo in
    the last file name fails at once rather than after hours of work.
    """

    def __init__(self, files: Sequence[str], stdin: BinaryIO, lang: Lang) -> None:
        self._lang = lang
        self._stdin = stdin
        self._files = list(files) or ["-"]
        self.stdin_label = text("stdin", lang)
        self.bytes_read = 0
        self.total_bytes: int | None = 0
        if self._files.count("-") > 1:
            raise InputError(f"-: {text('error.stdin_twice', lang)}")
        for name in self._files:
            if name == "-":
                self.total_bytes = None
                continue
            try:
                info = os.stat(name)
            except OSError as error:
                raise InputError(self._cannot_read(name, error)) from None
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{name}: {text('error.is_directory', lang)}")
            if self.total_bytes is not None and stat.S_ISREG(info.st_mode):
                self.total_bytes += info.st_size
            elif not stat.S_ISREG(info.st_mode):
                self.total_bytes = None  # a pipe or device: size unknown

    @property
    def labels(self) -> list[str]:
        """The label of each input, as results name it."""
        return [self.stdin_label if name == "-" else name for name in self._files]

    def _cannot_read(self, name: str, error: OSError) -> str:
        reason = error.strerror or type(error).__name__
        return f"{name}: {text('error.cannot_read', self._lang, reason=reason)}"

    def __iter__(self) -> Iterator[Line]:
        for name in self._files:
            if name == "-":
                yield from self._lines(self.stdin_label, self._stdin)
                continue
            try:
                stream = open(name, "rb")  # noqa: SIM115 - closed by the with below
            except OSError as error:
                raise InputError(self._cannot_read(name, error)) from None
            with stream:
                yield from self._lines(name, stream)

    def _invalid(self, label: str, number: int) -> InputError:
        return InputError(f"{label}:{number}: {text('error.invalid_utf8', self._lang)}")

    def _lines(self, label: str, stream: BinaryIO) -> Iterator[Line]:
        number = 0
        readline = stream.readline
        while True:
            try:
                raw = readline(LINE_LIMIT)
            except OSError as error:
                raise InputError(self._cannot_read(label, error)) from None
            if not raw:
                return
            number += 1
            self.bytes_read += len(raw)
            if number == 1 and raw.startswith(_BOM):
                # Editors on Windows start UTF-8 files with a byte order mark;
                # it is not part of the first password.
                raw = raw[len(_BOM) :]
            if len(raw) == LINE_LIMIT and not raw.endswith(b"\n"):
                yield Line(label, number, self._overlong(label, number, raw, stream))
                continue
            raw = raw.removesuffix(b"\n").removesuffix(b"\r")
            try:
                password = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise self._invalid(label, number) from None
            yield Line(label, number, password)

    def _overlong(self, label: str, number: int, first: bytes, stream: BinaryIO) -> OverLong:
        """Validate and count the rest of a long line without keeping it."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        length = 0
        last = ""
        chunk = first
        while True:
            final = not chunk or chunk.endswith(b"\n")
            chunk = chunk.removesuffix(b"\n")
            try:
                piece = decoder.decode(chunk, final=final)
            except UnicodeDecodeError:
                raise self._invalid(label, number) from None
            if piece:
                length += len(piece)
                last = piece[-1]
            if final:
                break
            chunk = stream.readline(LINE_LIMIT)
            self.bytes_read += len(chunk)
        if last == "\r":
            length -= 1
        return OverLong(length)
