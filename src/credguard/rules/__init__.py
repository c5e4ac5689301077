"""The rule families, one module each, and the registry policy files use.

Every rule is a frozen dataclass implementing :class:`Rule`; ``RULES`` maps
the name used in policy files (``[rules.<name>]``) to the class.

A family's module is imported the first time its class is needed (looked up
in ``RULES`` or read as ``credguard.rules.LengthRule``), not by
``import credguard``: building fourteen dataclasses is a third of the
package's import time, and a process that only checks passwords builds its
policy once.  ``from credguard.rules import LengthRule`` works as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Final

from ._base import Rule

if TYPE_CHECKING:  # the names __getattr__ provides, for type checkers and IDEs
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

#: Policy-file name -> (module, class), in the order rules are applied.
_FAMILIES: Final[dict[str, tuple[str, str]]] = {
    "length": (".length", "LengthRule"),
    "charset": (".charset", "CharsetRule"),
    "classes": (".classes", "ClassesRule"),
    "repetition": (".repetition", "RepetitionRule"),
    "sequence": (".sequence", "SequenceRule"),
    "keyboard": (".keyboard", "KeyboardRule"),
    "personal": (".personal", "PersonalDataRule"),
    # blocklist, strength, breached (issue 6): word lists, zxcvbn, breach corpora
    "blocklist": (".blocklist", "BlocklistRule"),
    "strength": (".strength", "StrengthRule"),
    "breached": (".breached", "BreachedRule"),
    # credential rules: they verify stored hashes, the costliest checks, so last
    "history": (".history", "HistoryRule"),
    "separation": (".separation", "SeparationRule"),
}
_CLASSES: Final = {cls: module for module, cls in _FAMILIES.values()}
# ``credguard.rules.blocklist`` read as an attribute, as before the families
# became lazy: the submodule is imported then.
_MODULES: Final = frozenset(module[1:] for module, _ in _FAMILIES.values())


def _load(module: str, name: str) -> type[Rule]:
    cls: type[Rule] = getattr(import_module(module, __name__), name)
    return cls


class _Registry(Mapping[str, "type[Rule]"]):
    """Read-only name -> rule class; a family's module is imported on first lookup."""

    __slots__ = ()

    def __getitem__(self, name: str) -> type[Rule]:
        return _load(*_FAMILIES[name])

    def __iter__(self) -> Iterator[str]:
        return iter(_FAMILIES)

    def __len__(self) -> int:
        return len(_FAMILIES)

    def __contains__(self, name: object) -> bool:
        return name in _FAMILIES  # no import just to ask

    def __repr__(self) -> str:
        return f"<rule registry {list(_FAMILIES)}>"


#: Policy-file name -> rule class, in the order rules are applied.
RULES: Final[Mapping[str, type[Rule]]] = _Registry()

if not TYPE_CHECKING:  # hidden from type checkers: they see the imports above

    def __getattr__(name: str) -> object:
        if name in _MODULES:
            return import_module(f".{name}", __name__)  # the import binds it here
        module = _CLASSES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        cls = _load(module, name)
        globals()[name] = cls  # found once; later lookups never come here
        return cls


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
