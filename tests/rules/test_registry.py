"""``credguard.rules``: the ``RULES`` registry and the lazily imported rule classes."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import pytest

import credguard.rules
from credguard.rules import RULES

FAMILIES = [
    ("length", "LengthRule"),
    ("charset", "CharsetRule"),
    ("classes", "ClassesRule"),
    ("repetition", "RepetitionRule"),
    ("sequence", "SequenceRule"),
    ("keyboard", "KeyboardRule"),
    ("personal", "PersonalDataRule"),
    ("blocklist", "BlocklistRule"),
    ("strength", "StrengthRule"),
    ("breached", "BreachedRule"),
    ("history", "HistoryRule"),
    ("separation", "SeparationRule"),
]


class TestRegistry:
    def test_names_in_application_order(self) -> None:
        assert list(RULES) == [name for name, _ in FAMILIES]
        assert len(RULES) == len(FAMILIES)

    @pytest.mark.parametrize(("name", "cls_name"), FAMILIES)
    def test_lookup_gives_the_family_class(self, name: str, cls_name: str) -> None:
        cls = RULES[name]
        module = importlib.import_module(f"credguard.rules.{name}")
        assert cls is getattr(module, cls_name)
        assert name == cls.NAME
        assert name in RULES
        assert RULES.get(name) is cls

    def test_items_and_values_agree_with_lookup(self) -> None:
        assert [cls.NAME for cls in RULES.values()] == list(RULES)
        assert dict(RULES.items()) == {name: RULES[name] for name in RULES}

    @pytest.mark.parametrize("name", ["", "Length", "lenght", "rules", "_base", "RULES"])
    def test_unknown_name(self, name: str) -> None:
        assert name not in RULES
        assert RULES.get(name) is None
        with pytest.raises(KeyError):
            RULES[name]

    @pytest.mark.parametrize("key", [None, 1, ("length",)])
    def test_non_string_key_is_absent(self, key: object) -> None:
        assert key not in RULES

    def test_read_only(self) -> None:
        assert isinstance(RULES, Mapping)
        with pytest.raises(TypeError):
            RULES["length"] = RULES["charset"]  # type: ignore[index]
        with pytest.raises(AttributeError):
            RULES.clear()  # type: ignore[attr-defined]
        assert next(iter(RULES)) == "length"

    def test_repr_names_the_families(self) -> None:
        assert all(name in repr(RULES) for name, _ in FAMILIES)


class TestClasses:
    @pytest.mark.parametrize(("name", "cls_name"), FAMILIES)
    def test_class_is_an_attribute(self, name: str, cls_name: str) -> None:
        found = getattr(credguard.rules, cls_name)
        assert found is RULES[name]
        assert vars(credguard.rules)[cls_name] is found  # kept after the first access

    def test_all_resolves_and_is_listed_by_dir(self) -> None:
        assert set(credguard.rules.__all__) <= set(dir(credguard.rules))
        for name in credguard.rules.__all__:
            assert getattr(credguard.rules, name) is not None
        assert {cls_name for _, cls_name in FAMILIES} | {"RULES", "Rule"} == set(
            credguard.rules.__all__
        )

    def test_star_import(self) -> None:
        namespace: dict[str, object] = {}
        exec("from credguard.rules import *", namespace)  # noqa: S102
        assert namespace["LengthRule"] is RULES["length"]

    def test_family_modules_still_import(self) -> None:
        from credguard.rules import blocklist, length

        assert length.LengthRule is RULES["length"]
        assert blocklist.BlocklistRule is RULES["blocklist"]

    @pytest.mark.parametrize("name", ["NoSuchRule", "lengthrule", "_FAMILIES_"])
    def test_unknown_attribute(self, name: str) -> None:
        message = f"^module 'credguard.rules' has no attribute '{name}'$"
        with pytest.raises(AttributeError, match=message):
            getattr(credguard.rules, name)
