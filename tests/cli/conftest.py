"""The ``cli`` fixture of the command-line tests: ``main(argv)`` in this process."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

import pytest

from credguard._cli import main
from tests.helpers import Cli, Run


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``main(argv)`` with *stdin* bytes; return status, stdout and stderr."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def run(argv: Sequence[str], stdin: bytes = b"") -> Run:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(argv))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run
