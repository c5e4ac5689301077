"""Tests for credguard._personal.starts: what every romaji spelling of a word begins with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credguard._personal.romaji import kana_variants, romaji_variants
from credguard._personal.starts import spelling_starts

# Kana the parser reads (with small kana, っ, ん and ー), and letters romaji is made of.
_KANA = st.text(
    st.sampled_from(
        list("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ")
        + list("らりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゃゅょっーぁぇゔ")
        + list("カキシタチツナハフマヤラワンガジダバパャュョッ")
    ),
    min_size=1,
    max_size=8,
)
_ROMAJI = st.text(st.sampled_from(list("aiueokstnhmyrwgzdbpfjcvl'")), min_size=1, max_size=12)


class TestSpellingStarts:
    """Every spelling of a word starts with one of spelling_starts(word) (the screen's premise)."""

    @given(_KANA)
    def test_every_kana_spelling_starts_with_one(self, word: str) -> None:
        starts = spelling_starts(word)
        if starts is None:
            return
        for spelling in kana_variants(word, limit=10_000):
            assert spelling[:3] in starts, spelling

    @given(_ROMAJI)
    def test_every_romaji_spelling_starts_with_one(self, word: str) -> None:
        starts = spelling_starts(word)
        if starts is None:
            assert any(len(s) < 3 for s in (word, *romaji_variants(word, limit=10_000)))
            return
        for spelling in (word, *romaji_variants(word, limit=10_000)):
            assert spelling[:3] in starts, spelling

    def test_the_starts_are_few_and_specific(self) -> None:
        assert spelling_starts("taro") == frozenset({"tar"})
        assert spelling_starts("しょうた") == frozenset({"sho", "syo"})
        assert spelling_starts("ちば") == frozenset({"chi", "tib"})
        assert spelling_starts("smith") == frozenset({"smi"})  # not romaji: itself
        assert spelling_starts("ai") is None  # a spelling shorter than 3
