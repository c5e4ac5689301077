"""Bundled presets from their built form: the same policy as the loader's, without it.

``load_policy(name)`` reads ``presets/built/<name>.json``
(:mod:`credguard._loading.bundled`); :func:`~credguard._loading.build_preset`
is the definition, the full loader run on the TOML.  Every preset is
compared both ways: equality, ``repr``, pickling, the description, and the
verdicts on any password.
"""

from __future__ import annotations

import functools
import json
import pickle
import pkgutil
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credguard
from credguard import Policy
from credguard._loading import build_preset, load_policy
from credguard._loading.bundled import decode, load_built

PRESETS = credguard.list_presets()
_PAIRS: dict[str, tuple[Policy, Policy]] = {}


def _pair(name: str) -> tuple[Policy, Policy]:
    """(built form, loader) of the preset *name*, made once per test run."""
    if name not in _PAIRS:
        built = load_built(name)
        assert built is not None, name
        _PAIRS[name] = (built, build_preset(name))
    return _PAIRS[name]


@pytest.mark.parametrize("name", PRESETS)
class TestSamePolicy:
    def test_every_preset_has_a_built_form(self, name: str) -> None:
        assert isinstance(load_built(name), Policy)

    def test_equal_with_the_same_repr(self, name: str) -> None:
        built, loaded = _pair(name)
        assert built == loaded
        assert repr(built) == repr(loaded)
        for kind in credguard.KINDS:
            assert built.rules_for(kind) == loaded.rules_for(kind)
            for rule in built.rules_for(kind):
                assert built.provenance_of(rule.NAME, kind) == loaded.provenance_of(rule.NAME, kind)

    def test_described_alike(self, name: str) -> None:
        built, loaded = _pair(name)
        for lang in credguard.LANGS:
            described = credguard.describe_policy(built).render(lang)
            assert described == credguard.describe_policy(loaded).render(lang)

    def test_load_policy_pickles_as_before(self, name: str) -> None:
        # A loaded preset pickles as the call that loaded it, as the TOML
        # path recorded it (advice included), and comes back equal.
        policy = load_policy(name)
        data = pickle.dumps(policy)
        assert pickle.loads(data) == policy == _pair(name)[1]  # noqa: S301 - our own bytes
        source, arguments = policy.__reduce__()
        assert isinstance(source, functools.partial)
        assert (source.func, source.args, source.keywords) == (
            load_policy,
            (name,),
            {"advice": "error"},
        )
        assert arguments == ()


class TestSameVerdicts:
    @settings(max_examples=60, deadline=None)
    @given(
        name=st.sampled_from(PRESETS),
        kind=st.sampled_from(credguard.KINDS),
        password=st.text(max_size=40) | st.sampled_from(["password1", "Tr0ub4dor&3x", "1234"]),
    )
    def test_fast_path_equals_the_loader(self, name: str, kind: str, password: str) -> None:
        built, loaded = _pair(name)
        assert built.check(password, kind=kind) == loaded.check(password, kind=kind)


class TestSharing:
    def test_objects_repeated_across_kinds_are_made_once(self) -> None:
        built, loaded = _pair("recommended")
        login = {rule.NAME: rule for rule in built.rules_for("login")}
        trade = {rule.NAME: rule for rule in built.rules_for("trade")}
        assert trade["keyboard"] is login["keyboard"]
        # The loader builds each kind's own; equal all the same.
        loader_trade = {rule.NAME: rule for rule in loaded.rules_for("trade")}
        assert loader_trade["keyboard"] == trade["keyboard"]


class TestWhatTakesTheLongWay:
    @pytest.mark.parametrize(
        "name", ["", "../recommended", "recommended.toml", "presets/recommended", "-x", "no-such"]
    )
    def test_no_built_form(self, name: str) -> None:
        assert load_built(name) is None

    def test_an_unknown_name_is_still_an_unknown_preset(self) -> None:
        with pytest.raises(credguard.UnknownPresetError, match="recommended"):
            load_policy("recomended")

    def test_advice_warn_reads_the_toml(self) -> None:
        warned = load_policy("moomoo", advice="warn")
        assert warned == build_preset("moomoo", advice="warn")
        assert warned != load_policy("moomoo")

    def test_a_built_file_of_another_format_is_not_read(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = pkgutil.get_data

        def older(package: str, resource: str) -> bytes | None:
            data = json.loads(real(package, resource) or b"{}")
            return json.dumps({**data, "format": 0}).encode()

        monkeypatch.setattr(pkgutil, "get_data", older)
        assert load_built("nist-800-63b") is None
        assert load_policy("nist-800-63b") == build_preset("nist-800-63b")


class TestDecode:
    @pytest.mark.parametrize(
        "value",
        [
            {"@class": "os:system", "args": {}},
            {"@class": "credguard._policy:Policy.__init__", "args": {}},
            {"@class": "credguard._policy:KINDS", "args": {}},
            {"min": 3},
        ],
    )
    def test_refused(self, value: Any) -> None:
        with pytest.raises(ValueError, match=r"credguard class|not a class|untagged"):
            decode({"shared": [], "policy": value})

    def test_values(self) -> None:
        data = {
            "shared": [{"@set": ["a", "b"]}],
            "policy": {"@map": {"x": [1, [2]], "y": {"@ref": 0}, "z": None}},
        }
        assert decode(data) == {"x": (1, (2,)), "y": frozenset({"a", "b"}), "z": None}
