from __future__ import annotations

import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import PolicyError
from credguard.rules import KeyboardRule
from credguard.rules.keyboard import (
    LAYOUTS,
    Walk,
    find_walk,
    longest_walk,
    segments,
    straight_triples,
)
from tests.helpers import codes, run

ALL = tuple(LAYOUTS)


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
            # Only the first letters of the phone's keys walk.
            ("roli", "phone_letters", 0),
        ],
    )
    def test_table(self, text: str, layout: str, expected: int) -> None:
        assert longest_walk(text, LAYOUTS[layout]) == expected


class TestSegments:
    @pytest.mark.parametrize(
        ("text", "layout", "expected"),
        [
            ("qwerty", "qwerty", [(0, 6)]),
            ("xqwex", "qwerty", [(1, 4)]),
            ("qw", "qwerty", []),  # two neighbouring keys are no segment
            ("qwedc", "qwerty", [(0, 3), (2, 5)]),  # a turn shares the corner key
            ("1qaz2wsx", "qwerty", [(0, 4), (4, 8)]),
            ("zaq12wsx", "qwerty", [(0, 4), (4, 8)]),
            ("brewer", "qwerty", [(1, 4)]),  # back the way it came is no turn
            ("qwe-qwe", "qwerty", [(0, 3), (4, 7)]),
            ("q w e", "qwerty", []),
            ("147258369", "numpad", [(0, 3), (3, 6), (6, 9)]),
            ("adgjmptw", "phone_letters", [(0, 8)]),
            ("frolic", "phone_letters", []),
        ],
    )
    def test_table(self, text: str, layout: str, expected: list[tuple[int, int]]) -> None:
        assert list(segments(text, LAYOUTS[layout])) == expected

    @given(st.text("qwertasdfgzxcv1234!@#7410+-*/adgj ", max_size=30))
    def test_each_segment_is_a_straight_walk(self, text: str) -> None:
        for name, layout in LAYOUTS.items():
            for start, stop in segments(text, layout):
                assert stop - start >= 3
                assert longest_walk(text[start:stop], layout) == stop - start, name


class TestFindWalk:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("qwerty", Walk(6, "qwerty")),
            ("1qaz2wsx", Walk(8, "qwerty")),
            ("qazwsx", Walk(6, "qwerty")),  # side by side
            ("147258369", Walk(9, "numpad")),
            ("qwer7410", Walk(8, "qwerty")),  # layouts join
            ("x7410x", Walk(4, "numpad")),
            ("qwe-asd", Walk(3, "qwerty")),  # a gap: two walks
            ("property", Walk(4, "qwerty")),
            ("frolic", None),
            ("", None),
        ],
    )
    def test_table(self, text: str, expected: Walk | None) -> None:
        assert find_walk(text, ALL) == expected

    def test_only_the_layouts_given(self) -> None:
        assert find_walk("qwer7410", ("numpad",)) == Walk(4, "numpad")


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
            # One key over max_run is allowed in a password twice as long.
            (KeyboardRule(), "qwer", ["keyboard.walk"]),
            (KeyboardRule(), "Xqwer", ["keyboard.walk"]),
            (KeyboardRule(), "Property#12", []),
            (KeyboardRule(), "Xqwert", ["keyboard.walk"]),
            (KeyboardRule(), "Xqwedc-long-enough", ["keyboard.walk"]),
            (KeyboardRule(max_run=4), "Xqwedc-long-enough", []),
            # Past the screen's length (64), walks are looked for near straight triples.
            (KeyboardRule(), "-" * 70 + "1qaz2wsx", ["keyboard.walk"]),
            (KeyboardRule(), "qwe-" * 20, []),
            (KeyboardRule(), "qwe" * 30, ["keyboard.walk"]),
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

    @pytest.mark.parametrize(
        "password",
        [
            "qwerty",
            "asdfgh",
            "1qaz2wsx",
            "zaq12wsx",
            "qazwsx",
            "!qaz@wsx",
            "adgjmptw",
            "qwertyuiop",
            "asdfghjkl",
            "1234qwer",
            "zxcvbnm",
            "poiuytrewq",
            "147258369",
            "Qwer!234",
            "7410qwer",
        ],
    )
    def test_walks_refused(self, password: str) -> None:
        assert codes(run(KeyboardRule(), password)) == ["keyboard.walk"]

    @pytest.mark.parametrize(
        "word", ["frolic", "property", "report", "polity", "tradition", "brewer", "brewery"]
    )
    def test_words_pass(self, word: str) -> None:
        assert codes(run(KeyboardRule(), word)) == []

    def test_random_strong_passwords_pass(self) -> None:
        # benchmarks/keyboard_false_refusals.py measures 100,000 (docs/rules.md).
        rng = random.Random(2026)
        alphabet = string.ascii_letters + string.digits + string.punctuation
        passwords = ["".join(rng.choices(alphabet, k=rng.randint(10, 16))) for _ in range(5000)]
        refused = [p for p in passwords if run(KeyboardRule(), p)]
        assert len(refused) <= 2

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

    @given(
        # Past PRESCREEN_MAX_LENGTH (64) too, where the triple screen is skipped.
        st.text("qwertasdfgzxcv1234!@#7410+-*/adgjQW ", max_size=100),
        st.integers(min_value=2, max_value=6),
    )
    def test_same_verdict_as_the_definition(self, password: str, max_run: int) -> None:
        rule = KeyboardRule(max_run=max_run)
        text = password.casefold()
        walk = find_walk(text, rule.layouts)
        expected = []
        # The definition (docs/rules.md): longer than max_run + 1 keys, or
        # longer than max_run keys and more than half the password.
        if walk is not None and (
            walk.length > max_run + 1 or (walk.length > max_run and 2 * walk.length > len(text))
        ):
            expected = [{"layout": walk.layout, "length": walk.length, "max": max_run}]
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
