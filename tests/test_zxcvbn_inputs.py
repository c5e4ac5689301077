"""Tests for the user inputs as zxcvbn reads them (credguard/_zxcvbn_inputs.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from zxcvbn import matching

from credguard._zxcvbn_inputs import UserWords, ranked_inputs


class TestUserWords:
    @given(st.lists(st.sampled_from(("", "Taro", "taro", "TARO", "1985", "yamada", "たろう"))))
    def test_ranks_as_zxcvbn_does(self, user_inputs: list[str]) -> None:
        expected = matching.build_ranked_dict([word.lower() for word in user_inputs])
        expected.pop("", None)
        words = UserWords(user_inputs)
        # Each found word's rank, asked before the dict is made and after.
        assert {word: words.rank(word) for word in words.words} == expected
        assert words.ranked() == expected
        assert {word: words.rank(word) for word in words.words} == expected
        assert "" not in words.words

    def test_ranked_inputs_is_the_dict(self) -> None:
        assert ranked_inputs(["Taro", "", "1985", "taro"]) == {"taro": 4, "1985": 3}
