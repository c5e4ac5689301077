"""The benchmark harness runs (so it cannot rot); it asserts no timing.

The full run is ``python benchmarks/run.py`` (see ``docs/performance.md``);
here the runner measures a tiny corpus with a few checkers and the report
is checked for shape only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks import corpus, fused_floor, tools
from benchmarks.baseline import make_minimal_check
from hypothesis import given
from hypothesis import strategies as st

from credguard import MAX_PASSWORD_LENGTH

ROOT = Path(__file__).resolve().parent.parent


class TestCorpus:
    def test_same_seed_same_corpus(self) -> None:
        first = corpus.generate(2_000, seed=3)
        assert first == corpus.generate(2_000, seed=3)
        assert corpus.digest(first) == corpus.digest(corpus.generate(2_000, seed=3))

    def test_other_seed_other_corpus(self) -> None:
        assert corpus.generate(500, seed=1) != corpus.generate(500, seed=2)

    def test_mix(self) -> None:
        items = corpus.generate(2_000, seed=5)
        assert len(items) == 2_000
        common = set(corpus.common_passwords())
        assert sum(p in common for p in items) > 500
        assert sum(6 <= len(p) <= 24 and p not in common for p in items) > 500
        assert any(len(p) > 200 for p in items)
        assert all(len(p) <= MAX_PASSWORD_LENGTH for p in items)
        # One password per line must stay possible (and the guard's control checks quiet).
        assert all(p.isprintable() for p in items)

    def test_at_cap(self) -> None:
        assert {len(p) for p in corpus.at_cap(5)} == {corpus.LONG_MAX}

    def test_size_must_be_positive(self) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            corpus.generate(0)


class TestBaseline:
    @pytest.mark.parametrize(
        ("password", "failed"),
        [
            ("Tr0ub4dor&3", []),
            ("letmein", ["length", "classes", "common"]),
            ("LetMeIn123", ["common"]),
            ("Paaassword1", ["run"]),
            ("abcdefghij", ["classes"]),
            ("x" * 65 + "A1", ["length", "run"]),
        ],
    )
    def test_table(self, password: str, failed: list[str]) -> None:
        check = make_minimal_check(["letmein123", "letmein"])
        assert check(password) == failed


class TestSameChecks:
    """The like-for-like row checks what the hand-written check does, bar its set lookup."""

    @pytest.mark.parametrize(
        "password",
        ["Tr0ub4dor&3", "letmein", "LetMeIn123", "aaa111BBB!", "abcdefghij", "x" * 65 + "A1"],
    )
    def test_same_verdict(self, password: str) -> None:
        assert tools.build_same_checks()(password) == (not make_minimal_check(())(password))

    # Without upper case (credguard reads runs case-insensitively) or spaces
    # (a class of their own in credguard, a symbol to the hand-written check).
    @given(st.text(alphabet="abcxyz0189!@#-_", max_size=70))
    def test_same_verdict_on_random_text(self, password: str) -> None:
        assert tools.build_same_checks()(password) == (not make_minimal_check(())(password))


class TestFusedFloor:
    """The hand-fused yardstick screens what moomoo's composition rules check."""

    @given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
    def test_screens_agree_with_the_rules(self, password: str) -> None:
        fused = fused_floor.make_fused_moomoo()(password)
        codes = {code.split(".")[0] for code in _composition_codes(password)}
        # Length, characters and classes are exact; the pattern screens may
        # fire where the exact scan then finds nothing, never the other way.
        for family in ("length", "charset", "classes"):
            assert (family in fused) == (family in codes)
        if "repetition" in codes:
            assert {"run", "block"} & set(fused)
        if "sequence" in codes:
            assert "sequence" in fused

    def test_main_prints_every_row(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert fused_floor.main(["--size", "300", "--repeats", "1"]) == 0
        out = capsys.readouterr().out
        assert "hand-fused moomoo composition screens" in out
        assert out.count("x the hand-written check") == 4


def _composition_codes(password: str) -> tuple[str, ...]:
    codes: tuple[str, ...] = tools.composition_policy().check(password).codes
    return codes


@pytest.mark.slow
class TestRunner:
    def test_quick_run_writes_a_report(self, tmp_path: Path) -> None:
        output = tmp_path / "report.md"
        command = [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--size=300",
            "--chunks=3",
            "--tools=moomoo_ctx,composition,same_checks,baseline",
            f"--output={output}",
            "--quiet",
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, check=False, env=dict(os.environ)
        )
        assert result.returncode == 0, result.stderr
        report = output.read_text(encoding="utf-8")
        assert report == result.stdout.rstrip("\n") + "\n"
        for heading in ("## Environment", "## Throughput, latency", "## Targets"):
            assert heading in report
        rows = [line for line in report.splitlines() if line.startswith("| credguard")]
        assert any(row.startswith("| credguard composition rules |") for row in rows)
        assert any(row.startswith("| credguard, the hand-written check's rules |") for row in rows)
        assert "hand-written baseline ÷ credguard with the same checks" in report
        assert "hand-written baseline ÷ moomoo's composition rules" in report
        assert "`import credguard`" in report
        assert "300 candidates" in report

    def test_libpwquality_in_the_system_python(self) -> None:
        # Debian builds python3-pwquality for /usr/bin/python3; the runner
        # measures it there when it cannot load it here (forced here).
        env = {**os.environ, "CREDGUARD_BENCH_PWQUALITY": "subprocess"}
        command = [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--size=120",
            "--chunks=2",
            "--tools=pwquality,baseline",
            "--quiet",
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, check=False, env=env
        )
        assert result.returncode == 0, result.stderr
        row = next(line for line in result.stdout.splitlines() if line.startswith("| libpwquality"))
        if "not installed" in row:
            return  # python3-pwquality is not on this machine: reported, not measured
        assert "measured in a subprocess with /usr/bin/python3" in result.stdout
        rate = row.split("|")[3].strip()
        assert rate.replace(",", "").isdigit(), row

    def test_unknown_checker_is_a_usage_error(self) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tools=nope"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 2
        assert "unknown checker(s): nope" in result.stderr
