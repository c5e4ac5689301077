"""Tests for ``strength.*`` (rules/strength.py)."""

from __future__ import annotations

import datetime
import threading
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import Candidate, UserContext
from credguard._zxcvbn import estimate, rust_available
from credguard.rules import RULES, StrengthRule
from credguard.rules import strength as strength_module
from tests.helpers import CANARY

EMPTY = UserContext()
TANAKA = UserContext(
    names=("Tanaka Hanako", "たなか はなこ"),
    birthdate=datetime.date(1985, 3, 15),
    email="hanako.tanaka@example.co.jp",
    phone="090-3961-2475",
)


def _codes(rule: StrengthRule, password: str, context: UserContext = EMPTY) -> list[str]:
    return [v.code for v in rule.check(Candidate.from_password(password), context)]


class TestStrengthRule:
    @pytest.mark.parametrize("password", ["password", "qwerty123", "P@ssw0rd!", "Tanaka1985"])
    def test_weak(self, password: str) -> None:
        assert _codes(StrengthRule(), password) == ["strength.low_score"]

    @pytest.mark.parametrize("password", ["Tr0ub4dor&3", "correct horse battery staple"])
    def test_strong(self, password: str) -> None:
        assert _codes(StrengthRule(), password) == []

    @pytest.mark.parametrize("backend", ["python", "rust"])
    @pytest.mark.parametrize("year", [1990, 2019, 2020, 2024, 2026, 2030])
    def test_recent_years_are_as_weak_as_older_ones(self, year: int, backend: str) -> None:
        if backend == "rust" and not rust_available():
            pytest.skip("zxcvbn-rs-py (the [fast] extra) not installed")
        # Sakura2024 scored 2 with zxcvbn 4.5 alone, whose years stop at 2019.
        rule = StrengthRule(min_score=2, backend=backend)
        assert _codes(rule, f"Sakura{year}") == ["strength.low_score"]

    def test_params(self) -> None:
        (violation,) = StrengthRule(min_score=4).check(Candidate.from_password("password"), EMPTY)
        assert dict(violation.params) == {"score": 0, "guesses_log10": 0.5, "min_score": 4}

    def test_min_guesses_log10(self) -> None:
        rule = StrengthRule(min_guesses_log10=12)
        (violation,) = rule.check(Candidate.from_password("Tr0ub4dor&3"), EMPTY)
        assert violation.code == "strength.too_few_guesses"
        assert violation.params["guesses_log10"] == 11.0
        assert violation.params["min_guesses_log10"] == 12.0
        assert "10^11.0" in violation.message
        assert _codes(StrengthRule(min_guesses_log10=10), "Tr0ub4dor&3") == []

    def test_personal_data_is_a_user_input(self) -> None:
        rule = StrengthRule(min_score=4)
        assert _codes(rule, "tanakahanako1985") == []
        assert _codes(rule, "tanakahanako1985", TANAKA) == ["strength.low_score"]

    def test_long_password_reports_the_evaluated_prefix(self) -> None:
        rule = StrengthRule(max_evaluated=32)
        (violation,) = rule.check(Candidate.from_password("a" * 1000), EMPTY)
        assert violation.params["evaluated_prefix"] == 32
        (short,) = rule.check(Candidate.from_password("aaaa"), EMPTY)
        assert "evaluated_prefix" not in short.params

    def test_input_cap_does_not_raise(self) -> None:
        policy = credguard.Policy(rules=(StrengthRule(),))
        result = policy.check("Xy7!" * (credguard.MAX_PASSWORD_LENGTH // 4), context=TANAKA)
        assert result.codes in ((), ("strength.low_score",))

    def test_empty_password_is_left_to_length(self) -> None:
        assert _codes(StrengthRule(), "") == []

    def test_registered_after_blocklist(self) -> None:
        names = list(RULES)
        assert RULES["strength"] is StrengthRule
        assert names.index("strength") == names.index("blocklist") + 1

    def test_from_policy_file(self) -> None:
        policy = credguard.parse_policy("[rules.strength]\nmin_score = 2\n")
        assert policy.check("password").codes == ("strength.low_score",)
        assert policy.check("Tr0ub4dor&3").ok

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"min_score": 5}, "min_score"),
            ({"min_score": -1}, "min_score"),
            ({"min_score": 2, "min_guesses_log10": 8}, "min_score"),
            ({"min_guesses_log10": "8"}, "min_guesses_log10"),
            ({"min_guesses_log10": 99}, "min_guesses_log10"),
            ({"max_evaluated": 73}, "max_evaluated"),
            ({"max_evaluated": 4}, "max_evaluated"),
            ({"backend": "java"}, "backend"),
            ({"severity": "fatal"}, "severity"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, object], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as caught:
            StrengthRule(**params)  # type: ignore[arg-type]
        assert caught.value.key == key

    def test_rust_backend_requires_the_package(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(strength_module, "rust_available", lambda: False)
        with pytest.raises(credguard.PolicyError, match=r"credguard-policy\[fast\]"):
            StrengthRule(backend="rust")


class TestUserInputs:
    def test_derived_from_the_context(self) -> None:
        inputs = strength_module._user_inputs(TANAKA)
        for expected in ("tanaka", "hanako", "tanakahanako", "hanakotanaka", "1985", "19850315"):
            assert expected in inputs
        assert "2475" in inputs
        assert "showa60" in inputs  # the personal rule's era forms reach zxcvbn too

    def test_are_the_personal_tokens(self) -> None:
        tokens = {t for field in TANAKA.personal_tokens().values() for t in field}
        assert set(strength_module._user_inputs(TANAKA)) == tokens

    def test_empty_context(self) -> None:
        assert strength_module._user_inputs(EMPTY) == ()

    def test_flattened_once_per_context_in_field_order(self) -> None:
        context = UserContext(names=("Tanaka Hanako",), birthdate="1985-03-15")
        flat = [t for field in context.personal_tokens().values() for t in field]
        words = context.personal_words()
        assert words == tuple(dict.fromkeys(flat))
        assert len(words) == len(set(flat))
        assert strength_module._user_inputs(context) is words  # not made again

    def test_lower_cased_as_zxcvbn_reads_them(self) -> None:
        # The rule tells zxcvbn they are lower-cased already (UserWords(lowered=True)).
        context = UserContext(
            names=("TANAKA Hanako", "ÅSA Straße"),
            username="TaroY",
            email="Taro.Y@EXAMPLE.com",
            customer_number="AB-12345",
            other_words=("Giants", "ΣΟΦΙΑ"),
        )
        words = context.personal_words()
        assert words
        assert all(word == word.lower() for word in words)


class TestStrengthIsolation:
    def test_one_users_name_never_lowers_anothers_score(self) -> None:
        policy = credguard.Policy(rules=(StrengthRule(min_score=4),))
        password = "tanakahanako1985"
        other = UserContext(names=("Suzuki Ichiro",))
        assert policy.check(password, context=TANAKA).codes == ("strength.low_score",)
        assert policy.check(password, context=other).ok
        wrong: list[str] = []

        def check(context: UserContext, expect_ok: bool) -> None:
            for _ in range(25):
                if policy.check(password, context=context).ok is not expect_ok:
                    wrong.append(repr(context))

        threads = [threading.Thread(target=check, args=(TANAKA, False)) for _ in range(3)]
        threads += [threading.Thread(target=check, args=(other, True)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert wrong == []


class TestStrengthProperties:
    @given(st.text(max_size=30))
    def test_never_echoes(self, text: str) -> None:
        policy = credguard.Policy(rules=(StrengthRule(min_score=4),))
        result = policy.check(CANARY + text, context=TANAKA)
        for lang in credguard.LANGS:
            assert all(CANARY not in message for message in result.messages(lang))

    @given(st.sampled_from(["Café2024", "Ｐａｓｓｗｏｒｄ１", "ｶﾞｰﾃﾞﾝ", "naïve-pass"]))
    def test_normal_forms_give_the_same_verdict(self, password: str) -> None:
        rule = StrengthRule()
        verdicts = {
            tuple(_codes(rule, unicodedata.normalize(form, password)))
            for form in ("NFC", "NFD", "NFKC", "NFKD")
        }
        assert len(verdicts) == 1


def _by_definition(rule: StrengthRule, password: str) -> list[str]:
    """The rule's codes from the full estimate alone (no fast path)."""
    found = estimate(password[: rule.max_evaluated])
    if rule.min_guesses_log10 is not None:
        return ["strength.too_few_guesses"] * (found.guesses_log10 < rule.min_guesses_log10)
    return ["strength.low_score"] * (found.score < (rule.min_score or 0))


class TestFastPath:
    """A pass proven by ``surely_reaches`` is a pass the full estimate gives."""

    @given(
        password=st.text(alphabet="abcdefgkmopqrstwxyzAKQZ0123456789!#$%&@ ", min_size=1),
        rule=st.sampled_from(
            (
                StrengthRule(),
                StrengthRule(min_score=1),
                StrengthRule(min_score=2),
                StrengthRule(min_score=4),
                StrengthRule(min_guesses_log10=7.5),
                StrengthRule(min_guesses_log10=8),
                StrengthRule(min_guesses_log10=9),
            )
        ),
    )
    def test_same_codes_as_the_full_estimate(self, password: str, rule: StrengthRule) -> None:
        assert _codes(rule, password) == _by_definition(rule, password)

    @pytest.mark.parametrize(
        "password", ["Gh7$kP2qW9zR", "correct horse battery staple", "Tkyr8mwq", "password1"]
    )
    def test_violation_params_unchanged(self, password: str) -> None:
        found = estimate(password)
        violations = list(StrengthRule().check(Candidate.from_password(password), EMPTY))
        if found.score >= 3:
            assert violations == []
        else:
            assert violations[0].params["guesses_log10"] == round(found.guesses_log10, 1)
