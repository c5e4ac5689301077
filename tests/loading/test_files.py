"""Reading policy text: files, presets, size caps, UTF-8 and TOML errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import credguard
from credguard import PolicyError
from credguard._loading import MAX_POLICY_BYTES, read_document
from tests.helpers import error_of


class TestReading:
    def test_invalid_toml_has_its_line(self) -> None:
        error = error_of('[policy]\nname = "x"\nbroken =\n')
        assert error.line == 3
        assert error.problem.startswith("invalid TOML")

    def test_deep_nesting_is_a_policy_error(self) -> None:
        error = error_of("a = " + "[" * 100_000)
        assert "invalid TOML" in error.problem

    def test_size_cap_before_parsing(self) -> None:
        error = error_of("#" * (MAX_POLICY_BYTES + 1))
        assert "larger than" in error.problem

    def test_size_cap_counts_bytes(self) -> None:
        # Under the cap in code points, over it in UTF-8 bytes.
        error = error_of("#" + "あ" * (MAX_POLICY_BYTES // 3 + 1))
        assert "larger than" in error.problem

    def test_file_too_large_is_refused_before_reading(self, tmp_path: Path) -> None:
        path = tmp_path / "big.toml"
        path.write_bytes(b"#" * (MAX_POLICY_BYTES + 1))
        with pytest.raises(PolicyError, match="larger than"):
            credguard.load_policy(path)

    def test_invalid_utf8_names_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_bytes(b'[policy]\nname = "\xff"\n')
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(path)
        assert info.value.line == 2

    def test_byte_order_mark_is_accepted(self, tmp_path: Path) -> None:
        path = tmp_path / "bom.toml"
        body = '[policy]\nname = "bom"\n\n[rules.length]\nmin = 9\nmax = "x"\n'
        path.write_bytes(b"\xef\xbb\xbf" + body.replace('max = "x"\n', "").encode())
        policy = credguard.load_policy(path)
        assert policy.name == "bom"
        assert {f.severity for f in credguard.lint_policy(path)} == {"warning"}
        # Lines are still counted from the file's first line.
        path.write_bytes(b"\xef\xbb\xbf" + body.encode())
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(path)
        assert (info.value.line, info.value.key) == (6, "rules.length.max")

    def test_only_one_byte_order_mark(self, tmp_path: Path) -> None:
        path = tmp_path / "two.toml"
        path.write_bytes(b"\xef\xbb\xbf" * 2 + b"[rules.length]\nmin = 9\n")
        with pytest.raises(PolicyError, match="invalid TOML"):
            credguard.load_policy(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(PolicyError, match="cannot read"):
            credguard.load_policy(tmp_path / "missing.toml")

    def test_unknown_preset_suggests(self) -> None:
        with pytest.raises(credguard.UnknownPresetError) as info:
            credguard.load_policy("mizuh")
        assert "mizuho" in info.value.suggestions

    def test_path_object_and_string_path_load_alike(self, tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_text("[rules.length]\nmin = 9\n", "utf-8")
        assert credguard.load_policy(path) == credguard.load_policy(os.fspath(path))


class TestReadDocument:
    def test_one_file_without_its_parents(self, tmp_path: Path) -> None:
        path = tmp_path / "child.toml"
        path.write_text('[policy]\nextends = "moomoo"\n[rules.length]\nmin = 12\n', "utf-8")
        doc = read_document(path)
        assert (doc.file, doc.name, doc.base) == (str(path), "child", tmp_path)
        assert doc.data["rules"] == {"length": {"min": 12}}
        assert doc.index.line_of("rules.length.min") == 4

    def test_a_preset(self) -> None:
        doc = read_document("moomoo")
        assert (doc.file, doc.base) == ("<preset moomoo>", None)
