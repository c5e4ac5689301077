"""Violation and CheckResult, and the check pipeline's fast constructors.

``new_violation`` / ``new_result`` set the frozen dataclasses' slots
directly; removing them costs 7 to 11 % of a whole-policy check (issue 14),
so they stay, and these tests hold them to the constructors' results.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from credguard import CheckResult, Violation
from credguard._violation import ParamValue, Severity, new_result, new_violation

CASES: list[tuple[str, dict[str, ParamValue], Severity]] = [
    ("length.too_short", {"min": 8, "actual": 3}, "error"),
    ("classes.too_few", {"min": 3, "of": ("upper", "lower"), "actual": 1}, "warning"),
    ("charset.fullwidth", {}, "error"),
]


class TestNewViolation:
    @pytest.mark.parametrize(("code", "params", "severity"), CASES)
    def test_equals_the_constructor(
        self, code: str, params: dict[str, ParamValue], severity: Severity
    ) -> None:
        fast, slow = new_violation(code, dict(params), severity), Violation(code, params, severity)
        assert fast == slow
        assert hash(fast) == hash(slow)
        assert repr(fast) == repr(slow)
        assert fast.to_dict("ja") == slow.to_dict("ja")
        assert type(fast.params) is type(slow.params)

    def test_default_severity(self) -> None:
        assert new_violation("x.y", {}) == Violation("x.y")

    def test_is_as_immutable_as_a_constructed_one(self) -> None:
        violation = new_violation("length.too_short", {"min": 8, "actual": 3})
        with pytest.raises(dataclasses.FrozenInstanceError):
            violation.code = "other"  # type: ignore[misc]
        params: Any = violation.params
        with pytest.raises(TypeError):
            params["min"] = 1


class TestNewResult:
    def test_equals_the_constructor(self) -> None:
        violations = (Violation("length.too_short", {"min": 8, "actual": 3}),)
        fast = new_result(violations, "trade", "moomoo")
        slow = CheckResult(violations, kind="trade", policy="moomoo")
        assert fast == slow
        assert repr(fast) == repr(slow)
        assert (fast.ok, fast.codes) == (slow.ok, slow.codes)

    def test_is_frozen(self) -> None:
        result = new_result((), "login", "p")
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.kind = "trade"  # type: ignore[misc]
