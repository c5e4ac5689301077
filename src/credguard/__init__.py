"""credguard: password policy and credential handling, correct and explainable.

Architecture (see ``docs/architecture.md``)::

    password ─► _guard (type, size cap, control chars) ─► _candidate.Candidate
    UserContext (_context) ────────────────────────────────────┐
    Policy (_policy) ─► rules/* in order ─► Violation ... ─► CheckResult
                                                  └─► _messages (en / ja)

Presets and policy files are loaded by ``_loader`` (sections and provenance
in ``_settings``); ``_tools`` describes, diffs and lints policies and
``_audit`` audits them against a baseline; the command line lives in
``_cli``.  Public names are re-exported here; modules whose names start with
an underscore are private.

``import credguard`` loads only what a policy needs to exist.  The names of
the loader, the inspection and audit tools, the hasher, lockout, masking,
the credential helpers, the policy sections, ``PERSONAL_FIELDS`` and
``LANGS`` are resolved on first access by the module ``__getattr__``
(PEP 562, :mod:`._lazy`) below and then kept in this module's namespace, so
``from credguard import load_policy`` and ``credguard.load_policy`` work
exactly as before; ``credguard.rules`` likewise imports a rule family's
module when its class is first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._candidate import CHAR_CLASSES, Candidate
from ._context import KINDS, UserContext
from ._guard import MAX_PASSWORD_LENGTH
from ._lazy import lazy_names, name_table
from ._policy import Policy
from ._version import __version__
from ._violation import CheckResult, Violation
from .errors import (
    BreachFileError,
    ContextError,
    CredguardError,
    ForbiddenCharacterError,
    InputTypeError,
    InvalidHashError,
    PasswordTooLongError,
    PolicyError,
    UnknownPresetError,
    UnknownSettingError,
    UnusedContextWarning,
)
from .rules import Rule

if TYPE_CHECKING:  # the names __getattr__ provides, for type checkers and IDEs
    from ._catalogue import LANGS
    from ._export import EXPORT_FORMATS, Export, export_policy
    from ._hashing import (
        OWASP_MINIMUM,
        PROFILES,
        RFC9106_HIGH_MEMORY,
        RFC9106_LOW_MEMORY,
        HashProfile,
        PasswordHasher,
        Pepper,
    )
    from ._loading import list_presets, load_policy, parse_policy
    from ._lockout import Attempt, LockoutPolicy, LockoutStatus
    from ._masking import mask_email, mask_phone
    from ._passgen import generate_password
    from ._personal import PERSONAL_FIELDS
    from ._sections import (
        MFA_METHODS,
        PHISHING_RESISTANT,
        AccountReopeningSettings,
        BehaviourDetectionSettings,
        ContactChangeNotice,
        LockoutSettings,
        LoginHistorySettings,
        MaskingSettings,
        MfaEvent,
        MfaMethod,
        MfaSettings,
        Notice,
        NotificationSettings,
        PhishingSettings,
        PolicyMeta,
        Provenance,
        RotationSettings,
        SessionSettings,
    )
    from ._tools.audit import AuditFinding, audit_policy
    from ._tools.describe import PolicyDescription, RuleDescription, describe_policy
    from ._tools.diff import PolicyDifference, diff_policies
    from ._tools.lint import LintFinding, lint_policy
    from ._tools.requirements import describe_requirements
    from .rules.history import updated_history
    from .rules.separation import check_separation

#: Public name -> the module that defines it, imported on first access.
_LAZY: dict[str, str] = name_table(
    {
        "._catalogue": "LANGS",
        "._export": "EXPORT_FORMATS Export export_policy",
        "._tools.audit": "AuditFinding audit_policy",
        "._tools.requirements": "describe_requirements",
        "._hashing": "HashProfile OWASP_MINIMUM PROFILES PasswordHasher Pepper"
        " RFC9106_HIGH_MEMORY RFC9106_LOW_MEMORY",
        "._tools.describe": "PolicyDescription RuleDescription describe_policy",
        "._tools.diff": "PolicyDifference diff_policies",
        "._tools.lint": "LintFinding lint_policy",
        "._loading": "list_presets load_policy parse_policy",
        "._lockout": "Attempt LockoutPolicy LockoutStatus",
        "._passgen": "generate_password",
        "._personal": "PERSONAL_FIELDS",
        "._sections": "MFA_METHODS PHISHING_RESISTANT AccountReopeningSettings"
        " BehaviourDetectionSettings ContactChangeNotice LockoutSettings LoginHistorySettings"
        " MaskingSettings MfaEvent MfaMethod MfaSettings Notice NotificationSettings"
        " PhishingSettings PolicyMeta Provenance RotationSettings SessionSettings",
        "._masking": "mask_email mask_phone",
        ".rules.history": "updated_history",
        ".rules.separation": "check_separation",
    }
)

__all__ = [
    "CHAR_CLASSES",
    "EXPORT_FORMATS",
    "KINDS",
    "LANGS",
    "MAX_PASSWORD_LENGTH",
    "MFA_METHODS",
    "OWASP_MINIMUM",
    "PERSONAL_FIELDS",
    "PHISHING_RESISTANT",
    "PROFILES",
    "RFC9106_HIGH_MEMORY",
    "RFC9106_LOW_MEMORY",
    "AccountReopeningSettings",
    "Attempt",
    "AuditFinding",
    "BehaviourDetectionSettings",
    "BreachFileError",
    "Candidate",
    "CheckResult",
    "ContactChangeNotice",
    "ContextError",
    "CredguardError",
    "Export",
    "ForbiddenCharacterError",
    "HashProfile",
    "InputTypeError",
    "InvalidHashError",
    "LintFinding",
    "LockoutPolicy",
    "LockoutSettings",
    "LockoutStatus",
    "LoginHistorySettings",
    "MaskingSettings",
    "MfaEvent",
    "MfaMethod",
    "MfaSettings",
    "Notice",
    "NotificationSettings",
    "PasswordHasher",
    "PasswordTooLongError",
    "Pepper",
    "PhishingSettings",
    "Policy",
    "PolicyDescription",
    "PolicyDifference",
    "PolicyError",
    "PolicyMeta",
    "Provenance",
    "RotationSettings",
    "Rule",
    "RuleDescription",
    "SessionSettings",
    "UnknownPresetError",
    "UnknownSettingError",
    "UnusedContextWarning",
    "UserContext",
    "Violation",
    "__version__",
    "audit_policy",
    "check_separation",
    "describe_policy",
    "describe_requirements",
    "diff_policies",
    "export_policy",
    "generate_password",
    "lint_policy",
    "list_presets",
    "load_policy",
    "mask_email",
    "mask_phone",
    "parse_policy",
    "updated_history",
]


if not TYPE_CHECKING:  # hidden from type checkers: they see the imports above
    __getattr__, __dir__ = lazy_names(globals(), _LAZY, __all__)
