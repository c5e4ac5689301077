from __future__ import annotations

import pytest

from credguard import MAX_PASSWORD_LENGTH, InputTypeError, PasswordTooLongError
from credguard._guard import (
    ensure_str,
    forbidden_categories,
    forbidden_violations,
    guard,
    nfkc,
    too_long_violation,
)


class TestGuard:
    """The one guard every entry point runs (policy check, hasher, separation)."""

    @pytest.mark.parametrize(
        ("password", "expected"),
        [
            ("Tr0ub4dor&3", ("Tr0ub4dor&3", set())),
            ("Ｐａｓｓ１２３", ("Pass123", set())),
            ("a\x00b\u200b", ("a\x00b\u200b", {"control", "format"})),
            ("a" * MAX_PASSWORD_LENGTH, ("a" * MAX_PASSWORD_LENGTH, set())),
        ],
    )
    def test_accepts(self, password: str, expected: tuple[str, set[str]]) -> None:
        assert guard(password) == (expected[0], frozenset(expected[1]))

    def test_ascii_is_returned_as_is(self) -> None:
        password = "Tr0ub4dor&3"
        assert guard(password)[0] is password

    @pytest.mark.parametrize(
        ("password", "length"),
        [("a" * (MAX_PASSWORD_LENGTH + 1), MAX_PASSWORD_LENGTH + 1), ("\ufdfa" * 100, 1800)],
    )
    def test_caps_before_and_after_nfkc(self, password: str, length: int) -> None:
        with pytest.raises(PasswordTooLongError, match="new password") as info:
            guard(password, what="new password")
        assert info.value.length == length

    def test_type(self) -> None:
        with pytest.raises(InputTypeError, match="decode bytes first"):
            guard(b"secret")

    def test_violations(self) -> None:
        assert too_long_violation(2000).code == "length.too_long"
        assert too_long_violation(2000).params == {"max": MAX_PASSWORD_LENGTH, "actual": 2000}
        found = forbidden_violations(frozenset({"format", "control"}))
        assert [v.code for v in found] == ["charset.control", "charset.format"]
        assert forbidden_violations(frozenset()) == ()


class TestEnsureStr:
    def test_accepts_str(self) -> None:
        assert ensure_str("abc") == "abc"

    @pytest.mark.parametrize("value", [b"abc", bytearray(b"x"), 123, None, ["a"]])
    def test_rejects_other_types(self, value: object) -> None:
        with pytest.raises(InputTypeError) as info:
            ensure_str(value)
        assert isinstance(info.value, TypeError)

    def test_bytes_hint(self) -> None:
        with pytest.raises(InputTypeError, match="decode bytes first"):
            ensure_str(b"secret")

    def test_error_does_not_echo_value(self) -> None:
        with pytest.raises(InputTypeError) as info:
            ensure_str(b"canary-secret")
        assert "canary-secret" not in str(info.value)


class TestForbiddenCategories:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("plain ascii", set()),
            ("ＦＵＬＬ　ｗｉｄｔｈ", set()),  # U+3000 is not printable but is allowed
            ("a\x00b", {"control"}),
            ("a\tb", {"control"}),
            ("a\nb", {"control"}),
            ("a\x7fb", {"control"}),
            ("a\x85b", {"control"}),
            ("a\u2028b", {"control"}),
            ("a\u200bb", {"format"}),
            ("a\u202eb", {"format"}),
            ("a\ufeffb", {"format"}),
            ("\x00\u200b", {"control", "format"}),
            ("a\ud800b", {"control"}),  # lone surrogate
            ("\ue000", set()),  # private use (gaiji) is not forbidden here
        ],
    )
    def test_table(self, text: str, expected: set[str]) -> None:
        assert forbidden_categories(text) == expected


class TestNfkc:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Password", "Password"),
            ("Ｐａｓｓ１２３", "Pass123"),
            ("ｻｸﾗ", "サクラ"),
            ("①②", "12"),
            ("e\u0301", "é"),
        ],
    )
    def test_table(self, text: str, expected: str) -> None:
        assert nfkc(text) == expected

    def test_expansion_is_real(self) -> None:
        # One code point that NFKC expands to 18: the reason for the second cap check.
        assert len(nfkc("\ufdfa")) == 18
