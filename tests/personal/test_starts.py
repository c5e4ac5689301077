"""Tests for credguard._personal.starts: what every romaji spelling of a word begins with."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from credguard._personal.romaji import kana_variants, romaji_variants
from credguard._personal.starts import spelling_heads, spelling_starts
from credguard._personal.tokens import name_tokens, nickname_tokens

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
    @example("'''")  # found by hypothesis: its romaji spelling is empty
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


# Romaji as people write it: the library's own spellings of kana words.
_SPELLED = _KANA.flatmap(lambda word: st.sampled_from(kana_variants(word) or ("x",)))


class TestSpellingHeads:
    """Every spelling of a word opens with one of spelling_heads(word): the first skip's premise."""

    @given(_KANA)
    def test_every_kana_spelling_opens_with_one(self, word: str) -> None:
        heads = spelling_heads(word)
        if heads is None:
            return
        for spelling in kana_variants(word, limit=10_000):
            assert spelling[:2] in heads, spelling

    @given(st.one_of(_ROMAJI, _SPELLED))
    def test_every_romaji_spelling_opens_with_one(self, word: str) -> None:
        heads = spelling_heads(word)
        if heads is None:
            return
        for spelling in (word, *romaji_variants(word, limit=10_000)):
            assert spelling[:2] in heads, spelling

    @given(st.lists(st.one_of(_KANA, _ROMAJI, _SPELLED), min_size=1, max_size=2))
    def test_every_ascii_name_token_holds_one(self, words: list[str]) -> None:
        """Joined and initialled forms, and nicknames (a stem spelled from the first syllable)."""
        every: set[str] = set()
        for word in words:
            heads = spelling_heads(word)
            if heads is None:
                return
            every |= heads
        item = " ".join(words)
        for token in (*name_tokens((item,)), *nickname_tokens((item,))):
            if token.isascii():
                assert any(head in token for head in every), token

    def test_the_heads_are_few_and_read_from_a_table(self) -> None:
        assert spelling_heads("taro") == frozenset({"ta"})
        assert spelling_heads("しょうた") == frozenset({"sh", "sy"})
        assert spelling_heads("shota") == frozenset({"sh", "sy", "si"})
        assert spelling_heads("ちば") == frozenset({"ch", "ti"})
        assert spelling_heads("smith") is None  # opens no syllable: the starts tell
        assert spelling_heads("あやこ") is None  # a vowel: one letter
        assert spelling_heads("nnn") is None  # ん: n, nn or m
