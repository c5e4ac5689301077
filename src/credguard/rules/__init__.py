"""The rule families, one module each, and the registry policy files use.

Every rule is a frozen dataclass implementing :class:`Rule`; ``RULES`` maps
the name used in policy files (``[rules.<name>]``) to the class.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ._base import Rule
from .blocklist import BlocklistRule
from .breached import BreachedRule
from .charset import CharsetRule
from .classes import ClassesRule
from .history import HistoryRule
from .keyboard import KeyboardRule
from .length import LengthRule
from .personal import PersonalDataRule
from .repetition import RepetitionRule
from .separation import SeparationRule
from .sequence import SequenceRule
from .strength import StrengthRule

__all__ = [
    "RULES",
    "BlocklistRule",
    "BreachedRule",
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
    "StrengthRule",
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
            # blocklist, strength, breached (issue 6): word lists, zxcvbn, breach corpora
            BlocklistRule,
            StrengthRule,
            BreachedRule,
            # credential rules: they verify stored hashes, the costliest checks, so last
            HistoryRule,
            SeparationRule,
        )
    }
)
