"""Provenance, policy metadata and the non-rule sections of a policy file.

A policy file says *where* each rule comes from (``source``, ``quote``,
``assumed`` …); :class:`Provenance` keeps that next to the rule so tools can
show it.  Sections that are not password rules — ``[lockout]``,
``[session]``, ``[rotation]``, and the account-protection measures
``[mfa]``, ``[notifications]``, ``[login_history]``, ``[masking]``,
``[phishing]`` — are small frozen dataclasses registered in
:data:`SECTIONS`; the loader builds them generically from their fields.

A section with ``EVENTS`` (``[mfa]``, ``[notifications]``) has one sub-table
per event (``[mfa.login]``, ``[notifications.withdrawal]``), each its own
dataclass with its own provenance, because a firm's page describes each
event in its own sentence.

A value left out of a section is ``None``: *unknown*, which is not the same
as "none" (a firm that does not publish its lockout threshold may still have
one).  Nothing here guesses: a page that says nothing leaves ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar, Final

from ..errors import PolicyError

__all__ = [
    "MASKABLE_FIELDS",
    "MFA_EVENTS",
    "MFA_METHODS",
    "MFA_MODES",
    "NOTICE_CHANNELS",
    "NOTICE_EVENTS",
    "PHISHING_RESISTANT",
    "PROVENANCE_KEYS",
    "SECTIONS",
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
    "section_tables",
]

#: Longest lock or timeout accepted, in minutes (ten years): anything longer
#: is a typo, and "never unlocks by itself" is ``auto_unlock = false``.
_MAX_MINUTES: Final = 10 * 366 * 24 * 60


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise PolicyError(f"must be a string, not {type(value).__name__}", key=name)


def _check_optional_int(name: str, value: object, minimum: int, maximum: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyError(f"must be an integer, not {type(value).__name__}", key=name)
    if not minimum <= value <= maximum:
        raise PolicyError(f"must be between {minimum} and {maximum}", key=name)


def _check_optional_bool(name: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise PolicyError(f"must be true or false, not {type(value).__name__}", key=name)


def _unknown_choice(name: str, value: object, choices: tuple[str, ...]) -> PolicyError:
    # The value itself is not echoed: a pasted secret must not come back in an error.
    import difflib  # only for the "did you mean" hint

    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return PolicyError(f"has a value that is not one of {', '.join(choices)}{hint}", key=name)


def _check_optional_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise PolicyError(f"must be a string, not {type(value).__name__}", key=name)
    if value not in choices:
        raise _unknown_choice(name, value, choices)


def _optional_choices(name: str, value: object, choices: tuple[str, ...]) -> tuple[str, ...] | None:
    """Validate an optional list of distinct names from *choices*; return it as a tuple."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise PolicyError(f"must be an array of strings, not {type(value).__name__}", key=name)
    for item in value:
        if not isinstance(item, str):
            raise PolicyError(f"must be an array of strings, not {type(item).__name__}", key=name)
        if item not in choices:
            raise _unknown_choice(name, item, choices)
    if len(set(value)) != len(value):
        raise PolicyError("lists a name twice", key=name)
    return tuple(value)


