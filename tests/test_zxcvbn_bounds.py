"""Tests for the edge proof by lower bounds (credguard/_zxcvbn_bounds.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from zxcvbn import scoring

from credguard import _zxcvbn, _zxcvbn_match
from credguard._zxcvbn_bounds import reaches
from credguard._zxcvbn_index import Shipped, shipped
from tests.helpers import ROOT, within

USER_INPUTS = ("tanaka", "hanako", "xkqzvbnw", "1985")
_LEET = str.maketrans({"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7", "l": "|"})
_WORDS = ("password", "dragon", "monkey", "sakura", "tanaka", "hanako", "love", "trouble")
# Every kind of match zxcvbn finds, at either end, and random characters.
_pieces = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(lambda word: word.translate(_LEET)),
    st.sampled_from(_WORDS).map(lambda word: word[::-1].upper()),
    st.integers(1900, 2099).map(str),
    st.sampled_from(("19851203", "03/15/1985", "1.1.91", "311299", "7/4/76")),
    st.sampled_from(("qwerty", "zxcvbn", "1qaz2wsx", "asdfgh", "!@#$%", "7896", "QWErty")),
    st.sampled_from(("abcdef", "13579", "zyxw", "aaaa", "abab", "xyzxyz", "ba", "ab")),
    st.text(alphabet="0123456789!@#$%|17+", min_size=1, max_size=6),
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%&*-_.|",
        min_size=1,
        max_size=12,
    ),
)
_texts = st.lists(_pieces, min_size=1, max_size=4).map("".join).map(lambda text: text[:32])
_inputs = st.sampled_from(((), USER_INPUTS))
_floors = st.sampled_from((0, 1e3 + 5, 1e6 + 5, 1e8 + 5, 1e4, 10**7.5, 1e8, 1e8 + 6))


def _tables() -> Shipped:
    tables = shipped()
    assert tables is not None
    return tables


def _guesses(password: str, user_inputs: tuple[str, ...]) -> float:
    """The definition: zxcvbn's full estimate, with this call's dictionaries."""
    engine = _zxcvbn_match.load_engine()
    index = _zxcvbn_match.index_for(engine, user_inputs)
    matches = _zxcvbn_match.omnimatch(engine, password, index)
    return float(scoring.most_guessable_match_sequence(password, matches)["guesses"])


class TestSound:
    @given(password=_texts, user_inputs=_inputs, floor=_floors)
    @example(password="p@$$w0rd", user_inputs=(), floor=0)
    @example(password="drowssap", user_inputs=(), floor=1e8 + 5)
    @example(password="Xq9!k2|7tanak@", user_inputs=USER_INPUTS, floor=1e8 + 5)
    def test_yes_only_when_the_estimate_reaches_the_floor(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        if reaches(password, user_inputs, floor, _tables()):
            assert _guesses(password, user_inputs) >= floor

    @pytest.mark.parametrize(
        "password",
        ["password1", "qwertyuiop", "19851203", "abcdefgh", "aaaaaaaaaaaa", "p@ssw0rd", "drowssap"],
    )
    def test_weak_passwords_are_not_shown_strong(self, password: str) -> None:
        assert _guesses(password, ()) < 1e8 + 5
        assert not reaches(password, (), 1e8 + 5, _tables())

    @pytest.mark.parametrize(
        "password",
        # Just under score 3, each because of one match at an edge: a
        # keyboard walk, a sequence, a date, a recent year, a repeat, a word.
        [
            "zxcvb7##4",
            "7##4zxcvb",
            "abcd*JphE",
            "198512038t",
            "1985nY%ME",
            "abab4#Kp9",
            "K#qZmonkey",
        ],
    )
    def test_each_matcher_keeps_a_weak_password_unproven(self, password: str) -> None:
        assert _guesses(password, ()) < 1e8 + 5
        assert not reaches(password, (), 1e8 + 5, _tables())

    def test_a_user_input_at_an_edge_counts(self) -> None:
        password = "xkqzvbnwQ7!m"
        assert reaches(password, (), 1e8 + 5, _tables())
        # "xkqzvbnw" is the first input: rank 1, so the estimate falls.
        assert not reaches(password, ("xkqzvbnw",), 1e8 + 5, _tables())
        assert not reaches("Q7!mxkqzvbnw", ("xkqzvbnw",), 1e8 + 5, _tables())
        assert not reaches("wnbvzqkxQ7!m", ("xkqzvbnw",), 1e8 + 5, _tables())


class TestSurelyReachesBeforeZxcvbnIsLoaded:
    """The fast path (bounds, then the exact proof) against the definition."""

    @given(password=_texts, user_inputs=_inputs, floor=_floors)
    def test_same_answer_as_the_exact_proof(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        exact = _zxcvbn.surely_reaches(password, user_inputs, floor)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_zxcvbn, "engine_loaded", lambda: False)
            fast = _zxcvbn.surely_reaches(password, user_inputs, floor)
        assert fast == exact
        if floor <= 1e8 + 6:
            assert exact == (_guesses(password, user_inputs) >= floor)


class TestUseful:
    @pytest.mark.parametrize(
        "password", ["k9#Vq2!xLmW7", "zq8#Lm2!vX9p", "Gh7$kP2qW9zR", "Tr0ub4dor&3x"]
    )
    def test_strong_random_passwords_are_shown(self, password: str) -> None:
        assert reaches(password, USER_INPUTS, 1e8 + 5, _tables())

    @pytest.mark.slow
    def test_without_importing_zxcvbn(self) -> None:
        code = (
            "import sys, credguard\n"
            "policy = credguard.load_policy('recommended')\n"
            "assert policy.check('k9#Vq2!xLmW7-Gh7$kP').ok\n"
            "assert not any(name.split('.')[0] == 'zxcvbn' for name in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
        )
        assert result.returncode == 0, result.stderr


class TestBounded:
    def test_non_ascii_is_left_to_the_exact_proof(self) -> None:
        assert not reaches("k9#Vq2!xLmW7\u00e9", (), 1e8 + 5, _tables())

    def test_empty(self) -> None:
        assert not reaches("", (), 0, _tables())

    def test_many_l33t_readings_stop_at_the_budget(self) -> None:
        # Every character has three readings (itself, i, l): 3**23 walks
        # without the trie's pruning and the budget.
        password = "|1" * 36
        assert within(2.0, lambda: reaches(password, (), 1e8 + 5, _tables())) is False
