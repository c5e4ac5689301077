"""Every error in one form: ``credguard: error: …``, one line, in the chosen language (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from credguard._cli._term import escape
from credguard._cli._usage import usage_error
from tests.helpers import Cli, write


class TestOneForm:
    def test_unknown_preset_names_the_command_not_the_python_call(self, cli: Cli) -> None:
        run = cli(["show", "kabucm"])
        assert run.code == 2
        assert run.err == (
            "credguard: error: unknown preset 'kabucm'; did you mean 'kabucom'?"
            " (see credguard presets)\n"
        )
        assert "list_presets" not in cli(["check", "--policy", "zzz"]).err
        ja = cli(["show", "kabucm", "--lang", "ja"])
        assert ja.err.startswith("credguard: エラー: プリセット 'kabucm' はありません")

    def test_extends_errors_show_paths_as_typed(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "a.toml", '[policy]\nextends = "b.toml"\n')
        write(tmp_path / "b.toml", '[policy]\nextends = "a.toml"\n')
        write(tmp_path / "c.toml", '[policy]\nextends = "nope.toml"\n')
        cycle = cli(["show", "a.toml"])
        assert cycle.code == 2
        assert "extends cycle: a.toml -> b.toml -> a.toml" in cycle.err
        missing = cli(["show", "c.toml"])
        assert missing.err.startswith("credguard: error: c.toml:2: policy.extends: cannot extend")
        assert str(tmp_path) not in cycle.err + missing.err

    def test_unknown_argparse_message_stays_english(self) -> None:
        line = usage_error("something new", "check", "ja")
        assert line == "credguard: エラー: something new（credguard check --help を参照）"

    def test_usage_error_is_one_line(self) -> None:
        assert "\n" not in usage_error("argument x: one\ntwo", "", "en")


class TestEscape:
    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            ("plain 日本語", "plain 日本語"),
            ("a\x1b[2Jb", "a\\x1b[2Jb"),
            ("tab\there", "tab\\x09here"),
            ("rtl\u202eevil", "rtl\\u202eevil"),
            ("nl\n", "nl\\x0a"),
            ("\x9b", "\\x9b"),
        ],
    )
    def test_escape(self, value: str, shown: str) -> None:
        assert escape(value) == shown

    def test_policy_names_and_values_are_escaped_everywhere(self, cli: Cli, tmp_path: Path) -> None:
        path = write(
            tmp_path / "evil.toml",
            '[policy]\nname = "x\\u001b]0;pwned\\u0007y"\n[rules.length]\nmin = 4\n',
        )
        for argv in (
            ["show", str(path)],
            ["lint", str(path)],
            ["diff", str(path), "recommended"],
            ["check", "--policy", str(path)],
        ):
            run = cli(argv, stdin=b"abcdef\n")
            assert "\x1b" not in run.out + run.err, argv
            assert "\x07" not in run.out + run.err, argv
