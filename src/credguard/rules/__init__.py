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
from .keyboard import KeyboardRule
from .length import LengthRule
from .personal import PersonalDataRule
from .repetition import RepetitionRule
from .sequence import SequenceRule

__all__ = [
    "RULES",
    "CharsetRule",
    "ClassesRule",
    "KeyboardRule",
    "LengthRule",
    "PersonalDataRule",
    "RepetitionRule",
    "Rule",
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
        )
    }
)
