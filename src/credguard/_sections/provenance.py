"""Where a rule or section comes from (:class:`Provenance`), and the ``[policy]`` table.

A policy file says *where* each rule comes from (``source``, ``quote``,
``assumed`` …); :class:`Provenance` keeps that next to the rule so tools can
show it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

from .._params import param, validate

__all__ = ["EVIDENCE_KINDS", "PROVENANCE_KEYS", "STATUSES", "WORDINGS", "PolicyMeta", "Provenance"]

_DATE_DOC: Final = "a date: a TOML date (2025-05-12) or a string"
#: How good the evidence is: the firm's (or standard body's) own page, or
#: someone else's account of it (a blog, a press report, a summary).
EVIDENCE_KINDS: Final = ("first_party", "third_party")
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
    Japanese), verbatim; ``gloss`` its English meaning, kept apart so that a
    translation is never shown as the source's words; ``evidence`` says
    whether ``source`` is the author's own page (``first_party``) or someone
    else's account of it (``third_party``: a blog, a press report);
    ``assumed`` says what the preset chose where the page is silent, and
    ``assumed_ja`` / ``note_ja`` are Japanese renderings that ``show --lang
    ja`` prints instead of the English; ``origin`` names the policy file the
    table was written in (it differs from the policy's own name when
    inherited through ``extends``).
    ``wording`` says how strongly the page words the rule (``required`` or
    ``advised``; ``None``, unknown, when the table does not say): loaded
    with ``advice="warn"``, an advised rule reports warnings.  ``status`` is
    ``planned`` for a rule the page only announces.
    """

    source: str = param("", doc="the URL of the page this comes from")
    quote: str = param("", doc="the published sentence, verbatim, in the page's own language")
    gloss: str = param("", doc="the quote's meaning in English (never shown as the quote)")
    evidence: str | None = param(
        None,
        doc="first_party: the source is the author's own page; third_party: someone else's",
        choices=EVIDENCE_KINDS,
    )
    assumed: str = param("", doc="what was chosen where the page is silent, and why")
    assumed_ja: str = param("", doc="assumed, in Japanese (shown by show --lang ja)")
    retrieved: str = param("", doc=_DATE_DOC)
    published: str = param("", doc=_DATE_DOC)
    note: str = param("", doc="anything else a reader should know")
    note_ja: str = param("", doc="note, in Japanese (shown by show --lang ja)")
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

    @property
    def date(self) -> tuple[str, str]:
        """``("published", date)``, else ``("retrieved", date)``, else ``("", "")``."""
        if self.published:
            return "published", self.published
        if self.retrieved:
            return "retrieved", self.retrieved
        return "", ""

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
