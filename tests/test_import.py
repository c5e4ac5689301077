"""``import credguard`` stays light: heavy libraries and word lists load on first use.

Checked in a fresh interpreter (this process has long imported everything):
``sys.modules`` after the import, and every file opened during it, seen
through an audit hook.  This is a behaviour test, not a timing one; the
import time itself is measured by ``benchmarks/run.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import credguard

SRC = Path(credguard.__file__).resolve().parent.parent
PACKAGE = SRC / "credguard"

#: Libraries (and the top-level modules they bring) only the code that needs
#: them may import, on first use.
HEAVY = {"zxcvbn": ("zxcvbn",), "argon2": ("argon2", "_argon2_cffi_bindings", "cffi")}
LIBRARIES = ["zxcvbn", "argon2"]

_PROBE = """
import json, sys
opened = []

def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append(args[0])

sys.addaudithook(hook)
import credguard
{after}
print(json.dumps({{"modules": sorted(sys.modules), "opened": opened,
                   "file": credguard.__file__}}))
"""


def _probe(after: str = "") -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(after=after)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    assert Path(data["file"]).resolve().parent == PACKAGE  # the tree under test
    return data


def _loaded(library: str, modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY[library]]


def _data_files(opened: list[str]) -> list[str]:
    """Files of the package read during the import other than its code."""
    inside = [Path(p).resolve() for p in opened if Path(p).resolve().is_relative_to(PACKAGE)]
    code = [p for p in inside if p.suffix in (".py", ".pyc")]
    assert code, "the audit hook saw no credguard module being read"
    return [str(p.relative_to(PACKAGE)) for p in inside if p.suffix not in (".py", ".pyc")]


class TestImport:
    @pytest.mark.parametrize("library", LIBRARIES)
    def test_import_loads_no_heavy_library(self, library: str) -> None:
        assert _loaded(library, _probe()["modules"]) == []

    def test_import_reads_no_word_list_or_preset(self) -> None:
        assert _data_files(_probe()["opened"]) == []

    @pytest.mark.parametrize("library", LIBRARIES)
    def test_listing_presets_loads_no_heavy_library(self, library: str) -> None:
        data = _probe("credguard.list_presets()")
        assert _loaded(library, data["modules"]) == []

    def test_loading_every_preset_reads_only_presets(self) -> None:
        # Rules load their word lists and zxcvbn at their first check, not
        # when a policy is built.
        data = _probe("for name in credguard.list_presets(): credguard.load_policy(name)")
        assert _loaded("zxcvbn", data["modules"]) == []
        read = _data_files(data["opened"])
        assert read
        assert all(path.startswith("presets/") and path.endswith(".toml") for path in read), read

    def test_the_probe_sees_a_heavy_import(self) -> None:
        data = _probe("import zxcvbn")
        assert "zxcvbn" in _loaded("zxcvbn", data["modules"])
