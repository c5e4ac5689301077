"""``charset.*``: which characters a password may contain.

A policy allows classes of ASCII characters (``upper``, ``lower``,
``digit``, ``symbol``, ``space``) and optionally non-ASCII characters
(``non_ascii``), and may restrict symbols to an explicit set (auカブコム
allows exactly ``@#$%^&*_+-=:,.``).  Full-width input (全角, typed with the
IME on) is a policy choice: ``fullwidth = "fold"`` checks its NFKC
(half-width) form, ``fullwidth = "reject"`` reports ``charset.fullwidth``,
as Japanese firms that demand 半角 do.  Violations name the class of the
offending character, never the character.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._guard import forbidden_categories
from .._params import param, validate
from .._violation import Severity, Violation, new_violation
from ..errors import PolicyError
from ._base import TupleRule, severity_param

__all__ = ["ASCII_SYMBOLS", "CHARSET_CLASSES", "CharsetRule"]

#: The printable ASCII symbols (everything printable but letters, digits, space).
ASCII_SYMBOLS: Final = string.punctuation
#: The classes a charset rule can allow.
CHARSET_CLASSES: Final = ("upper", "lower", "digit", "symbol", "space", "non_ascii")

_CLASS_CHARS: Final = {
    "upper": string.ascii_uppercase,
    "lower": string.ascii_lowercase,
    "digit": string.digits,
    "symbol": ASCII_SYMBOLS,
    "space": " ",
}


def _ascii_class(char: str) -> str:
    for name, chars in _CLASS_CHARS.items():
        if char in chars:
            return name
    return "non_ascii"


@dataclass(frozen=True, slots=True, kw_only=True)
class CharsetRule(TupleRule):
    """Allow only the given classes (and, optionally, only the given symbols)."""

    NAME: ClassVar[str] = "charset"

    allow: tuple[str, ...] = param(
        ("upper", "lower", "digit", "symbol"),
        doc="the classes of character allowed",
        choices=CHARSET_CLASSES,
        min_items=1,
        stricter="subset",
    )
    symbols: str | None = param(
        None,
        doc="the only ASCII symbols allowed (all of them when not set)",
        min_items=1,
        stricter="subset",
    )
    fullwidth: str = param(
        "fold",
        doc="fold: check full-width input's half-width form; reject: refuse it",
        choices=("fold", "reject"),
        stricter=("fold", "reject"),
    )
    edge_spaces: bool = param(
        True, doc="false forbids a leading or trailing space", stricter=(True, False)
    )
    severity: Severity = severity_param()
    _allowed_chars: frozenset[str] = field(init=False, repr=False, compare=False)
    # Neither full-width input nor spaces at the ends are looked for.
    _plain: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validate(self)
        allow = self.allow
        if self.symbols is not None:
            stray = [c for c in self.symbols if c not in ASCII_SYMBOLS]
            if stray:
                raise PolicyError.of("rule.symbols_printable", key="symbols")
            if "symbol" not in allow:
                raise PolicyError.of("rule.symbols_not_allowed", key="symbols")
        allowed: set[str] = set()
        for name in allow:
            if name == "symbol" and self.symbols is not None:
                allowed.update(self.symbols)
            elif name != "non_ascii":
                allowed.update(_CLASS_CHARS[name])
        object.__setattr__(self, "_allowed_chars", frozenset(allowed))
        object.__setattr__(self, "_plain", self.fullwidth == "fold" and self.edge_spaces)

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks, as ``(requirement id, params)`` (see ``describe_requirements``)."""
        if set(self.allow) != set(CHARSET_CLASSES):
            yield "charset.allow", {"allow": self.allow}
        if self.symbols is not None:
            yield "charset.symbols", {"symbols": self.symbols}
        if self.fullwidth == "reject":
            yield "charset.halfwidth", {}
        if not self.edge_spaces:
            yield "charset.edge_space", {}

    def _disallowed(self, text: str) -> Iterator[Violation]:
        """The violations for the characters of *text* outside the allowed set."""
        allow_non_ascii = "non_ascii" in self.allow
        bad_classes: list[str] = []
        bad_symbol = False
        for char in set(text) - self._allowed_chars:
            if not char.isprintable() and forbidden_categories(char):
                # A TAB, NUL or zero-width space: every policy refuses it as
                # charset.control / charset.format already; once is enough.
                continue
            if not char.isascii():
                if allow_non_ascii:
                    continue
                name = "non_ascii"
            else:
                name = _ascii_class(char)
            if name == "symbol" and "symbol" in self.allow:
                bad_symbol = True
            elif name not in bad_classes:
                bad_classes.append(name)
        # Report in a fixed order so the result does not depend on set order.
        for name in CHARSET_CLASSES:
            if name in bad_classes:
                yield new_violation("charset.disallowed_class", {"class": name}, self.severity)
        if bad_symbol:
            yield new_violation(
                "charset.disallowed_symbol", {"allowed": self.symbols or ""}, self.severity
            )

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        # Most passwords are ASCII and use allowed characters only: one C-level
        # set test proves there is nothing to report.
        if self._allowed_chars.issuperset(candidate.nfkc) and (
            self._plain or (self.edge_spaces and candidate.raw.isascii())
        ):
            return ()
        return tuple(self._findings(candidate))

    def _findings(self, candidate: Candidate) -> Iterator[Violation]:
        if (
            self.fullwidth == "reject"
            and not candidate.raw.isascii()
            and any(unicodedata.east_asian_width(c) == "F" for c in candidate.raw)
        ):
            yield new_violation("charset.fullwidth", {}, self.severity)
        # Most passwords use allowed characters only: one C-level test.
        if not self._allowed_chars.issuperset(candidate.nfkc):
            yield from self._disallowed(candidate.nfkc)
        if not self.edge_spaces and candidate.nfkc != candidate.nfkc.strip():
            yield new_violation("charset.edge_space", {}, self.severity)
