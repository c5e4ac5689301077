"""The non-rule sections of a policy file, and their registry.

Sections that are not password rules — ``[lockout]``, ``[session]``,
``[rotation]`` (:mod:`.account`), and the account-protection measures
``[mfa]``, ``[notifications]``, ``[login_history]``, ``[masking]``,
``[phishing]`` (:mod:`.measures`), ``[behaviour_detection]`` and
``[account_reopening]`` (:mod:`.safeguards`) — are small frozen dataclasses registered
in :data:`SECTIONS`; the loader builds them generically from their fields,
each declared once with :func:`~credguard._params.param`.  Adding a section
is one dataclass and one line in :data:`SECTIONS`.  Where each table comes
from is :mod:`.provenance`.

A value left out of a section is ``None``: *unknown*, which is not the same
as "none" (a firm that does not publish its lockout threshold may still have
one).  Nothing here guesses: a page that says nothing leaves ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

from .account import LockoutSettings, RotationSettings, SessionSettings
from .measures import (
    MASKABLE_FIELDS,
    MFA_EVENTS,
    MFA_METHODS,
    MFA_MODES,
    NOTICE_CHANNELS,
    NOTICE_EVENTS,
    PHISHING_RESISTANT,
    ContactChangeNotice,
    LoginHistorySettings,
    MaskingSettings,
    MfaEvent,
    MfaMethod,
    MfaSettings,
    Notice,
    NotificationSettings,
    PhishingSettings,
)
from .provenance import EVIDENCE_KINDS, PROVENANCE_KEYS, STATUSES, WORDINGS, PolicyMeta, Provenance
from .safeguards import DETECTION_RESPONSES, AccountReopeningSettings, BehaviourDetectionSettings

__all__ = [
    "DETECTION_RESPONSES",
    "EVIDENCE_KINDS",
    "MASKABLE_FIELDS",
    "MFA_EVENTS",
    "MFA_METHODS",
    "MFA_MODES",
    "NOTICE_CHANNELS",
    "NOTICE_EVENTS",
    "PHISHING_RESISTANT",
    "PROVENANCE_KEYS",
    "SECTIONS",
    "STATUSES",
    "WORDINGS",
    "AccountReopeningSettings",
    "BehaviourDetectionSettings",
    "ContactChangeNotice",
    "LockoutSettings",
    "LoginHistorySettings",
    "MaskingSettings",
    "MfaEvent",
    "MfaMethod",
    "MfaSettings",
    "Notice",
    "NotificationSettings",
    "PhishingSettings",
    "PolicyMeta",
    "Provenance",
    "RotationSettings",
    "SessionSettings",
    "events_of",
    "section_tables",
]

# --------------------------------------------------------------- registry

Section = (
    LockoutSettings
    | SessionSettings
    | RotationSettings
    | MfaSettings
    | NotificationSettings
    | LoginHistorySettings
    | MaskingSettings
    | PhishingSettings
    | BehaviourDetectionSettings
    | AccountReopeningSettings
)

#: Section table name -> settings class; each becomes the ``Policy`` field of
#: the same name.  A class with ``EVENTS`` has one sub-table per event.
SECTIONS: Final[Mapping[str, type[Section]]] = MappingProxyType(
    {
        cls.NAME: cls
        for cls in (
            LockoutSettings,
            SessionSettings,
            RotationSettings,
            MfaSettings,
            NotificationSettings,
            LoginHistorySettings,
            MaskingSettings,
            PhishingSettings,
            BehaviourDetectionSettings,
            AccountReopeningSettings,
        )
    }
)


def events_of(cls: type) -> Mapping[str, type]:
    """The event sub-tables of a section class (empty for a flat section)."""
    events: Mapping[str, type] = getattr(cls, "EVENTS", MappingProxyType({}))
    return events


def section_tables(policy: Any) -> Iterator[tuple[str, Any]]:
    """Every section of *policy* as ``(table path, settings)``, events flattened.

    ``("lockout", LockoutSettings(...))``, …, ``("mfa", MfaSettings(...))``,
    ``("mfa.login", MfaEvent(...))`` …, in registry order.
    """
    for name, cls in SECTIONS.items():
        section = getattr(policy, name)
        yield name, section
        for event in events_of(cls):
            yield f"{name}.{event}", getattr(section, event)
