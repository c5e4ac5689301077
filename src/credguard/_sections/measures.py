"""The account-protection measures: ``[mfa]``, ``[notifications]``,
``[login_history]``, ``[masking]`` and ``[phishing]``.

A section with ``EVENTS`` (``[mfa]``, ``[notifications]``) has one sub-table
per event (``[mfa.login]``, ``[notifications.withdrawal]``), each its own
dataclass with its own provenance, because a firm's page describes each
event in its own sentence.  A value left out is ``None``: *unknown*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Final

from .._params import choice_error, param, validate
from ..errors import PolicyError
from .provenance import Provenance

__all__ = [
    "MASKABLE_FIELDS",
    "MFA_EVENTS",
    "MFA_METHODS",
    "MFA_MODES",
    "NOTICE_CHANNELS",
    "NOTICE_EVENTS",
    "PHISHING_RESISTANT",
    "ContactChangeNotice",
    "LoginHistorySettings",
    "MaskingSettings",
    "MfaEvent",
    "MfaMethod",
    "MfaSettings",
    "Notice",
    "NotificationSettings",
    "PhishingSettings",
]


@dataclass(frozen=True, slots=True)
class MfaMethod:
    """One multi-factor authentication method, and whether it resists phishing."""

    name: str
    phishing_resistant: bool
    description: str
    description_ja: str
    why: str


#: Every MFA method a policy may name.  Only a method bound to the site's
#: origin by public-key cryptography resists a real-time phishing proxy:
#: passkeys (FIDO2/WebAuthn) and PKI client certificates (JPKI).  Anything
#: the customer can read off one screen and type or approve on another can
#: be relayed by the phishing site.
MFA_METHODS: Final[Mapping[str, MfaMethod]] = MappingProxyType(
    {
        m.name: m
        for m in (
            MfaMethod(
                "passkey",
                True,
                "a passkey (FIDO2/WebAuthn), unlocked by the device's biometrics or PIN",
                "パスキー(FIDO2/WebAuthn)",
                "the signature is bound to the site's origin: a look-alike site gets nothing",
            ),
            MfaMethod(
                "pki",
                True,
                "a client certificate's private key (e.g. the My Number card, JPKI)",
                "公開鍵基盤(PKI)による電子証明書(公的個人認証など)",
                "the private key never leaves the card or device and signs for the real site",
            ),
            MfaMethod(
                "sms",
                False,
                "a one-time code sent by SMS",
                "SMSで送るワンタイムパスワード",
                "the customer can type the code into a phishing site, which relays it",
            ),
            MfaMethod(
                "email_code",
                False,
                "a one-time code sent by email",
                "メールで送るワンタイムパスワード(認証コード)",
                "the customer can type the code into a phishing site, which relays it",
            ),
            MfaMethod(
                "authenticator_app",
                False,
                "a time-based one-time code from an authenticator app (TOTP)",
                "認証アプリのワンタイムパスワード(TOTP)",
                "the customer can type the code into a phishing site, which relays it",
            ),
            MfaMethod(
                "push",
                False,
                "approving a push notification in an app",
                "アプリのプッシュ通知の承認",
                "the customer approves the request the phishing site triggered (MFA fatigue)",
            ),
            MfaMethod(
                "phone_callback",
                False,
                "a phone call from (or to) the registered phone number",
                "電話番号認証(登録電話番号からの発信など)",
                "the customer can be talked into calling while the phishing site logs in",
            ),
            MfaMethod(
                "device_binding",
                False,
                "login limited to a registered device",
                "デバイス認証(登録した端末に限定)",
                "a new device is registered with a phishable method, which is where phishing aims",
            ),
            MfaMethod(
                "biometric",
                False,
                "face or fingerprint recognition in the firm's app",
                "アプリの生体認証(顔・指紋)",
                "it unlocks the app on the device; it resists phishing only when it unlocks a"
                " passkey, and then the method is passkey",
            ),
        )
    }
)
#: The methods that count as phishing-resistant (JSDA 2025: パスキー, PKI).
PHISHING_RESISTANT: Final = frozenset(n for n, m in MFA_METHODS.items() if m.phishing_resistant)
_METHOD_NAMES: Final = tuple(MFA_METHODS)
_COMBINE: Final = ("any", "all")

#: How an event asks for a second factor.
MFA_MODES: Final = ("required", "risk_based", "optional", "none", "offline")
#: The events a firm protects with MFA.
MFA_EVENTS: Final = ("login", "trade", "withdrawal", "withdrawal_account_change", "contact_change")


@dataclass(frozen=True, slots=True, kw_only=True)
class MfaEvent:
    """``[mfa.<event>]``: the second factor asked for at one event.

    ``mode``: ``required`` every time; ``risk_based`` only when the
    environment looks unusual (a new device, a new IP address);
    ``optional`` the customer turns it on (or may turn it off); ``none``
    no second factor; ``offline`` the operation cannot be done online at
    all (paper, phone or branch only).  ``methods`` are the methods the
    page names; ``combine`` says whether the customer passes with ``any``
    one of them or needs ``all`` of them.  ``None``: the page does not say.
    """

    mode: str | None = param(
        None,
        doc="how the event asks for a second factor",
        choices=MFA_MODES,
        # offline is off this scale: a change to or from it is just "changed".
        stricter=("none", "optional", "risk_based", "required"),
    )
    methods: tuple[str, ...] | None = param(
        None, doc="the methods the page names", choices=_METHOD_NAMES, unique=True
    )
    combine: str | None = param(
        None,
        doc="any: one of the methods is enough; all: every one is needed",
        choices=_COMBINE,
        stricter=_COMBINE,
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        if self.mode in ("none", "offline") and self.methods:
            raise PolicyError.of("section.methods_with_mode", key="methods", mode=self.mode)
        if self.combine is not None and len(self.methods or ()) < 2:
            raise PolicyError.of("section.combine_two", key="combine")

    @property
    def phishing_resistant(self) -> bool | None:
        """Do the named methods resist phishing?  None: not stated, or cannot tell.

        Methods that are alternatives (``combine = "any"``) resist phishing
        only if every one does (a phisher picks the weakest); methods
        required together (``"all"``) do if one does.
        """
        if not self.methods:
            return None
        resistant = [m in PHISHING_RESISTANT for m in self.methods]
        if all(resistant):
            return True
        if not any(resistant):
            return False
        return {"any": False, "all": True}.get(self.combine or "")

    @property
    def known(self) -> bool:
        """True when the policy states the mode or the methods."""
        return self.mode is not None or self.methods is not None


def _check_events(group: object, events: Mapping[str, type]) -> None:
    # Event sub-tables are sections of their own, not parameters.
    for name, cls in events.items():
        if not isinstance(getattr(group, name), cls):
            raise PolicyError.of("section.event_type", key=name, name=cls.__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class MfaSettings:
    """``[mfa]``: multi-factor authentication, one sub-table per event.

    ``phishing_resistant_planned`` records a published schedule for
    phishing-resistant MFA (a passkey or PKI) that is not in force yet, as
    the page states it (``"2026年春"``): a plan is never recorded as a method.
    """

    NAME: ClassVar[str] = "mfa"
    EVENTS: ClassVar[Mapping[str, type]] = MappingProxyType(dict.fromkeys(MFA_EVENTS, MfaEvent))

    phishing_resistant_planned: str | None = param(
        None,
        doc="a published schedule for phishing-resistant MFA not in force yet",
        min_items=1,
    )
    login: MfaEvent = field(default_factory=MfaEvent)
    trade: MfaEvent = field(default_factory=MfaEvent)
    withdrawal: MfaEvent = field(default_factory=MfaEvent)
    withdrawal_account_change: MfaEvent = field(default_factory=MfaEvent)
    contact_change: MfaEvent = field(default_factory=MfaEvent)
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        _check_events(self, self.EVENTS)

    def event(self, name: str) -> MfaEvent:
        """The settings of one event (``"login"``, ``"withdrawal"`` …)."""
        if name not in self.EVENTS:
            raise choice_error("event", name, MFA_EVENTS)
        event: MfaEvent = getattr(self, name)
        return event

    @property
    def known(self) -> bool:
        """True when the ``[mfa]`` table itself states something (events aside)."""
        return self.phishing_resistant_planned is not None


#: The events a firm may notify the customer of.
NOTICE_EVENTS: Final = (
    "login",
    "new_device_login",
    "withdrawal",
    "contact_change",
    "password_change",
    "trade",
)
#: How a notification reaches the customer.
NOTICE_CHANNELS: Final = ("email", "app", "sms", "post")


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """``[notifications.<event>]``: does the firm tell the customer?

    ``sent = true`` the firm sends this notification, ``false`` it does
    not; ``opt_in = true`` only to customers who turn it on; ``channels``
    how it is sent.  ``None``: the page does not say.
    """

    sent: bool | None = param(None, doc="the firm sends this notification", stricter=(False, True))
    opt_in: bool | None = param(
        None, doc="only to customers who turn it on", stricter=(True, False)
    )
    channels: tuple[str, ...] | None = param(
        None, doc="how it is sent", choices=NOTICE_CHANNELS, unique=True
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)  # the fields of a subclass too
        for name in ("opt_in", "channels"):
            if getattr(self, name) is not None and self.sent is not True:
                state = "section.sent_false" if self.sent is False else "section.sent_unset"
                raise PolicyError.of(state, key=name)

    @property
    def known(self) -> bool:
        """True when the policy states whether the notification is sent."""
        return self.sent is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactChangeNotice(Notice):
    """``[notifications.contact_change]``; ``to_previous_address = true``: the
    notice also goes to the address being replaced (フジトミ), so a hijacker
    who changes the email address cannot hide the change."""

    to_previous_address: bool | None = param(
        None, doc="also to the address replaced", stricter=(False, True)
    )

    def __post_init__(self) -> None:
        Notice.__post_init__(self)
        if self.to_previous_address is not None and self.sent is not True:
            raise PolicyError.of("section.needs_sent", key="to_previous_address")


@dataclass(frozen=True, slots=True, kw_only=True)
class NotificationSettings:
    """``[notifications]``: one sub-table per event the firm may notify."""

    NAME: ClassVar[str] = "notifications"
    EVENTS: ClassVar[Mapping[str, type]] = MappingProxyType(
        {**dict.fromkeys(NOTICE_EVENTS, Notice), "contact_change": ContactChangeNotice}
    )

    login: Notice = field(default_factory=Notice)
    new_device_login: Notice = field(default_factory=Notice)
    withdrawal: Notice = field(default_factory=Notice)
    contact_change: ContactChangeNotice = field(default_factory=ContactChangeNotice)
    password_change: Notice = field(default_factory=Notice)
    trade: Notice = field(default_factory=Notice)
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_events(self, self.EVENTS)

    def event(self, name: str) -> Notice:
        """The settings of one event (``"login"``, ``"withdrawal"`` …)."""
        if name not in self.EVENTS:
            raise choice_error("event", name, NOTICE_EVENTS)
        notice: Notice = getattr(self, name)
        return notice

    @property
    def known(self) -> bool:
        """The table itself has no values, only events."""
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginHistorySettings:
    """``[login_history]``: a login history the customer can see.

    ``available`` the firm shows one; ``retention_months`` how far back it
    goes; ``deletable = false`` the customer cannot delete (or hide)
    entries, so a hijacker cannot erase the traces.
    """

    NAME: ClassVar[str] = "login_history"

    available: bool | None = param(
        None, doc="the firm shows a login history", stricter=(False, True)
    )
    retention_months: int | None = param(
        None, doc="how far back it goes", range=(1, 1200), stricter="higher"
    )
    deletable: bool | None = param(
        None, doc="the customer can delete or hide entries", stricter=(True, False)
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        if self.available is False:
            for name in ("retention_months", "deletable"):
                if getattr(self, name) is not None:
                    raise PolicyError.of("section.unavailable", key=name, name=name)

    @property
    def known(self) -> bool:
        """True when the policy states anything about the login history."""
        return any(v is not None for v in (self.available, self.retention_months, self.deletable))


#: Contact and personal data a firm may mask on screen.
MASKABLE_FIELDS: Final = (
    "email",
    "phone",
    "fax",
    "postal_code",
    "address",
    "birthdate",
    "bank_account",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MaskingSettings:
    """``[masking]``: contact data shown masked on screen.

    ``fields`` the data masked (partly); ``verify_current_to_change = true``:
    changing a phone number or email address needs the current (masked) one
    typed in full (auカブコム), so a hijacker who sees only the mask cannot.
    """

    NAME: ClassVar[str] = "masking"

    fields: tuple[str, ...] | None = param(
        None,
        doc="the data shown (partly) masked",
        choices=MASKABLE_FIELDS,
        unique=True,
        stricter="superset",
    )
    verify_current_to_change: bool | None = param(
        None,
        doc="a change needs the current (masked) value typed in full",
        stricter=(False, True),
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def known(self) -> bool:
        """True when the policy states what is masked."""
        return self.fields is not None or self.verify_current_to_change is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class PhishingSettings:
    """``[phishing]``: how the firm's own messages avoid looking like phishing.

    ``login_links_in_messages = false``: the firm's emails and SMS never
    carry a link to a page that asks for the password (the FSA's
    supervisory guideline, 2025); ``true``: they may.
    """

    NAME: ClassVar[str] = "phishing"

    login_links_in_messages: bool | None = param(
        None,
        doc="the firm's emails or SMS may link to a page asking for the password",
        stricter=(True, False),
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def known(self) -> bool:
        """True when the policy states whether messages carry login links."""
        return self.login_links_in_messages is not None
