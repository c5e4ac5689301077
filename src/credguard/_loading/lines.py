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


class LineIndex:
    """Key path -> line number, from one pass over the TOML text.

    Good enough for every file tomllib accepts: a first pass over tokens
    (the ones :func:`check_key_parts` reads) finds the lines that start
    outside every multi-line string, array and inline table, escaped quotes
    included, so a ``key =`` inside them is never mistaken for a key.  Only
    those lines are matched against the header and assignment patterns, and
    a key of more than :data:`MAX_KEY_PARTS` parts is not stored, so time
    and memory are linear in the text.  A path not found falls back to its
    nearest indexed parent.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        table: tuple[str, ...] = ()
        top = _top_level_lines(text)
        for number, line in enumerate(text.split("\n"), start=1):
            if not top[number - 1]:
                continue
            header = _HEADER.match(line)
            if header:
                table = _split_key(header.group(1))
                self._add(table, number)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                self._add((*table, *_split_key(assign.group(1))), number)

    def _add(self, path: tuple[str, ...], number: int) -> None:
        if len(path) > MAX_KEY_PARTS:
            return  # refused by check_key_parts: never a key of a loaded policy
        # ``[a.b]`` also defines ``a``: its first mention is where it starts.
        for end in range(1, len(path) + 1):
            self._lines.setdefault(".".join(path[:end]), number)

    def __len__(self) -> int:
        """How many key paths are indexed (each prefix of a key counts once)."""
        return len(self._lines)

    def line_of(self, path: str) -> int | None:
        parts = path.split(".", MAX_KEY_PARTS)[:MAX_KEY_PARTS]
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


#: What can change whether a line starts at the top level: strings,
#: brackets, and comments holding a quote or bracket (any other comment,
#: like any other text, cannot).  Newlines are counted, not matched.
_STRUCTURE: Final = re.compile(
    r"""(?P<multiline>\"\"\"|''')|(?P<string>"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?)"""
    r"""|(?P<brackets>[\[\]{}]+)|(?P<comment>\#[^\n"'\[\]{}]*["'\[\]{}][^\n]*)"""
)


def _top_level_lines(text: str) -> list[bool]:
    """For each line (split at ``\\n``): does it start outside strings and brackets?"""
    top = [True] * (text.count("\n") + 1)
    line = 0  # of the last token, counted from 0
    depth = 0  # open [ and { outside strings and comments
    counted = 0  # where line was counted to
    position = 0
    search = _STRUCTURE.search
    count = text.count
    while True:
        token = search(text, position)
        if token is None:
            break
        kind = token.lastgroup
        start = token.start()
        newlines = count("\n", counted, start)
        if newlines and depth:  # these lines start inside brackets
            top[line + 1 : line + 1 + newlines] = [False] * newlines
        line += newlines
        position = counted = token.end()
        if kind == "multiline":
            position = _multiline_end(text, position, token.group()[0])
            inside = count("\n", counted, position)
            top[line + 1 : line + 1 + inside] = [False] * inside
            line += inside
            counted = position
        elif kind == "brackets":
            group = token.group()
            depth += group.count("[") + group.count("{")
            depth = max(0, depth - group.count("]") - group.count("}"))
    return top


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
                raise PolicyError.of("file.key_parts", line=line, limit=MAX_KEY_PARTS)
            continue
        if kind == "multiline":
            end = _multiline_end(text, position, token.group()[0])
            line += text.count("\n", position, end)
            position = end
        elif kind == "newline":
            line += 1
        chain, after_dot = 0, False
