"""``export_policy``: passwordrules and Keycloak strings, and what they cannot say."""

from __future__ import annotations

import re

import pytest

import credguard
from credguard import EXPORT_FORMATS, Export, Policy, export_policy, parse_policy
from credguard.rules import ClassesRule, LengthRule, RepetitionRule

EXAMPLE = parse_policy("""
[rules.length]
min = 8
max = 20

[rules.charset]
symbols = "-@#$"

[rules.classes]
required = ["lower", "upper", "digit", "symbol"]

[rules.history]
generations = 3

[rules.personal]
fields = ["username", "email"]
""")

# Apple's grammar, one property a clause: name ":" value.
_APPLE_CLAUSE = re.compile(
    r"(minlength|maxlength|max-consecutive): \d+"
    r"|(required|allowed): (upper|lower|digit|special|unicode|ascii-printable|\[[^\]]*\])"
    r"(, (upper|lower|digit|special|unicode|ascii-printable|\[[^\]]*\]))*"
)


def _apple_clauses(text: str) -> list[str]:
    assert text.endswith(";")
    clauses = text[:-1].split("; ")
    for clause in clauses:
        assert _APPLE_CLAUSE.fullmatch(clause), clause
    return clauses


def test_passwordrules_of_a_policy_it_can_express() -> None:
    found = export_policy(EXAMPLE, "passwordrules")
    assert isinstance(found, Export)
    assert found.text == (
        "minlength: 8; maxlength: 20; allowed: upper, lower, digit, [-#$@];"
        " required: lower; required: upper; required: digit; required: [-#$@];"
    )
    assert found.unexpressed == ("personal", "history")
    _apple_clauses(found.text)


def test_keycloak_of_the_same_policy() -> None:
    found = export_policy(EXAMPLE, format="keycloak")
    assert found.text == (
        "length(8) and maxLength(20) and lowerCase(1) and upperCase(1) and digits(1)"
        " and specialChars(1) and notUsername and notEmail and passwordHistory(3)"
    )
    # Keycloak has no character set, counts any special character, and
    # refuses only a password equal to the username or email.
    assert found.unexpressed == ("charset", "charset.symbols", "personal")


def test_counts_k_of_n_and_runs() -> None:
    policy = Policy(
        rules=(
            LengthRule(min=10),
            ClassesRule(min_classes=1, of=("digit", "symbol"), min_counts={"digit": 2}),
            RepetitionRule(max_run=2, max_repeat_span=None),
        )
    )
    apple = export_policy(policy)
    assert apple.text == (
        "minlength: 10; required: digit; required: digit, special; max-consecutive: 2;"
    )
    assert apple.unexpressed == ("classes.min_counts",)
    keycloak = export_policy(policy, "keycloak")
    assert keycloak.text == "length(10) and digits(2)"
    assert keycloak.unexpressed == ("classes.min_classes", "repetition")


def test_every_class_required_as_k_of_n_is_each_required() -> None:
    policy = Policy(rules=(ClassesRule(min_classes=3, of=("upper", "lower", "digit")),))
    assert export_policy(policy).text == "required: upper; required: lower; required: digit;"
    assert export_policy(policy, "keycloak").text == "upperCase(1) and lowerCase(1) and digits(1)"


def test_warnings_are_advice_and_not_exported() -> None:
    policy = Policy(rules=(LengthRule(min=8), LengthRule(min=12, severity="warning")))
    assert export_policy(policy).text == "minlength: 8;"


def test_the_kind_is_honoured() -> None:
    policy = parse_policy("[rules.length]\nmin = 8\n[kinds.trade.rules.length]\nmin = 4\nmax = 4\n")
    assert export_policy(policy, kind="trade").text == "minlength: 4; maxlength: 4;"
    with pytest.raises(credguard.PolicyError):
        export_policy(policy, kind="savings")


@pytest.mark.parametrize("name", credguard.list_presets())
def test_every_preset_exports_in_every_format(name: str) -> None:
    policy = credguard.load_policy(name)
    names = {rule.NAME for rule in policy.rules_for("login") if rule.severity == "error"}
    for fmt in EXPORT_FORMATS:
        found = export_policy(policy, fmt)
        # Whatever is unexpressed is named after one of the policy's own rules.
        assert {item.split(".")[0] for item in found.unexpressed} <= names
        if fmt == "passwordrules" and found.text:
            _apple_clauses(found.text)
    # What no format can say is said to be unexpressed.
    for hard in ("blocklist", "sequence", "keyboard", "strength", "breached", "separation"):
        if hard in names:
            assert hard in export_policy(policy, "keycloak").unexpressed
            assert hard in export_policy(policy, "passwordrules").unexpressed


def test_bad_arguments_are_typed_errors() -> None:
    with pytest.raises(credguard.PolicyError, match="must be one of passwordrules"):
        export_policy(EXAMPLE, "ldap")
    with pytest.raises(TypeError):
        export_policy("moomoo", "keycloak")  # type: ignore[arg-type]
