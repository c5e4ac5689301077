from __future__ import annotations

import pytest

from credguard import MAX_PASSWORD_LENGTH, PolicyError
from credguard.rules import LengthRule
from tests.helpers import codes, run


class TestLengthRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            (LengthRule(min=8, max=20), "abcdefg", ["length.too_short"]),
            (LengthRule(min=8, max=20), "abcdefgh", []),
            (LengthRule(min=8, max=20), "a" * 20, []),
            (LengthRule(min=8, max=20), "a" * 21, ["length.too_long"]),
            (LengthRule(min=6), "x" * 500, []),
            # Counted after NFKC: full-width letters count once each.
            (LengthRule(min=8), "ＰａｓｓＷｏｒｄ", []),
            # A decomposed é (e + U+0301) is one code point after NFKC.
            (LengthRule(min=1, max=3), "cafe\u0301"[1:], []),
            (LengthRule(min=1, max=3), "e\u0301e\u0301e\u0301", []),
        ],
    )
    def test_table(self, rule: LengthRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    def test_params(self) -> None:
        (violation,) = run(LengthRule(min=10), "short")
        assert dict(violation.params) == {"min": 10, "actual": 5}
        (violation,) = run(LengthRule(min=1, max=4), "toolong")
        assert dict(violation.params) == {"max": 4, "actual": 7}

    def test_severity_is_carried(self) -> None:
        (violation,) = run(LengthRule(min=10, severity="warning"), "short")
        assert violation.severity == "warning"

    @pytest.mark.parametrize(
        ("kwargs", "key"),
        [
            ({"min": 0}, "min"),
            ({"min": 9, "max": 8}, "max"),
            ({"min": "8"}, "min"),
            ({"min": True}, "min"),
            ({"min": 8, "max": MAX_PASSWORD_LENGTH + 1}, "max"),
            ({"severity": "fatal"}, "severity"),
        ],
    )
    def test_invalid_parameters(self, kwargs: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as info:
            LengthRule(**kwargs)  # type: ignore[arg-type]
        assert info.value.key == key

    def test_frozen(self) -> None:
        rule = LengthRule()
        with pytest.raises(AttributeError):
            rule.min = 3  # type: ignore[misc]
