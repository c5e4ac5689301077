"""``keyboard.*``: walks along a keyboard or keypad.

A *segment* is a straight line of at least three neighbouring keys: along a
row (``qwerty``, ``asdfgh``, ``!@#$``), down a slanted column (``1qaz``,
``2wsx``), or along a keypad row, column or diagonal (``7410``, ``159``,
``2580``), forwards or backwards, shifted or not.  A *walk* is segments
end to end — sharing a key (``qwedc``: ``qwe`` then ``edc``) or side by side
(``1qaz2wsx``, ``qazwsx``, ``147258369``) — on any of the rule's layouts.
A walk is refused when it is longer than ``max_run + 1`` keys, or longer
than ``max_run`` keys and more than half the password.  So with the default
``max_run = 3``, ``qwer``, ``1qaz2wsx`` and ``Qwer!234`` are refused, while a
single four-key line inside a longer password — ``erty`` in ``property``, about
one random strong password in five thousand — is not (measured in
``docs/rules.md``; zxcvbn's spatial matcher still counts it in ``strength``).
Two neighbouring keys are no segment: they are in most words.  Going back
the way a line came is no turn (``rewer`` in ``brewer``).

Layouts: US QWERTY and JIS (letters, digits and symbols, shifted or not), the
numeric keypad, the phone keypad, and the feature-phone letter keys, where
only ``adgjmptw`` — the first letter on keys 2 to 9, what a thumb walking the
keys types — is a walk (``roli`` in ``frolic``, the third letters of keys 7 to
4, is not).

Model: a key sits at integer coordinates ``(x, y)``.  On the slanted
typewriter layouts each row is shifted half a key to the right of the one
above, so a key's six neighbours are ``(x±1, y)``, ``(x, y±1)``,
``(x+1, y-1)`` and ``(x-1, y+1)`` (the model zxcvbn uses).  Keypads are
square grids with eight neighbours.  One pass per layout: linear cost.

Speed: every walk holds a segment, so a straight walk of three keys.  Each
rule gathers, once, every such triple of its layouts
(:func:`straight_triples`); a check first looks up the password's
consecutive triples in that set (a C-level set operation), and only a
password that holds one pays for the per-layout scans.  Input longer than
``PRESCREEN_MAX_LENGTH`` is scanned directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress, count, product, repeat
from types import MappingProxyType
from typing import ClassVar, Final, NamedTuple

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH, PRESCREEN_MAX_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ._base import TupleRule, severity_param

__all__ = [
    "LAYOUTS",
    "MIN_SEGMENT",
    "KeyboardRule",
    "Layout",
    "Walk",
    "find_walk",
    "longest_walk",
    "segments",
    "straight_triples",
]


class Layout(NamedTuple):
    """Key positions and the steps that count as moving to a neighbour."""

    positions: Mapping[str, tuple[int, int]]
    directions: frozenset[tuple[int, int]]


_SLANTED: Final = frozenset({(1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)})
_GRID: Final = frozenset({(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (dx, dy) != (0, 0)})


def _rows(*rows: tuple[str, str]) -> Mapping[str, tuple[int, int]]:
    """Positions from (unshifted, shifted) row strings; a space is no key."""
    positions: dict[str, tuple[int, int]] = {}
    for y, (plain, shifted) in enumerate(rows):
        for x, keys in enumerate(zip(plain, shifted, strict=True)):
            for key in keys:
                if key != " ":
                    positions.setdefault(key.lower(), (x, y))
    return MappingProxyType(positions)


def _grid(*rows: str) -> Mapping[str, tuple[int, int]]:
    return MappingProxyType(
        {key: (x, y) for y, row in enumerate(rows) for x, key in enumerate(row) if key != " "}
    )


# In every slanted layout, "1", "q", "a" and "z" share x = 1.
LAYOUTS: Final[Mapping[str, Layout]] = MappingProxyType(
    {
        "qwerty": Layout(
            _rows(
                ("`1234567890-=", "~!@#$%^&*()_+"),
                (" qwertyuiop[]\\", " QWERTYUIOP{}|"),
                (" asdfghjkl;'", ' ASDFGHJKL:"'),
                (" zxcvbnm,./", " ZXCVBNM<>?"),
            ),
            _SLANTED,
        ),
        "jis": Layout(
            _rows(
                (" 1234567890-^\\", " !\"#$%&'() =~|"),
                (" qwertyuiop@[", " QWERTYUIOP`{"),
                (" asdfghjkl;:]", " ASDFGHJKL+*}"),
                (" zxcvbnm,./\\", " ZXCVBNM<>?_"),
            ),
            _SLANTED,
        ),
        "numpad": Layout(_grid(" /*-", "789+", "456", "123", "0 ."), _GRID),
        "phone": Layout(_grid("123", "456", "789", "*0#"), _GRID),
        # The first letter of each of a phone's keys 2-9 (adgjmptw): x is the key.
        # Only these: a letter's place on its key is no direction a thumb walks.
        "phone_letters": Layout(
            MappingProxyType({letter: (key, 0) for key, letter in enumerate("adgjmptw", 2)}),
            frozenset({(1, 0), (-1, 0)}),
        ),
    }
)


def longest_walk(text: str, layout: Layout) -> int:
    """Length in keys of the longest straight walk on *layout* in *text*."""
    positions = layout.positions
    directions = layout.directions
    best = 0
    run = 0
    previous: tuple[int, int] | None = None
    direction: tuple[int, int] | None = None
    for char in text:
        here = positions.get(char)
        if here is None:
            run, previous, direction = 0, None, None
            continue
        if previous is not None:
            step = (here[0] - previous[0], here[1] - previous[1])
            if step in directions:
                run = run + 1 if step == direction else 2
                direction = step
            else:
                run, direction = 1, None
        else:
            run = 1
        previous = here
        if run > best:
            best = run
    return best


#: The fewest keys in a straight line that count towards a walk.
MIN_SEGMENT: Final = 3


# Each key's position as one integer, x + _ROW * y, so that a step is one
# subtraction and a direction one integer; rows are far narrower than _ROW.
_ROW: Final = 64
# Where a character that is no key on the layout sits: far from every key, so
# no step to or from it (nor between two of them, 0) is a direction.
_NOWHERE: Final = 1 << 20
# The direction before a line starts: further than any step.
_NO_STEP: Final = 1 << 40


def _encoded(layout: Layout) -> tuple[Mapping[str, int], frozenset[int]]:
    positions = MappingProxyType({char: x + _ROW * y for char, (x, y) in layout.positions.items()})
    return positions, frozenset(dx + _ROW * dy for dx, dy in layout.directions)


_ENCODED: Final = MappingProxyType({name: _encoded(layout) for name, layout in LAYOUTS.items()})


def _lines(
    text: str, layout: tuple[Mapping[str, int], frozenset[int]]
) -> list[tuple[int, int, int]]:
    """``(start, stop, step)`` of each straight line of at least MIN_SEGMENT keys.

    A line that turns ends at the corner key, where the next one starts.
    """
    positions, directions = layout
    found: list[tuple[int, int, int]] = []
    previous = _NOWHERE
    direction = _NO_STEP
    run = 0  # keys in the current line
    for index, here in enumerate(map(positions.get, text, repeat(_NOWHERE))):
        step = here - previous
        previous = here
        if step == direction:
            run += 1
            continue
        if run >= MIN_SEGMENT:
            found.append((index - run, index, direction))
        if step in directions:
            run, direction = 2, step
        else:
            run, direction = 1, _NO_STEP
    if run >= MIN_SEGMENT:
        found.append((len(text) - run, len(text), direction))
    return found


def segments(text: str, layout: Layout | str) -> list[tuple[int, int]]:
    """``(start, stop)`` of each straight walk of at least MIN_SEGMENT keys on *layout*.

    A turn starts a new segment at the corner key (``qwe``, ``edc``); going
    back the way it came does not (``rewer`` in ``brewer`` is ``rew``, then
    ``er``).  *layout* is a :class:`Layout` or the name of one of
    :data:`LAYOUTS`.
    """
    encoded = _ENCODED[layout] if isinstance(layout, str) else _encoded(layout)
    lines = _lines(text, encoded)
    if not lines:
        return []
    kept: list[tuple[int, int]] = []
    corner = -1
    back = _NO_STEP
    for start, stop, step in lines:
        if start == corner and step == back:
            start += 1  # the corner belongs to the line it ended
        corner, back = stop - 1, -step
        if stop - start >= MIN_SEGMENT:
            kept.append((start, stop))
    return kept


class Walk(NamedTuple):
    """The longest walk in a password: its keys and its longest segment's layout."""

    length: int
    layout: str


