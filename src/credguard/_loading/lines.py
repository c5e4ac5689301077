"""Where keys are in a policy's TOML text, and how many parts a dotted key has.

tomllib gives no positions for the values it returns, so :class:`LineIndex`
scans the text once for table headers and ``key =`` lines, for errors and
lint findings that name a line.  :func:`check_key_parts` runs before the
parser: tomllib's time grows with the square of a dotted key's length.
"""

from __future__ import annotations

import re
from typing import Final

from ..errors import PolicyError

__all__ = ["MAX_KEY_PARTS", "LineIndex", "check_key_parts"]

#: Most parts in a dotted key or table header (the format needs 6:
#: ``kinds.trade.rules.classes.min_counts.digit``).
MAX_KEY_PARTS: Final = 16

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY_PART = re.compile(rf"{_BARE}|{_QUOTED}")
_DOTTED = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = _KEY_PART.findall(dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _bracket_depth(value: str) -> int:
    """Net ``[``/``{`` minus ``]``/``}`` outside simple strings and comments."""
    depth = 0
    quote = ""
    for char in value:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth


class LineIndex:
    """Key path -> line number, from one pass over the TOML text.

    Good enough for every file tomllib accepts: multi-line strings and
    arrays are skipped, so a ``key = `` inside them is not mistaken for a
    key.  A path not found falls back to its nearest indexed parent.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        table: tuple[str, ...] = ()
        closing = ""  # the delimiter of the multi-line string we are in
        depth = 0  # open brackets of a multi-line array or inline table
        for number, line in enumerate(text.splitlines(), start=1):
            if closing:
                if closing in line:
                    closing = ""
                continue
            if depth > 0:
                depth += _bracket_depth(line)
                continue
            header = _HEADER.match(line)
            if header:
                table = _split_key(header.group(1))
                self._add(table, number)
                continue
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            self._add((*table, *_split_key(assign.group(1))), number)
            value = assign.group(2)
            for delimiter in ('"""', "'''"):
                if value.startswith(delimiter) and value.count(delimiter) == 1:
                    closing = delimiter
            if not closing:
                depth = max(0, _bracket_depth(value))

    def _add(self, path: tuple[str, ...], number: int) -> None:
        # ``[a.b]`` also defines ``a``: its first mention is where it starts.
        for end in range(1, len(path) + 1):
            self._lines.setdefault(".".join(path[:end]), number)

    def line_of(self, path: str) -> int | None:
        parts = path.split(".")
        while parts:
            line = self._lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


#: One token of TOML text, as far as counting dotted-key parts needs: the
#: alternatives start with different characters, so matching never backtracks.
_TOKEN: Final = re.compile(
    r"""(?P<newline>\n)|(?P<space>[ \t\r]+)|(?P<comment>\#[^\n]*)|(?P<dot>\.+)"""
    r"""|(?P<multiline>\"\"\"|''')"""
    r"""|(?P<string>"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?)"""
    r"""|(?P<bare>[A-Za-z0-9_-]+)|(?P<other>[^\n \t\r#."'A-Za-z0-9_-]+)"""
)


def _multiline_end(text: str, start: int, quote: str) -> int:
    """Index just past the multi-line string whose opening quotes end at *start*."""
    while True:
        found = text.find(quote * 3, start)
        if found < 0:
            return len(text)
        backslashes = 0
        while quote == '"' and text[found - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            end = found + 3
            # Up to two more quotes belong to the content ('"""a""""' ends 'a"').
            while end < len(text) and end - found < 5 and text[end] == quote:
                end += 1
            return end
        start = found + 1


def check_key_parts(text: str) -> None:
    """Refuse a dotted key or table name of more than :data:`MAX_KEY_PARTS` parts.

    tomllib's time grows with the square of a dotted key's length (a 64 KiB
    key ``a.a.a… = 1`` takes about 30 seconds), so the size cap alone does
    not bound the cost of parsing.  One linear pass over tokens, outside
    strings and comments, before the parser sees the text.
    """
    line = 1
    chain = 0  # parts in the current key.key.key chain
    after_dot = False
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None:  # pragma: no cover - the alternatives cover every character
            break
        kind = token.lastgroup
        position = token.end()
        if kind == "space" or kind == "comment":
            continue
        if kind == "dot" and chain and not after_dot and len(token.group()) == 1:
            after_dot = True
            continue
        if kind in ("string", "bare"):
            chain = chain + 1 if after_dot else 1
            after_dot = False
            if chain > MAX_KEY_PARTS:
                raise PolicyError(
                    f"a dotted key or table name has more than {MAX_KEY_PARTS} parts", line=line
                )
            continue
        if kind == "multiline":
            end = _multiline_end(text, position, token.group()[0])
            line += text.count("\n", position, end)
            position = end
        elif kind == "newline":
            line += 1
        chain, after_dot = 0, False
