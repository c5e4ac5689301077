from __future__ import annotations

import pytest

from credguard import PolicyError
from credguard.rules import SequenceRule
from credguard.rules.sequence import longest_runs
from tests.helpers import codes, run

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
