"""The one lazy idiom (``credguard._lazy``): names imported on first access, then kept."""

from __future__ import annotations

import importlib
import types

import pytest

import credguard
import credguard._loading
from credguard._lazy import lazy_names, name_table

#: The packages that resolve names lazily.
PACKAGES = [credguard, credguard._loading]


def test_name_table() -> None:
    assert name_table({".a": "X y", ".b": "z"}) == {"X": ".a", "y": ".a", "z": ".b"}


def test_a_name_is_imported_once_and_kept() -> None:
    namespace: dict[str, object] = {"__name__": "credguard"}
    getattr_, dir_ = lazy_names(namespace, {"KINDS": "._context"}, ["KINDS", "other"])
    assert getattr_("KINDS") == ("login", "trade", "withdrawal")
    assert namespace["KINDS"] is importlib.import_module("credguard._context").KINDS
    assert dir_() == ["KINDS", "__name__", "other"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    getattr_, _ = lazy_names({"__name__": "credguard"}, {}, [])
    with pytest.raises(AttributeError, match=r"^module 'credguard' has no attribute 'nope'$"):
        getattr_("nope")


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_public_name_resolves(package: types.ModuleType) -> None:
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert missing == []
    assert set(package.__all__) <= set(dir(package))
