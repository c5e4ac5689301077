from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import credguard
from credguard import (
    MAX_PASSWORD_LENGTH,
    CheckResult,
    InputTypeError,
    Policy,
    PolicyError,
    UserContext,
    Violation,
    testing,
)
from credguard._guard import forbidden_violations, guard
from credguard._violation import Severity
from credguard.rules import (
    BlocklistRule,
    ClassesRule,
    HistoryRule,
    LengthRule,
    RepetitionRule,
    SequenceRule,
    StrengthRule,
)
from credguard.rules._base import CredentialRule, TupleRule
from tests.helpers import CANARY

POLICY = Policy(
    name="test",
    rules=(LengthRule(min=8, max=20), ClassesRule(min_classes=3), SequenceRule()),
    kinds={"withdrawal": (LengthRule(min=12),)},
)


class TestPolicyCheck:
    def test_collects_every_violation_in_rule_order(self) -> None:
        result = POLICY.check("abcd")
        assert result.codes == ("length.too_short", "classes.too_few", "sequence.ascending")
        assert not result.ok

    def test_ok(self) -> None:
        result = POLICY.check("Tr0ub4dor&3")
        assert result.ok
        assert result.violations == ()
        assert result.policy == "test"
        assert result.kind == "login"

    def test_trade_falls_back_to_login_rules(self) -> None:
        assert POLICY.rules_for("trade") == POLICY.rules
        assert POLICY.check("abcd", kind="trade").codes == POLICY.check("abcd").codes

    def test_kind_with_its_own_rules(self) -> None:
        result = POLICY.check("Tr0ub4dor&3", kind="withdrawal")
        assert result.codes == ("length.too_short",)
        assert result.kind == "withdrawal"

    def test_unknown_kind(self) -> None:
        with pytest.raises(PolicyError, match="unknown password kind"):
            POLICY.check("x", kind="deposit")

    def test_warning_does_not_fail(self) -> None:
        policy = Policy(rules=(LengthRule(min=20, severity="warning"),))
        result = policy.check("Tr0ub4dor&3")
        assert result.ok
        assert [v.severity for v in result.violations] == ["warning"]
        assert result.warnings == result.violations
        assert result.errors == ()

    @pytest.mark.parametrize("value", [b"bytes", None, 12345678])
    def test_non_str_password(self, value: object) -> None:
        with pytest.raises(InputTypeError):
            POLICY.check(value)  # type: ignore[arg-type]

    def test_bad_context_type(self) -> None:
        with pytest.raises(InputTypeError):
            POLICY.check("Tr0ub4dor&3", context={"username": "x"})  # type: ignore[arg-type]

    def test_context_accepted(self) -> None:
        # POLICY has no personal rule: the username is accepted but unused.
        with pytest.warns(credguard.UnusedContextWarning):
            assert POLICY.check("Tr0ub4dor&3", context=UserContext(username="x")).ok


def _reference_check(policy: Policy, password: str) -> CheckResult:
    """What Policy.check is defined to do, without its fast paths: the guard,
    a candidate, every rule's ``check`` in order (gated ones last, only if
    nothing else refused), and a result built by the constructor."""
    try:
        normalized, forbidden = guard(password)
    except credguard.PasswordTooLongError as refused:
        return CheckResult(
            (
                Violation(
                    "length.too_long", {"max": MAX_PASSWORD_LENGTH, "actual": refused.length or 0}
                ),
            ),
            kind="login",
            policy=policy.name,
        )
    candidate = credguard.Candidate(password, normalized)
    found = list(forbidden_violations(forbidden))
    gated = [rule for rule in policy.rules if getattr(rule, "only_if_otherwise_accepted", False)]
    for rule in policy.rules:
        if rule not in gated:
            found.extend(rule.check(candidate, UserContext()))
    for rule in gated:
        # Each gated rule, in order, only while nothing has refused.
        if any(v.severity == "error" for v in found):
            break
        found.extend(rule.check(candidate, UserContext()))
    return CheckResult(tuple(found), kind="login", policy=policy.name)


