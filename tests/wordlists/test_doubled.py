"""Tests for the doubled-letter reading (credguard/wordlists/doubled.py) and its use by the rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, Policy
from credguard._candidate import leet_views
from credguard.rules import BlocklistRule
from credguard.wordlists.doubled import (
    MAX_BEFORE,
    MAX_PAIRS,
    MIN_WORD,
    doubled_tokens,
    read_once,
)
from credguard.wordlists.listsource import Source, WordSource
from credguard.wordlists.normalize import MAX_KEY_LENGTH
from credguard.wordlists.scoring import mostly_letters
from tests.helpers import CANARY


def _source(*words: str) -> Source:
    own = WordSource(list(words))
    return Source("custom", own.prefixes, own.screen, own.__contains__, own.depth, own.search)


def _is_letter(char: str) -> bool:
    return re.fullmatch(r"[^\W\d_]", char) is not None


def _read_once_slowly(
    text: str, typed: str | None = None
) -> tuple[str, list[int], list[int]] | None:
    """The definition of read_once, character by character: a letter typed exactly
    twice (not a third time either side), inside a run of more than MIN_WORD
    letters, is read once; at most MAX_PAIRS of them, the first ones."""
    if typed is None or len(typed) != len(text):
        typed = text
    letters = [_is_letter(char) for char in typed]
    once: list[str] = []
    at: list[int] = []
    pairs: list[int] = []
    i = 0
    while i < len(text):
        left, right = i, i
        while left > 0 and letters[left - 1]:
            left -= 1
        while right + 1 < len(typed) and letters[right + 1]:
            right += 1
        twice = (
            letters[i]
            and typed[i + 1 : i + 2] == typed[i]
            and (i == 0 or typed[i - 1] != typed[i])
            and typed[i + 2 : i + 3] != typed[i]
        )
        once.append(text[i])
        at.append(i)
        if twice and len(pairs) < MAX_PAIRS and right - left + 1 > MIN_WORD:
            pairs.append(len(once) - 1)
            i += 1  # the second letter is not read
        i += 1
    if not pairs:
        return None
    return "".join(once), [*at, len(text)], pairs


def _doubled_tokens_slowly(
    views: tuple[str, ...], at: list[int], pairs: list[int], source: Source, minimum: int
) -> dict[int, int]:
    """The definition of doubled_tokens: every piece of every view from a start in the
    pair's run of letters (at most MAX_BEFORE back) past the pair, asked with ``in``."""
    minimum = max(minimum, MIN_WORD)
    found: dict[int, int] = {}
    text = views[0]
    for pair in pairs:
        starts = [s for s in range(max(0, pair - MAX_BEFORE), pair) if text[s:pair].isalpha()]
        rest = text[pair + 1 :]
        after = next((i for i, char in enumerate(rest) if not char.isalpha()), len(rest))
        if after + 1 + pair - min(starts, default=pair) < minimum:
            continue
        for start in [*starts, pair]:
            for end in range(pair + 1, min(len(text), start + MAX_KEY_LENGTH) + 1):
                typed = text[start:end]
                listed = any(view[start:end] in source for view in views)
                if not listed or end - start < minimum:
                    continue
                if typed not in source and not mostly_letters(typed):
                    continue  # found only in a leet view: letters dressed up, not a number
                found[at[start]] = max(found.get(at[start], 0), at[end] - at[start])
    return found


# Pieces of words with letters doubled (or not, or in two cases, or in leet),
# digits, symbols and a non-ASCII letter: the list's words are often found.
_DOUBLED_TEXT = st.lists(
    st.sampled_from(
        [
            "bessel",
            "beseel",
            "b3ssel",
            "kelloss",
            "abbes",
            "sabees",
            "sabes",
            "llo",
            "Ee",
            "x",
            "7",
            "!",
            "é",
        ]
    ),
    max_size=8,
).map("".join)
_WORDS = ("besel", "kelos", "abes", "sabes", "losab", "xbesel")


