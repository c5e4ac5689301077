"""Tests for the doubled-letter reading (credguard/wordlists/doubled.py) and its use by the rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, Policy
from credguard._candidate import leet_views
from credguard.rules import BlocklistRule
from credguard.wordlists.doubled import MAX_PAIRS, MIN_WORD, doubled_tokens, read_once
from credguard.wordlists.listsource import Source, WordSource
from tests.helpers import CANARY


def _source(*words: str) -> Source:
    own = WordSource(list(words))
    return Source("custom", own.prefixes, own.screen, own.__contains__, own.depth, own.search)


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
