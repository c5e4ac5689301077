"""Every problem of a policy file, for ``lint`` (collect_problems, shape_problems)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import credguard
from credguard._loading import MAX_PROBLEMS, collect_problems, is_policy_file

BROKEN = """\
[policy]
name = 5
titel = "x"

[rules.length]
min = "x"
maxx = 3
enabled = "yes"

[rules.lenght]
min = 1

[kinds.trade.rules.classes]
required = 5

[kinds.trad.rules.length]
min = 1

[lockout]
max_failures = "ten"

[colour]
x = 1
"""


def _write(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _found(path: Path) -> list[tuple[int | None, str | None, str]]:
    return [(e.line, e.key, e.problem) for e in collect_problems(path)]


class TestCollectProblems:
    def test_every_shape_problem_in_file_order(self, tmp_path: Path) -> None:
        found = _found(_write(tmp_path, BROKEN))
        assert [(line, key) for line, key, _ in found] == [
            (2, "policy.name"),
            (3, "policy.titel"),
            (6, "rules.length.min"),
            (7, "rules.length.maxx"),
            (8, "rules.length.enabled"),
            (10, "rules.lenght"),
            (14, "kinds.trade.rules.classes.required"),
            (16, "kinds.trad"),
            (20, "lockout.max_failures"),
            (22, "colour"),
        ]
        assert found[3][2] == "unknown key; did you mean 'max'?"

    def test_what_loading_refuses_is_among_them(self, tmp_path: Path) -> None:
        path = _write(tmp_path, BROKEN)
        with pytest.raises(credguard.PolicyError) as info:
            credguard.load_policy(path)
        refused = (info.value.file, info.value.line, info.value.key, info.value.problem)
        assert refused in [(e.file, e.line, e.key, e.problem) for e in collect_problems(path)]

    def test_an_unknown_rule_is_reported_once(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "[rules.lenght]\nmin = 1\nmax = 9\nsource = 'x'\n")
        assert _found(path) == [(1, "rules.lenght", "unknown rule; did you mean 'length'?")]

    def test_contradictions_once_the_shape_is_clean(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "[rules.length]\nmin = 9\nmax = 3\n")
        [(line, key, problem)] = _found(path)
        assert (line, key) == (3, "rules.length.max")
        assert "less than min" in problem

    def test_unparsable_file_is_one_problem(self, tmp_path: Path) -> None:
        [(line, _, problem)] = _found(_write(tmp_path, "[rules.length]\nmin = = 3\n"))
        assert line == 2
        assert problem.startswith("invalid TOML")

    def test_unreadable_file(self, tmp_path: Path) -> None:
        [(_, _, problem)] = _found(tmp_path / "missing.toml")
        assert problem.startswith("cannot read policy file")

    def test_a_clean_file_and_a_preset(self, tmp_path: Path) -> None:
        assert collect_problems(_write(tmp_path, "[rules.length]\nmin = 9\n")) == ()
        assert collect_problems("moomoo") == ()
        with pytest.raises(credguard.UnknownPresetError):
            collect_problems("moomo")

    def test_capped_and_linear(self, tmp_path: Path) -> None:
        text = "[rules.length]\n" + "".join(f"k{n} = 1\n" for n in range(20_000))
        start = time.perf_counter()
        found = collect_problems(_write(tmp_path, text))
        assert len(found) == MAX_PROBLEMS
        assert found[0].line == 2
        assert time.perf_counter() - start < 30  # generous: a safety bound, not a benchmark

    def test_lint_reports_them_all(self, tmp_path: Path) -> None:
        findings = credguard.lint_policy(_write(tmp_path, BROKEN))
        assert len(findings) == 10
        assert {finding.severity for finding in findings} == {"error"}
        assert str(findings[0]).startswith(f"{tmp_path / 'p.toml'}:2: policy.name: ")


class TestIsPolicyFile:
    @pytest.mark.parametrize(
        "text",
        [
            "[policy]\nname = 'x'\n",
            '[ "policy" ]\n',
            "[rules.length]\nmin = 9\n",
            "[rules]\nlength = { min = 9 }\n",
            "[kinds.trade.rules.length]\nmin = 9\n",
            "# comment\npolicy.name = 'x'\n[lockout]\n",
            "rules.length.min = 9\n",
            "\ufeff[policy]\n",
            "  [rules.classes]\n",
        ],
    )
    def test_policies(self, tmp_path: Path, text: str) -> None:
        assert is_policy_file(_write(tmp_path, text))

    @pytest.mark.parametrize(
        "text",
        [
            '[build]\ncommand = "make"\n[[redirects]]\nfrom = "/a"\n',  # netlify.toml
            '[build]\ntarget = "x86_64-unknown-linux-gnu"\n',  # .cargo/config.toml
            '[toolchain]\nchannel = "stable"\n',  # rust-toolchain.toml
            "[tool.x]\nrules.length = 1\npolicy.name = 'x'\n",  # dotted keys inside a table
            "[tool.rules]\n[something.policy]\n",
            "rules = 'a string'\n",
            "",
        ],
    )
    def test_other_toml(self, tmp_path: Path, text: str) -> None:
        assert not is_policy_file(_write(tmp_path, text))

    def test_an_unreadable_file_counts_so_lint_reports_it(self, tmp_path: Path) -> None:
        assert is_policy_file(tmp_path / "missing.toml")