class TestFastPath:
    """Policy.check tests printable ASCII without calling the guard; the result
    must equal the definition's for every input, ASCII or not."""

    POLICIES = (
        POLICY,
        Policy(
            name="same-checks",
            rules=(
                LengthRule(min=8, max=64),
                ClassesRule(min_classes=3, of=("upper", "lower", "digit", "symbol")),
                RepetitionRule(max_run=2, max_repeat_span=None),
            ),
        ),
    )

    @given(
        password=st.text("aB3! \t\u00e9\u200b\uff21", max_size=24)
        | st.text(max_size=24)
        | st.sampled_from(("x" * 1025, "Ａ" * 1000 + "\ufdfa" * 2)),
        which=st.integers(0, 1),
    )
    def test_same_as_the_definition(self, password: str, which: int) -> None:
        policy = self.POLICIES[which]
        assert policy.check(password) == _reference_check(policy, password)

    def test_a_finding_made_once_gives_a_result_made_once(self) -> None:
        policy = self.POLICIES[1]
        one, two = policy.check("Abcdefgh"), policy.check("Bcdefghi")
        assert one is two  # the same finding (two classes of three): one result
        assert one == CheckResult(
            (Violation("classes.too_few", {"min": 3, "of": ClassesRule().of, "actual": 2}),),
            kind="login",
            policy="same-checks",
        )
        trade = policy.check("Abcdefgh", kind="trade")
        assert (trade.kind, trade.violations) == ("trade", one.violations)
        # Two findings together are a new tuple, and a new result.
        assert policy.check("abc").codes == ("length.too_short", "classes.too_few")


class TestUnusedContext:
    """Context fields no rule reads are reported once, by name (issue 20)."""

    def test_warned_once_per_policy_kind_and_fields(self) -> None:
        policy = credguard.load_policy("kabucom")  # personal rule: email only
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for _ in range(3):
                policy.check("Abcdef1357", context=UserContext(birthdate="1990-01-02"))
            policy.check("Abcdef1357", context=UserContext(email="a@example.jp"))  # used
            policy.check("Abcdef1357", context=UserContext(phone="0312345678"), kind="trade")
        messages = [str(w.message) for w in caught if w.category is credguard.UnusedContextWarning]
        assert messages == [
            "policy 'kabucom' (login) has no rule that uses these context fields: birthdate",
            "policy 'kabucom' (trade) has no rule that uses these context fields: phone",
        ]
        assert caught[0].filename == __file__  # points at the caller

    def test_no_value_in_the_warning(self) -> None:
        policy = credguard.load_policy("kabucom")
        with pytest.warns(credguard.UnusedContextWarning) as caught:
            policy.check("Abcdef1357", context=UserContext(names=(CANARY,), phone="0399999999"))
        assert CANARY not in str(caught[0].message)
        assert "0399999999" not in str(caught[0].message)

    def test_a_user_rule_that_does_not_say_silences_it(self) -> None:
        class Anything:
            NAME = "anything"
            severity = "error"

            def check(self, candidate: object, context: object) -> Iterator[object]:
                return iter(())

        policy = credguard.Policy(name="mine", rules=(Anything(),))  # type: ignore[arg-type]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert policy.check("whatever", context=UserContext(username="x")).ok

    def test_history_rule_uses_the_history(self) -> None:
        policy = credguard.load_policy("recommended")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            policy.check("Tr0ub4dor&3xx", context=UserContext(email="a@example.jp"))

    def test_over_cap_is_one_violation(self) -> None:
        result = POLICY.check("a" * (MAX_PASSWORD_LENGTH + 1))
        assert result.codes == ("length.too_long",)
        assert result.violations[0].params["max"] == MAX_PASSWORD_LENGTH

    def test_cap_rechecked_after_nfkc(self) -> None:
        # 100 × U+FDFA is within the cap, but NFKC makes it 1800 code points.
        result = POLICY.check("\ufdfa" * 100)
        assert result.codes == ("length.too_long",)
        assert result.violations[0].params["actual"] == 1800

    @pytest.mark.parametrize(
        ("password", "code"),
        [("Tr0ub4dor&3\x00", "charset.control"), ("Tr0ub\u200b4dor&3", "charset.format")],
    )
    def test_guard_violations_come_first(self, password: str, code: str) -> None:
        result = POLICY.check(password)
        assert result.codes[0] == code
        assert not result.ok

    def test_policy_is_shared_between_threads(self) -> None:
        results: list[tuple[str, ...]] = []
        lock = threading.Lock()

        def work(password: str) -> None:
            for _ in range(200):
                codes = POLICY.check(password).codes
                with lock:
                    results.append(codes)

        threads = [threading.Thread(target=work, args=(p,)) for p in ("abcd", "Tr0ub4dor&3")] * 1
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results.count(("length.too_short", "classes.too_few", "sequence.ascending")) == 200
        assert results.count(()) == 200


@dataclass(frozen=True, slots=True, kw_only=True)
class _NoDigitRule:
    """A rule written outside the package: ``check`` is a generator."""

    NAME: ClassVar[str] = "no_digit"
    severity: Severity = "error"

    def check(self, candidate: credguard.Candidate, context: UserContext) -> Iterator[Violation]:
        if not candidate.digits:
            yield Violation("custom.no_digit")


@dataclass(frozen=True, slots=True, kw_only=True)
class _ListRule(_NoDigitRule):
    """One with a ``violations`` method that returns a list, not a tuple."""

    def violations(self, candidate: credguard.Candidate, context: UserContext) -> list[Violation]:
        return list(self.check(candidate, context))


