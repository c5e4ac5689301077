"""Can any password satisfy a kind's ``length``, ``charset`` and ``classes`` rules?

A password's characters each fall in one of six classes (upper, lower,
digit, symbol, space, other: :func:`credguard.char_class`); ``letter`` is
upper, lower and other together.  The charset allows some of them, the
classes rule asks for counts of some and for ``min_classes`` of its ``of``
list, ``edge_spaces = false`` forbids a space at either end, and a password
is at most ``length.max`` (or :data:`~credguard.MAX_PASSWORD_LENGTH`) long.
:func:`shortest` finds the shortest password length meeting all of them, by
trying each of the 63 non-empty sets of classes a password could use: the
counts a set needs follow directly, and a longer password is always
possible by repeating a non-space character, so only the shortest matters.
"""

from __future__ import annotations

from itertools import combinations
from typing import Final

from .._guard import MAX_PASSWORD_LENGTH
from ..rules import Rule

__all__ = ["ATOMS", "LETTER", "allowed_atoms", "max_length", "shortest"]

#: The classes every character falls in exactly one of.
ATOMS: Final = ("upper", "lower", "digit", "symbol", "space", "other")
#: The classes ``letter`` stands for.
LETTER: Final = frozenset({"upper", "lower", "other"})
# The charset class that admits each atom.  Non-ASCII upper, lower, digit,
# symbol and space characters exist, but a policy that allows only them for
# a class it requires is refused as a mistake (the consistency check's
# "charset.allow excludes"), so each atom has one charset class here.
_CHARSET_CLASS: Final = {
    "upper": "upper",
    "lower": "lower",
    "digit": "digit",
    "symbol": "symbol",
    "space": "space",
    "other": "non_ascii",
}


def allowed_atoms(charset: Rule | None) -> frozenset[str]:
    """The atoms the *charset* rule lets a password use (all without one)."""
    if charset is None:
        return frozenset(ATOMS)
    allow = set(getattr(charset, "allow", ()))
    return frozenset(atom for atom in ATOMS if _CHARSET_CLASS[atom] in allow)


def max_length(length: Rule | None) -> int:
    """The longest password the *length* rule (and the guard) accepts."""
    maximum = getattr(length, "max", None)
    return MAX_PASSWORD_LENGTH if maximum is None else min(maximum, MAX_PASSWORD_LENGTH)


def _needs(classes: Rule | None) -> dict[str, int]:
    """Class -> minimum count, from ``required`` (1 each) and ``min_counts``."""
    if classes is None:
        return {}
    needs = dict.fromkeys(getattr(classes, "required", ()), 1)
    for name, count in getattr(classes, "min_counts", {}).items():
        needs[name] = max(needs.get(name, 1), count)
    return needs


def _members(name: str) -> frozenset[str]:
    return LETTER if name == "letter" else frozenset({name})


def _cost(used: frozenset[str], needs: dict[str, int], edge_spaces: bool) -> int | None:
    """Shortest password using exactly the atoms *used*, or None if none can."""
    counts = {atom: max(1, needs.get(atom, 0)) for atom in used}
    if any(name not in ("letter", *used) for name in needs):
        return None
    letters = used & LETTER
    deficit = needs.get("letter", 0) - sum(counts[atom] for atom in letters)
    if deficit > 0:
        if not letters:
            return None
        counts[min(letters)] += deficit
    total = sum(counts.values())
    if "space" in used and not edge_spaces:
        # A space only between two other characters: at least two of them.
        others = total - counts["space"]
        if others == 0:
            return None
        total += max(0, 2 - others)
    return total


def shortest(charset: Rule | None, classes: Rule | None) -> int | None:
    """The shortest password length the rules allow, ignoring length; None if none."""
    allowed = allowed_atoms(charset)
    needs = _needs(classes)
    edge_spaces = getattr(charset, "edge_spaces", True) is not False
    of = getattr(classes, "of", ())
    min_classes = getattr(classes, "min_classes", 0) if classes is not None else 0
    best: int | None = None
    for size in range(1, len(allowed) + 1):
        for combination in combinations(sorted(allowed), size):
            used = frozenset(combination)
            present = sum(1 for name in of if _members(name) & used)
            if present < min_classes:
                continue
            cost = _cost(used, needs, edge_spaces)
            if cost is not None and (best is None or cost < best):
                best = cost
    return best
