"""The command line as a process: console script, module form, locales, terminals, memory.

The module form runs ``python -m credguard`` on this checkout (``PYTHONPATH``
points at ``src``); the console script is the one installed for the interpreter
running the tests (not whatever ``credguard`` is first on ``PATH``), and must
import this checkout (installed editable, as the README says).
"""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import sysconfig
import time
from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import ClassVar

import pytest

from tests.helpers import CANARY, ROOT

pytestmark = pytest.mark.slow

SRC = ROOT / "src"
TIMEOUT = 120
#: What invalid UTF-8 is told (issue 20).
HINT = " (if the file is Shift_JIS, try --encoding cp932)"


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    for name in ("NO_COLOR", "FORCE_COLOR", "PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL"):
        env.pop(name, None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def credguard(
    args: Sequence[str], stdin: bytes = b"", env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m credguard`` from this checkout."""
    return subprocess.run(
        [sys.executable, "-m", "credguard", *args],
        input=stdin,
        capture_output=True,
        env=dict(env) if env is not None else _env(),
        timeout=TIMEOUT,
        check=False,
    )


def on_terminal(
    args: Sequence[str], *, stdout_tty: bool, stderr_tty: bool, stdin: bytes = b"", **env: str
) -> tuple[int, str, str]:
    """Run with stdout and/or stderr on a pseudo-terminal; return status and both texts."""
    master, slave = pty.openpty()
    files: dict[str, int] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if stdout_tty:
        files["stdout"] = slave
    if stderr_tty:
        files["stderr"] = slave
    with subprocess.Popen(
        [sys.executable, "-m", "credguard", *args],
        stdin=subprocess.PIPE,
        stdout=files["stdout"],
        stderr=files["stderr"],
        env=_env(**env),
    ) as process:
        os.close(slave)
        out, err = process.communicate(stdin, timeout=TIMEOUT)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the terminal's last writer is gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    terminal = b"".join(chunks).decode().replace("\r\n", "\n")
    return (
        process.returncode,
        terminal if stdout_tty else out.decode(),
        terminal if stderr_tty else err.decode(),
    )


PASSWORDS = b"abc\nVq7!mTz4Lp9#wKe2\nzaq12wsx\n"


class TestModuleForm:
    @pytest.mark.parametrize(
        ("stdin", "code"), [(b"Vq7!mTz4Lp9#wKe2\n", 0), (PASSWORDS, 1), (b"\xff\n", 2)]
    )
    def test_exit_status(self, stdin: bytes, code: int) -> None:
        process = credguard(["check"], stdin)
        assert process.returncode == code
        assert b"Traceback" not in process.stderr

    def test_json(self) -> None:
        process = credguard(["check", "--format", "json", "--lang", "ja"], PASSWORDS)
        document = json.loads(process.stdout)
        assert document["summary"] == {"checked": 3, "passed": 1, "failed": 2}
        assert document["results"][0]["violations"][0]["message"].startswith("パスワードは")

    def test_canary_in_invalid_utf8_line(self) -> None:
        stdin = b"abc\n" + CANARY.encode() + b"\xc0\xaf" + CANARY.encode() + b"\n"
        process = credguard(["check", "--jobs", "2"], stdin)
        assert process.returncode == 2
        assert (
            process.stderr == b"credguard: error: <stdin>:2: invalid UTF-8" + HINT.encode() + b"\n"
        )
        assert CANARY.encode() not in process.stdout

    def test_presets(self) -> None:
        process = credguard(["presets"])
        assert process.returncode == 0
        assert b"recommended" in process.stdout

    def test_broken_pipe_is_quiet(self, tmp_path: Path) -> None:
        path = tmp_path / "many.txt"
        path.write_bytes(b"abc\n" * 200_000)
        with subprocess.Popen(
            [sys.executable, "-m", "credguard", "check", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        ) as process:
            assert process.stdout is not None
            assert process.stderr is not None
            first = process.stdout.readline()
            process.stdout.close()  # like `| head -n 1`
            err = process.stderr.read()
            process.wait(timeout=TIMEOUT)
        assert first.split() == [b"line", b"1", b"rejected"]
        assert err == b""
        assert process.returncode == 141

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_ctrl_c_stops_cleanly(self, tmp_path: Path, jobs: str) -> None:
        path = tmp_path / "many.txt"
        # Distinct lines: identical ones are checked once a run, and
        # 2,000,000 copies of one line would be done before the interrupt.
        path.write_text("".join(f"Correct-Horse-{n}x\n" for n in range(1_000_000)))
        with subprocess.Popen(
            [sys.executable, "-m", "credguard", "check", "--jobs", jobs, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(),
            start_new_session=True,  # its own process group, as a shell gives a job
            # A job a shell starts in the background inherits SIGINT ignored,
            # and Python then keeps it ignored: give the child Ctrl-C back, as
            # a foreground job has it, whatever started this test run.
            preexec_fn=_default_sigint,
        ) as process:
            time.sleep(2)
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends
            _, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 130
        assert err.decode().strip() == "credguard: error: interrupted"


class TestConsoleScript:
    #: Put first on the script's path: reports which credguard it imported.
    REPORTER = (
        "import atexit, os, sys\n"
        "def report():\n"
        "    with open(os.environ['CREDGUARD_TEST_REPORT'], 'w', encoding='utf-8') as f:\n"
        "        f.write(sys.modules['credguard'].__file__)\n"
        "atexit.register(report)\n"
    )

    def test_installed_script_runs(self, tmp_path: Path) -> None:
        if not entry_points(group="console_scripts", name="credguard"):
            pytest.skip(
                "credguard is not installed for this interpreter: pip install -e . --group test"
            )
        # The script of this interpreter's environment, wherever PATH points.
        script = Path(sysconfig.get_path("scripts")) / "credguard"
        assert script.is_file(), f"credguard is installed but its console script {script} is not"
        (tmp_path / "sitecustomize.py").write_text(self.REPORTER, encoding="utf-8")
        report = tmp_path / "imported.txt"
        process = subprocess.run(
            [script, "check", "--format", "jsonl"],
            input=CANARY.encode() + b"\nabc\n",
            capture_output=True,
            env=_env(PYTHONPATH=str(tmp_path), CREDGUARD_TEST_REPORT=str(report)),
            cwd=tmp_path,
            timeout=TIMEOUT,
            check=False,
        )
        assert process.returncode == 1
        results = [json.loads(line) for line in process.stdout.splitlines()]
        assert [r["line"] for r in results] == [1, 2]
        assert results[1]["violations"][0]["code"] == "length.too_short"
        assert CANARY.encode() not in process.stdout + process.stderr
        # An install of another checkout (or release) would pass the checks above.
        imported = Path(report.read_text(encoding="utf-8")).resolve()
        assert imported == (SRC / "credguard" / "__init__.py").resolve()


class TestLocaleC:
    """``LC_ALL=C``: with Python's UTF-8 mode, and with a plain ASCII stream."""

    ASCII: ClassVar[dict[str, str]] = {
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
    }

    @pytest.mark.parametrize("env", [{"LC_ALL": "C"}, ASCII], ids=["utf8-mode", "ascii"])
    def test_japanese_text_does_not_crash(self, env: dict[str, str]) -> None:
        process = credguard(["check", "--lang", "ja"], PASSWORDS, env=_env(**env))
        assert process.returncode == 1
        assert process.stderr == b""
        out = process.stdout.decode("ascii", "backslashreplace")
        assert "3" in out.splitlines()[-1]

    def test_ascii_stream_escapes_japanese(self) -> None:
        process = credguard(["check", "--lang", "ja"], PASSWORDS, env=_env(**self.ASCII))
        assert process.stdout.isascii()
        assert "\\u4e0d\\u5408\\u683c" in process.stdout.decode()  # 不合格

    def test_ascii_json_stays_valid(self) -> None:
        process = credguard(
            ["check", "--lang", "ja", "--format", "json"], PASSWORDS, env=_env(**self.ASCII)
        )
        assert process.stdout.isascii()
        document = json.loads(process.stdout)
        assert document["results"][0]["violations"][0]["message"].startswith("パスワードは")

    def test_japanese_error_on_ascii_stderr(self, tmp_path: Path) -> None:
        missing = tmp_path / "missing.txt"
        process = credguard(["check", "--lang", "ja", str(missing)], env=_env(**self.ASCII))
        assert process.returncode == 2
        assert process.stderr.isascii()
        assert b"Traceback" not in process.stderr
        assert process.stderr.startswith(b"credguard: \\u30a8\\u30e9\\u30fc: ")  # エラー

    def test_invalid_utf8_under_c_locale(self) -> None:
        stdin = CANARY.encode() + b"\xff\n"
        process = credguard(["check"], stdin, env=_env(**self.ASCII))
        assert process.returncode == 2
        assert (
            process.stderr == b"credguard: error: <stdin>:1: invalid UTF-8" + HINT.encode() + b"\n"
        )


class TestTerminal:
    def test_colour_on_a_terminal(self) -> None:
        code, out, _ = on_terminal(["check"], stdout_tty=True, stderr_tty=False, stdin=PASSWORDS)
        assert code == 1
        assert "\x1b[1;31mrejected\x1b[0m" in out
        assert "\x1b[32mok\x1b[0m" in out

    def test_no_color_on_a_terminal(self) -> None:
        _, out, _ = on_terminal(
            ["check"], stdout_tty=True, stderr_tty=False, stdin=PASSWORDS, NO_COLOR="1"
        )
        assert "rejected" in out
        assert "\x1b[" not in out

    def test_progress_only_on_a_terminal(self, tmp_path: Path) -> None:
        path = tmp_path / "many.txt"
        path.write_bytes(b"Vq7!mTz4Lp9#wKe2\n" * 3000)
        policy = tmp_path / "cheap.toml"
        policy.write_text("[rules.length]\nmin = 8\n", encoding="utf-8")
        code, out, err = on_terminal(
            ["check", "--policy", str(policy), str(path)], stdout_tty=False, stderr_tty=True
        )
        assert code == 0
        assert "lines checked" in err
        assert "lines checked" not in out
        plain = credguard(["check", "--policy", str(policy), str(path)])
        assert b"lines checked" not in plain.stderr
        assert plain.stderr == b""


MEASURE = """\
import resource, sys
from credguard._cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"{code} {peak * (1 if sys.platform == 'darwin' else 1024)}\\n")
"""


def peak_rss(args: Sequence[str]) -> int:
    """Peak resident memory, in bytes, of a process that runs ``main(args)``."""
    process = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        timeout=TIMEOUT * 3,
        check=True,
    )
    code, peak = process.stderr.decode().split()
    assert code == "1"
    return int(peak)


class TestBoundedMemory:
    """Ten times the lines must not mean more memory (the benchmark goes to 10 million)."""

    @pytest.fixture(scope="class")
    @classmethod
    def inputs(cls, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
        folder = tmp_path_factory.mktemp("memory")
        # A cheap policy: this measures the command line, not the rules.
        policy = folder / "cheap.toml"
        policy.write_text("[rules.length]\nmin = 8\n", encoding="utf-8")
        files = []
        for count in (20_000, 200_000):
            path = folder / f"{count}.txt"
            with path.open("w", encoding="utf-8") as stream:
                for i in range(count):
                    stream.write(f"pw{i}\n" if i % 3 else f"password-{i}\n")
            files.append(path)
        return policy, files[0], files[1]

    @pytest.mark.parametrize(("fmt", "jobs"), [("json", "1"), ("text", "1"), ("json", "2")])
    def test_peak_memory_is_flat(
        self, inputs: tuple[Path, Path, Path], fmt: str, jobs: str
    ) -> None:
        policy, small, large = inputs
        args = ["check", "--policy", str(policy), "--format", fmt, "--jobs", jobs]
        before = peak_rss([*args, str(small)])
        after = peak_rss([*args, str(large)])
        # Keeping the 180,000 extra results would cost well over 50 MB.
        assert after - before < 8 * 1024 * 1024, (before, after)


class TestColdStart:
    """A one-line ``credguard check`` imports what it needs, not the other commands'."""

    #: Modules of the other commands and of the TOML loader.
    UNUSED: ClassVar[tuple[str, ...]] = (
        "credguard._cli._doctor",
        "importlib.metadata",
        "credguard._cli._policy_cmds",
        "credguard._cli._audit_view",
        "credguard._tools.describe",
        "credguard._tools.lint",
        "credguard._loading.files",
        "tomllib",
    )

    def test_check_loads_no_other_commands_modules(self, tmp_path: Path) -> None:
        passwords = tmp_path / "passwords.txt"
        passwords.write_text(CANARY + "\n", encoding="utf-8")
        code = (
            "import sys, json; from credguard._cli import main; status = main(sys.argv[1:]);"
            " sys.stderr.write(json.dumps(sorted(sys.modules)))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, "check", "--policy", "recommended", str(passwords)],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        modules = json.loads(done.stderr)
        assert "credguard._cli._check_cmd" in modules  # the probe sees the command's imports
        assert sorted(set(modules).intersection(self.UNUSED)) == []
        assert CANARY not in done.stdout
