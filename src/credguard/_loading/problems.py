"""Every shape problem of one policy file, not only the first (for ``lint``).

:func:`~.shape.check_shape` stops at the first problem, which is what
loading wants.  ``lint`` wants all of them, so :func:`shape_problems` splits
the parsed file into independent pieces, down to single keys — one
``[policy]`` key, one key of one rule table, one key of one section or
event — checks each piece on its own and keeps each problem once.  Problems
that need the whole policy (``extends``, contradictions between rules) are
found by building it, which stops at the first; ``lint`` reports those only
when the shape is clean.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from .._sections import SECTIONS, events_of
from ..errors import PolicyError
from .document import Document
from .lines import LineIndex
from .shape import check_shape

__all__ = ["MAX_PROBLEMS", "shape_problems"]

#: Most problems reported for one file: past this, the file is not a policy
#: with mistakes but something else, and one screen of errors says so.
MAX_PROBLEMS: Final = 100

#: How many table levels below each top-level key are split into pieces
#: (``kinds.<kind>.rules.<rule>.<key>``); a section's events are split
#: one level further by :func:`_pieces`.
_DEPTHS: Final = {"policy": 1, "rules": 2, "kinds": 4}


def _split(value: Any, depth: int) -> Iterator[Any]:
    """*value* as one-key tables down to *depth* levels (itself below that)."""
    if depth == 0 or not isinstance(value, dict) or not value:
        yield value
        return
    for key, item in value.items():
        for piece in _split(item, depth - 1):
            yield {key: piece}


def _pieces(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, dict) and value:
            events = events_of(SECTIONS[key])
            for name, item in value.items():
                depth = 1 if name in events else 0
                for piece in _split(item, depth):
                    yield {key: {name: piece}}
        else:
            for piece in _split(value, _DEPTHS.get(key, 0)):
                yield {key: piece}


def shape_problems(doc: Document) -> tuple[PolicyError, ...]:
    """Every shape problem of *doc*, in file order, each once (at most :data:`MAX_PROBLEMS`)."""
    found: dict[tuple[str | None, str], PolicyError] = {}
    for piece in _pieces(doc.data):
        # An empty text: no line lookup per problem; one index locates them all below.
        try:
            check_shape(Document(doc.file, doc.name, piece, "", doc.base))
        except PolicyError as error:
            found.setdefault((error.key, error.problem), error)
            if len(found) >= MAX_PROBLEMS:
                break
    if not found:
        return ()
    index = LineIndex(doc.text)
    located = [
        error.located(line=index.line_of(error.key) if error.key else None)
        for error in found.values()
    ]
    return tuple(sorted(located, key=lambda error: error.line or 0))
