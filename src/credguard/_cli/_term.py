"""Terminal handling: output encoding, colour, display width, progress.

Colour is used only when the stream is a terminal, never when ``NO_COLOR``
is set (https://no-color.org), and can be forced with ``FORCE_COLOR`` for
pagers such as ``less -R``.  Streams whose encoding cannot hold Japanese
(``LC_ALL=C`` with UTF-8 mode off) are switched to backslash escapes instead
of crashing.  Progress goes to standard error, and only to a terminal.
"""

from __future__ import annotations

import codecs
import io
import os
import time
import unicodedata
from typing import Final, TextIO

from .._messages import Lang
from ._i18n import text

__all__ = [
    "Progress",
    "Style",
    "display_width",
    "escape",
    "isatty",
    "pad",
    "prepare_stream",
    "wants_colour",
]

_COLOURS: Final = {
    "ok": "32",  # green
    "rejected": "1;31",  # bold red
    "error": "31",  # red
    "warning": "33",  # yellow
    "code": "36",  # cyan
    "heading": "1",  # bold
    "dim": "2",
}


def prepare_stream(stream: TextIO) -> bool:
    """Make *stream* safe for any text; return True when it encodes UTF-8.

    A stream that cannot encode every character gets ``backslashreplace``
    errors, so Japanese output degrades to ``\\u30a8`` escapes, not a crash.
    """
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    if not utf8 and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return utf8


def isatty(stream: object) -> bool:
    """True when *stream* is a terminal; False for closed or unusual streams."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def wants_colour(stream: TextIO) -> bool:
    """True when output to *stream* should be coloured."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and isatty(stream)


class Style:
    """Wraps text in ANSI colours, or leaves it alone."""

    __slots__ = ("enabled",)

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, value: str, role: str) -> str:
        if not self.enabled:
            return value
        return f"\x1b[{_COLOURS[role]}m{value}\x1b[0m"


def escape(value: str) -> str:
    """*value* safe to print on a terminal: every non-printable character escaped.

    Everything printed that comes from a file (policy names, keys, values,
    input labels, error messages quoting them) goes through this, so a file
    cannot move the cursor, retitle the window or hide text with ESC
    sequences or bidirectional overrides (issue 21, "terminal injection").
    """
    if value.isprintable():
        return value  # nearly always: one C-level test
    return "".join(c if c.isprintable() else _escaped(c) for c in value)


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def display_width(value: str) -> int:
    """Columns *value* takes on a terminal: wide (CJK) characters count two."""
    if value.isascii():
        return len(value)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in value
    )


def pad(value: str, width: int) -> str:
    """*value* followed by spaces up to *width* display columns."""
    return value + " " * max(0, width - display_width(value))


class Progress:
    """A one-line counter on standard error, redrawn at most a few times a second."""

    _INTERVAL: Final = 0.25

    def __init__(
        self, stream: TextIO, lang: Lang, *, total_bytes: int | None, enabled: bool
    ) -> None:
        self._stream = stream
        self._lang = lang
        self._total = total_bytes or None
        self._enabled = enabled
        self._next = time.monotonic()  # first drawn at once, then throttled
        self._shown = 0

    def update(self, count: int, done_bytes: int) -> None:
        """Show *count* lines done (cheap when called for every line)."""
        if not self._enabled or count % 512:
            return
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + self._INTERVAL
        if self._total:
            percent = min(100, done_bytes * 100 // self._total)
            line = text("progress.percent", self._lang, count=f"{count:,}", percent=percent)
        else:
            line = text("progress", self._lang, count=f"{count:,}")
        self._draw(line)

    def _draw(self, line: str) -> None:
        width = display_width(line)
        self._stream.write("\r" + line + " " * max(0, self._shown - width))
        self._stream.flush()
        self._shown = width

    def finish(self) -> None:
        """Erase the counter line."""
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0