def find_walk(text: str, layouts: Iterable[str]) -> Walk | None:
    """The longest run of segments, on *layouts*, that touch or share a key.

    Segments from different layouts join too (``qwer7410``: a keyboard row,
    then a keypad column).  None when *text* holds no segment.
    """
    found: list[tuple[int, int, int, str]] = []
    for order, name in enumerate(layouts):
        for start, stop in segments(text, name):
            found.append((start, stop, order, name))
    if not found:
        return None
    # One sorted run per layout: Timsort merges them in linear time.
    found.sort()
    length = 0
    layout = ""
    chain_start = chain_stop = -1
    widest = 0
    widest_layout = ""
    for start, stop, _, name in found:
        if start > chain_stop:  # a gap: a new walk
            chain_start, widest = start, 0
        if stop > chain_stop:
            chain_stop = stop
        if stop - start > widest:
            widest, widest_layout = stop - start, name
        if chain_stop - chain_start > length:
            length, layout = chain_stop - chain_start, widest_layout
    return Walk(length, layout)


def _walk_near_triples(
    text: str, layouts: Iterable[str], owners: Mapping[tuple[str, str, str], frozenset[str]]
) -> Walk | None:
    """``find_walk(text, layouts)``, scanning only around straight triples.

    *owners* maps every straight triple of *layouts* to the layouts it is
    straight on.  Every segment's consecutive triples are straight, so each
    segment, and each walk, lies within a cluster of straight triples that
    overlap or touch, and uses only the cluster's triples' layouts; walks in
    clusters with a gap between them cannot join.  Outside the clusters no
    line is longer than two keys, so a window scanned from a cluster's first
    triple sees the same segments as a scan from the start.
    """
    triple_at = map(owners.__contains__, zip(text, text[1:], text[2:]))  # noqa: B905
    hits = compress(count(), triple_at)
    best: Walk | None = None
    start = stop = -1
    names: set[str] = set()
    for hit in (*hits, len(text) + 3):  # the sentinel closes the last cluster
        if hit > stop and start >= 0:
            walk = find_walk(text[start:stop], [name for name in layouts if name in names])
            if walk is not None and (best is None or walk.length > best.length):
                best = walk
            start = -1
            names = set()
        if start < 0:
            start = hit
        stop = hit + 3
        if hit < len(text):
            names |= owners[text[hit], text[hit + 1], text[hit + 2]]
    return best


