from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import PolicyError
from credguard.rules import KeyboardRule
from credguard.rules.keyboard import LAYOUTS, longest_walk, straight_triples
from tests.helpers import codes, run


class TestLongestWalk:
    @pytest.mark.parametrize(
        ("text", "layout", "expected"),
        [
            ("qwerty", "qwerty", 6),
            ("asdfgh", "qwerty", 6),
            ("ytrewq", "qwerty", 6),
            ("1qaz", "qwerty", 4),
            ("zaq1", "qwerty", 4),
            ("1qaz2wsx", "qwerty", 4),
            ("zaq12wsx", "qwerty", 4),
            ("!@#$%", "qwerty", 5),
            ('!"#$%', "jis", 5),
            ("@[", "jis", 2),
            ("7410", "numpad", 4),
            ("159", "numpad", 3),
            ("2580", "phone", 4),
            ("adgjmptw", "phone_letters", 8),
            ("wtpmjgda", "phone_letters", 8),
            ("password", "qwerty", 2),
            ("aaaa", "qwerty", 1),
            ("were", "qwerty", 3),  # a direction change starts a new segment
        ],
    )
    def test_table(self, text: str, layout: str, expected: int) -> None:
        assert longest_walk(text, LAYOUTS[layout]) == expected


class TestKeyboardRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            (KeyboardRule(), "qwerty", ["keyboard.walk"]),
            (KeyboardRule(), "QWERTY", ["keyboard.walk"]),
            (KeyboardRule(), "1qaz2wsx", ["keyboard.walk"]),
            (KeyboardRule(), "zaq12wsx", ["keyboard.walk"]),
            (KeyboardRule(), "asdfghjk", ["keyboard.walk"]),
            (KeyboardRule(), "adgjmptw", ["keyboard.walk"]),
            (KeyboardRule(), "Tr0ub4dor&3", []),
            (KeyboardRule(), "correct horse", []),
            (KeyboardRule(max_run=6), "qwerty", []),
            (KeyboardRule(layouts=("numpad",)), "qwerty", []),
            (KeyboardRule(layouts=("numpad",)), "x7410x", ["keyboard.walk"]),
            # Full-width input is folded first.
            (KeyboardRule(), "ｑｗｅｒｔｙ", ["keyboard.walk"]),
        ],
    )
    def test_table(self, rule: KeyboardRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    def test_params_name_the_layout(self) -> None:
        (violation,) = run(KeyboardRule(), "adgjmptw")
        assert dict(violation.params) == {"layout": "phone_letters", "length": 8, "max": 3}

    @pytest.mark.parametrize(
        ("kwargs", "key"),
        [
            ({"max_run": 1}, "max_run"),
            ({"layouts": ("dvorak",)}, "layouts"),
            ({"layouts": ()}, "layouts"),
        ],
    )
    def test_invalid_parameters(self, kwargs: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as info:
            KeyboardRule(**kwargs)  # type: ignore[arg-type]
        assert info.value.key == key


class TestPrescreen:
    """The straight-triple screen skips the scans only when no walk could be too long."""

    @given(st.text("qwertasdfgzxcv1234!@#7410+-*/adgj", max_size=30))
    def test_same_verdict_as_the_exact_scans(self, password: str) -> None:
        rule = KeyboardRule(max_run=3)
        text = password.casefold()
        walks = {name: longest_walk(text, LAYOUTS[name]) for name in rule.layouts}
        worst = max(walks.values())
        expected = []
        if len(text) > 3 and worst > 3:
            layout = next(name for name in rule.layouts if walks[name] == worst)
            expected = [{"layout": layout, "length": worst, "max": 3}]
        assert [dict(v.params) for v in run(rule, password)] == expected

    @pytest.mark.parametrize("name", sorted(LAYOUTS))
    def test_every_straight_triple_is_a_walk_of_three(self, name: str) -> None:
        triples = straight_triples(LAYOUTS[name])
        assert triples
        assert all(longest_walk("".join(triple), LAYOUTS[name]) == 3 for triple in triples)

    def test_known_triples(self) -> None:
        qwerty = straight_triples(LAYOUTS["qwerty"])
        assert {("q", "w", "e"), ("1", "q", "a"), ("!", "q", "a"), ("e", "w", "q")} <= qwerty
        assert ("q", "e", "w") not in qwerty
