"""Tests for the edge proof by lower bounds (credguard/_zxcvbn_bounds.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credguard import _zxcvbn, _zxcvbn_bounds
from credguard._zxcvbn_bounds import reaches
from credguard._zxcvbn_index import REVERSED_MARK, Shipped, shipped
from tests.helpers import ZXCVBN_FLOORS, within, zxcvbn_guesses, zxcvbn_texts

USER_INPUTS = ("tanaka", "hanako", "xkqzvbnw", "1985")
_texts = zxcvbn_texts()
_inputs = st.sampled_from(((), USER_INPUTS))
_floors = ZXCVBN_FLOORS


def _tables() -> Shipped:
    tables = shipped()
    assert tables is not None
    return tables


class TestSound:
    @given(password=_texts, user_inputs=_inputs, floor=_floors)
    @example(password="p@$$w0rd", user_inputs=(), floor=0)
    @example(password="drowssap", user_inputs=(), floor=1e8 + 5)
    @example(password="Xq9!k2|7tanak@", user_inputs=USER_INPUTS, floor=1e8 + 5)
    def test_yes_only_when_the_estimate_reaches_the_floor(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        if reaches(password, user_inputs, floor, _tables()):
            assert zxcvbn_guesses(password, user_inputs) >= floor

    @pytest.mark.parametrize(
        "password",
        ["password1", "qwertyuiop", "19851203", "abcdefgh", "aaaaaaaaaaaa", "p@ssw0rd", "drowssap"],
    )
    def test_weak_passwords_are_not_shown_strong(self, password: str) -> None:
        assert zxcvbn_guesses(password, ()) < 1e8 + 5
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
        assert zxcvbn_guesses(password, ()) < 1e8 + 5
        assert not reaches(password, (), 1e8 + 5, _tables())

    def test_a_user_input_at_an_edge_counts(self) -> None:
        password = "xkqzvbnwQ7!m"
        assert reaches(password, (), 1e8 + 5, _tables())
        # "xkqzvbnw" is the first input: rank 1, so the estimate falls.
        assert not reaches(password, ("xkqzvbnw",), 1e8 + 5, _tables())
        assert not reaches("Q7!mxkqzvbnw", ("xkqzvbnw",), 1e8 + 5, _tables())
        assert not reaches("wnbvzqkxQ7!m", ("xkqzvbnw",), 1e8 + 5, _tables())


class TestSurelyReachesWithTheBounds:
    """The fast path (bounds, then the exact proof) against the exact proof
    alone (no shipped data) and the definition."""

    @given(password=_texts, user_inputs=_inputs, floor=_floors)
    def test_same_answer_as_the_exact_proof(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        fast = _zxcvbn.surely_reaches(password, user_inputs, floor)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_zxcvbn, "shipped", lambda: None)
            exact = _zxcvbn.surely_reaches(password, user_inputs, floor)
        assert fast == exact
        if floor <= 1e8 + 6:
            assert exact == (zxcvbn_guesses(password, user_inputs) >= floor)


class TestUseful:
    @pytest.mark.parametrize(
        "password", ["k9#Vq2!xLmW7", "zq8#Lm2!vX9p", "Gh7$kP2qW9zR", "Tr0ub4dor&3x"]
    )
    def test_strong_random_passwords_are_shown(self, password: str) -> None:
        assert reaches(password, USER_INPUTS, 1e8 + 5, _tables())

    @pytest.mark.parametrize("password", ["htm7L#ZR4", "2y&bXU8Am", "4wxa2sQ9SLnJ", "15g&75Y!l"])
    def test_digits_at_both_ends_of_a_span_are_not_a_date(self, password: str) -> None:
        # zxcvbn reads a date only in 4-8 digits or digits around two equal
        # separators: "2y&bXU8" is none, so it does not bound the estimate.
        assert zxcvbn_guesses(password, ()) >= 1e8 + 5
        assert reaches(password, (), 1e8 + 5, _tables())


class TestRepeats:
    """The repeat bounds against the definition (a prefix that is a shorter
    string said twice or more), both ends."""

    @given(st.text(alphabet="ab1", min_size=1, max_size=24))
    def test_every_power_at_an_edge_is_noted(self, text: str) -> None:
        ends = _zxcvbn_bounds._Ends(len(text), _tables())
        _zxcvbn_bounds._repeats(text, ends)
        for size in range(2, len(text) + 1):
            for span, end in (
                (text[:size], ends.heads[size - 1]),
                (text[-size:], ends.tails[-size]),
            ):
                power = any(
                    span == span[:period] * (size // period)
                    for period in range(1, size // 2 + 1)
                    if size % period == 0
                )
                # Noted: 2 guesses, 50 (zxcvbn's submatch floor) if shorter than the text.
                assert (end <= 50) == power, (text, size)


def _readings(text: str, l33t: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    """Every reading of *text*, each character as itself or a letter it stands for."""
    return map("".join, itertools.product(*((char, *l33t.get(char, ())) for char in text)))


class TestL33tWalk:
    """The l33t walk (the plain run before the first l33t character asked
    once, a key found as the first of its own predictive search) against
    the definition: every reading of every prefix, asked of the trie."""

    @given(
        text=st.text(alphabet="pas$w0rd1|7!@4e3mnkyl", min_size=1, max_size=10),
        mark=st.sampled_from(("", REVERSED_MARK)),
    )
    @example(text="p@ssw0rd", mark="")
    @example(text="dr0wss4p", mark=REVERSED_MARK)
    @example(text="passw0rd", mark="")
    def test_finds_every_listed_reading_the_plain_words_miss(self, text: str, mark: str) -> None:
        tables = _tables()
        first = tables.l33t_char.search(text)
        plain = len(text) if first is None else first.start()
        found: list[tuple[int, str]] = []
        budget = [_zxcvbn_bounds.L33T_BUDGET]
        _zxcvbn_bounds._walk(
            tables.edges,
            text,
            tables.l33t,
            mark,
            plain,
            len(text),
            lambda *hit: found.append(hit),
            budget,
        )
        expected = {
            (size - 1, key)
            for size in range(plain + 1, len(text) + 1)
            for key in (mark + reading for reading in _readings(text[:size], tables.l33t))
            if key in tables.edges
        }
        assert set(found) == expected
        # The plain words it leaves out are the plain run's own, one reading each.
        assert all(len(key) - len(mark) > plain for _, key in found)

    def test_the_edge_trie_lists_a_key_before_its_longer_keys(self) -> None:
        edges = _tables().edges
        assert all(next(edges.iterkeys(key)) == key for key in edges.iterkeys())


class TestBounded:
    def test_non_ascii_is_bounded_too(self) -> None:
        assert reaches("k9#Vq2!xLmW7\u00e9", (), 1e8 + 5, _tables())
        assert reaches("\u305f\u306a\u304bQ7!m#Lx9", (), 1e8 + 5, _tables())
        # A personal word in kana still counts.
        name = "\u305f\u306a\u304b\u306f\u306a\u3053"
        assert reaches(name, (), 1e4, _tables())
        assert not reaches(name, (name,), 1e4, _tables())
        assert zxcvbn_guesses(name, (name,)) < 1e4 <= zxcvbn_guesses(name, ())

    @pytest.mark.parametrize("password", ["k9#Vq2!xLmW7\u0130", "k9#Vq2!xLmW7\u03a3\u0391"])
    def test_a_lower_case_that_does_not_line_up_is_left_to_the_exact_proof(
        self, password: str
    ) -> None:
        # U+0130 lower-cases to two characters; a sigma's lower case depends
        # on what follows it, which reversing changes.
        assert not reaches(password, (), 1e8 + 5, _tables())
        assert _zxcvbn.surely_reaches(password, (), 1e8 + 5) == (
            zxcvbn_guesses(password, ()) >= 1e8 + 5
        )

    @pytest.mark.parametrize("char", ["\x00", "\x01", "\x1f", "\x7f"])
    def test_control_characters_are_left_to_the_exact_proof(self, char: str) -> None:
        # NUL ends a marisa key; \x01 is the edge trie's mark.
        assert reaches("k9#Vq2!xLmW7", (), 1e8 + 5, _tables())
        assert not reaches("k9#Vq2" + char + "xLmW7", (), 1e8 + 5, _tables())

    def test_empty(self) -> None:
        assert not reaches("", (), 0, _tables())

    def test_many_l33t_readings_stop_at_the_budget(self) -> None:
        # Every character has three readings (itself, i, l): 3**23 walks
        # without the trie's pruning and the budget.
        password = "|1" * 36
        assert within(2.0, lambda: reaches(password, (), 1e8 + 5, _tables())) is False
