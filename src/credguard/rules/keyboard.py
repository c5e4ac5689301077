"""``keyboard.*``: walks along a keyboard or keypad.

A walk is a straight line of neighbouring keys: along a row (``qwerty``,
``asdfgh``, ``!@#$``), down a slanted column (``1qaz``, ``2wsx``), or along a
keypad row, column or diagonal (``7410``, ``159``, ``2580``).  Direction
changes start a new segment, so ``1qaz2wsx`` and ``zaq12wsx`` are each two
four-key segments.  Layouts: US QWERTY and JIS (letters, digits and symbols,
shifted or not), the numeric keypad, the phone keypad, and the
feature-phone letter keys, where ``adgjmptw`` — the first letter on keys 2
to 9 — is a walk.  ``max_run`` is the longest walk allowed, forwards or
backwards.

Model: a key sits at integer coordinates ``(x, y)``.  On the slanted
typewriter layouts each row is shifted half a key to the right of the one
above, so a key's six neighbours are ``(x±1, y)``, ``(x, y±1)``,
``(x+1, y-1)`` and ``(x-1, y+1)`` (the model zxcvbn uses).  Keypads are
square grids with eight neighbours.  One pass per layout: linear cost.

Speed: a walk longer than ``max_run`` (at least 2) contains a straight walk
of three keys.  Each rule gathers, once, every such triple of its layouts
(:func:`straight_triples`); a check first looks up the password's
consecutive triples in that set (a C-level set operation), and only a
password that holds one pays for the per-layout scans.  Input longer than
``PRESCREEN_MAX_LENGTH`` is scanned directly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import product
from types import MappingProxyType
from typing import ClassVar, Final, NamedTuple

from .._candidate import Candidate
from .._context import UserContext
from .._guard import MAX_PASSWORD_LENGTH, PRESCREEN_MAX_LENGTH
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ._base import TupleRule, severity_param

__all__ = ["LAYOUTS", "KeyboardRule", "Layout", "longest_walk", "straight_triples"]


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
        # Letter keys of a phone: x is the key (2-9), y the letter's place on it.
        "phone_letters": Layout(
            MappingProxyType(
                {
                    letter: (key, place)
                    for key, letters in enumerate(
                        ("", "", "abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz")
                    )
                    for place, letter in enumerate(letters)
                }
            ),
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
    """Forbid straight keyboard or keypad walks longer than ``max_run`` keys."""

    NAME: ClassVar[str] = "keyboard"

    max_run: int = param(
        3,
        doc="the most neighbouring keys in a straight line allowed",
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
    # Straight walks of three keys on any of the layouts (see the module docstring).
    _triples: frozenset[tuple[str, str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        triples = frozenset().union(*(straight_triples(LAYOUTS[name]) for name in self.layouts))
        object.__setattr__(self, "_triples", triples)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        yield "keyboard.max_run", {"max": self.max_run}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        text = candidate.folded
        if len(text) <= self.max_run:
            return ()
        if len(text) <= PRESCREEN_MAX_LENGTH and self._triples.isdisjoint(
            zip(text, text[1:], text[2:])  # noqa: B905 - a keyword costs a quarter of the screen
        ):
            return ()
        worst = 0
        worst_layout = ""
        for name in self.layouts:
            length = longest_walk(text, LAYOUTS[name])
            if length > worst:
                worst, worst_layout = length, name
        if worst <= self.max_run:
            return ()
        return (
            new_violation(
                "keyboard.walk",
                {"layout": worst_layout, "length": worst, "max": self.max_run},
                self.severity,
            ),
        )
