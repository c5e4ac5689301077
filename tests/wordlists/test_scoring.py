"""Tests for asking lists together (credguard/wordlists/scoring.py with listsource.Joint).

The bundled lists a policy consults together are one union trie: the
scoring asks it once per view and position and attributes a key to the
first list holding it.  That must be exactly what asking each list alone
gives: the same cover, the same sources, the same ties.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credguard import Candidate
from credguard.rules import BlocklistRule
from credguard.rules.blocklist import _views
from credguard.wordlists import scoring
from credguard.wordlists.listsource import Joint, Source, Sources, WordSource, lookups
from credguard.wordlists.tries import TRIE_NAMES, load_trie, load_union


@cache
def _japanese_keys() -> list[str]:
    # Both kinds: 6,397 of them are common's keys too, the rest japanese's own.
    return sorted(load_trie("japanese").keys())


def _alone(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    """The same sources, each asked alone (no joint)."""
    return tuple(replace(source, joint=None) for source in sources)


def _rule_sources(lists: tuple[str, ...], words: tuple[str, ...] = ()) -> tuple[Source, ...]:
    return BlocklistRule(lists=lists, words=words, short_words=3000)._sources()


_COMMON = st.sampled_from(["password", "dragon", "monkey", "qwerty", "sakura", "tanaka", "love"])
_PIECES = (
    _COMMON
    | st.integers(0, 31_821).map(lambda index: _japanese_keys()[index])
    | st.text("0123456789!@$|.-_ ", min_size=1, max_size=3)
)
_LEET = str.maketrans("aeiost", "@31057")


class TestJointEqualsListsAlone:
    """The merged scoring equals the two-trie scoring."""

    @settings(max_examples=500, deadline=None)
    @given(
        st.lists(_PIECES, min_size=1, max_size=4).map("".join),
        st.booleans(),
        st.sampled_from([TRIE_NAMES, TRIE_NAMES[::-1]]),
        st.booleans(),
        st.integers(3, 6),
        st.integers(1, 8),
    )
    def test_same_cover(
        self,
        text: str,
        leet: bool,
        lists: tuple[str, ...],
        words: bool,
        minimum: int,
        limit: int,
    ) -> None:
        password = text.translate(_LEET) if leet else text
        views = _views(Candidate.from_password(password))
        joint = _rule_sources(lists, ("tanaka", "monex") if words else ())
        assert any(source.joint is not None for source in joint)
        alone = _alone(joint)
        for bound in (limit, None):
            assert scoring.score(views, joint, minimum, bound) == scoring.score(
                views, alone, minimum, bound
            )
        # A key at the end only, and the whole text: the membership paths.
        extra = {0: 1}
        assert scoring.score(views, joint, minimum, limit, extra, 1) == scoring.score(
            views, alone, minimum, limit, extra, 1
        )

    @pytest.mark.parametrize("lists", [TRIE_NAMES, TRIE_NAMES[::-1]])
    def test_a_key_of_both_lists_is_the_first_lists(self, lists: tuple[str, ...]) -> None:
        words = [key for key in _japanese_keys() if len(key) > 5 and key.isalpha()]
        both = next(key for key in words if key in load_trie("common"))
        own = next(key for key in words if key not in load_trie("common"))
        sources = _rule_sources(lists)
        for key, names in ((both, {lists[0]}), (own, {"japanese"})):
            views = _views(Candidate.from_password(key))
            cover = scoring.score(views, sources, 4)
            assert {sources[index].name for index in cover.sources} == names
            assert cover == scoring.score(views, _alone(sources), 4)
            # Inside a longer text (the search, not the whole-text test).
            views = _views(Candidate.from_password(f"{key}###"))
            cover = scoring.score(views, sources, 4)
            assert {sources[i].name for i in cover.sources if i >= 0} == names


class TestLookups:
    def test_a_joint_is_one_call(self) -> None:
        sources = _rule_sources(TRIE_NAMES, ("tanaka",))
        asked = lookups(sources)
        assert [index for index, *_ in asked] == [0, 1]
        assert asked[1][3] is not None  # the owner: which list a key is from

    def test_a_joint_whose_lists_do_not_follow_is_not_used(self) -> None:
        common, japanese = _rule_sources(TRIE_NAMES)
        assert common.joint is not None
        # Alone (as for a PIN, without the other list) or out of order: each list alone.
        for sources in ((common,), (common, common), (japanese, common)):
            asked = lookups(sources)
            assert len(asked) == len(sources)
            assert all(owner is None for *_, owner in asked)

    def test_sources_work_their_lookups_out_once(self) -> None:
        sources = _rule_sources(TRIE_NAMES, ("tanaka",))
        assert isinstance(sources, Sources)
        assert list(sources.asked) == list(lookups(tuple(sources)))
        assert lookups(sources) is sources.asked

    def test_word_sources_are_asked_alone(self) -> None:
        own = WordSource(["monex"])
        source = Source("custom", own.prefixes, own.screen, own.__contains__, own.depth, own.search)
        assert lookups((source,)) == [(0, source.search, source.contains, None)]

    def test_a_joint_answers_for_the_keys_of_its_lists(self) -> None:
        union = load_union(TRIE_NAMES)
        common, japanese = load_trie("common"), load_trie("japanese")
        for key in [*_japanese_keys()[::97], "password", "dragon1", "zzqqxx"]:
            assert union.has(key) == (key in common or key in japanese)
            if union.has(key):
                assert union.owner(key) == (0 if key in common else 1)
                assert load_union(TRIE_NAMES[::-1]).owner(key) == (0 if key in japanese else 1)

    def test_joint_repr_names_no_key(self) -> None:
        common = _rule_sources(TRIE_NAMES)[0]
        assert isinstance(common.joint, Joint)
        assert "password" not in repr(common.joint.rest)

    def test_union_of_unknown_lists(self) -> None:
        for names in (("common",), ("common", "common"), ("common", "klingon")):
            with pytest.raises(LookupError, match="common, japanese"):
                load_union(names)
