from __future__ import annotations

import pytest

from credguard import PolicyError
from credguard.rules import CharsetRule
from tests.helpers import codes, run

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
