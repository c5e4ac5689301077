"""Where a rule or section comes from (:class:`Provenance`), and the ``[policy]`` table.

A policy file says *where* each rule comes from (``source``, ``quote``,
``assumed`` …); :class:`Provenance` keeps that next to the rule so tools can
show it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

from .._params import param, validate

__all__ = ["PROVENANCE_KEYS", "PolicyMeta", "Provenance"]

_DATE_DOC: Final = "a date: a TOML date (2025-05-12) or a string"


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where one rule or section of a policy comes from.

    ``quote`` is the published sentence (in Japanese where the firm wrote
    Japanese); ``assumed`` says what the preset chose where the page is
    silent; ``origin`` names the policy file the table was written in (it
    differs from the policy's own name when inherited through ``extends``).
    """

    source: str = param("", doc="the URL of the page this comes from")
    quote: str = param("", doc="the published sentence, in Japanese where the firm wrote Japanese")
    assumed: str = param("", doc="what was chosen where the page is silent, and why")
    retrieved: str = param("", doc=_DATE_DOC)
    published: str = param("", doc=_DATE_DOC)
    note: str = param("", doc="anything else a reader should know")
    origin: str = param("", doc="the policy file the table was written in (not a key)")

    def __post_init__(self) -> None:
        validate(self)

    def __bool__(self) -> bool:
        """True when the table says anything about its origin."""
        return bool(self.source or self.quote or self.assumed or self.note)

    def to_dict(self) -> dict[str, str]:
        """The non-empty fields, JSON-ready."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


#: Keys every rule or section table may carry to say where it comes from.
PROVENANCE_KEYS: Final = frozenset(f.name for f in fields(Provenance) if f.name != "origin")


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyMeta:
    """The ``[policy]`` table beyond name and titles.

    ``extends`` is the resolved chain of parents, nearest first (a preset
    name, or the path of a file).
    """

    description: str = param("", doc="what the policy is")
    source: str = param("", doc="the URL of the firm's page")
    retrieved: str = param("", doc=_DATE_DOC)
    published: str = param("", doc=_DATE_DOC)
    extends: tuple[str, ...] = param((), doc="the parents, nearest first")
    file: str = param("", doc="the file the policy was read from")

    def __post_init__(self) -> None:
        validate(self)
