"""Tests for zxcvbn's cover search, its guesses only (credguard/_zxcvbn_score.py)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from zxcvbn import scoring

from credguard import _zxcvbn_match
from credguard._zxcvbn_inputs import ranked_inputs
from credguard._zxcvbn_score import least_guesses
from tests.helpers import zxcvbn_texts

USER_INPUTS = ("tanaka", "hanako", "1985", "taro")


def _both(password: str, user_inputs: tuple[str, ...]) -> tuple[object, object]:
    """zxcvbn's search and ours, each on its own copy of the same matches."""
    engine = _zxcvbn_match.load_engine()
    index = _zxcvbn_match.index_for(engine, ranked_inputs(user_inputs))
    matches = _zxcvbn_match.omnimatch(engine, password, index)
    reference = scoring.most_guessable_match_sequence(password, copy.deepcopy(matches))
    return reference["guesses"], least_guesses(scoring, password, matches)


class TestSameAsZxcvbn:
    @given(password=zxcvbn_texts(), user_inputs=st.sampled_from(((), USER_INPUTS)))
    @example(password="tanaka1985", user_inputs=USER_INPUTS)
    @example(password="abab4#Kp9", user_inputs=())
    @example(password="P@ssw0rd!P@ssw0rd!", user_inputs=())
    def test_same_guesses(self, password: str, user_inputs: tuple[str, ...]) -> None:
        expected, found = _both(password, user_inputs)
        # The same number, and the same Decimal (its digits and exponent).
        assert found == expected
        assert str(found) == str(expected)

    @pytest.mark.parametrize(
        "password",
        ["a", "ab", "password", "qwertyuiop", "19851203", "k9#Vq2!xLmW7", "aaaa1111bbbb", "x" * 72],
    )
    def test_every_kind_and_length(self, password: str) -> None:
        expected, found = _both(password, ())
        assert found == expected
        assert str(found) == str(expected)

    def test_caches_each_matchs_guesses_as_zxcvbn_does(self) -> None:
        engine = _zxcvbn_match.load_engine()
        index = _zxcvbn_match.index_for(engine, ranked_inputs(()))
        matches = _zxcvbn_match.omnimatch(engine, "Password1985", index)
        least_guesses(scoring, "Password1985", matches)
        assert matches
        assert all(match["guesses"] >= 1 for match in matches)

    def test_empty(self) -> None:
        assert least_guesses(scoring, "", []) == 1