def straight_triples(layout: Layout) -> frozenset[tuple[str, str, str]]:
    """Every three characters that make a straight walk of three keys on *layout*."""
    keys_at: dict[tuple[int, int], list[str]] = {}
    for char, position in layout.positions.items():
        keys_at.setdefault(position, []).append(char)
    triples: set[tuple[str, str, str]] = set()
    for (x, y), first in keys_at.items():
        for dx, dy in layout.directions:
            second = keys_at.get((x + dx, y + dy))
            third = keys_at.get((x + 2 * dx, y + 2 * dy))
            if second and third:
                triples.update(product(first, second, third))
    return frozenset(triples)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyboardRule(TupleRule):
    """Forbid keyboard and keypad walks longer than ``max_run`` keys.

    A walk is straight lines of three or more neighbouring keys, end to end;
    one of ``max_run + 1`` keys passes in a password at least twice as long.
    """

    NAME: ClassVar[str] = "keyboard"

    max_run: int = param(
        3,
        doc="the most keys a walk may have (one more in a password at least twice as long)",
        range=(2, MAX_PASSWORD_LENGTH),
        stricter="lower",
    )
    layouts: tuple[str, ...] = param(
        tuple(LAYOUTS),
        doc="the keyboard and keypad layouts walked",
        choices=tuple(LAYOUTS),
        min_items=1,
        stricter="superset",
    )
    severity: Severity = severity_param()
    # Straight walks of three keys on any of the layouts (see the module
    # docstring), and the layouts each is straight on.
    _triples: frozenset[tuple[str, str, str]] = field(init=False, repr=False, compare=False)
    _owners: Mapping[tuple[str, str, str], frozenset[str]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        validate(self)
        owners: dict[tuple[str, str, str], frozenset[str]] = {}
        for name in self.layouts:
            for triple in straight_triples(LAYOUTS[name]):
                owners[triple] = owners.get(triple, frozenset()) | {name}
        object.__setattr__(self, "_triples", frozenset(owners))
        object.__setattr__(self, "_owners", MappingProxyType(owners))

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        yield "keyboard.max_run", {"max": self.max_run}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        text = candidate.folded
        if len(text) <= self.max_run:
            return ()
        if len(text) <= PRESCREEN_MAX_LENGTH:
            if self._triples.isdisjoint(
                zip(text, text[1:], text[2:])  # noqa: B905 - a keyword costs a quarter of the screen
            ):
                return ()
            # The layouts of each straight triple: only these can hold a segment.
            owned = list(filter(None, map(self._owners.get, zip(text, text[1:], text[2:]))))  # noqa: B905
            # A walk of four keys or more starts at two straight triples at least.
            if self.max_run >= MIN_SEGMENT and len(owned) < 2:
                return ()
            names = frozenset().union(*owned)
            walk = find_walk(text, [name for name in self.layouts if name in names])
        else:
            walk = _walk_near_triples(text, self.layouts, self._owners)
        if walk is None or walk.length <= self.max_run:
            return ()
        # One key over the limit is tolerated unless the walk is most of the password.
        if walk.length == self.max_run + 1 and 2 * walk.length <= len(text):
            return ()
        return (
            new_violation(
                "keyboard.walk",
                {"layout": walk.layout, "length": walk.length, "max": self.max_run},
                self.severity,
            ),
        )
