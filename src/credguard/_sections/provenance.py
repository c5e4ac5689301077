"""Where a rule or section comes from (:class:`Provenance`), and the ``[policy]`` table.

A policy file says *where* each rule comes from (``source``, ``quote``,
``assumed`` …); :class:`Provenance` keeps that next to the rule so tools can
show it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

from .._params import param, validate

__all__ = ["PROVENANCE_KEYS", "STATUSES", "WORDINGS", "PolicyMeta", "Provenance"]

_DATE_DOC: Final = "a date: a TOML date (2025-05-12) or a string"
#: How strongly a page words a rule: ``required`` (不可, できません, 必要です,
#: 設定してください in a rule list) or ``advised`` (推奨, お控えください, a
#: list of guessable examples).
WORDINGS: Final = ("required", "advised")
#: Whether the page says the rule is in force, or announces it (予定, 準備).
STATUSES: Final = ("in_force", "planned")


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where one rule or section of a policy comes from.

    ``quote`` is the published sentence (in Japanese where the firm wrote
    Japanese); ``assumed`` says what the preset chose where the page is
    silent; ``origin`` names the policy file the table was written in (it
    differs from the policy's own name when inherited through ``extends``).
    ``wording`` says how strongly the page words the rule (``required`` or
    ``advised``; ``None``, unknown, when the table does not say): loaded
    with ``advice="warn"``, an advised rule reports warnings.  ``status`` is
    ``planned`` for a rule the page only announces.
    """

    source: str = param("", doc="the URL of the page this comes from")
    quote: str = param("", doc="the published sentence, in Japanese where the firm wrote Japanese")
    assumed: str = param("", doc="what was chosen where the page is silent, and why")
    retrieved: str = param("", doc=_DATE_DOC)
    published: str = param("", doc=_DATE_DOC)
    note: str = param("", doc="anything else a reader should know")
    origin: str = param("", doc="the policy file the table was written in (not a key)")
    wording: str | None = param(
        None,
        doc="how the page words the rule: required or advised (unknown when not set)",
        choices=WORDINGS,
    )
    status: str = param(
        "in_force",
        doc="in_force, or planned: announced by the page (its date in published)",
        choices=STATUSES,
    )

    def __post_init__(self) -> None:
        validate(self)

    def __bool__(self) -> bool:
        """True when the table says anything about its origin."""
        return bool(self.source or self.quote or self.assumed or self.note or self.wording) or (
            self.status != "in_force"
        )

    def to_dict(self) -> dict[str, str]:
        """The fields that say something (not empty, not the default status), JSON-ready."""
        return {
            f.name: value
            for f in fields(self)
            if (value := getattr(self, f.name)) and not (f.name == "status" and value == "in_force")
        }


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
    assumed: str = param(
        "", doc="what the preset chose where the pages are silent (rules applied to a kind …)"
    )
    extends: tuple[str, ...] = param((), doc="the parents, nearest first")
    file: str = param("", doc="the file the policy was read from")

    def __post_init__(self) -> None:
        validate(self)
