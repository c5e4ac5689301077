"""``credguard doctor`` and the start-up check for the unrelated ``credguard`` project.

A conflicting install is simulated the way pip leaves one: a
``credguard-9.9.dist-info`` folder (METADATA and RECORD) in a directory on
the Python path, beside a package whose files do not match our RECORD.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from importlib import metadata
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from credguard._cli._doctor import FIX, check_files, diagnose, foreign_distribution
from tests.helpers import ROOT, Cli

SRC = ROOT / "src"


def _fake_other_project(site: Path) -> Path:
    """What ``pip install credguard`` (the unrelated project) leaves in *site*."""
    info = site / "credguard-9.9.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: credguard\nVersion: 9.9\n", encoding="utf-8"
    )
    (info / "RECORD").write_text(
        "credguard/__init__.py,,\ncredguard/cli.py,,\ncredguard-9.9.dist-info/METADATA,,\n",
        encoding="utf-8",
    )
    return info


def _record_line(site: Path, name: str) -> str:
    digest = hashlib.sha256((site / name).read_bytes()).digest()
    encoded = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return f"{name},sha256={encoded},{(site / name).stat().st_size}"


def _fake_ours(site: Path, *, editable: bool = False) -> metadata.Distribution:
    """A wheel install of credguard-policy in *site*: package files and a RECORD."""
    package = site / "credguard"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("load_policy = None\n", encoding="utf-8")
    (package / "rules" / "__init__.py").write_text("", encoding="utf-8")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"ignored")
    info = site / "credguard_policy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: credguard-policy\nVersion: 1.0\n", encoding="utf-8"
    )
    names = [] if editable else ["credguard/__init__.py", "credguard/rules/__init__.py"]
    lines = [_record_line(site, name) for name in names]
    (info / "RECORD").write_text(
        "\n".join([*lines, "credguard_policy-1.0.dist-info/RECORD,,"]) + "\n", encoding="utf-8"
    )
    return metadata.PathDistribution(info)


class TestStartupCheck:
    def test_nothing_foreign_here(self) -> None:
        assert foreign_distribution() is None

    def test_finds_the_other_projects_metadata(self, tmp_path: Path) -> None:
        info = _fake_other_project(tmp_path)
        assert foreign_distribution([str(tmp_path / "missing"), str(tmp_path)]) == str(info)

    @pytest.mark.parametrize(
        "name",
        ["credguard.egg-info", "CredGuard-0.2.dist-info", "credguard-1.0.0.dist-info"],
    )
    def test_every_metadata_form(self, tmp_path: Path, name: str) -> None:
        (tmp_path / name).mkdir()
        assert foreign_distribution([str(tmp_path)]) == str(tmp_path / name)

    @pytest.mark.parametrize(
        "name", ["credguard_policy-0.1.0.dist-info", "credguard", "credguard-extra-1.0.dist-info"]
    )
    def test_ours_and_others_are_not_foreign(self, tmp_path: Path, name: str) -> None:
        (tmp_path / name).mkdir()
        assert foreign_distribution([str(tmp_path)]) is None

    def test_every_command_refuses_in_one_line(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _fake_other_project(tmp_path)
        monkeypatch.syspath_prepend(str(tmp_path))
        run = cli(["presets"])
        assert run.code == 2
        assert run.out == ""
        assert run.err.count("\n") == 1
        assert "unrelated PyPI project 'credguard'" in run.err
        assert run.err.rstrip().endswith(f"fix: {FIX}")


class TestDoctor:
    def test_healthy_installation(self, cli: Cli) -> None:
        run = cli(["doctor"])
        assert run.code == 0, run.out
        assert run.out.endswith("no problem found\n")
        names = [line.split()[1] for line in run.out.splitlines()[:-1]]
        assert names[:2] == ["version", "conflict"]
        assert {"argon2", "data"} <= set(names)
        assert "error" not in run.out

    def test_json(self, cli: Cli) -> None:
        run = cli(["doctor", "--format", "json"])
        checks = json.loads(run.out)
        assert {c["check"] for c in checks} >= {"version", "conflict", "argon2", "data"}
        assert {c["status"] for c in checks} <= {"ok", "info", "warning"}
        assert {"extra fast", "extra django", "extra pydantic"} <= {c["check"] for c in checks}

    def test_reports_the_other_project(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _fake_other_project(tmp_path)
        monkeypatch.syspath_prepend(str(tmp_path))
        run = cli(["doctor"])
        assert run.code == 1
        [line] = [line for line in run.out.splitlines() if line.startswith("error")]
        assert "'credguard' 9.9" in line
        assert line.endswith(f"fix: {FIX}")
        assert run.out.endswith("1 problem(s) found\n")

    def test_version_mismatch(self, tmp_path: Path) -> None:
        dist = _fake_ours(tmp_path)
        checks = {check.name: check for check in diagnose(lambda: dist)}
        assert checks["version"].status == "error"
        assert "credguard-policy 1.0 is installed but the code is" in checks["version"].detail
        # The fake is not where this credguard is imported from.
        assert checks["files"].status == "error"
        assert "is imported from" in checks["files"].detail

    def test_not_installed(self) -> None:
        checks = {check.name: check for check in diagnose(lambda: None)}
        assert checks["version"].status == "warning"
        assert "runs from source" in checks["version"].detail
        assert "files" not in checks


class TestFiles:
    def test_every_file_is_ours(self, tmp_path: Path) -> None:
        check = check_files(_fake_ours(tmp_path), tmp_path / "credguard")
        assert check.status == "ok"
        assert "all 2 files" in check.detail

    def test_overwritten_file(self, tmp_path: Path) -> None:
        dist = _fake_ours(tmp_path)
        (tmp_path / "credguard" / "__init__.py").write_text("# theirs\n", encoding="utf-8")
        check = check_files(dist, tmp_path / "credguard")
        assert check.status == "error"
        assert "1 changed or missing (credguard/__init__.py)" in check.detail
        assert check.detail.endswith(f"fix: {FIX}")

    def test_missing_file(self, tmp_path: Path) -> None:
        dist = _fake_ours(tmp_path)
        (tmp_path / "credguard" / "rules" / "__init__.py").unlink()
        check = check_files(dist, tmp_path / "credguard")
        assert "1 changed or missing (credguard/rules/__init__.py)" in check.detail

    def test_foreign_files(self, tmp_path: Path) -> None:
        dist = _fake_ours(tmp_path)
        for name in ("cli.py", "utils.py", "api.py", "core.py"):
            (tmp_path / "credguard" / name).write_text("", encoding="utf-8")
        check = check_files(dist, tmp_path / "credguard")
        assert check.status == "error"
        assert "4 not installed by credguard-policy (credguard/api.py, credguard/cli.py," in (
            check.detail
        )
        assert "…" in check.detail

    def test_editable_install(self, tmp_path: Path) -> None:
        check = check_files(_fake_ours(tmp_path, editable=True), tmp_path / "credguard")
        assert check.status == "info"
        assert "editable install" in check.detail


@pytest.mark.slow
class TestProcesses:
    def test_module_form_refuses(self, tmp_path: Path) -> None:
        site = tmp_path / "site"
        _fake_other_project(site)
        process = subprocess.run(
            [sys.executable, "-m", "credguard", "presets"],
            capture_output=True,
            env={"PYTHONPATH": f"{SRC}{os.pathsep}{site}", "PATH": os.defpath},
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert process.returncode == 2
        assert process.stdout == b""
        [line] = process.stderr.decode().splitlines()
        assert line.startswith("credguard: error: the unrelated PyPI project 'credguard'")
        assert line.endswith(FIX)

    @pytest.mark.parametrize("name", ["credguard", "credguard-policy"])
    def test_both_console_scripts(self, name: str) -> None:
        if not entry_points(group="console_scripts", name="credguard"):
            pytest.skip("credguard is not installed for this interpreter: pip install -e .")
        assert entry_points(group="console_scripts", name=name), (
            f"no {name} command: reinstall (pip install -e .) after pyproject.toml changed"
        )
        script = Path(sysconfig.get_path("scripts")) / name
        process = subprocess.run([script, "doctor"], capture_output=True, timeout=120, check=False)
        assert process.returncode == 0, process.stdout
        assert process.stdout.decode().endswith("no problem found\n")
