"""Reading passwords one per line, in constant memory.

Lines are read as bytes with a length limit, so one enormous line (a file
with no newline) cannot fill memory: a line longer than :data:`LINE_LIMIT`
bytes is certainly over :data:`~credguard.MAX_PASSWORD_LENGTH` and is only
counted, in code points, while it is validated chunk by chunk.  Input is
UTF-8 unless ``--encoding`` names another codec (Japanese exports are often
CP932).  A line that does not decode stops the run with ``file:line: invalid
UTF-8 (try --encoding cp932 …)``, or with ``--on-invalid skip`` is reported
and skipped; the bytes themselves are never shown, since they are a password.

Typed at a terminal, passwords are read without echo, as ``getpass`` does.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

from .._guard import MAX_PASSWORD_LENGTH
from .._messages import Lang
from ._i18n import text

__all__ = [
    "LINE_LIMIT",
    "InputError",
    "Invalid",
    "Line",
    "LineReader",
    "OverLong",
    "check_encoding",
    "no_echo",
]

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
class Invalid:
    """A line skipped with ``--on-invalid skip``: why, never what."""

    reason: str


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: where it came from and the password (or its length).

    ``end`` is the input's byte offset after the line (for progress);
    ``context`` the row's own context fields (CSV and JSONL input).
    """

    file: str
    number: int
    password: str | OverLong | Invalid
    end: int = 0
    context: dict[str, Any] | None = None

    def __repr__(self) -> str:
        # The password is a secret: show where it is, never what it is.
        return f"Line({self.file!r}, {self.number})"


class LineReader:
    """Iterates over the lines of *files* (``"-"`` or none: *stdin*).

    Every named file is checked before the first line is read, so a typo in
    the last file name fails at once rather than after hours of work.
    """

    def __init__(
        self,
        files: Sequence[str],
        stdin: BinaryIO,
        lang: Lang,
        *,
        encoding: str = "utf-8",
        skip_invalid: bool = False,
        terminal: bool = False,
    ) -> None:
        self._lang = lang
        self._stdin = stdin
        self._terminal = terminal  # stdin is a terminal: read without echo
        self.encoding = check_encoding(encoding, lang)
        self._skip_invalid = skip_invalid
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
                with no_echo(self._stdin) if self._terminal else contextlib.nullcontext():
                    yield from self._lines(self.stdin_label, self._stdin)
                continue
            try:
                stream = open(name, "rb")  # noqa: SIM115 - closed by the with below
            except OSError as error:
                raise InputError(self._cannot_read(name, error)) from None
            with stream:
                yield from self._lines(name, stream)

    def _invalid(self, label: str, number: int) -> InputError:
        return InputError(f"{label}:{number}: {self.invalid_reason()}")

    def invalid_reason(self) -> str:
        """What a line that does not decode is told, with the way out."""
        if self.encoding == "utf-8":
            return text("error.invalid_utf8", self._lang) + text("error.try_encoding", self._lang)
        return text("error.invalid_encoding", self._lang, encoding=self.encoding)

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
            if number == 1 and self.encoding == "utf-8" and raw.startswith(_BOM):
                # Editors on Windows start UTF-8 files with a byte order mark;
                # it is not part of the first password.
                raw = raw[len(_BOM) :]
            if len(raw) == LINE_LIMIT and not raw.endswith(b"\n"):
                try:
                    long: OverLong | Invalid = self._overlong(label, number, raw, stream)
                except InputError:
                    if not self._skip_invalid:
                        raise
                    long = Invalid(self.invalid_reason())
                yield Line(label, number, long, self.bytes_read)
                continue
            raw = raw.removesuffix(b"\n").removesuffix(b"\r")
            try:
                password: str | Invalid = raw.decode(self.encoding)
            except UnicodeDecodeError:
                if not self._skip_invalid:
                    raise self._invalid(label, number) from None
                password = Invalid(self.invalid_reason())
            yield Line(label, number, password, self.bytes_read)

    def _overlong(self, label: str, number: int, first: bytes, stream: BinaryIO) -> OverLong:
        """Validate and count the rest of a long line without keeping it."""
        decoder = codecs.getincrementaldecoder(self.encoding)()
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


def check_encoding(name: str, lang: Lang) -> str:
    """The codec's canonical name; an :class:`InputError` for one Python does
    not know, or one that does not write a line break as ``\\n`` (UTF-16)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(text("error.unknown_encoding", lang, encoding=name)) from None
    try:
        ascii_safe = "a\n".encode(info.name) == b"a\n"
    except (UnicodeError, LookupError):  # a codec that is not a text encoding
        ascii_safe = False
    if not ascii_safe:
        raise InputError(text("error.encoding_lines", lang, encoding=name))
    return info.name


@contextlib.contextmanager
def no_echo(stream: Any) -> Iterator[None]:
    """Turn the terminal's echo off while passwords are typed (as getpass does)."""
    try:
        import termios

        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        yield  # not a POSIX terminal: nothing to turn off
        return
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO  # lflags
    termios.tcsetattr(fd, termios.TCSADRAIN, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