class TestRulesFromElsewhere:
    @pytest.mark.parametrize("rule", [_NoDigitRule(), _ListRule()], ids=["generator", "list"])
    def test_findings_join_the_result(self, rule: _NoDigitRule) -> None:
        assert not isinstance(rule, TupleRule)
        policy = Policy(rules=(LengthRule(min=12), rule, SequenceRule()))
        assert policy.check("abcdef").codes == (
            "length.too_short",
            "custom.no_digit",
            "sequence.ascending",
        )
        assert policy.check("Tr0ub4dor&3").codes == ("length.too_short",)
        assert isinstance(policy.check("abcdef").violations, tuple)


@dataclass(frozen=True, slots=True, kw_only=True)
class _CredentialRule(_NoDigitRule):
    """A rule from elsewhere that verifies stored hashes: it gives a rebound copy."""

    hasher: credguard.PasswordHasher

    def with_hasher(self, hasher: credguard.PasswordHasher) -> _CredentialRule:
        return replace(self, hasher=hasher)


@dataclass(frozen=True, slots=True, kw_only=True)
class _HasherFieldRule(_NoDigitRule):
    """A field named ``hasher`` alone does not make a credential rule."""

    hasher: str = "not a PasswordHasher"


class TestWithHasher:
    def test_binds_credential_rules_only(self) -> None:
        first, second = testing.cheap_hasher(), testing.cheap_hasher()
        credential, other = _CredentialRule(hasher=first), _HasherFieldRule()
        assert isinstance(credential, CredentialRule)
        assert isinstance(HistoryRule(hasher=first), CredentialRule)
        assert not isinstance(other, CredentialRule)
        policy = Policy(rules=(credential, other), kinds={"trade": (credential,)})
        bound = policy.with_hasher(second)
        assert bound.rules == (_CredentialRule(hasher=second), other)
        assert bound.rules_for("trade") == (_CredentialRule(hasher=second),)
        assert policy.rules[0] is credential  # the original is unchanged


class TestPolicyConstruction:
    def test_rejects_non_rules(self) -> None:
        with pytest.raises(PolicyError):
            Policy(rules=("length",))  # type: ignore[arg-type]

    def test_rejects_unknown_kind(self) -> None:
        with pytest.raises(PolicyError):
            Policy(kinds={"deposit": ()})

    def test_rejects_empty_name(self) -> None:
        with pytest.raises(PolicyError):
            Policy(name="")

    def test_repr_is_short(self) -> None:
        assert repr(POLICY) == "Policy(name='test', rules=3, kinds=['withdrawal'])"

    def test_immutable(self) -> None:
        with pytest.raises(AttributeError):
            POLICY.name = "x"  # type: ignore[misc]


class TestCheckResult:
    def test_messages_in_both_languages(self) -> None:
        result = Policy(rules=(RepetitionRule(),)).check("aaaa")
        (english,) = result.messages()
        (japanese,) = result.messages("ja")
        assert "4 times" in english
        assert "同じ文字が4個続いています" in japanese

    def test_empty_result(self) -> None:
        result = CheckResult()
        assert result.ok
        assert result.messages() == ()


class TestViolation:
    def test_params_are_read_only_copies(self) -> None:
        params = {"min": 8, "actual": 3}
        violation = Violation("length.too_short", params)
        params["min"] = 100
        assert violation.params["min"] == 8
        with pytest.raises(TypeError):
            violation.params["min"] = 1  # type: ignore[index]

    def test_hashable_and_equal(self) -> None:
        a = Violation("length.too_short", {"min": 8, "actual": 3})
        b = Violation("length.too_short", {"actual": 3, "min": 8})
        assert a == b
        assert len({a, b}) == 1

    def test_to_dict(self) -> None:
        violation = Violation("classes.too_few", {"min": 3, "of": ("upper", "digit"), "actual": 1})
        assert violation.to_dict("ja") == {
            "code": "classes.too_few",
            "severity": "error",
            "params": {"min": 3, "of": ["upper", "digit"], "actual": 1},
            "message": "パスワードには英大文字、数字のうち3種類以上を"
            "組み合わせてください（現在1種類）。",
        }


class TestPublicApi:
    def test_errors_share_a_base(self) -> None:
        for name in (
            "PolicyError",
            "UnknownPresetError",
            "ContextError",
            "InputTypeError",
            "InvalidHashError",
            "PasswordTooLongError",
        ):
            assert issubclass(getattr(credguard, name), credguard.CredguardError)


_RECOMMENDED_SAMPLE = (
    "password",
    "Tanaka1985",
    "Tkyr8mwq",
    "Tr0ub4dor&3",
    "Mu7#kp2Lq",
    "correct horse battery staple",
    "qwerty123!",
    "Sakura2024!",
    "zq8#Lm2!vX9p",
)


