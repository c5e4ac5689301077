"""Tests for credguard._personal.romaji: romanization variants of kana and romaji words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard._personal.romaji import (
    MAX_VARIANTS,
    is_kana,
    kana_variants,
    nickname_stems,
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


class TestImeSpellings:
    """Every spelling an IME accepts for the reading, issue 15 item 4."""

    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            # nn for ん before a consonant and at the end
            ("かんの", {"kanno", "kannno"}),
            ("こんどう", {"kondou", "konndou", "kondo", "kondoh"}),
            ("ほんま", {"honma", "homma", "honnma"}),
            ("けん", {"ken", "kenn"}),
            # the same read from romaji
            ("Kanno", {"kanno", "kannno"}),
            ("Kenta", {"kenta", "kennta"}),
        ],
    )
    def test_nn(self, word: str, expected: set[str]) -> None:
        variants = kana_variants(word) if is_kana(word) else romaji_variants(word)
        assert expected <= set(variants)

    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("Ota", {"ota", "oota", "ohta", "outa"}),
            ("Shuji", {"shuji", "shuuji", "syuuji"}),
            ("Yuki", {"yuki", "yuuki"}),
        ],
    )
    def test_long_vowels_restored_from_romaji(self, word: str, expected: set[str]) -> None:
        assert expected <= set(romaji_variants(word))

    def test_plain_u_is_not_lengthened(self) -> None:
        # く, す are rarely long in names: "kusuda" gives no "kuusuda".
        assert not any("uu" in variant for variant in romaji_variants("kusuda"))

    def test_kana_says_which_vowels_are_long(self) -> None:
        # ゆき has no long vowel: "yuuki" would be another name (ゆうき).
        assert "yuuki" not in kana_variants("ゆき")


class TestNicknameStems:
    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("たろう", {"ta", "taa", "taro"}),
            ("Taro", {"ta", "taa", "taro"}),
            ("Yamada", {"ya", "yama"}),
            ("やまもと", {"yama"}),
            ("Ren", {"re", "ren"}),
            ("さくら", {"sa", "saku"}),
            ("しゅうじ", {"shu", "syu", "shuu"}),
        ],
    )
    def test_first_one_or_two_morae(self, word: str, expected: set[str]) -> None:
        assert expected <= set(nickname_stems(word))

    @pytest.mark.parametrize("word", ["smith", "山田", "", "んば"])
    def test_nothing_for_what_is_not_a_reading(self, word: str) -> None:
        assert nickname_stems(word) == ()

    @given(st.text(max_size=30))
    def test_bounded(self, word: str) -> None:
        assert len(nickname_stems(word)) <= 12
