"""Resolving extends: parents, relative files, cycles, depth, provenance of errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import credguard
from credguard import PolicyError, parse_policy
from credguard._loading import MAX_EXTENDS_DEPTH
from credguard.rules import LengthRule
from tests.helpers import error_of


class TestExtends:
    def test_extends_a_preset(self) -> None:
        policy = parse_policy(
            '[policy]\nname = "mine"\nextends = "moomoo"\n[rules.length]\nmin = 12\n'
        )
        assert policy.meta.extends == ("moomoo",)
        assert policy.rules[0] == LengthRule(min=12, max=20)
        assert policy.lockout.max_failures == 10
        # The quote was about 8-20; the child's table brings no provenance, so
        # the inherited one stays, marked with its origin.
        assert policy.provenance_of("length").origin == "moomoo"

    def test_extends_a_relative_file(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmin = 10\nmax = 30\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n[rules.length]\nmax = 12\n', "utf-8")
        policy = credguard.load_policy(child)
        assert policy.rules[0] == LengthRule(min=10, max=12)

    def test_error_after_merge_points_at_the_child(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmin = 10\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n\n[rules.length]\nmax = 6\n', "utf-8")
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(child)
        assert info.value.file == str(child)
        assert (info.value.line, info.value.key) == (5, "rules.length.max")

    def test_error_in_parent_names_the_parent(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmni = 10\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n', "utf-8")
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(child)
        assert info.value.line == 2
        assert "base.toml" in str(info.value)

    def test_cycle(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text('[policy]\nextends = "b.toml"\n', "utf-8")
        (tmp_path / "b.toml").write_text('[policy]\nextends = "a.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="extends cycle") as info:
            credguard.load_policy(tmp_path / "a.toml")
        assert info.value.key == "policy.extends"

    def test_self_cycle(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text('[policy]\nextends = "./a.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="extends cycle"):
            credguard.load_policy(tmp_path / "a.toml")

    def test_depth_cap(self, tmp_path: Path) -> None:
        for i in range(MAX_EXTENDS_DEPTH + 2):
            (tmp_path / f"p{i}.toml").write_text(f'[policy]\nextends = "p{i + 1}.toml"\n', "utf-8")
        (tmp_path / f"p{MAX_EXTENDS_DEPTH + 2}.toml").write_text("", "utf-8")
        with pytest.raises(PolicyError, match="longer than"):
            credguard.load_policy(tmp_path / "p0.toml")

    def test_unknown_preset_in_extends(self) -> None:
        error = error_of('[policy]\nextends = "recomended"\n')
        assert "did you mean 'recommended'" in error.problem
        assert error.line == 2

    def test_missing_parent_file(self, tmp_path: Path) -> None:
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "nope.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="cannot extend"):
            credguard.load_policy(child)
