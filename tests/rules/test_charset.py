from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import Candidate, PolicyError
from credguard.rules import CharsetRule
from tests.helpers import EMPTY, codes, run

KABUCOM_SYMBOLS = "@#$%^&*_+-=:,."


class TestCharsetRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            (CharsetRule(), "Abc123!?", []),
            (CharsetRule(), "pass word", ["charset.disallowed_class"]),
            (CharsetRule(), "pässword", ["charset.disallowed_class"]),
            (CharsetRule(allow=("lower", "digit")), "abc123", []),
            (CharsetRule(allow=("lower", "digit")), "Abc123", ["charset.disallowed_class"]),
            (CharsetRule(symbols=KABUCOM_SYMBOLS), "Abc123@#", []),
            (CharsetRule(symbols=KABUCOM_SYMBOLS), "Abc123!", ["charset.disallowed_symbol"]),
            # Full-width is folded by default: ＠ becomes @ and is allowed.
            (CharsetRule(symbols=KABUCOM_SYMBOLS), "Ａｂｃ１２３＠", []),
            (
                CharsetRule(symbols=KABUCOM_SYMBOLS, fullwidth="reject"),
                "Ａｂｃ１２３＠",
                ["charset.fullwidth"],
            ),
            (CharsetRule(fullwidth="reject"), "Abc123@", []),
            # Ideographic space U+3000 is full-width and folds to a space.
            (
                CharsetRule(fullwidth="reject", allow=("lower", "space")),
                "ab\u3000cd",
                ["charset.fullwidth"],
            ),
            (CharsetRule(allow=("lower", "non_ascii")), "さくらsakura", []),
            (
                CharsetRule(allow=("lower", "space"), edge_spaces=False),
                " abc",
                ["charset.edge_space"],
            ),
            (CharsetRule(allow=("lower", "space"), edge_spaces=False), "a bc", []),
        ],
    )
    def test_table(self, rule: CharsetRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    def test_violation_names_class_not_character(self) -> None:
        violations = run(CharsetRule(allow=("lower",)), "abcXYZ7")
        assert [dict(v.params) for v in violations] == [{"class": "upper"}, {"class": "digit"}]
        assert all("X" not in v.message and "7" not in v.message for v in violations)

    def test_disallowed_symbol_reports_the_allowed_set(self) -> None:
        (violation,) = run(CharsetRule(symbols=KABUCOM_SYMBOLS), "abc!")
        assert violation.params["allowed"] == KABUCOM_SYMBOLS

    def test_symbol_not_allowed_at_all_is_a_class_violation(self) -> None:
        (violation,) = run(CharsetRule(allow=("lower",)), "abc!")
        assert violation.code == "charset.disallowed_class"
        assert violation.params["class"] == "symbol"

    @pytest.mark.parametrize(
        ("kwargs", "key"),
        [
            ({"allow": ("emoji",)}, "allow"),
            ({"allow": ()}, "allow"),
            ({"symbols": "abc"}, "symbols"),
            ({"symbols": ""}, "symbols"),
            ({"symbols": "@", "allow": ("lower",)}, "symbols"),
            ({"fullwidth": "maybe"}, "fullwidth"),
            ({"edge_spaces": "no"}, "edge_spaces"),
        ],
    )
    def test_invalid_parameters(self, kwargs: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as info:
            CharsetRule(**kwargs)  # type: ignore[arg-type]
        assert info.value.key == key

    def test_list_parameters_become_tuples(self) -> None:
        rule = CharsetRule(allow=["lower", "digit"])  # type: ignore[arg-type]
        assert rule.allow == ("lower", "digit")


class TestFastPath:
    """One set test passes most passwords; it must never hide a finding."""

    @given(
        st.text("aZ9!@ 　Ａé\t", max_size=12) | st.text(max_size=12),
        st.lists(
            st.sampled_from(["upper", "lower", "digit", "symbol", "space", "non_ascii"]),
            unique=True,
            min_size=1,
        ),
        st.sampled_from(["fold", "reject"]),
        st.booleans(),
        st.sampled_from([None, "@#$"]),
    )
    def test_same_as_the_full_scan(
        self, password: str, allow: list[str], fullwidth: str, edge: bool, symbols: str | None
    ) -> None:
        if symbols is not None and "symbol" not in allow:
            symbols = None
        rule = CharsetRule(
            allow=tuple(allow), fullwidth=fullwidth, edge_spaces=edge, symbols=symbols
        )
        candidate = Candidate.from_password(password)
        expected = list(rule._findings(candidate))
        assert list(rule.violations(candidate, EMPTY)) == expected


class TestReportedOnce:
    """A forbidden character is the guard's to report, not a second "class" (issue 20)."""

    @pytest.mark.parametrize("char", ["\t", "\x00", "\x7f", "\u200b", "\u2028"])
    def test_control_and_format_characters_are_not_also_a_class(self, char: str) -> None:
        policy = credguard.load_policy("kabucom")
        found = policy.check(f"abc{char}DEF1357xyz").codes
        assert sum(code.startswith("charset.") for code in found) == 1, found
        assert "charset.disallowed_class" not in found

    def test_the_symbol_set_is_quoted_in_both_languages(self) -> None:
        result = credguard.load_policy("kabucom").check("Abcdef1357!")
        (violation,) = [v for v in result.violations if v.code == "charset.disallowed_symbol"]
        assert violation.message.endswith("the allowed symbols are “@#$%^&*_+-=:,.”.")
        assert violation.message_in("ja").endswith("使える記号は「@#$%^&*_+-=:,.」です。")
