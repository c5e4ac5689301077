"""Pattern tokens of the blocklist score: keyboard zigzags and shifted keys (issue 15)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate
from credguard.rules import BlocklistRule
from credguard.wordlists.patterns import pattern_at

_ROWS = ("1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "!@#$%^&*()_+")
_COLUMNS = (
    *("1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"),
    *("!qaz", "@wsx", "#edc", "$rfv", "%tgb", "^yhn", "&ujm", "*ik,", "(ol.", ")p;/"),
)
_ZIGZAGS = (
    *("1q2w3e4r5t6y7u8i9o0p-[=]", "q1w2e3r4t5y6u7i8o9p0[-]="),
    *("qawsedrftgyhujikolp;['", "aqswdefrgthyjukilo;p'["),
    *("azsxdcfvgbhnjmk,l.;/", "zaxscdvfbgnhmj,k.l/;"),
    *("!q@w#e$r%t^y&u*i(o)p_[+]", "q!w@e#r$t%y^u&i*o(p)[_]+"),
)
_SEQUENCES = (string.ascii_lowercase, "01234567890")
_TYPED = string.ascii_lowercase + string.digits + string.punctuation


def _walks() -> list[str]:
    lines = [*_ROWS, *_COLUMNS, *_ZIGZAGS]
    return [*lines, *(line[::-1] for line in lines)]


def _is_pattern(token: str) -> bool:
    """The definition: a run, a repeated block, a sequence of 3+, or a walk of 4+ keys."""
    if len(set(token)) == 1:
        return True
    for size in (2, 3, 4):
        repeats, rest = divmod(len(token), size)
        if not rest and repeats >= 2 and token == token[:size] * repeats:
            return True
    sequences = [*_SEQUENCES, *(line[::-1] for line in _SEQUENCES)]
    if len(token) >= 3 and any(token in line for line in sequences):
        return True
    return len(token) >= 4 and any(token in line for line in _walks())


class TestKeyboardPatterns:
    @pytest.mark.parametrize(
        ("text", "length"),
        [
            ("1q2w3e4r", 8),  # zigzag between the digit row and the row below
            ("q1w2e3r4", 8),
            ("4r3e", 4),  # the same, leftwards
            ("qawsed", 6),  # rows 2 and 3
            ("o(i*u&y^", 8),  # with shift held on the digits
            ("%^&*", 4),  # the digit row with shift held
            ("!qaz", 4),  # a column from a shifted digit
            ("zaq!", 4),
        ],
    )
    def test_walks(self, text: str, length: int) -> None:
        assert pattern_at(text, 0) == length

    @pytest.mark.parametrize("text", ["aszx", "1w2q", "q2e4", "frolic"])
    def test_not_walks(self, text: str) -> None:
        assert pattern_at(text, 0) == 0

    @given(st.text(alphabet=_TYPED, max_size=24))
    def test_every_token_is_a_pattern_by_definition(self, text: str) -> None:
        for start in range(len(text)):
            length = pattern_at(text, start)
            if length:
                assert _is_pattern(text[start : start + length]), text[start : start + length]

    @pytest.mark.parametrize("line", _walks())
    def test_every_walk_of_four_is_found(self, line: str) -> None:
        for start in range(len(line) - 3):
            assert pattern_at(line[start : start + 4], 0) >= 4, line[start : start + 4]


class TestRule:
    @pytest.mark.parametrize("password", ["%^&*e3w21", "4r3eO(I*1", "2w1qi8u71", "O(I*U&Y^1"])
    def test_keyboard_zigzags_are_refused(self, password: str) -> None:
        # The patterns alone refuse them, whatever the common list holds.
        rule = BlocklistRule(lists=("japanese",))
        assert rule.match(Candidate.from_password(password)) == ("pattern", "contains")
