"""The per-context cache of personal data: the derived tokens and their index.

A :class:`~credguard.UserContext` keeps one :class:`PersonalData` in a private
slot, made on the first check that needs it: the tokens of every field
(:mod:`.tokens`), and the matching index (:mod:`.index`) built the first time
a rule asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .index import PersonalIndex

__all__ = ["PersonalData"]


@dataclass(slots=True, eq=False, repr=False)
class PersonalData:
    """The per-context cache: derived tokens, and the index built on first use."""

    tokens: Mapping[str, tuple[str, ...]]
    _index: PersonalIndex | None = field(default=None)
    present: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.present = frozenset(self.tokens)

    @property
    def index(self) -> PersonalIndex:
        # Built at most once in practice; two threads racing build equal indexes.
        if self._index is None:
            self._index = PersonalIndex.build(self.tokens)
        return self._index
