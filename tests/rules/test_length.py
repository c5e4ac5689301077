from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import MAX_PASSWORD_LENGTH, Candidate, PolicyError, UserContext
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
            # Full-width letters are one code point as typed and after NFKC.
            (LengthRule(min=8), "ＰａｓｓＷｏｒｄ", []),
            (LengthRule(min=9), "ＰａｓｓＷｏｒｄ", ["length.too_short"]),
            # Counted in NFC: a decomposed é (e + U+0301) is one character.
            (LengthRule(min=3, max=3), "e\u0301e\u0301e\u0301", []),
            (LengthRule(min=4), "e\u0301e\u0301e\u0301", ["length.too_short"]),
            # Half-width ｶﾞ is two code points typed, one (ガ) after NFKC.
            (LengthRule(min=4, max=4), "ｶﾞｶﾞ", []),
        ],
    )
    def test_table(self, rule: LengthRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    @pytest.mark.parametrize(
        ("password", "typed", "normalized"),
        [
            ("\ufdfa", 1, 18),  # ﷺ, an Arabic ligature
            ("\u337f", 1, 4),  # ㍿, 株式会社
            ("\ufb03", 1, 3),  # ﬃ
            ("\u2474", 1, 3),  # ⑴, "(1)"
        ],
    )
    def test_expanding_characters_count_as_typed(
        self, password: str, typed: int, normalized: int
    ) -> None:
        import unicodedata

        assert len(unicodedata.normalize("NFKC", password)) == normalized
        # One keystroke does not meet a minimum the NFKC form would.
        (short,) = run(LengthRule(min=normalized), password)
        assert short.code == "length.too_short"
        assert short.params["actual"] == typed
        (short,) = run(LengthRule(min=15), password * 14)
        assert short.params["actual"] == 14
        # The maximum holds for the expanded form too.
        (long,) = run(LengthRule(min=1, max=normalized - 1), password)
        assert (long.code, long.params["actual"]) == ("length.too_long", normalized)
        assert run(LengthRule(min=1, max=normalized), password) == []

    def test_presets_count_what_was_typed(self) -> None:
        import credguard

        for preset in ("nist-800-63b", "owasp-asvs", "recommended"):
            result = credguard.load_policy(preset).check("\ufdfa")
            assert "length.too_short" in result.codes, preset

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


class TestAsciiFastPath:
    """ASCII input skips typed_length() and the NFKC count; it must equal the definition."""

    @given(
        st.text("aZ9!", max_size=30) | st.text(max_size=30),
        st.integers(1, 12),
        st.one_of(st.none(), st.integers(12, 24)),
    )
    def test_same_as_the_definition(self, password: str, low: int, high: int | None) -> None:
        rule = LengthRule(min=low, max=high)
        typed = len(unicodedata.normalize("NFC", password))
        length = max(typed, len(unicodedata.normalize("NFKC", password)))
        expected = []
        if typed < low:
            expected.append(("length.too_short", {"min": low, "actual": typed}))
        elif high is not None and length > high:
            expected.append(("length.too_long", {"max": high, "actual": length}))
        got = rule.violations(Candidate.from_password(password), UserContext())
        assert [(v.code, dict(v.params)) for v in got] == expected