def _check_optional_text(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise PolicyError("must be a non-empty string", key=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where one rule or section of a policy comes from.

    ``quote`` is the published sentence (in Japanese where the firm wrote
    Japanese); ``assumed`` says what the preset chose where the page is
    silent; ``origin`` names the policy file the table was written in (it
    differs from the policy's own name when inherited through ``extends``).
    """

    source: str = ""
    quote: str = ""
    assumed: str = ""
    retrieved: str = ""
    published: str = ""
    note: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            _check_text(item.name, getattr(self, item.name))

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

    description: str = ""
    source: str = ""
    retrieved: str = ""
    published: str = ""
    extends: tuple[str, ...] = ()
    file: str = ""

    def __post_init__(self) -> None:
        for item in fields(self):
            if item.name != "extends":
                _check_text(item.name, getattr(self, item.name))
        object.__setattr__(self, "extends", tuple(self.extends))


@dataclass(frozen=True, slots=True, kw_only=True)
class LockoutSettings:
    """``[lockout]``: what happens after failed logins.

    ``max_failures`` consecutive failures lock the account for
    ``lock_minutes``; ``auto_unlock = false`` means only the firm unlocks it
    (SMBC日興).  ``locks = true`` records a firm that says the account locks
    after repeated failures without saying after how many (立花証券).
    ``None`` everywhere means the policy does not say.
    """

    NAME: ClassVar[str] = "lockout"

    locks: bool | None = None
    max_failures: int | None = None
    lock_minutes: int | None = None
    auto_unlock: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_bool("locks", self.locks)
        _check_optional_int("max_failures", self.max_failures, 1, 1_000_000)
        _check_optional_int("lock_minutes", self.lock_minutes, 1, _MAX_MINUTES)
        _check_optional_bool("auto_unlock", self.auto_unlock)
        if self.auto_unlock is False and self.lock_minutes is not None:
            raise PolicyError(
                "sets lock_minutes but auto_unlock = false (the lock never expires)",
                key="lock_minutes",
            )
        if self.locks is False:
            for name in ("max_failures", "lock_minutes", "auto_unlock"):
                if getattr(self, name) is not None:
                    raise PolicyError(f"sets {name} but locks = false", key=name)

    @property
    def locks_account(self) -> bool | None:
        """Does the account lock after consecutive failures?  None: not stated."""
        if self.locks is not None:
            return self.locks
        stated = (self.max_failures, self.lock_minutes, self.auto_unlock)
        return True if any(v is not None for v in stated) else None

    @property
    def known(self) -> bool:
        """True when the policy states anything about lockout."""
        return self.locks_account is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSettings:
    """``[session]``: automatic logout after ``idle_timeout_minutes`` of inactivity.

    ``auto_logout = true`` records a firm that logs idle sessions out
    without publishing after how long (moomoo: 一定時間).
    """

    NAME: ClassVar[str] = "session"

    auto_logout: bool | None = None
    idle_timeout_minutes: int | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_bool("auto_logout", self.auto_logout)
        _check_optional_int("idle_timeout_minutes", self.idle_timeout_minutes, 1, _MAX_MINUTES)
        if self.auto_logout is False and self.idle_timeout_minutes is not None:
            raise PolicyError(
                "sets idle_timeout_minutes but auto_logout = false", key="idle_timeout_minutes"
            )

    @property
    def known(self) -> bool:
        """True when the policy states whether (or when) idle sessions end."""
        return self.auto_logout is not None or self.idle_timeout_minutes is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationSettings:
    """``[rotation]``: periodic password change.

    ``max_age_days`` forces a change after that many days; ``advised = true``
    records a firm that only *asks* users to change regularly (GMOクリック).
    Both run against NIST SP 800-63B and OWASP ASVS, which the audit reports.
    """

    NAME: ClassVar[str] = "rotation"

    max_age_days: int | None = None
    advised: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_int("max_age_days", self.max_age_days, 1, 3660)
        _check_optional_bool("advised", self.advised)

    @property
    def known(self) -> bool:
        """True when the policy states anything about rotation."""
        return self.max_age_days is not None or self.advised is not None


# --------------------------------------------------------------- measures


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

    mode: str | None = None
    methods: tuple[str, ...] | None = None
    combine: str | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_choice("mode", self.mode, MFA_MODES)
        methods = _optional_choices("methods", self.methods, _METHOD_NAMES)
        object.__setattr__(self, "methods", methods)
        _check_optional_choice("combine", self.combine, ("any", "all"))
        if self.mode in ("none", "offline") and self.methods:
            raise PolicyError(f"lists methods but mode = {self.mode!r}", key="methods")
        if self.combine is not None and len(self.methods or ()) < 2:
            raise PolicyError("needs at least two methods to combine", key="combine")

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
    for name, cls in events.items():
        if not isinstance(getattr(group, name), cls):
            raise PolicyError(f"must be a {cls.__name__}", key=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class MfaSettings:
    """``[mfa]``: multi-factor authentication, one sub-table per event.

    ``phishing_resistant_planned`` records a published schedule for
    phishing-resistant MFA (a passkey or PKI) that is not in force yet, as
    the page states it (``"2026年春"``): a plan is never recorded as a method.
    """

    NAME: ClassVar[str] = "mfa"
    EVENTS: ClassVar[Mapping[str, type]] = MappingProxyType(dict.fromkeys(MFA_EVENTS, MfaEvent))

    phishing_resistant_planned: str | None = None
    login: MfaEvent = field(default_factory=MfaEvent)
    trade: MfaEvent = field(default_factory=MfaEvent)
    withdrawal: MfaEvent = field(default_factory=MfaEvent)
    withdrawal_account_change: MfaEvent = field(default_factory=MfaEvent)
    contact_change: MfaEvent = field(default_factory=MfaEvent)
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_text("phishing_resistant_planned", self.phishing_resistant_planned)
        _check_events(self, self.EVENTS)

    def event(self, name: str) -> MfaEvent:
        """The settings of one event (``"login"``, ``"withdrawal"`` …)."""
        if name not in self.EVENTS:
            raise _unknown_choice("event", name, MFA_EVENTS)
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

    sent: bool | None = None
    opt_in: bool | None = None
    channels: tuple[str, ...] | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_bool("sent", self.sent)
        _check_optional_bool("opt_in", self.opt_in)
        channels = _optional_choices("channels", self.channels, NOTICE_CHANNELS)
        object.__setattr__(self, "channels", channels)
        for name in ("opt_in", "channels"):
            if getattr(self, name) is not None and self.sent is not True:
                state = "false" if self.sent is False else "not set"
                raise PolicyError(f"needs sent = true (sent is {state})", key=name)

    @property
    def known(self) -> bool:
        """True when the policy states whether the notification is sent."""
        return self.sent is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactChangeNotice(Notice):
    """``[notifications.contact_change]``; ``to_previous_address = true``: the
    notice also goes to the address being replaced (フジトミ), so a hijacker
    who changes the email address cannot hide the change."""

    to_previous_address: bool | None = None

    def __post_init__(self) -> None:
        Notice.__post_init__(self)
        _check_optional_bool("to_previous_address", self.to_previous_address)
        if self.to_previous_address is not None and self.sent is not True:
            raise PolicyError("needs sent = true", key="to_previous_address")


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
            raise _unknown_choice("event", name, NOTICE_EVENTS)
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

    available: bool | None = None
    retention_months: int | None = None
    deletable: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_bool("available", self.available)
        _check_optional_int("retention_months", self.retention_months, 1, 1200)
        _check_optional_bool("deletable", self.deletable)
        if self.available is False:
            for name in ("retention_months", "deletable"):
                if getattr(self, name) is not None:
                    raise PolicyError(f"sets {name} but available = false", key=name)

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

    fields: tuple[str, ...] | None = None
    verify_current_to_change: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        masked = _optional_choices("fields", self.fields, MASKABLE_FIELDS)
        object.__setattr__(self, "fields", masked)
        _check_optional_bool("verify_current_to_change", self.verify_current_to_change)

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

    login_links_in_messages: bool | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        _check_optional_bool("login_links_in_messages", self.login_links_in_messages)

    @property
    def known(self) -> bool:
        """True when the policy states whether messages carry login links."""
        return self.login_links_in_messages is not None


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
