"""The ``owasp-asvs`` baseline: OWASP ASVS 5.0, chapter V6.2 (password security).

Every row is a password-rule clause, checked once per kind with its own
rules; each reports only shortfalls.  The words are quoted verbatim from
the ``v5.0.0_release`` tag of ``OWASP/ASVS`` (``5.0/en/0x15-V6-Authentication.md``,
2025-05-30).  ASVS 5.0 has no "allow every printable character"
requirement (4.0.3's 2.1.4 was deleted): the character-set row cites 6.2.5.
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
            "Verify that user set passwords are at least 8 characters in length although a"
            " minimum of 15 characters is strongly recommended.",
        ),
        min_length(8, 15, "recommended"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.9", "Verify that passwords of at least 64 characters are permitted."
        ),
        max_length(64, "violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.5",
            "Verify that passwords of any composition can be used, without rules limiting the"
            " type of characters permitted. There must be no requirement for a minimum number"
            " of upper or lower case characters, numbers, or special characters.",
        ),
        composition("violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.5",
            "Verify that passwords of any composition can be used, without rules limiting the"
            " type of characters permitted.",
        ),
        charset_limits("violation"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.4",
            "Verify that passwords submitted during account registration or password change"
            " are checked against an available set of, at least, the top 3000 passwords which"
            " match the application's password policy, e.g. minimum length.",
        ),
        needs_rule(("blocklist",), "no_common"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.11",
            "Verify that the documented list of context specific words is used to prevent easy"
            " to guess passwords being created.",
        ),
        needs_rule(("personal", "blocklist"), "no_context"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.12",
            "Verify that passwords submitted during account registration or password changes"
            " are checked against a set of breached passwords.",
        ),
        needs_rule(("breached",), "no_breached"),
        True,
    ),
    (
        Requirement(
            "ASVS 5.0 V6.2.10",
            "Verify that a user's password stays valid until it is discovered to be"
            " compromised or the user rotates it. The application must not require periodic"
            " credential rotation.",
        ),
        rotation,
        False,
    ),
)