class TestGatedRules:
    """A rule that says ``only_if_otherwise_accepted`` runs last, and only then."""

    GATED = Policy(
        name="gated",
        rules=(
            StrengthRule(only_if_otherwise_accepted=True),
            LengthRule(min=8),
            RepetitionRule(max_run=3, severity="warning"),
        ),
    )
    # The same rules, the strength rule not gated.
    PLAIN = Policy(
        name="gated",
        rules=(StrengthRule(), LengthRule(min=8), RepetitionRule(max_run=3, severity="warning")),
    )

    def test_not_run_when_another_rule_refuses(self) -> None:
        assert self.GATED.check("pass").codes == ("length.too_short",)
        assert self.PLAIN.check("pass").codes == ("strength.low_score", "length.too_short")

    def test_run_after_the_others_when_they_refuse_nothing(self) -> None:
        # A warning refuses nothing: the gated rule still runs, after it.
        assert self.GATED.check("passwordddd").codes == (
            "repetition.same_character",
            "strength.low_score",
        )
        assert self.GATED.check("Gh7$kP2qW9zR").ok

    def test_false_runs_in_place(self) -> None:
        ungated = StrengthRule(only_if_otherwise_accepted=False)
        policy = Policy(name="p", rules=(ungated, LengthRule(min=8)))
        assert policy.check("pass").codes == ("strength.low_score", "length.too_short")

    @given(password=st.text(alphabet="abcdeiloprsSTW0123456789!@$ ", max_size=16))
    @example(password="00010000@")  # a run only the repetition rule's warning reports
    def test_same_verdict_as_ungated(self, password: str) -> None:
        gated, plain = self.GATED.check(password), self.PLAIN.check(password)
        assert gated.ok == plain.ok
        # Everything the gated check reports, the plain check reports too.
        assert set(gated.codes) <= set(plain.codes)

    # Two gated rules: the blocklist, then the estimate.
    TWO = Policy(
        name="two",
        rules=(
            BlocklistRule(only_if_otherwise_accepted=True),
            StrengthRule(only_if_otherwise_accepted=True),
            LengthRule(min=8),
        ),
    )

    def test_gated_rules_run_in_order_each_while_nothing_refused(self) -> None:
        # Refused by the length rule: neither gated rule runs.
        assert self.TWO.check("pass").codes == ("length.too_short",)
        # The blocklist (first gated in order) refuses: the estimate does not run.
        assert self.TWO.check("password1").codes == ("blocklist.common",)
        ungated = Policy(name="two", rules=(BlocklistRule(), StrengthRule(), LengthRule(min=8)))
        assert ungated.check("password1").codes == ("blocklist.common", "strength.low_score")
        # Both accept a strong password; an unlisted weak one reaches the estimate.
        assert self.TWO.check("Gh7$kP2qW9zR").ok
        assert self.TWO.check("Tkyr8mwq").codes == ("strength.low_score",)

    def test_a_policy_file_can_ungate_a_presets_blocklist(self) -> None:
        # docs/cli.md: counting every finding of a list with a firm preset.
        every = credguard.parse_policy(
            '[policy]\nname = "moomoo-all"\nextends = "moomoo"\n'
            "[rules.blocklist]\nonly_if_otherwise_accepted = false\n"
        )
        assert credguard.load_policy("moomoo").check("password1").codes == ("classes.too_few",)
        assert every.check("password1").codes == ("classes.too_few", "blocklist.common")

    @given(password=st.sampled_from(_RECOMMENDED_SAMPLE) | st.text(max_size=12))
    @settings(max_examples=60)
    def test_every_preset_same_verdict_as_ungated(self, password: str) -> None:
        for name in ("recommended", "moomoo", "mizuho", "jsda-2025"):
            gated = credguard.load_policy(name)
            plain = Policy(
                name=name,
                rules=tuple(
                    replace(rule, only_if_otherwise_accepted=False)
                    if isinstance(rule, (BlocklistRule, StrengthRule))
                    else rule
                    for rule in gated.rules
                ),
            )
            found, every = gated.check(password), plain.check(password)
            assert found.ok == every.ok
            # What the gated check reports, the plain one reports too.
            assert all(violation in every.violations for violation in found.violations)

    @given(password=st.sampled_from(_RECOMMENDED_SAMPLE) | st.text(max_size=12))
    def test_recommended_same_verdict_as_ungated(self, password: str) -> None:
        gated = credguard.load_policy("recommended")
        (strength,) = (rule for rule in gated.rules if isinstance(rule, StrengthRule))
        assert strength.only_if_otherwise_accepted
        rules = tuple(
            replace(rule, only_if_otherwise_accepted=False) if rule is strength else rule
            for rule in gated.rules
        )
        plain = Policy(name="recommended", rules=rules)
        assert gated.check(password).ok == plain.check(password).ok
