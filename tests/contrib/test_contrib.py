from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT


class TestOptionalDependencies:
    @pytest.mark.parametrize(
        "module", ["credguard", "credguard.contrib", "credguard.contrib.history"]
    )
    @pytest.mark.slow
    def test_importing_does_not_import_a_framework(self, module: str) -> None:
        # A fresh interpreter: this test process has imported Django already.
        code = (
            f"import sys, {module}\n"
            "roots = {name.split('.')[0] for name in sys.modules}\n"
            "loaded = sorted(roots & {'django', 'pydantic'})\n"
            "assert not loaded, loaded\n"
            "print('clean')\n"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        completed = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout == "clean\n"
