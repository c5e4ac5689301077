from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import pytest

import credguard
from credguard import Candidate, Policy, PolicyError, UserContext, Violation, describe_requirements
from credguard._tools.requirements import REQUIREMENTS, requirements
from credguard.rules import (
    BlocklistRule,
    CharsetRule,
    ClassesRule,
    HistoryRule,
    KeyboardRule,
    LengthRule,
    PersonalDataRule,
    RepetitionRule,
    SeparationRule,
    SequenceRule,
)
from tests.helpers import template_fields

_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True, kw_only=True)
class _CustomRule:
    """A rule class registered by a user: it does not describe itself."""

    NAME: ClassVar[str] = "house_rule"
    severity: str = "error"

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        yield from ()


class TestCatalogue:
    @pytest.mark.parametrize("key", sorted(REQUIREMENTS))
    def test_both_languages_use_the_same_params(self, key: str) -> None:
        english, japanese = REQUIREMENTS[key]
        assert template_fields(english) == template_fields(japanese)
        assert _JAPANESE.search(japanese)


class TestDescribeRequirements:
    @pytest.mark.parametrize(
        ("rule", "english", "japanese"),
        [
            (
                LengthRule(min=8, max=20),
                ["Use 8 to 20 characters."],
                ["8文字以上20文字以下にしてください。"],
            ),
            (LengthRule(min=10), ["Use at least 10 characters."], ["10文字以上にしてください。"]),
            (
                CharsetRule(
                    allow=("upper", "lower", "digit", "symbol"), symbols="@#$", edge_spaces=False
                ),
                [
                    "Allowed kinds of character: uppercase letter, lowercase letter,"
                    " digit, symbol.",
                    "Allowed symbols: “@#$”.",
                    "Do not begin or end it with a space.",
                ],
                [
                    "使える文字は英大文字、英小文字、数字、記号です。",
                    "使える記号は「@#$」です。",
                    "最初と最後に空白は使えません。",
                ],
            ),
            (
                CharsetRule(
                    allow=("upper", "lower", "digit", "symbol", "space", "non_ascii"),
                    fullwidth="reject",
                ),
                [
                    "Type it in half-width (hankaku) characters;"
                    " full-width (zenkaku) input is refused."
                ],
                ["半角文字で入力してください（全角文字は使えません）。"],
            ),
            (
                ClassesRule(required=("digit", "upper"), min_counts={"digit": 2, "symbol": 1}),
                [
                    "Include at least 2 characters of this kind: digit.",
                    "Include at least 1 character of this kind: uppercase letter.",
                    "Include at least 1 character of this kind: symbol.",
                ],
                [
                    "数字を2文字以上含めてください。",
                    "英大文字を1文字以上含めてください。",
                    "記号を1文字以上含めてください。",
                ],
            ),
            (
                ClassesRule(min_classes=2, of=("letter", "digit", "symbol")),
                ["Combine at least 2 of these kinds of character: letter, digit, symbol."],
                ["英字、数字、記号のうち2種類以上を組み合わせてください。"],
            ),
            (
                RepetitionRule(max_run=1, max_repeat_span=None),
                ["Do not use the same character more than 1 time in a row."],
                ["同じ文字を続けて使うのは1個までにしてください。"],
            ),
            (
                SequenceRule(max_run=2),
                [
                    "Do not use more than 2 letters or digits in ascending or descending order"
                    " (such as 123456 or abcdef)."
                ],
                [
                    "順に並んだ文字や逆順に並んだ文字（123456、abcdef、654321 など）は"
                    "2文字までにしてください。"
                ],
            ),
            (
                KeyboardRule(max_run=4),
                ["Do not type more than 4 neighbouring keys in a line (such as qwerty or 1qaz)."],
                [
                    "キーボードで隣り合うキーを続けて押した並び（qwerty、1qaz など）は"
                    "4個までにしてください。"
                ],
            ),
            (
                HistoryRule(generations=5),
                ["Do not reuse any of your last 5 passwords."],
                ["過去5回分に使ったパスワードは使えません。"],
            ),
            (
                SeparationRule(differ_from=("login", "withdrawal")),
                ["Use a password different from your login password, withdrawal password."],
                ["ログインパスワード、出金パスワードとは異なるパスワードにしてください。"],
            ),
            (
                PersonalDataRule(fields=("birthdate", "phone")),
                [
                    "Do not use your date of birth, your phone number in the password,"
                    " in any spelling."
                ],
                [
                    "生年月日、電話番号をパスワードに使わないでください"
                    "（逆から読んだ形や似た文字に置き換えた形も使えません）。"
                ],
            ),
            (
                # みずほ: not equal to the customer code or the email local part
                PersonalDataRule(
                    fields=("customer_number", "email", "names"),
                    equals_only=("customer_number", "email"),
                ),
                [
                    "Do not use your name in the password, in any spelling.",
                    "The password must not be the same as your customer number,"
                    " your email address.",
                ],
                [
                    "氏名をパスワードに使わないでください（逆から読んだ形や似た文字に置き換えた形も使えません）。",
                    "お客様番号、メールアドレスと同じパスワードは使えません。",
                ],
            ),
            (
                BlocklistRule(near_miss=True),
                ["Do not use a common or leaked password."],
                ["よく使われるパスワードや、流出したことのあるパスワードは使えません。"],
            ),
            (
                _CustomRule(),
                ["Pass the policy's house_rule check."],
                ["ポリシーの「house_rule」チェックを満たしてください。"],
            ),
        ],
    )
    def test_rule(self, rule: credguard.Rule, english: list[str], japanese: list[str]) -> None:
        policy = Policy(rules=(rule,))
        assert describe_requirements(policy) == tuple(english)
        assert describe_requirements(policy, lang="ja") == tuple(japanese)

    def test_description_follows_the_rule_fields(self) -> None:
        # Data-driven: changing a parameter changes the text.
        for minimum in (6, 8, 12):
            policy = Policy(rules=(LengthRule(min=minimum),))
            assert describe_requirements(policy) == (f"Use at least {minimum} characters.",)

    def test_kind(self) -> None:
        policy = Policy(
            rules=(LengthRule(min=8),), kinds={"withdrawal": (LengthRule(min=4, max=4),)}
        )
        assert describe_requirements(policy, "withdrawal") == ("Use 4 to 4 characters.",)
        with pytest.raises(PolicyError, match="unknown password kind"):
            describe_requirements(policy, "deposit")

    def test_warnings_are_advice(self) -> None:
        policy = Policy(rules=(LengthRule(min=8), LengthRule(min=15, severity="warning")))
        assert describe_requirements(policy) == (
            "Use at least 8 characters.",
            "Recommended: Use at least 15 characters.",
        )
        assert describe_requirements(policy, lang="ja")[1] == "推奨：15文字以上にしてください。"

    def test_every_recommended_rule_is_described(self) -> None:
        policy = credguard.load_policy("recommended")
        described = {key.split(".")[0] for key, _, _ in requirements(policy)}
        assert described == {rule.NAME for rule in policy.rules} - {"charset"}
        assert len(describe_requirements(policy)) == len(describe_requirements(policy, lang="ja"))

    def test_empty_policy(self) -> None:
        assert describe_requirements(Policy()) == ()

    def test_unknown_language(self) -> None:
        with pytest.raises(PolicyError, match="unknown language"):
            describe_requirements(Policy(), lang="fr")  # type: ignore[arg-type]


class TestWording:
    """How the firm's page words a rule shows in the sentences."""

    def test_advised_and_planned_rules_say_so(self) -> None:
        mizuho = credguard.describe_requirements(credguard.load_policy("mizuho"))
        assert "Do not reuse any of your last 5 passwords." in mizuho  # required
        assert "Do not use a common or leaked password. (the firm's advice)" in mizuho
        kabucom = credguard.describe_requirements(credguard.load_policy("kabucom"), lang="ja")
        assert kabucom[0] == "6文字以上16文字以下にしてください。"  # in force
        assert kabucom[-1].endswith("（会社が導入予定として公表）")

    def test_advice_warn_reads_as_a_recommendation(self) -> None:
        letter = credguard.load_policy("mizuho", advice="warn")
        sentences = credguard.describe_requirements(letter)
        assert "Recommended: Do not use a common or leaked password." in sentences
        assert not any("(the firm's advice)" in s for s in sentences)
