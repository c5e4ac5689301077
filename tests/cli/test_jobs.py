"""``check`` at scale (issue 18): each distinct line checked once per run, workers
fed batches of first occurrences, and the same bytes whatever ``--jobs`` is."""

from __future__ import annotations

import functools
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credguard import load_policy, parse_policy
from credguard._catalogue import LANGS
from credguard._cli import _jobs
from credguard._cli._check import Checker, CheckSpec, Seen
from credguard._cli._explain import explain as explained
from credguard._cli._formats import FORMATS, Outcome, Place, Renderer, RenderSpec
from credguard._cli._input import Line
from credguard._cli._jobs import outcomes
from credguard._messages import Lang
from tests.helpers import CANARY, ROOT, Cli, write

PASSWORDS = ("abc", "Tr0ub4dor&3 staple", "password1", CANARY, "ＱＺ" + CANARY, "x" * 80)


def spec(fmt: str = "jsonl", lang: str = "en", labels: tuple[str, ...] = ("<stdin>",)) -> CheckSpec:
    render = RenderSpec(fmt, lang, False, labels, "moomoo", "login", False)  # type: ignore[arg-type]
    return CheckSpec("moomoo", "login", lang, render)  # type: ignore[arg-type]


class TestSeen:
    def test_no_password_in_what_it_keeps(self) -> None:
        seen = Seen()
        checker = Checker(load_policy("moomoo"), spec())
        for password in PASSWORDS:
            seen.add(seen.key(password, None), checker.verdict(password))
            seen.add(seen.key(password, {"username": CANARY}), checker.verdict(password))
        kept = pickle.dumps(seen._map) + pickle.dumps(checker._shared)
        for form in ("utf-8", "utf-16-le", "utf-32-le"):
            assert CANARY.encode(form) not in kept
        assert CANARY not in repr(seen._map)

    def test_keys_are_the_runs_own(self) -> None:
        one, two = Seen(), Seen()
        assert one.key("password", None) == one.key("password", None)
        assert one.key("password", None) != two.key("password", None)
        assert len(one.key("password", None)) == 16

    def test_a_rows_context_is_part_of_the_key(self) -> None:
        seen = Seen()
        keys = {
            seen.key("taro_y123", None),
            seen.key("taro_y123", {}),
            seen.key("taro_y123", {"username": "taro_y"}),
            seen.key("taro_y123", {"username": "hanako"}),
            seen.key("taro_y123", {"names": ("taro_y",)}),
        }
        assert len(keys) == 5

    def test_bounded(self) -> None:
        seen = Seen(size=3)
        for i in range(10):
            seen.add(seen.key(str(i), None), (True, (), ""))
        assert len(seen) == 3
        assert seen.get(seen.key("9", None)) is None


class TestOnceARun:
    def test_identical_lines_checked_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        checker = Checker(load_policy("moomoo"), spec())
        calls: list[str] = []
        real = Checker.verdict

        def counted(self: Checker, password: str, row: None = None) -> Any:
            calls.append(password)
            return real(self, password, row)

        monkeypatch.setattr(Checker, "verdict", counted)
        passwords = [PASSWORDS[i % 3] for i in range(30)]
        lines = [Line("<stdin>", n, p) for n, p in enumerate(passwords, start=1)]
        found = list(outcomes(lines, checker, spec(), 1))
        assert len(calls) == 3
        assert [checked.ok for _, checked in found] == [
            load_policy("moomoo").check(p).ok for p in passwords
        ]
        assert [c.text for _, c in found] == [
            checker.check(Place("<stdin>", n), p).text for n, p in enumerate(passwords, 1)
        ]

    def test_rows_with_their_own_context_are_told_apart(self, cli: Cli, tmp_path: Path) -> None:
        rows = (
            "password,username\ntaro_y2024!Ab,taro_y\ntaro_y2024!Ab,hanako\ntaro_y2024!Ab,taro_y\n"
        )
        path = write(tmp_path / "rows.csv", rows)
        run = cli(["check", "--input-format", "csv", "--format", "jsonl", str(path)])
        results = run.jsonl()
        codes = [[v["code"] for v in r["violations"]] for r in results]
        assert "personal.username" in codes[0]
        assert "personal.username" not in codes[1]
        assert codes[2] == codes[0]


labels = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)


@functools.cache
def checked_outcomes(explain: bool) -> list[Outcome]:
    """A verdict for each of PASSWORDS under moomoo, as the checker renders it."""
    policy = load_policy("moomoo")
    found = []
    for password in PASSWORDS:
        result = policy.check(password)
        detail = explained(policy, password, result, None, "en") if explain else None
        found.append(Outcome(result.ok, result.codes, result.to_dict("en"), detail))
    return found


