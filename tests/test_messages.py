from __future__ import annotations

import pytest

from credguard._messages import CATALOGUE, TERMS, is_registered, render, term
from tests.helpers import template_fields


class TestCatalogue:
    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_both_languages_use_the_same_params(self, code: str) -> None:
        english, japanese = CATALOGUE[code]
        assert english
        assert japanese
        assert template_fields(english) == template_fields(japanese)

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_code_shape(self, code: str) -> None:
        family, _, name = code.partition(".")
        assert family
        assert name
        assert code == code.lower()

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_japanese_text_is_japanese(self, code: str) -> None:
        japanese = CATALOGUE[code][1]
        assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in japanese)

    def test_terms_have_both_languages(self) -> None:
        # "As written" needs no words in Japanese, where how a password
        # matched opens the sentence (逆から読むと、…).
        silent = {"exact", "plain"}
        for value, (english, japanese) in TERMS.items():
            assert english, value
            assert bool(japanese) != (value in silent), value


class TestRender:
    def test_interpolates_and_translates_terms(self) -> None:
        assert render("charset.disallowed_class", {"class": "upper"}, "en") == (
            "The password contains a kind of character this policy does not allow:"
            " uppercase letter."
        )
        assert render("charset.disallowed_class", {"class": "upper"}, "ja") == (
            "パスワードに英大文字は使えません。"
        )

    def test_tuples_are_joined(self) -> None:
        text = render("classes.too_few", {"min": 2, "of": ("letter", "digit"), "actual": 1}, "en")
        assert "letter, digit" in text

    def test_unknown_code_falls_back_to_code(self) -> None:
        assert render("nope.nothing", {}, "en") == "nope.nothing"
        assert not is_registered("nope.nothing")

    def test_missing_param_falls_back_to_code(self) -> None:
        assert render("length.too_short", {}, "en") == "length.too_short"

    def test_unknown_term_is_unchanged(self) -> None:
        assert term("xyz", "ja") == "xyz"
