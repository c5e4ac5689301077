"""The ``owasp-asvs`` baseline: OWASP ASVS 5.0, chapter V6.2 (password security).

Every row is a password-rule clause, checked once per kind with its own
rules; each reports only shortfalls.
"""

from __future__ import annotations

from typing import Final

from .checks import (
    Baseline,
    Requirement,
    charset_limits,
    composition,
    max_length,
    min_length,
    needs_rule,
    rotation,
)

__all__ = ["OWASP_ASVS"]

#: The rows of the ``owasp-asvs`` baseline.
OWASP_ASVS: Final[Baseline] = (
    (
        Requirement(
            "ASVS 5.0 V6.2.1",
            "user set passwords are at least 8 characters in length although a minimum of 15"
            " characters is strongly recommended",
        ),
        min_length(8, 15, "15 is strongly recommended"),
        True,
    ),
    (
        Requirement("ASVS 5.0 V6.2.9", "passwords of at least 64 characters are permitted"),
        max_length(64, "violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.5",
            "passwords of any composition can be used, without rules limiting the type of"
            " characters permitted; no minimum number of upper or lower case characters,"
            " numbers or special characters",
        ),
        composition("violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.5",
            "passwords of any composition can be used, without rules limiting the type of"
            " characters permitted",
        ),
        charset_limits("violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.4",
            "new passwords are checked against at least the top 3000 passwords that match"
            " the password policy",
        ),
        needs_rule(("blocklist",), "common-password blocklist"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.11",
            "a documented list of context-specific words is used to prevent easy to guess"
            " passwords",
        ),
        needs_rule(("personal", "blocklist"), "context-specific (personal data) check"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.12",
            "new passwords are checked against a set of breached passwords",
        ),
        needs_rule(("breached",), "breached-password check"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.10",
            "a password stays valid until it is discovered to be compromised or the user"
            " rotates it; the application must not require periodic credential rotation",
        ),
        rotation,
        False,
    ),
)