class TestHeadAndBody:
    """The fast path (one body per distinct line, a head per line) equals render()."""

    @settings(max_examples=300, deadline=None)
    @given(
        fmt=st.sampled_from(FORMATS),
        lang=st.sampled_from(LANGS),
        colour=st.booleans(),
        ascii_only=st.booleans(),
        files=st.lists(labels, min_size=1, max_size=3),
        pick=st.integers(0, 2),
        number=st.integers(1, 10**8),
        which=st.integers(0, len(PASSWORDS) - 1),
        explain=st.booleans(),
    )
    def test_head_plus_body_is_render(
        self,
        fmt: str,
        lang: Lang,
        colour: bool,
        ascii_only: bool,
        files: list[str],
        pick: int,
        number: int,
        which: int,
        explain: bool,
    ) -> None:
        render = RenderSpec(
            fmt,
            lang,
            colour,
            tuple(files),
            "moomoo",
            "login",
            ascii_only,
            explain,
        )
        renderer = Renderer(render)
        place = Place(files[pick % len(files)], number)
        outcome = checked_outcomes(explain)[which]
        assert renderer.head(place) + renderer.body(outcome) == renderer.render(place, outcome)


# Runs `credguard` with the parallel path forced on small inputs: workers from
# the fourth line, batches of three lines, and a count of the batches sent.
FORCED = """
import sys
from concurrent.futures import ProcessPoolExecutor
from credguard._cli import _jobs, main

_jobs.PROBE_LINES = 4
_jobs.PARALLEL_MIN_SECONDS = 0.0
_jobs.PARALLEL_MIN_WORK = 0.0
_jobs.PARALLEL_MIN_SHARE = 0.0
_jobs.BATCH_SECONDS = 0.0
_jobs.BATCH_MIN = 3
if sys.argv[1] == "--slow-workers":
    import slowbatch
    _jobs._check_batch = slowbatch.check_batch
    del sys.argv[1]
sent = 0
submit = ProcessPoolExecutor.submit
def counted(self, *args, **kwargs):
    global sent
    sent += 1
    return submit(self, *args, **kwargs)
ProcessPoolExecutor.submit = counted
code = main(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write(f"@@ sent {sent}\\n")
sys.exit(code)
"""

# A worker task that takes its time and says which process ran it.
SLOW_BATCH = """
import os, time
from pathlib import Path
from credguard._cli import _jobs

def check_batch(items):
    Path(os.environ["PIDS"], str(os.getpid())).touch()
    time.sleep(0.3)
    return _jobs._check_batch(items)
"""


