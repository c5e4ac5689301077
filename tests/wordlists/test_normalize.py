"""Tests for the stored forms of list entries (credguard/wordlists/normalize.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate
from credguard.wordlists.normalize import (
    MAX_KEY_LENGTH,
    MIN_KEY_LENGTH,
    core,
    core_forms,
    fold,
    fold_marks,
    keys,
    strip_edges,
)


class TestKeys:
    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            ("password", {"password"}),
            ("Password1!", {"password1!", "password"}),
            # Strip before leet: the trailing 1 is not read as "i".
            ("password1", {"password1", "password"}),
            ("P@ssw0rd", {"p@ssw0rd", "password"}),
            ("a1ice", {"a1ice", "aiice", "alice"}),
            ("123456", {"123456"}),
            ("4649", {"4649"}),
            ("abc123", {"abc123", "abc"}),
            ("Pässword", {"pässword", "password"}),
            ("ＳＡＫＵＲＡ２０２４", {"sakura2024", "sakura"}),
            ("パスワード", {"パスワード"}),
            ("ab1", {"ab1"}),  # the core "ab" is too short
            ("12", set()),  # too short to store at all
            ("  sakura  ", {"sakura"}),  # source lines are trimmed
        ],
    )
    def test_keys(self, entry: str, expected: set[str]) -> None:
        assert keys(entry) == expected

    def test_overlong_entry_is_dropped(self) -> None:
        assert keys("a" * MAX_KEY_LENGTH) == {"a" * MAX_KEY_LENGTH}
        assert keys("a" * (MAX_KEY_LENGTH + 1)) == set()


class TestParts:
    def test_fold_is_the_candidates_folded_view(self) -> None:
        for text in ("PassWord", "ＰＡＳＳ①", "Straße", "ﾊﾟｽﾜｰﾄﾞ"):
            assert fold(text) == Candidate.from_password(text).folded

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("!!pass!word12", "pass!word"), ("2024", ""), ("a", "a"), ("__x1y__", "x1y")],
    )
    def test_strip_edges(self, text: str, expected: str) -> None:
        assert strip_edges(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("pässwörd", "password"),
            ("café", "cafe"),
            ("パスワード", "パスワード"),  # voiced kana keep their marks
            ("søren", "søren"),  # no decomposition, kept
            ("plain", "plain"),
        ],
    )
    def test_fold_marks(self, text: str, expected: str) -> None:
        assert fold_marks(text) == expected

    def test_core_needs_three_letters_between_the_edges(self) -> None:
        assert core("12ab34") == ""
        assert core("12abc34") == "abc"

    def test_core_forms_read_1_both_ways(self) -> None:
        assert core_forms("1a1ice1") == ("aiice", "alice")
        assert core_forms("sakura") == ("sakura",)
        assert core_forms("1234") == ()


_ENTRIES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80)


class TestNoDrift:
    """What the check side computes from a password is what generation stored for it."""

    @given(_ENTRIES)
    def test_a_listed_password_finds_its_own_keys(self, entry: str) -> None:
        stored = keys(entry)
        candidate = Candidate.from_password(entry.strip())
        lookups = {candidate.folded, *core_forms(candidate.folded)}
        assert {k for k in lookups if MIN_KEY_LENGTH <= len(k) <= MAX_KEY_LENGTH} == stored

    @given(_ENTRIES)
    def test_key_lengths_are_bounded(self, entry: str) -> None:
        assert all(MIN_KEY_LENGTH <= len(key) <= MAX_KEY_LENGTH for key in keys(entry))

    @given(_ENTRIES)
    def test_core_forms_are_the_candidates_leet_views_of_the_core(self, entry: str) -> None:
        folded = fold(entry)
        found = core(folded)
        if found:
            views = Candidate.from_password(found)
            assert set(core_forms(folded)) == {views.leet, views.leet_alt}
