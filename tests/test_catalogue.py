"""``Catalogue``: en/ja templates checked when built, rendered with or without vocabulary."""

from __future__ import annotations

import pytest

from credguard._catalogue import Catalogue

TERMS = {"upper": ("uppercase letter", "英大文字")}


class TestCatalogue:
    def test_is_a_read_only_mapping(self) -> None:
        catalogue = Catalogue({"a": ("A {x}", "エー{x}")})
        assert dict(catalogue) == {"a": ("A {x}", "エー{x}")}
        assert len(catalogue) == 1
        assert "a" in catalogue
        assert not hasattr(catalogue, "__setitem__")

    @pytest.mark.parametrize(
        ("english", "japanese"),
        [("{x}", "{y}"), ("{x} {y}", "{x}"), ("{x}", "{{x}}"), ("{name!r}", "")],
    )
    def test_languages_with_other_fields_are_refused(self, english: str, japanese: str) -> None:
        with pytest.raises(ValueError, match="'bad'"):
            Catalogue({"bad": (english, japanese)})

    def test_conversions_specs_and_literal_braces_are_not_fields(self) -> None:
        Catalogue({"ok": ("{name!r} {{x}} {n:>3}", "{n:3}{name!s}")})

    def test_terms_translate_and_tuples_join(self) -> None:
        catalogue = Catalogue({"a": ("has {c} and {n}", "{c}と{n}")}, TERMS)
        assert catalogue.render("a", {"c": ("upper", "other"), "n": 3}, "en") == (
            "has uppercase letter, other and 3"
        )
        assert (
            catalogue.render("a", {"c": ("upper", "other"), "n": 3}, "ja") == "英大文字、otherと3"
        )

    def test_without_terms_values_are_formatted_as_given(self) -> None:
        catalogue = Catalogue({"a": ("say {name!r}", "{name!r}と言う"), "b": ("{{x}}", "{{x}}")})
        assert catalogue.render("a", {"name": "upper"}, "en") == "say 'upper'"
        # No fields: the template itself, its doubled braces untouched.
        assert catalogue.render("b", {}, "ja") == "{{x}}"

    def test_unknown_key_and_missing_field_raise(self) -> None:
        catalogue = Catalogue({"a": ("{x}", "{x}")}, TERMS)
        with pytest.raises(KeyError):
            catalogue.render("nope", {}, "en")
        with pytest.raises(KeyError):
            catalogue.render("a", {}, "en")

    def test_in_lang(self) -> None:
        catalogue = Catalogue({"a": ("A", "エー"), "b": ("B", "ビー")})
        assert catalogue.in_lang("ja") == {"a": "エー", "b": "ビー"}