def credguard(args: list[str], tmp_path: Path, *, forced: bool) -> tuple[int, bytes, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(tmp_path)]))
    env["PIDS"] = str(tmp_path)
    command = [sys.executable, "-c", FORCED] if forced else [sys.executable, "-m", "credguard"]
    done = subprocess.run([*command, *args], capture_output=True, env=env, check=False, timeout=300)
    return done.returncode, done.stdout, done.stderr.decode()


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Two files: repeats near and far apart, an over-long line, an empty line,
    a line that does not decode (skipped), the canary."""
    first = [PASSWORDS[i % 4] if i % 5 else f"Unique-{i}-pass!" for i in range(60)]
    one = tmp_path / "one.txt"
    one.write_bytes(
        "\n".join(first).encode() + b"\n\n" + b"y" * 70_000 + b"\n\xff\xfe\n" + b"abc\n"
    )
    two = tmp_path / "two two.txt"
    two.write_text("\n".join(reversed(first)) + "\n" + CANARY + "\n", encoding="utf-8")
    return [str(one), str(two)]


@pytest.mark.slow
class TestSameBytes:
    @pytest.mark.parametrize(
        "options",
        [
            ["--format", "text"],
            ["--format", "json"],
            ["--format", "jsonl", "--lang", "ja"],
            ["--format", "csv"],
            ["--format", "text", "--summary"],
            ["--format", "json", "--summary"],
            ["--format", "jsonl", "--summary", "--rejected-only"],
            ["--format", "jsonl", "--explain", "--policy", "recommended"],
        ],
    )
    def test_as_one_process(self, tmp_path: Path, inputs: list[str], options: list[str]) -> None:
        args = ["check", "--on-invalid", "skip", *options, *inputs]
        serial = credguard([*args, "--jobs", "1"], tmp_path, forced=False)
        parallel = credguard([*args, "--jobs", "2"], tmp_path, forced=True)
        assert parallel[0] == serial[0] == 1
        assert parallel[1] == serial[1]
        assert parallel[2].removesuffix(parallel[2].splitlines()[-1] + "\n") == serial[2]
        assert int(parallel[2].split("@@ sent ")[1]) >= 2
        assert CANARY.encode() not in parallel[1]

    def test_rows_with_their_context(self, tmp_path: Path) -> None:
        rows = ["password,username,birthdate"]
        for i in range(40):
            user = ("taro_y", "hanako", "jiro")[i % 3]
            # Each password twice: once with its own user's data, once with another's.
            rows.append(f"{user}{1970 + i // 2}!Ab,{user},{1970 + i % 5}-07-23")
        path = write(tmp_path / "rows.csv", "\n".join(rows) + "\n")
        args = ["check", "--input-format", "csv", "--format", "jsonl", str(path)]
        serial = credguard([*args, "--jobs", "1"], tmp_path, forced=False)
        parallel = credguard([*args, "--jobs", "2"], tmp_path, forced=True)
        assert parallel[1] == serial[1]
        assert int(parallel[2].split("@@ sent ")[1]) >= 2

    def test_two_workers_really_work(self, tmp_path: Path) -> None:
        (tmp_path / "slowbatch.py").write_text(SLOW_BATCH, encoding="utf-8")
        path = write(tmp_path / "many.txt", "".join(f"Pass-{i}-word!\n" for i in range(120)))
        args = ["check", "--format", "jsonl", str(path)]
        serial = credguard([*args, "--jobs", "1"], tmp_path, forced=False)
        parallel = credguard(["--slow-workers", *args, "--jobs", "2"], tmp_path, forced=True)
        assert parallel[1] == serial[1]
        workers = [p for p in tmp_path.iterdir() if p.name.isdigit()]
        assert len(workers) == 2


def parallel_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace the parallel path by a spy: how often it would have started."""
    started: list[int] = []

    def spy(*args: object) -> Iterator[Any]:
        started.append(1)
        return iter(())

    monkeypatch.setattr(_jobs, "_parallel", spy)
    return started


class TestWhenWorkersPay:
    def test_busy_cores_keep_one_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_jobs, "PARALLEL_MIN_SECONDS", 0.0)
        monkeypatch.setattr(_jobs, "PARALLEL_MIN_SHARE", 0.0)
        checker = Checker(load_policy("moomoo"), spec())
        started = parallel_spy(monkeypatch)
        lines = [Line("<stdin>", n, f"pw-{n}-Abc!") for n in range(1, 3000)]
        list(outcomes(lines, checker, spec(), 2))
        assert started == [1]
        # The same run when this process gets a small share of a core: a
        # clock on which wall time runs ten times faster than CPU time.
        monkeypatch.setattr(_jobs, "PARALLEL_MIN_SHARE", 0.8)
        real = time.perf_counter
        monkeypatch.setattr(time, "perf_counter", lambda: real() * 10)
        list(outcomes(lines, checker, spec(), 2))
        assert started == [1]
        # ... unless checking a line is expensive enough to gain all the same.
        monkeypatch.setattr(_jobs, "PARALLEL_BUSY_SECONDS", 0.0)
        list(outcomes(lines, checker, spec(), 2))
        assert started == [1, 1]

    def test_a_cheap_policy_stays_in_one_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        cheap = parse_policy('[policy]\nname = "cheap"\n[rules.length]\nmin = 8\n')
        checker = Checker(cheap, spec())
        started = parallel_spy(monkeypatch)
        lines = [Line("<stdin>", n, f"pw-{n}-Abc!") for n in range(1, 3000)]
        assert len(list(outcomes(lines, checker, spec(), 2))) == len(lines)
        assert started == []

    def test_a_small_input_stays_in_one_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_jobs, "PARALLEL_MIN_SECONDS", 0.0)
        monkeypatch.setattr(_jobs, "PARALLEL_MIN_SHARE", 0.0)
        checker = Checker(load_policy("moomoo"), spec())
        started = parallel_spy(monkeypatch)
        lines = [Line("<stdin>", n, f"pw-{n}-Abc!", end=12 * n) for n in range(1, 3000)]
        list(outcomes(lines, checker, spec(), 2, total_bytes=12 * 3000))
        assert started == []
        # Of unknown size (standard input): workers, since checking is not cheap.
        list(outcomes(lines, checker, spec(), 2, total_bytes=None))
        assert started == [1]
