"""mask_email and mask_phone: contact data shown partly hidden."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import mask_email, mask_phone


class TestMaskEmail:
    @pytest.mark.parametrize(
        ("email", "masked"),
        [
            ("yamada.taro@example.co.jp", "y***@example.co.jp"),
            ("  yamada.taro@example.co.jp ", "y***@example.co.jp"),
            ("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", "y***@example.co.jp"),
            ("a@b.jp", "a***@b.jp"),
            ('"odd@local"@example.jp', '"***@example.jp'),
            ("", "***"),
            ("no-at-sign", "***"),
            ("@example.jp", "***"),
            ("taro@", "***"),
            ("taro yamada@example.jp", "***"),
            ("x" * 400 + "@example.jp", "***"),
        ],
    )
    def test_cases(self, email: str, masked: str) -> None:
        assert mask_email(email) == masked

    def test_length_is_not_revealed(self) -> None:
        assert mask_email("ab@example.jp") == mask_email("abcdefghij@example.jp").replace(
            "a", "a", 1
        )

    @pytest.mark.parametrize("value", [None, b"a@b.jp", 42])
    def test_wrong_type(self, value: Any) -> None:
        with pytest.raises(credguard.InputTypeError):
            mask_email(value)

    @given(st.text(max_size=60))
    def test_never_raises_and_hides_the_local_part(self, text: str) -> None:
        masked = mask_email(text)
        assert "***" in masked
        if masked != "***":
            # An address: of its local part only the first character is
            # shown (a test for the local part "in" the result would be
            # fooled by a local part of asterisks: 0* in 0***@0).
            local, _, domain = unicodedata.normalize("NFKC", text).strip().rpartition("@")
            assert masked == f"{local[0]}***@{domain}"


class TestMaskPhone:
    @pytest.mark.parametrize(
        ("phone", "masked"),
        [
            ("080-3961-2475", "080-****-2475"),
            ("090 3961 2475", "090 **** 2475"),
            ("09039612475", "090****2475"),
            ("０９０－３９６１－２４７５", "090-****-2475"),
            ("+81 90-3961-2475", "+81 90-****-2475"),
            ("03-1234-5678", "03-****-5678"),
            ("(03) 1234-5678", "(03) ****-5678"),
            ("0120-123-456", "0120-**3-456"),
            ("555-1234", "***-1234"),  # short: only the last four
            ("12345", "*****"),
            ("", "***"),
            ("no digits", "***"),
            ("090-3961-2475 ext", "090-****-2475 ***"),
            ("9" * 400, "***"),
        ],
    )
    def test_cases(self, phone: str, masked: str) -> None:
        assert mask_phone(phone) == masked

    @pytest.mark.parametrize("value", [None, 9039612475, b"090"])
    def test_wrong_type(self, value: Any) -> None:
        with pytest.raises(credguard.InputTypeError):
            mask_phone(value)

    @given(st.text(alphabet="0123456789- +()", max_size=30))
    def test_never_shows_the_middle_digits(self, phone: str) -> None:
        masked = mask_phone(phone)
        digits = [c for c in phone.strip() if c.isdecimal()]
        shown = [c for c in masked if c.isdecimal()]
        # At most the country code, prefix (<= 5) and last four stay visible.
        assert len(shown) <= min(len(digits), 4 + 5 + 4)
        if len(digits) >= 8 and not phone.strip().startswith("+"):
            assert "*" in masked

    @given(st.text(max_size=40))
    def test_never_raises(self, text: str) -> None:
        assert isinstance(mask_phone(text), str)
