"""Tests for the ranked three-letter words (credguard/wordlists/short_words.py) and
the blocklist rule's ``short_words``."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

from credguard import Candidate, PolicyError, parse_policy
from credguard.rules import BlocklistRule
from credguard.wordlists._generate import rank_short_words
from credguard.wordlists.patterns import pattern_at
from credguard.wordlists.short_words import SHORT_WORDS_FILE, SHORT_WORDS_MAX, load_short_words
from tests.helpers import CANARY

PACKAGE = resources.files("credguard.wordlists")


class TestShippedList:
    def test_ranked_three_letter_words(self) -> None:
        words = load_short_words()
        assert len(words) == SHORT_WORDS_MAX
        assert len(set(words)) == len(words)
        assert all(len(w) == 3 and w.isascii() and w.isalpha() and w.islower() for w in words)
        # The commonest first: names and words people build passwords on.
        assert {"max", "red", "bob", "sam"} <= set(words[:20])

    def test_no_word_is_a_pattern(self) -> None:
        # abc, aaa are sequences and runs: reported as patterns, never as a list's.
        assert not [word for word in load_short_words() if pattern_at(word, 0)]

    def test_opened_once(self) -> None:
        assert load_short_words() is load_short_words()

    def test_matches_the_manifest(self) -> None:
        manifest = json.loads(PACKAGE.joinpath("MANIFEST.json").read_text("utf-8"))
        data = PACKAGE.joinpath(SHORT_WORDS_FILE).read_bytes()
        assert manifest["short_words"] == {SHORT_WORDS_FILE: hashlib.sha256(data).hexdigest()}


class TestRanking:
    def test_ranked_by_the_passwords_built_on_each_word(self) -> None:
        passwords = ["max123", "Max!", "m@x2000", "bob1", "bob2", "bob3", "qwe123", "abcdef", "x"]
        # "qwe" is no word of the word lists: left out whatever its count.
        assert rank_short_words(passwords, ["bob", "max", "cat", "tiger"]) == ["max", "bob"]
        # A pattern is no short word, however often it is a password's core.
        assert rank_short_words(["abc1", "abc2", "max1"], ["abc", "max"]) == ["max"]

    def test_ties_keep_the_first_appearance_and_the_count_is_cut(self) -> None:
        passwords = ["cat1", "dog1", "cat2", "dog2", "emu1"]
        assert rank_short_words(passwords, ["dog", "cat", "emu"], count=2) == ["cat", "dog"]

    def test_two_readings_of_one_password_tie_in_reading_order(self) -> None:
        # "a1b" is read as "aib" and "alb" (1 as i or l): one password, two
        # words, a tie kept in the order of the readings, whatever the hash
        # seed (a set once ordered them by it: short_words.txt did not rebuild).
        assert rank_short_words(["a1b"], ["alb", "aib"]) == ["aib", "alb"]
        assert rank_short_words(["s1d", "a1b"], ["sld", "sid", "alb", "aib"]) == [
            "sid",
            "sld",
            "aib",
            "alb",
        ]


class TestRule:
    def test_only_the_first_n_words_count(self) -> None:
        # wan (ranked 123rd) + wisa + 123: three points once "wan" counts.
        candidate = Candidate.from_password("Wanwisa123")
        assert load_short_words().index("wan") >= 100
        assert BlocklistRule().match(candidate) is None
        assert BlocklistRule(short_words=100).match(candidate) is None
        assert BlocklistRule(short_words=1500).match(candidate) == ("common", "contains")

    def test_only_with_the_common_list(self) -> None:
        rule = BlocklistRule(lists=("japanese",), short_words=1500)
        assert rule.match(Candidate.from_password("Wanwisa123")) is None

    def test_no_extra_set_when_every_three_letter_key_counts(self) -> None:
        rule = BlocklistRule(min_token_length=3, short_words=1500)
        assert all(not source.short for source in rule._sources())

    def test_from_a_policy_file(self) -> None:
        policy = parse_policy("[rules.blocklist]\nshort_words = 1500\n")
        assert policy.check("Wanwisa123").codes == ("blocklist.common",)
        assert policy.check("Wanwisa123").violations[0].params == {
            "list": "common",
            "how": "contains",
        }
        assert policy.check("correct-horse-battery-staple").ok

    @pytest.mark.parametrize("value", [-1, SHORT_WORDS_MAX + 1, True, "1500"])
    def test_invalid(self, value: object) -> None:
        with pytest.raises(PolicyError) as caught:
            BlocklistRule(short_words=value)  # type: ignore[arg-type]
        assert "short_words" in str(caught.value)

    def test_no_word_in_the_violation(self) -> None:
        policy = parse_policy(f'[rules.blocklist]\nshort_words = 1500\nwords = ["{CANARY}"]\n')
        for password in ("Wanwisa123", CANARY + "max"):
            result = policy.check(password)
            assert not result.ok
            texts = (repr(result), *result.messages("en"), *result.messages("ja"))
            for text in texts:
                assert password.casefold() not in text.casefold()
                assert CANARY.casefold() not in text.casefold()
                assert "wanwisa" not in text.casefold()
