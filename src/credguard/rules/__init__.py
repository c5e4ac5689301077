"""The rule families, one module each, and the registry policy files use.

Every rule is a frozen dataclass implementing :class:`Rule`; ``RULES`` maps
the name used in policy files (``[rules.<name>]``) to the class.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ._base import Rule
from .charset import CharsetRule
from .classes import ClassesRule
from .history import HistoryRule
from .keyboard import KeyboardRule
from .length import LengthRule
from .personal import PersonalDataRule
from .repetition import RepetitionRule
from .separation import SeparationRule
from .sequence import SequenceRule

__all__ = [
    "RULES",
    "CharsetRule",
    "ClassesRule",
    "HistoryRule",
    "KeyboardRule",
    "LengthRule",
    "PersonalDataRule",
    "RepetitionRule",
    "Rule",
    "SeparationRule",
    "SequenceRule",
]

#: Policy-file name -> rule class, in the order rules are applied.
RULES: Final[Mapping[str, type[Rule]]] = MappingProxyType(
    {
        cls.NAME: cls
        for cls in (
            LengthRule,
            CharsetRule,
            ClassesRule,
            RepetitionRule,
            SequenceRule,
            KeyboardRule,
            PersonalDataRule,
            # credential rules: they verify stored hashes, the costliest checks, so last
            HistoryRule,
            SeparationRule,
        )
    }
)
