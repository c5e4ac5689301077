"""Tests for near misses (credguard/wordlists/near_miss.py): one edit from a listed word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credguard.wordlists.listsource import Source, WordSource
from credguard.wordlists.near_miss import near_misses, one_edit

_WORDS = ("password", "sakura", "dragon", "abcab")


def _source(*words: str) -> Source:
    own = WordSource(list(words))
    return Source("custom", own.prefixes, own.screen, own.__contains__, own.depth, own.search)


def _distance_one(word: str, key: str) -> bool:
    """The definition: one substitution, insertion or deletion turns *word* into *key*."""
    if word == key or abs(len(word) - len(key)) > 1:
        return False
    if len(word) == len(key):
        return sum(a != b for a, b in zip(word, key, strict=True)) == 1
    short, long = sorted((word, key), key=len)
    return any(long[:at] + long[at + 1 :] == short for at in range(len(long)))


class TestOneEdit:
    def test_each_kind_of_edit(self) -> None:
        source = _source(*_WORDS)
        assert one_edit("passwrd", source)  # deletion
        assert one_edit("passsword", source)  # insertion
        assert one_edit("paszword", source)  # substitution
        assert not one_edit("pazzword", source)  # two edits

    def test_the_word_itself_is_no_near_miss_unless_a_neighbour_is_listed(self) -> None:
        assert not one_edit("sakura", _source("sakura"))
        assert one_edit("sakura", _source("sakura", "sakra"))

    @given(st.text("abcdprswo", min_size=1, max_size=10))
    def test_equals_the_definition(self, word: str) -> None:
        source = _source(*_WORDS)
        assert one_edit(word, source) == any(_distance_one(word, key) for key in _WORDS)


class TestNearMisses:
    def test_runs_are_reported_by_start_and_length(self) -> None:
        views = ("1dragn!", "idragn!", "ldragn!")
        # The run "dragn" at 1 in the first view; "idragn" / "ldragn" are
        # two edits away, so only the first view's run is reported.
        assert near_misses(views, (_source(*_WORDS),), 5) == {1: 5}

    def test_short_runs_are_not_read(self) -> None:
        assert near_misses(("drgon",), (_source("dragon"),), 6) == {}
