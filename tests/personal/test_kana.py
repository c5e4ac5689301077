"""Tests for credguard._personal.kana: the kana tests and conversions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credguard._personal.kana import is_kana, to_hiragana, to_katakana


class TestKanaTablesAsDefined:
    """The translate tables give the per-character definitions."""

    @given(
        st.text(
            alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x30FF)
            | st.sampled_from("aZ1 ー漢")
        )
    )
    def test_as_the_character_loops(self, text: str) -> None:
        assert to_hiragana(text) == "".join(
            chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text
        )
        assert to_katakana(text) == "".join(
            chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text
        )
        assert is_kana(text) == (
            bool(text) and all("ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヶ" or c == "ー" for c in text)
        )
