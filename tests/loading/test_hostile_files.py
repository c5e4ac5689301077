"""Policy files that once escaped as untyped errors or blocked the loader.

Every case must be a :class:`~credguard.PolicyError` naming the file (and
the line and key where one exists), and ``lint_policy`` must report it as a
finding instead of raising.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import credguard
from credguard import PolicyError, lint_policy, load_policy
from tests.helpers import within, write

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")

HUGE = "9" * 5000  # past Python's 4300-digit limit on int() of a string


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    return {"fifo": fifo, "directory": folder, "device": Path(os.devnull)}


class TestHugeInteger:
    def test_is_a_policy_error_naming_file_line_and_key(self, tmp_path: Path) -> None:
        path = write(tmp_path / "p.toml", f'[policy]\nname = "x"\n[rules.length]\nmin = {HUGE}\n')
        with pytest.raises(PolicyError, match="too many digits") as caught:
            load_policy(path)
        assert (caught.value.file, caught.value.line, caught.value.key) == (str(path), 4, "min")

    def test_in_a_parent_file(self, tmp_path: Path) -> None:
        write(tmp_path / "base.toml", f"[rules.length]\nmax = {HUGE}\n")
        path = write(tmp_path / "p.toml", '[policy]\nextends = "base.toml"\n')
        with pytest.raises(PolicyError, match="too many digits") as caught:
            load_policy(path)
        assert caught.value.file is not None
        assert caught.value.file.endswith("base.toml")

    def test_lint_reports_it(self, tmp_path: Path) -> None:
        path = write(tmp_path / "p.toml", f"[rules.length]\nmin = {HUGE}\n")
        (finding,) = lint_policy(path)
        assert finding.line == 2
        assert "too many digits" in finding.problem


class TestSymlinkLoop:
    def test_extends_through_a_loop_is_a_policy_error(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
        (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
        path = write(tmp_path / "p.toml", '[policy]\nextends = "a.toml"\n')
        with pytest.raises(PolicyError, match="cannot extend") as caught:
            load_policy(path)
        assert caught.value.key == "policy.extends"
        assert lint_policy(path)[0].key == "policy.extends"

    def test_loading_the_loop_itself(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
        (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
        with pytest.raises(PolicyError, match="cannot read"):
            load_policy(tmp_path / "a.toml")

    def test_parse_policy_named_after_the_loop(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
        (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
        policy = credguard.parse_policy("[rules.length]\nmin = 8\n", file=str(tmp_path / "a.toml"))
        assert policy.rules_for("login")


class TestNotARegularFile:
    @pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
    def test_policy_path(self, tmp_path: Path, kind: str) -> None:
        path = _special_files(tmp_path)[kind]
        with pytest.raises(PolicyError, match="not a regular file") as caught:
            within(20, lambda: load_policy(str(path) if kind != "device" else path))
        assert caught.value.file == str(path)

    @pytest.mark.parametrize("kind", ["fifo", "directory"])
    def test_extends(self, tmp_path: Path, kind: str) -> None:
        target = _special_files(tmp_path)[kind]
        path = write(tmp_path / "p.toml", f'[policy]\nextends = "{target.name}"\n')
        with pytest.raises(PolicyError, match="not a regular file") as caught:
            within(20, lambda: load_policy(path))
        assert caught.value.key == "policy.extends"

    def test_lint(self, tmp_path: Path) -> None:
        fifo = _special_files(tmp_path)["fifo"]
        (finding,) = within(20, lambda: lint_policy(fifo))
        assert "not a regular file (a FIFO)" in finding.problem

    def test_breach_file(self, tmp_path: Path) -> None:
        fifo = _special_files(tmp_path)["fifo"]
        path = write(tmp_path / "p.toml", f'[rules.breached]\nfile = "{fifo}"\nformat = "sha1"\n')
        with pytest.raises(PolicyError, match="not a regular file") as caught:
            within(20, lambda: load_policy(path))
        assert caught.value.key == "rules.breached.file"
