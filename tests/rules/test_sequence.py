from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, PolicyError
from credguard.rules import SequenceRule
from credguard.rules.sequence import RUNS_OF_THREE, longest_runs
from tests.helpers import EMPTY, codes, run

MONEX = SequenceRule(max_run=2)


class TestLongestRuns:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", (0, 0)),
            ("a", (1, 1)),
            ("abc", (3, 1)),
            ("cba", (1, 3)),
            ("123456", (6, 1)),
            ("987654", (1, 6)),
            ("7890", (4, 1)),
            ("0987", (1, 4)),
            ("a1b2", (1, 1)),
            ("xyzab", (3, 1)),  # no wrap from z to a
            ("ab-cd", (2, 1)),
        ],
    )
    def test_table(self, text: str, expected: tuple[int, int]) -> None:
        assert longest_runs(text) == expected


class TestSequenceRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            # moomoo's examples
            (SequenceRule(), "123456", ["sequence.ascending"]),
            (SequenceRule(), "abcdef", ["sequence.ascending"]),
            (SequenceRule(), "987654", ["sequence.descending"]),
            (SequenceRule(), "ABCDef", ["sequence.ascending"]),
            (SequenceRule(), "x123y", []),
            (SequenceRule(), "x1234y", ["sequence.ascending"]),
            (SequenceRule(), "dcba-6789", ["sequence.descending", "sequence.ascending"]),
            # Monex: three in a row is already too many
            (MONEX, "xx123", ["sequence.ascending"]),
            (MONEX, "cba!", ["sequence.descending"]),
            (MONEX, "ab!ba", []),
            # Full-width digits fold to ASCII first.
            (SequenceRule(), "１２３４", ["sequence.ascending"]),
        ],
    )
    def test_table(self, rule: SequenceRule, password: str, expected: list[str]) -> None:
        assert sorted(codes(run(rule, password))) == sorted(expected)

    def test_params(self) -> None:
        (violation,) = run(SequenceRule(max_run=3), "abcdef")
        assert dict(violation.params) == {"length": 6, "max": 3}

    @pytest.mark.parametrize("value", [1, 0, "3", None])
    def test_invalid_max_run(self, value: object) -> None:
        with pytest.raises(PolicyError) as info:
            SequenceRule(max_run=value)  # type: ignore[arg-type]
        assert info.value.key == "max_run"


class TestPrescreen:
    """The triple screen skips the exact scan only when no run could be too long."""

    @given(
        st.text("abcdxyz0123789-A", max_size=30),
        st.integers(min_value=2, max_value=6),
    )
    def test_same_verdict_as_the_exact_scan(self, password: str, max_run: int) -> None:
        up, down = longest_runs(password.casefold())
        expected = []
        if len(password) > max_run:
            expected = [
                code for code, n in (("ascending", up), ("descending", down)) if n > max_run
            ]
        assert codes(run(SequenceRule(max_run=max_run), password)) == [
            f"sequence.{code}" for code in expected
        ]

    def test_runs_of_three_cover_every_step(self) -> None:
        assert ("a", "b", "c") in RUNS_OF_THREE
        assert ("9", "0", "1") in RUNS_OF_THREE
        assert ("1", "0", "9") in RUNS_OF_THREE
        assert ("z", "a", "b") not in RUNS_OF_THREE
        assert len(RUNS_OF_THREE) == 2 * (24 + 10)


def _reference_runs(text: str) -> tuple[int, int]:
    """The definition, one character at a time."""

    def step(previous: str, char: str) -> int:
        if previous in "0123456789" and char in "0123456789":
            diff = (int(char) - int(previous)) % 10
            return 1 if diff == 1 else -1 if diff == 9 else 0
        if "a" <= previous <= "z" and "a" <= char <= "z":
            diff = ord(char) - ord(previous)
            return diff if diff in (1, -1) else 0
        return 0

    best = [1 if text else 0, 1 if text else 0]
    up = down = 1
    for previous, char in pairwise(text):
        s = step(previous, char)
        up = up + 1 if s == 1 else 1
        down = down + 1 if s == -1 else 1
        best = [max(best[0], up), max(best[1], down)]
    return best[0], best[1]


class TestLongestRunsDefinition:
    @given(st.text("abcxyz01289A!٣", max_size=40))
    def test_matches_the_definition(self, text: str) -> None:
        assert longest_runs(text) == _reference_runs(text)


def _follows(before: str, after: str, step: int) -> bool:
    """The definition: a-z one *step* apart, or digits one *step* apart around the 0-9 ring."""
    letters, digits = "abcdefghijklmnopqrstuvwxyz", "0123456789"
    if before in letters and after in letters:
        return letters.index(after) - letters.index(before) == step
    if before in digits and after in digits:
        return (digits.index(after) - digits.index(before)) % 10 == step % 10
    return False


def _longest_by_loop(text: str, step: int) -> int:
    best = run = 1 if text else 0
    for before, after in pairwise(text):
        run = run + 1 if _follows(before, after, step) else 1
        best = max(best, run)
    return best


class TestFastPath:
    """The byte-table scan and the triple screen must agree with the definition."""

    @given(st.text("abcdexyz0123789!é", max_size=40) | st.text(max_size=20))
    def test_longest_runs(self, text: str) -> None:
        assert longest_runs(text) == (_longest_by_loop(text, 1), _longest_by_loop(text, -1))

    @given(st.text("abcdeABCxyz0123789 é", max_size=40), st.integers(2, 6))
    def test_violations(self, password: str, max_run: int) -> None:
        folded = Candidate.from_password(password).folded
        up, down = _longest_by_loop(folded, 1), _longest_by_loop(folded, -1)
        expected = [code for code, n in (("ascending", up), ("descending", down)) if n > max_run]
        got = SequenceRule(max_run=max_run).violations(Candidate.from_password(password), EMPTY)
        assert [v.code for v in got] == [f"sequence.{code}" for code in expected]
