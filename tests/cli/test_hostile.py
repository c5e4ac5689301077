"""The command line against hostile files and broken outputs: one line on stderr, exit 2.

Context files that once raised ``TypeError`` or ``ValueError``, a FIFO
named by ``--context`` or ``--policy``, and an output that cannot be
written (a full disk, a closed stdout) each end in one clear line, never
"internal error" or a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import CANARY, ROOT, Cli, within, write

HUGE = "9" * 5000


class TestContextFile:
    @pytest.mark.parametrize(
        ("name", "content", "expected"),
        [
            ("c.json", '{"_derived": "%s"}', "c.json: _derived: unknown field"),
            ("c.toml", '_derived = "%s"\n', "c.toml: _derived: unknown field"),
            ("c.json", '{"username": "%s", "phone": ' + HUGE + "}", "c.json: invalid JSON"),
            ("c.toml", 'username = "%s"\nphone = ' + HUGE + "\n", "c.toml: invalid TOML"),
        ],
    )
    def test_refused_in_one_line(
        self, cli: Cli, tmp_path: Path, name: str, content: str, expected: str
    ) -> None:
        path = write(tmp_path / name, content % CANARY)
        run = cli(["check", "--context", str(path)], stdin=b"abc\n")
        assert run.code == 2
        assert run.err.count("\n") == 1
        assert expected in run.err
        assert "internal error" not in run.err
        assert CANARY not in run.err + run.out

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
    @pytest.mark.parametrize("option", ["--context", "--policy"])
    def test_a_fifo_is_refused_without_blocking(
        self, cli: Cli, tmp_path: Path, option: str
    ) -> None:
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        run = within(20, lambda: cli(["check", option, str(fifo)], stdin=b"abc\n"))
        assert run.code == 2
        assert "not a regular file (a FIFO)" in run.err
        assert run.err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full and a POSIX shell")
@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        (">/dev/full", "cannot write the output (No space left on device)"),
        (">&-", "standard output is closed"),
    ],
    ids=["full disk", "closed stdout"],
)
def test_an_unwritable_stdout_is_one_line_and_exit_2(redirect: str, message: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.run(
        ["sh", "-c", f"exec {sys.executable} -m credguard show recommended {redirect}"],
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        check=False,
    )
    assert process.returncode == 2
    assert process.stderr == f"credguard: error: {message}\n".encode()
