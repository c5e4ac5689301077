from __future__ import annotations

import pytest

from credguard import MAX_PASSWORD_LENGTH, InputTypeError, PasswordTooLongError
from credguard._guard import ensure_str, forbidden_categories, nfkc, require_within_cap


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


class TestCap:
    def test_within(self) -> None:
        require_within_cap("a" * MAX_PASSWORD_LENGTH)

    def test_over(self) -> None:
        with pytest.raises(PasswordTooLongError) as info:
            require_within_cap("a" * (MAX_PASSWORD_LENGTH + 1))
        assert isinstance(info.value, ValueError)


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
