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

    @pytest.mark.parametrize(
        "text",
        [
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian می‌خواهم (ZWNJ)
            "\U0001f469\u200d\U0001f4bb",  # 👩‍💻
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # 👨‍👩‍👧
            "\U0001f469\U0001f3fb\u200d\U0001f4bb",  # 👩🏻‍💻: after a skin tone
            "\u2764\ufe0f\u200d\U0001f525",  # ❤️‍🔥: after a variation selector
            "\u0915\u094d\u200d\u0937",  # Devanagari क्‍ष (ZWJ after a virama)
            "pass\u200cword",  # between two letters
            "\u2764\ufe0f",  # a variation selector is a mark, not a format character
        ],
    )
    def test_joiners_within_words_and_emoji_are_accepted(self, text: str) -> None:
        assert forbidden_categories(text) == set()
        assert guard(text)[1] == set()

    @pytest.mark.parametrize(
        "text",
        [
            "\u200dabc",  # at the start
            "abc\u200c",  # at the end
            "ab\u200c\u200ccd",  # two in a row
            "ab\u200d cd",  # beside a space
            "12\u200d34",  # between digits
            "a\u200d\u200bb",  # beside a refused one
            "\u0645\u06cc\u200c\u062e\u202e",  # a joiner fine, an override not
            "a\u202ab",  # bidi embedding
            "a\u202db",  # bidi override
            "a\u2066b",  # bidi isolate
            "a\u2069b",  # pop directional isolate
            "a\u200eb",  # left-to-right mark
            "a\u061cb",  # Arabic letter mark
            "a\u2060b",  # word joiner
            "a\u00adb",  # soft hyphen
            "\U0001f3f4\U000e0067\U000e0062\U000e007f",  # tag characters
        ],
    )
    def test_other_format_characters_are_refused(self, text: str) -> None:
        assert forbidden_categories(text) == {"format"}

    def test_a_policy_accepts_a_persian_passphrase(self) -> None:
        import credguard

        # "I want to read a book", with a ZWNJ inside the first word.
        password = (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
            " \u06a9\u062a\u0627\u0628 \u0628\u062e\u0648\u0627\u0646\u0645"
        )
        result = credguard.load_policy("nist-800-63b").check(password)
        assert "charset.format" not in result.codes
        assert "charset.format" in credguard.load_policy("nist-800-63b").check("a\u202e" * 8).codes

    def test_linear_at_the_cap(self) -> None:
        import time

        text = ("a\u200c" * 512)[:-1] + "b"
        started = time.perf_counter()
        for _ in range(100):
            assert forbidden_categories(text) == set()
        assert time.perf_counter() - started < 2.0  # about 20 ms; generous


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
