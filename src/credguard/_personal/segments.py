"""Segments of a password: the parts a person typed as one piece.

A token too short to be looked for anywhere in a password (``s60``, ``ren``,
``723``: three characters turn up by chance in random passwords) still
counts when the password holds it as a piece of its own: ``Hello_S60!``,
``Ren_2024``, ``Nihon-723``.  This module cuts a password into those pieces.

A password is read as runs of letters and digits, split where a symbol or
space stands, where letters meet digits, and where a lowercase letter meets
an uppercase one (``HelloS60``).  A *segment* is one piece, two neighbouring
pieces of a run (``S`` + ``60``), or a whole run.  The letters of the whole
password taken together (``Ren1761!`` → ``ren``) are read too.  The cost is
linear in the password length.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Final, NamedTuple

from .._candidate import Candidate
from .tokens import fold_text

__all__ = ["MAX_SEGMENT", "Segment", "letters_of", "segments", "segments_with"]

#: Longest segment looked up: longer tokens are found by containment.
MAX_SEGMENT: Final = 3

_PIECE: Final = re.compile(r"[^\W\d_]+|\d+")
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")


class Segment(NamedTuple):
    """A folded segment, and whether it is a whole run (symbols or the ends around it)."""

    text: str
    whole: bool


def _fold(piece: str) -> str:
    return piece.casefold() if piece.isascii() else fold_text(piece)


def _runs(nfkc: str) -> list[list[str]]:
    runs: list[list[str]] = []
    end = -1
    for hit in _PIECE.finditer(nfkc):
        piece = hit.group()
        parts = _CAMEL.split(piece)
        if hit.start() != end:
            runs.append([])
        runs[-1].extend(_fold(part) for part in parts)
        end = hit.end()
    return runs


def segments(nfkc: str) -> list[Segment]:
    """The segments of a password (NFKC, not case-folded: case marks a boundary)."""
    out: list[Segment] = []
    for run in _runs(nfkc):
        out.append(Segment("".join(run), True))
        if len(run) > 1:
            out += [Segment(piece, False) for piece in run]
        if len(run) > 2:
            out += [Segment(a + b, False) for a, b in itertools.pairwise(run)]
    return [segment for segment in out if len(segment.text) <= MAX_SEGMENT]


# Every ASCII byte that is not a letter, deleted in C by bytes.translate.
_NOT_LETTER_ASCII: Final = bytes(c for c in range(128) if not chr(c).isalpha())


def letters_of(candidate: Candidate) -> str:
    """The password's letters taken together, folded: ``Ren1761!`` → ``ren``."""
    nfkc = candidate.nfkc
    if nfkc.isascii():
        return nfkc.encode("ascii").translate(None, _NOT_LETTER_ASCII).decode("ascii").lower()
    return _fold("".join(c for c in nfkc if c.isalpha()))


def segments_with(
    candidate: Candidate, folded: str, tokens: Iterable[str]
) -> list[tuple[str, bool]]:
    """(text, may be 2 characters) for each segment and the letters taken together.

    A 2-character token counts only as a whole run that is not two digits
    (``_H5!``), or as the letters taken together.  Cutting the password
    costs a few microseconds, so an ASCII password is cut only when one of
    *tokens* occurs in *folded* at all (its segments are substrings of its
    folded view).  A non-ASCII password's segments are folded piece by
    piece, which may differ from the whole folded (``İ`` folds to ``i``
    alone, but keeps its dot after a case folding): it is always cut, so
    that what a field's tokens find never depends on another field's.
    """
    out: list[tuple[str, bool]] = []
    if not candidate.nfkc.isascii() or any(map(folded.__contains__, tokens)):
        out = [(text, whole and not text.isdigit()) for text, whole in segments(candidate.nfkc)]
    # The letters taken together matter only when there are 2 or 3 of them;
    # an ASCII password's class letters count them in C.
    classes = candidate.class_letters()
    if not candidate.nfkc.isascii() or classes.count(b"U") + classes.count(b"L") <= MAX_SEGMENT:
        out.append((letters_of(candidate), True))
    return out
