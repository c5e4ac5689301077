"""Tests for credguard._personal.romaji: romanization variants of kana and romaji words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard._personal.romaji import (
    MAX_VARIANTS,
    is_kana,
    kana_variants,
    romaji_variants,
    to_hiragana,
    to_katakana,
)


class TestKanaVariants:
    @pytest.mark.parametrize(
        ("kana", "hepburn", "expected"),
        [
            # derivation_facts.md §4 example expansions
            ("しょうた", "shouta", {"shota", "shouta", "shohta", "syota", "syouta"}),
            ("さとう", "satou", {"sato", "satou", "satoh", "satoo"}),
            ("おおの", "oono", {"ono", "oono", "ohno"}),
            ("じゅんいち", "junichi", {"junichi", "junnichi", "zyuniti", "jyunichi"}),
            ("ほんま", "honma", {"honma", "homma"}),
            ("ちば", "chiba", {"chiba", "tiba"}),
            # shi/si, chi/ti, tsu/tu, fu/hu, ji/zi, ja/jya/zya
            ("しずか", "shizuka", {"shizuka", "sizuka"}),
            ("つよし", "tsuyoshi", {"tsuyoshi", "tuyosi"}),
            ("ふじた", "fujita", {"fujita", "hujita", "fuzita", "huzita"}),
            ("じゅんこ", "junko", {"junko", "jyunko", "zyunko"}),
            ("ちゃこ", "chako", {"chako", "tyako"}),
            # geminates, passport "tch", n before a vowel
            ("はっとり", "hattori", {"hattori"}),
            ("ほっち", "hotchi", {"hotchi", "hocchi"}),
            ("しんや", "shinya", {"shinya", "shinnya", "sinya"}),
            # long u, katakana long mark
            ("ゆうこ", "yuuko", {"yuuko", "yuko"}),
            ("ケーコ", "keeko", {"keeko", "keko"}),
        ],
    )
    def test_known_spellings(self, kana: str, hepburn: str, expected: set[str]) -> None:
        variants = kana_variants(kana)
        assert variants[0] == hepburn
        assert expected <= set(variants)

    @pytest.mark.parametrize("written", ["ショウタ", "ｼｮｳﾀ", "しょうた"])
    def test_scripts_and_half_width_agree(self, written: str) -> None:
        assert kana_variants(written) == kana_variants("しょうた")

    @pytest.mark.parametrize("text", ["", "山田", "yamada", "やまだ1", "ーや", "ん" * 30])
    def test_not_kana_or_too_long(self, text: str) -> None:
        assert kana_variants(text) == ()

    def test_limit_bounds_variants(self) -> None:
        # Many features (し, ち, つ, ふ, じ, long vowels): far more than 64 combinations.
        variants = kana_variants("しちつふじょうこうしゅうとう")
        assert len(variants) == MAX_VARIANTS
        assert len(kana_variants("しちつふじょうこうしゅうとう", limit=5)) == 5

    @given(st.text(alphabet="あいうえおかきくけこしじちつっふゃゅょんーアイウヴ", max_size=30))
    def test_never_raises_and_stays_ascii(self, kana: str) -> None:
        variants = kana_variants(kana)
        assert len(variants) <= MAX_VARIANTS
        assert all(v.isascii() and v == v.lower() for v in variants)
        assert len(set(variants)) == len(variants)


class TestRomajiVariants:
    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("shota", {"shouta", "syota", "shohta", "syouta"}),
            ("sato", {"satou", "satoh"}),
            ("satoh", {"sato", "satou"}),
            ("satō", {"sato", "satou", "satoh"}),
            ("Ōno", {"ono", "oono", "ohno"}),
            ("kohno", {"kono", "kouno"}),
            ("homma", {"honma"}),
            ("namba", {"nanba"}),
            ("junichi", {"zyuniti", "jyunichi"}),
            ("shin'ya", {"shinya", "shinnya"}),
            ("hotchi", {"hocchi", "hotti"}),
            ("kennta", {"kenta"}),
            ("pochi", {"poti"}),
            ("yuko", {"yuuko"}),
        ],
    )
    def test_other_spellings(self, word: str, expected: set[str]) -> None:
        variants = romaji_variants(word)
        assert expected <= set(variants)

    @pytest.mark.parametrize("word", ["shota", "yamada", "kennta"])
    def test_word_itself_first(self, word: str) -> None:
        assert romaji_variants(word)[0] == word

    @pytest.mark.parametrize("word", ["giants", "smith", "xyz", "", "a1"])
    def test_not_romaji(self, word: str) -> None:
        assert romaji_variants(word) == ()

    @given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzōū'", max_size=40))
    def test_never_raises_and_bounded(self, word: str) -> None:
        variants = romaji_variants(word)
        assert len(variants) <= MAX_VARIANTS
        assert all(v.isascii() for v in variants)


class TestScripts:
    @pytest.mark.parametrize(
        ("hiragana", "katakana"), [("やまだ", "ヤマダ"), ("ゔぁ", "ヴァ"), ("らー", "ラー")]
    )
    def test_round_trip(self, hiragana: str, katakana: str) -> None:
        assert to_katakana(hiragana) == katakana
        assert to_hiragana(katakana) == hiragana

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("やまだ", True), ("ヤマダー", True), ("山田", False), ("yamada", False), ("", False)],
    )
    def test_is_kana(self, text: str, expected: bool) -> None:
        assert is_kana(text) is expected