class TestFastPathsEqualTheDefinitions:
    @given(_DOUBLED_TEXT)
    def test_read_once(self, typed: str) -> None:
        text = typed.casefold()
        assert read_once(text, typed) == _read_once_slowly(text, typed)
        assert read_once(typed) == _read_once_slowly(typed)

    @given(_DOUBLED_TEXT, st.integers(4, 7))
    def test_doubled_tokens(self, typed: str, minimum: int) -> None:
        found = read_once(typed.casefold(), typed)
        if found is None:
            return
        text, at, pairs = found
        views = (text, *leet_views(text))
        source = _source(*_WORDS)
        expected = _doubled_tokens_slowly(views, at, pairs, source, minimum)
        assert doubled_tokens(views, at, pairs, source, minimum) == expected

    def test_the_definitions_find_something(self) -> None:
        # The properties above are not vacuous: words are found through pairs.
        typed = "xbessel7kelloss"
        found = read_once(typed)
        assert found == _read_once_slowly(typed)
        assert found is not None
        text, at, pairs = found
        views = (text, *leet_views(text))
        tokens = doubled_tokens(views, at, pairs, _source(*_WORDS), 4)
        assert tokens == _doubled_tokens_slowly(views, at, pairs, _source(*_WORDS), 4)
        assert tokens == {0: 7, 1: 6, 8: 7}  # xbesel, besel, kelos
        # A word that ends just before the letter read once is not over it.
        found = read_once("sabesllo")
        assert found is not None
        text, at, pairs = found
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source(*_WORDS), 4) == {}


class TestReadOnce:
    def test_each_pair_is_read_once_and_mapped_back(self) -> None:
        assert read_once("deeakiss1") == ("deakis1", [0, 1, 3, 4, 5, 6, 8, 9], [1, 5])

    @pytest.mark.parametrize("text", ["abc", "aaab", "x!!y", "1122", "a a"])
    def test_no_pair_of_letters_no_reading(self, text: str) -> None:
        # Runs of three are patterns already; digits and symbols are not letters.
        assert read_once(text) is None

    def test_at_most_max_pairs(self) -> None:
        found = read_once("aabb" * MAX_PAIRS)
        assert found is not None
        assert len(found[2]) == MAX_PAIRS

    @given(st.text("abcd1!", max_size=30))
    def test_the_mapping_points_at_the_same_characters(self, text: str) -> None:
        found = read_once(text)
        if found is None:
            return
        once, at, pairs = found
        assert at[-1] == len(text)
        assert len(at) == len(once) + 1
        assert all(text[at[i]] == once[i] for i in range(len(once)))
        assert all(text[at[p] + 1] == once[p] for p in pairs)


class TestDoubledTokens:
    def test_a_word_over_a_letter_read_once_spans_the_typed_letters(self) -> None:
        text, at, pairs = read_once("kisshello1") or ("", [], [])
        assert (text, pairs) == ("kishelo1", [2, 5])
        # "kishe" (typed "kisshe") and "shelo" (typed "sshello") cover a letter read once.
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source("kishe"), 4) == {0: 6}
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source("shelo"), 4) == {2: 7}

    def test_a_word_away_from_the_letters_read_once_is_no_token(self) -> None:
        text, at, pairs = read_once("aabcdef") or ("", [], [])
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source("bcdef"), 4) == {}

    def test_short_keys_never_count(self) -> None:
        text, at, pairs = read_once("tkeer8mw") or ("", [], [])
        assert MIN_WORD == 5
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source("tker"), 4) == {}
        # A policy asking for longer tokens keeps its own minimum.
        assert doubled_tokens((text, *leet_views(text)), at, pairs, _source("tkerm"), 6) == {}


class TestRule:
    @pytest.mark.parametrize("password", ["Dhesiree!", "Sakkura#2024"])
    def test_refused_through_the_doubled_letter(self, password: str) -> None:
        rule = BlocklistRule()
        candidate = Candidate.from_password(password)
        # The main score accepts it (5 or more): the second reading refuses it.
        assert rule.assess(candidate).score >= rule.min_score
        assert rule.match(candidate)[1:] == ("doubled",)  # type: ignore[index]

    @pytest.mark.parametrize("password", ["TkeEr8mw", "Mu7#kpp2Lq", "correct-horse-battery-staple"])
    def test_not_refused(self, password: str) -> None:
        assert BlocklistRule().match(Candidate.from_password(password)) is None

    def test_the_violation_names_the_list_never_the_word(self) -> None:
        word = "".join(char for char in CANARY if char.isalpha())  # letters: one run
        typed = word.replace("n", "nn") + "!7"
        result = Policy(rules=(BlocklistRule(words=(word,)),)).check(typed)
        assert result.codes == ("blocklist.custom",)
        violation = result.violations[0]
        assert dict(violation.params) == {"list": "custom", "how": "doubled"}
        for text in (repr(violation), repr(result), *result.messages("en"), *result.messages("ja")):
            for secret in (word, typed, "canary", "cannary"):
                assert secret.casefold() not in text.casefold()
