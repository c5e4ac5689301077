"""``credguard show``, ``lint``, ``audit`` and ``diff`` through ``main(argv)``.

The library's tools are tested in ``test_inspect.py`` and ``test_audit.py``;
here the command line's rendering, JSON and exit statuses are checked
against what those tools return.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import credguard
from credguard import AuditFinding, describe_policy, list_presets
from credguard._cli import _audit_view
from tests.helpers import Cli, write

TRACED = (
    '[policy]\nname = "{name}"\n\n'
    "[rules.length]\nmin = {min}\nmax = {max}\n"
    'source = "https://example.co.jp/security"\nquote = "{min}~{max}桁"\n'
)


@pytest.fixture
def firm_a(tmp_path: Path) -> Path:
    return write(tmp_path / "a.toml", TRACED.format(name="firm-a", min=8, max=20))


@pytest.fixture
def firm_b(tmp_path: Path) -> Path:
    return write(tmp_path / "b.toml", TRACED.format(name="firm-b", min=6, max=16))


class TestShow:
    @pytest.mark.parametrize("lang", ["en", "ja"])
    def test_text_is_the_rendered_description(self, cli: Cli, lang: str) -> None:
        run = cli(["show", "kabucom", "--lang", lang])
        assert run.code == 0
        assert run.out == describe_policy("kabucom").render(lang)  # type: ignore[arg-type]
        assert ("[login]" if lang == "en" else "[ログイン]") in run.out

    def test_file_shows_quote_and_source(self, cli: Cli, firm_a: Path) -> None:
        run = cli(["show", str(firm_a)])
        assert run.code == 0
        assert "length: min = 8, max = 20" in run.out
        assert "「8~20桁」" in run.out
        assert "https://example.co.jp/security" in run.out

    def test_json(self, cli: Cli, firm_a: Path) -> None:
        run = cli(["show", "--format", "json", str(firm_a)])
        document = json.loads(run.out)
        assert document == json.loads(json.dumps(describe_policy(firm_a).to_dict()))
        assert document["name"] == "firm-a"
        assert document["rules"][0]["provenance"]["quote"] == "8~20桁"

    def test_advice_warn_shows_the_advised_rules_as_warnings(self, cli: Cli) -> None:
        plain = cli(["show", "mizuho"])
        letter = cli(["show", "mizuho", "--advice", "warn"])
        assert letter.code == plain.code == 0
        warn = credguard.load_policy("mizuho", advice="warn")
        assert letter.out == describe_policy(warn).render()
        assert "wording: advised" in plain.out
        assert 'sequence: max_run = 3, severity = "error"' in plain.out
        assert 'sequence: max_run = 3, severity = "warning"' in letter.out
        bad = cli(["show", "mizuho", "--advice", "quiet"])
        assert bad.code == 2

    def test_errors_exit_2(self, cli: Cli, tmp_path: Path) -> None:
        unknown = cli(["show", "moomo"])
        assert unknown.code == 2
        assert "unknown preset 'moomo'" in unknown.err
        bad = write(tmp_path / "bad.toml", "[rules.length]\nmin = 9\nmax = 4\n")
        run = cli(["show", str(bad)])
        assert run.code == 2
        assert run.err.startswith(f"credguard: error: {bad}:")
        assert run.err.count("\n") == 1


class TestLint:
    def test_clean_file_is_silent(self, cli: Cli, firm_a: Path) -> None:
        run = cli(["lint", str(firm_a)])
        assert (run.code, run.out, run.err) == (0, "", "")

    def test_every_bundled_preset_is_clean(self, cli: Cli) -> None:
        folder = Path(credguard.__file__).parent / "presets"
        files = sorted(str(p) for p in folder.glob("*.toml"))
        assert len(files) == len(list_presets())
        run = cli(["lint", *files])
        assert (run.code, run.out) == (0, "")

    def test_error_is_file_line_key_problem(self, cli: Cli, firm_a: Path, tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.toml", '[policy]\nname = "x"\n\n[rules.lenght]\nmin = 8\n')
        run = cli(["lint", str(firm_a), str(bad)])
        assert run.code == 1
        assert run.out == f"{bad}:4: rules.lenght: unknown rule; did you mean 'length'?\n"
        assert run.err == ""

    def test_contradiction(self, cli: Cli, tmp_path: Path) -> None:
        bad = write(
            tmp_path / "minmax.toml", '[policy]\nname = "x"\n[rules.length]\nmin = 9\nmax = 4\n'
        )
        run = cli(["lint", str(bad)])
        assert run.code == 1
        assert re.fullmatch(rf"{re.escape(str(bad))}:\d+: rules\.length[.\w]*: .+\n", run.out)

    def test_warnings_fail_unless_allowed(self, cli: Cli, tmp_path: Path) -> None:
        untraced = write(
            tmp_path / "untraced.toml", '[policy]\nname = "u"\n[rules.length]\nmin = 8\n'
        )
        strict = cli(["lint", str(untraced)])
        assert strict.code == 1
        assert strict.out.startswith(f"{untraced}:3: rules.length: no provenance")
        assert strict.out.rstrip().endswith("[warning]")
        allowed = cli(["lint", "--allow-warnings", str(untraced)])
        assert allowed.code == 0
        assert allowed.out == strict.out
        assert "[警告]" in cli(["lint", "--lang", "ja", str(untraced)]).out

    def test_unreadable_file_is_a_finding(self, cli: Cli, tmp_path: Path) -> None:
        run = cli(["lint", str(tmp_path / "gone.toml")])
        assert run.code == 1
        assert (
            run.out
            == f"{tmp_path / 'gone.toml'}: cannot read policy file (No such file or directory)\n"
        )

    def test_json(self, cli: Cli, tmp_path: Path) -> None:
        untraced = write(tmp_path / "u.toml", "[rules.length]\nmin = 8\n")
        run = cli(["lint", "--format", "json", str(untraced)])
        assert run.code == 1
        findings = json.loads(run.out)
        assert {f["severity"] for f in findings} == {"warning"}
        assert {f["key"] for f in findings} == {"policy", "rules.length"}
        assert all(f["file"] == str(untraced) for f in findings)


class TestAudit:
    def test_findings_cite_the_clause(self, cli: Cli, firm_b: Path) -> None:
        run = cli(["audit", str(firm_b), "--against", "nist-800-63b"])
        assert run.code == 1  # minimum length 6 is a violation
        findings = credguard.audit_policy(firm_b, "nist-800-63b")
        for finding in findings:
            assert f"{finding.clause}: {finding.requirement}" in run.out
            assert finding.problem in run.out
        row = next(line for line in run.out.splitlines() if "length.min" in line)
        assert row.split()[:3] == ["violation", "login", "length.min"]
        violations = sum(f.level == "violation" for f in findings)
        unknown = sum(f.level == "unknown" for f in findings)
        assert run.out.splitlines()[-1].startswith(f"{unknown} requirements could not be checked")
        assert run.out.splitlines()[-2].startswith(
            f"{len(findings)} findings against nist-800-63b: {violations} violations"
        )

    def test_jsda_reports_met_not_met_unknown_with_the_firms_words(self, cli: Cli) -> None:
        run = cli(["audit", "kabucom", "--against", "jsda-2025"])
        assert run.code == 1  # withdrawal MFA may be set to none: a mandatory point not met
        assert "[withdrawal-mfa]" in run.out
        # The firm's words, the date of their page, and that it predates the requirement.
        assert (
            "    mfa.withdrawal: 「ご出金時の追加認証は設定画面にて「なし」も選択可能です」"
            " (published 2022-03-15; before the requirement took effect on 2025-10-15;"
            " the firm's own page)" in run.out
        )
        # The requirement's own words: verbatim Japanese, never passed off as the guideline's.
        assert (
            "「認証に連続して失敗した場合のアカウント・ロックの自動発動機能を必須化する。」"
            in run.out
        )
        assert "third-party: press or blog wording, not the guideline's own text" in run.out
        rows = [line.split()[:2] for line in run.out.splitlines() if line.startswith("  ") and
                not line.startswith("    ") and line.split()[0] in
                ("violation", "advice", "unknown", "met")]  # fmt: skip
        assert {row[0] for row in rows} == {"violation", "advice", "unknown", "met"}
        lines = run.out.splitlines()
        assert lines[-2].endswith(", 8 unknown, 2 met")
        assert lines[-2].startswith("13 findings against jsda-2025: 2 violations, 1 advice")
        assert lines[-1].startswith("8 requirements could not be checked")
        document = cli(["audit", "kabucom", "--against", "jsda-2025", "--format", "json"]).json()
        assert document["summary"] == {"violation": 2, "advice": 1, "unknown": 8, "met": 2}
        assert {f["status"] for f in document["findings"]} == {"met", "not_met", "unknown"}
        notice = next(
            f for f in document["findings"] if f["requirement_id"] == "withdrawal-notification"
        )
        assert notice["evidence_date"] == "2022-03-15"
        assert notice["predates_effective"] is True
        assert notice["evidence_quality"] == "first_party"
        assert notice["source_party"] == "third_party"

    def test_a_baseline_met_everywhere_exits_zero(self, cli: Cli) -> None:
        run = cli(["audit", "jsda-2025", "--against", "jsda-2025"])
        assert run.code == 0
        assert run.out.splitlines()[-1].endswith("0 violations, 0 advice, 0 unknown, 13 met")

    def test_strict_fails_on_unknown(self, cli: Cli) -> None:
        lenient = cli(["audit", "rakuten", "--against", "jsda-2025"])
        assert lenient.code == 0
        assert lenient.out.splitlines()[-2].endswith("0 violations, 0 advice, 13 unknown, 0 met")
        assert "Add --strict" in lenient.out.splitlines()[-1]
        strict = cli(["audit", "rakuten", "--against", "jsda-2025", "--strict"])
        assert strict.code == 1
        assert strict.out.splitlines()[-1] == (
            "13 requirements could not be checked: the policy does not say"
            " (--strict: this fails the audit)"
        )
        assert cli(["audit", "jsda-2025", "--against", "jsda-2025", "--strict"]).code == 0
        document = cli(["audit", "rakuten", "--against", "jsda-2025", "--strict",
                        "--format", "json"])  # fmt: skip
        assert document.code == 1
        assert document.json()["strict"] is True

    def test_plural_aware_summary(self, cli: Cli) -> None:
        one = cli(["audit", "tachibana", "--against", "jsda-2025"]).out.splitlines()[-2]
        assert "1 violation," in one
        assert "1 violations" not in one

    def test_japanese_audit_has_no_english_sentence(self, cli: Cli) -> None:
        run = cli(["audit", "kabucom", "--against", "jsda-2025", "--lang", "ja"])
        assert run.code == 1
        assert "日本証券業協会ガイドライン(2025年10月15日施行)" in run.out
        assert "報道・ブログ等による引用で、ガイドラインの原文ではありません" in run.out
        assert "2022年3月15日公表、要件の施行日(2025年10月15日)より前の情報です" in run.out
        assert run.out.splitlines()[-1].startswith(
            "8件は、ポリシーに記載がないため確認できませんでした"
        )
        # Apart from ids, keys and names, no English word is left on any line.
        english = re.compile(r"\b(the|is|not|does|policy|say|required|page|before)\b")
        for line in run.out.splitlines():
            assert not english.search(line), line

    def test_rows_are_aligned(self, cli: Cli, firm_b: Path) -> None:
        run = cli(["audit", str(firm_b), "--against", "owasp-asvs"])
        rows = [line for line in run.out.splitlines() if line.startswith("  ")]
        assert len(rows) >= 2
        problems = {
            line.index(f.problem)
            for f in credguard.audit_policy(firm_b, "owasp-asvs")
            for line in rows
            if f.problem in line
        }
        assert len(problems) == 1

    def test_japanese(self, cli: Cli, firm_b: Path) -> None:
        run = cli(["audit", str(firm_b), "--against", "nist-800-63b", "--lang", "ja"])
        assert "違反" in run.out
        assert "nist-800-63b による監査結果" in run.out

    def test_json(self, cli: Cli, firm_b: Path) -> None:
        run = cli(["audit", "--format", "json", str(firm_b), "--against", "owasp-asvs"])
        document = json.loads(run.out)
        expected = credguard.audit_policy(firm_b, "owasp-asvs")
        assert document["policy"] == "firm-b"
        assert document["baseline"] == "owasp-asvs"
        assert document["findings"] == [f.to_dict() for f in expected]
        assert sum(document["summary"].values()) == len(expected)

    @pytest.mark.parametrize(
        ("levels", "code"), [((), 0), (("advice", "unknown"), 0), (("advice", "violation"), 1)]
    )
    def test_only_violations_fail(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch, levels: tuple[str, ...], code: int
    ) -> None:
        findings = tuple(
            AuditFinding("owasp-asvs", "V6.2.1", "words", level, "login", "length.min", "short")  # type: ignore[arg-type]
            for level in levels
        )
        monkeypatch.setattr(_audit_view, "audit_policy", lambda policy, baseline: findings)
        run = cli(["audit", "recommended", "--against", "owasp-asvs"])
        assert run.code == code
        if not levels:
            assert run.out == (
                "no findings: recommended meets every clause of owasp-asvs that credguard checks\n"
            )

    def test_unknown_baseline_is_a_usage_error(self, cli: Cli) -> None:
        run = cli(["audit", "recommended", "--against", "nist"])
        assert run.code == 2
        assert "nist-800-63b" in run.err


class TestDiff:
    def test_identical_policies(self, cli: Cli, firm_a: Path) -> None:
        run = cli(["diff", str(firm_a), str(firm_a)])
        assert run.code == 0
        assert run.out.splitlines()[-1] == "no differences"

    def test_rule_by_rule(self, cli: Cli, firm_a: Path, firm_b: Path) -> None:
        run = cli(["diff", str(firm_a), str(firm_b)])
        assert run.code == 1
        lines = run.out.splitlines()
        assert lines[0].startswith("A: firm-a  B: firm-b")
        assert ["looser", "login", "length.min", "8", "->", "6"] in [line.split() for line in lines]
        assert ["stricter", "login", "length.max", "20", "->", "16"] in [
            line.split() for line in lines
        ]
        assert lines[-1] == "2 differences"

    def test_only_in_one(self, cli: Cli, firm_a: Path, tmp_path: Path) -> None:
        more = write(
            tmp_path / "more.toml",
            TRACED.format(name="more", min=8, max=20) + "[rules.sequence]\nmax_run = 4\n",
        )
        run = cli(["diff", str(firm_a), str(more)])
        assert ["only", "in", "B", "login", "sequence"] in [
            line.split() for line in run.out.splitlines()
        ]
        reverse = cli(["diff", str(more), str(firm_a)])
        assert ["only", "in", "A", "login", "sequence"] in [
            line.split() for line in reverse.out.splitlines()
        ]

    def test_json(self, cli: Cli, firm_a: Path, firm_b: Path) -> None:
        document = json.loads(cli(["diff", "--format", "json", str(firm_a), str(firm_b)]).out)
        assert document["a"] == "firm-a"
        assert document["b"] == "firm-b"
        assert {
            "kind": "login",
            "rule": "length",
            "key": "min",
            "a": 8,
            "b": 6,
            "change": "looser",
        } in (document["differences"])

    def test_japanese(self, cli: Cli, firm_a: Path, firm_b: Path) -> None:
        run = cli(["diff", "--lang", "ja", str(firm_a), str(firm_b)])
        assert ["緩い", "ログイン", "length.min", "8", "->", "6"] in [
            line.split() for line in run.out.splitlines()
        ]
        assert run.out.splitlines()[-1] == "相違2件"

    def test_presets(self, cli: Cli) -> None:
        run = cli(["diff", "moomoo", "kabucom"])
        assert run.code == 1
        assert len(run.out.splitlines()) == len(credguard.diff_policies("moomoo", "kabucom")) + 2

    def test_bad_policy_exits_2(self, cli: Cli, firm_a: Path) -> None:
        run = cli(["diff", str(firm_a), "no-such-preset"])
        assert run.code == 2
        assert "unknown preset 'no-such-preset'" in run.err


class TestJapaneseEverywhere:
    def test_show_has_no_english_free_text(self, cli: Cli) -> None:
        run = cli(["show", "recommended", "--lang", "ja"])
        assert run.code == 0
        assert (
            "最小8文字は、パスワードを多要素認証の一要素として使うことを前提にしています" in run.out
        )
        # The English assumption is not mixed in; its Japanese rendering is shown.
        assert "assumes the password is one factor of MFA" not in run.out
        english = cli(["show", "recommended"]).out
        assert "assumes the password is one factor of MFA" in english

    def test_show_says_where_english_only_text_is(self, cli: Cli) -> None:
        run = cli(["show", "kabucom", "--lang", "ja"])
        assert "前提の説明は英語でのみ記載されています(--lang en で表示できます)" in run.out
        assert "the firm's list is not published" not in run.out
        # A note with a Japanese rendering shows it instead of the English.
        assert "注記: 2020年10月15日から" in run.out
        assert "since 2020-10-15" not in run.out

    def test_lint_warnings_in_japanese(self, cli: Cli, tmp_path: Path) -> None:
        untraced = write(tmp_path / "u.toml", '[rules.length]\nmin = 8\nquote = "x"\n')
        run = cli(["lint", "--lang", "ja", str(untraced)])
        assert run.code == 1
        assert "name がありません。ポリシー名にはファイル名が使われます [警告]" in run.out
        assert "quote に対応する source がありません" in run.out
        assert "no name" not in run.out
        document = cli(["lint", "--format", "json", str(untraced)]).json()
        assert {f["code"] for f in document} == {"lint.no_name", "lint.quote_without_source"}

    def test_help_in_japanese(self, cli: Cli) -> None:
        run = cli(["--lang", "ja", "audit", "--help"])
        assert run.code == 0
        assert run.out.startswith("使い方: credguard audit")
        assert "引数:" in run.out
        assert "オプション:" in run.out
        assert "このヘルプを表示して終了します" in run.out
        assert "記載がなく確認できない要件があるときも終了ステータス 1 にします" in run.out
        assert "usage:" not in run.out
        english = cli(["audit", "--help"])
        assert english.out.startswith("usage: credguard audit")

    def test_the_locale_chooses_the_language(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LANG", "ja_JP.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        run = cli(["audit", "rakuten", "--against", "jsda-2025"])
        assert "による監査結果13件" in run.out
        assert cli(["--help"]).out.startswith("使い方:")
        # --lang wins over the locale.
        assert "13 findings" in cli(["audit", "rakuten", "--against", "jsda-2025",
                                     "--lang", "en"]).out  # fmt: skip
        monkeypatch.setenv("LC_ALL", "C.UTF-8")
        assert cli(["--help"]).out.startswith("usage:")


class TestJapanesePolicyErrors:
    """Issue 17: with ``--lang ja`` the loader's own problems are Japanese too."""

    def test_lint_errors_in_japanese(self, cli: Cli, tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.toml", "[rules.length]\nmin = 8\nmni = 3\n")
        run = cli(["lint", str(bad), "--lang", "ja"])
        assert run.code == 1
        assert run.out == f"{bad}:3: rules.length.mni: 不明なキーです。もしかして 'min' ですか？\n"
        english = cli(["lint", str(bad)])
        assert english.out == f"{bad}:3: rules.length.mni: unknown key; did you mean 'min'?\n"

    def test_lint_json_names_the_problem(self, cli: Cli, tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.toml", "[rules.length]\nmin = 20\nmax = 8\n")
        (finding,) = cli(["lint", "--format", "json", str(bad)]).json()
        assert finding["code"] == "rule.max_below_min"
        assert finding["problem"] == "max (8) is less than min (20)"

    @pytest.mark.parametrize(
        "command", [["show"], ["audit", "--against", "nist-800-63b"], ["check", "--policy"]]
    )
    def test_commands_print_policy_errors_in_japanese(
        self, cli: Cli, tmp_path: Path, command: list[str]
    ) -> None:
        bad = write(tmp_path / "bad.toml", "[rules.length]\nmin = 0\n")
        run = cli([*command, str(bad), "--lang", "ja"], stdin=b"x\n")
        assert run.code == 2
        assert run.err.endswith(f"{bad}:2: rules.length.min: 1 以上 1024 以下にしてください\n")
        assert run.err.startswith("credguard: エラー: ")
        english = cli([*command, str(bad)], stdin=b"x\n")
        assert english.err.endswith("rules.length.min: must be between 1 and 1024\n")

    def test_diff_in_japanese(self, cli: Cli, firm_a: Path, firm_b: Path) -> None:
        run = cli(["diff", str(firm_a), str(firm_b), "--lang", "ja"])
        assert run.code == 1
        assert "length.min" in run.out
        assert not {"stricter", "looser", "changed", "only in"} & set(
            re.findall(r"[a-z]+(?: in)?", run.out)
        )

    def test_an_unknown_preset_in_japanese(self, cli: Cli) -> None:
        run = cli(["show", "moomo", "--lang", "ja"])
        assert run.code == 2
        # The command line's own wording: it points at `credguard presets`.
        assert "プリセット 'moomo' はありません。'moomoo' の誤りですか？" in run.err
        assert "credguard presets" in run.err
        linted = cli(["lint", "moomo", "--lang", "ja"])
        assert "プリセット 'moomo' はありません" in linted.out
        assert "unknown preset 'moomo'" in cli(["lint", "moomo"]).out
