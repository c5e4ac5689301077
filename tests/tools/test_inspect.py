"""describe_policy, diff_policies, lint_policy and audit_policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import credguard
from credguard import PolicyDifference
from credguard._messages import Lang
from tests.helpers import CANARY


class TestDescribe:
    def test_structured_data_after_extends(self, tmp_path: Path) -> None:
        path = tmp_path / "mine.toml"
        path.write_text(
            '[policy]\nname = "mine"\nextends = "moomoo"\n'
            '[kinds.trade.rules.length]\nmin = 12\nassumed = "trade is longer"\n',
            "utf-8",
        )
        desc = credguard.describe_policy(path)
        assert desc.name == "mine"
        assert desc.meta.extends == ("moomoo",)
        assert desc.own_kinds == ("trade",)
        trade_length = next(r for r in desc.rules if r.kind == "trade" and r.rule == "length")
        assert trade_length.params["min"] == 12
        assert trade_length.params["max"] == 20
        assert trade_length.provenance.assumed == "trade is longer"
        login_length = next(r for r in desc.rules if r.kind == "login" and r.rule == "length")
        assert "8~20桁のパスワード」が必要です" in login_length.provenance.quote
        assert login_length.provenance.wording == "required"
        assert login_length.provenance.origin == "moomoo"
        data = desc.to_dict()
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert [s.rule for s in desc.sections] == [
            "lockout",
            "session",
            "mfa.login",
            "mfa.trade",
            "mfa.withdrawal",
            "notifications.login",
            "notifications.withdrawal",
            "login_history",
        ]

    @pytest.mark.parametrize(
        ("lang", "words"),
        [
            (
                "en",
                [
                    "[login]",
                    "8~20桁のパスワード",
                    "assumed:",
                    "[trade] same rules",
                    "wording: advised",
                ],
            ),
            (
                "ja",
                ["[ログイン]", "引用: 「※ ご利用", "前提", "[取引] ログインと同じ", "表現: 推奨"],
            ),
        ],
    )
    def test_text_rendering(self, lang: Lang, words: list[str]) -> None:
        text = credguard.describe_policy("moomoo").render(lang)
        for word in words:
            assert word in text
        assert "lock_minutes = " + ("unknown" if lang == "en" else "不明") in text

    def test_accepts_a_policy_object(self) -> None:
        policy = credguard.load_policy("kabucom")
        assert credguard.describe_policy(policy) == credguard.describe_policy("kabucom")


class TestDiff:
    def test_stricter_looser_and_only_in_one(self) -> None:
        found = {
            (d.kind, d.rule, d.key): d.change for d in credguard.diff_policies("moomoo", "kabucom")
        }
        assert found[("login", "length", "min")] == "looser"  # 8 -> 6
        assert found[("login", "length", "max")] == "stricter"  # 20 -> 16
        assert found[("login", "charset", "symbols")] == "stricter"  # all -> 14 symbols
        assert found[("login", "classes", "required")] == "stricter"
        assert found[("login", "repetition", "")] == "only_in_a"
        assert found[("", "lockout", "max_failures")] == "unknown"  # 10 -> not said

    @pytest.mark.parametrize(("a", "b"), [("kabucom", "moomoo"), ("moomoo", "kabucom")])
    def test_an_unset_section_measure_is_unknown_both_ways(self, a: str, b: str) -> None:
        # The firm that does not say is neither stricter nor looser (issue 20).
        found = {(d.rule, d.key): d.change for d in credguard.diff_policies(a, b) if not d.kind}
        for key in [
            ("masking", "fields"),
            ("login_history", "retention_months"),
            ("lockout", "max_failures"),
        ]:
            assert found[key] == "unknown", key

    def test_an_unset_rule_bound_is_still_the_loosest(self) -> None:
        a = credguard.parse_policy("[rules.length]\nmin = 8\nmax = 20\n")
        b = credguard.parse_policy("[rules.length]\nmin = 8\n")
        assert [d.change for d in credguard.diff_policies(a, b)] == ["looser"]

    def test_reverse_direction(self) -> None:
        forward = credguard.diff_policies("moomoo", "kabucom")
        backward = {
            (d.kind, d.rule, d.key): d.change for d in credguard.diff_policies("kabucom", "moomoo")
        }
        opposite = {"stricter": "looser", "looser": "stricter", "only_in_a": "only_in_b"}
        for d in forward:
            if d.change in opposite:
                assert backward[(d.kind, d.rule, d.key)] == opposite[d.change]

    def test_same_policy_has_no_difference(self) -> None:
        assert credguard.diff_policies("mizuho", "mizuho") == ()

    def test_kinds_are_compared(self) -> None:
        found = credguard.diff_policies("smbc-nikko", "recommended")
        assert PolicyDifference("trade", "classes", "", None, None, "only_in_a") in found
        assert any(d.kind == "trade" and d.rule == "length" for d in found)

    def test_str(self) -> None:
        text = [str(d) for d in credguard.diff_policies("moomoo", "kabucom")]
        assert "login: length.min: 8 -> 6 (looser)" in text
        assert "login: repetition: only in a" in text

    def test_severity_and_choices(self) -> None:
        a = credguard.parse_policy('[rules.sequence]\nmax_run = 3\nseverity = "warning"\n')
        b = credguard.parse_policy("[rules.sequence]\nmax_run = 4\n")
        found = {d.key: d.change for d in credguard.diff_policies(a, b)}
        assert found == {"max_run": "looser", "severity": "stricter"}


class TestLint:
    def test_clean_file(self, tmp_path: Path) -> None:
        path = tmp_path / "ok.toml"
        path.write_text(
            '[policy]\nname = "ok"\n'
            '[rules.length]\nmin = 8\nsource = "https://x.jp/"\nquote = "8"\n',
            "utf-8",
        )
        assert credguard.lint_policy(path) == ()

    def test_error_is_a_finding_not_an_exception(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text('[policy]\nname = "bad"\n\n[rules.length]\nmni = 8\n', "utf-8")
        (finding,) = credguard.lint_policy(path)
        assert finding.severity == "error"
        assert str(finding) == f"{path}:5: rules.length.mni: unknown key; did you mean 'min'?"

    def test_warnings_for_untraced_tables(self, tmp_path: Path) -> None:
        path = tmp_path / "w.toml"
        path.write_text('[rules.length]\nmin = 8\n\n[rules.sequence]\nquote = "x"\n', "utf-8")
        found = [str(f) for f in credguard.lint_policy(path)]
        assert found == [
            f"{path}: policy: no name: the policy is named after its file",
            f'{path}:1: rules.length: no provenance: add source and quote, or assumed = "<reason>"',
            f"{path}:5: rules.sequence.quote: a quote without a source",
        ]

    def test_missing_file_and_unknown_preset(self, tmp_path: Path) -> None:
        (missing,) = credguard.lint_policy(tmp_path / "none.toml")
        assert "cannot read" in missing.problem
        (unknown,) = credguard.lint_policy("moomo")
        assert "moomoo" in unknown.problem

    def test_no_secret_in_findings(self, tmp_path: Path) -> None:
        # A policy file is not a secret, but a pasted password must not be echoed
        # back through an error about a value.
        path = tmp_path / "c.toml"
        path.write_text(f'[rules.length]\nmin = "{CANARY}"\n', "utf-8")
        (finding,) = credguard.lint_policy(path)
        assert CANARY not in str(finding)


class TestAudit:
    def test_firm_against_nist(self) -> None:
        findings = credguard.audit_policy("kabucom", "nist-800-63b")
        by_key = {(f.key, f.level) for f in findings}
        assert ("length.min", "violation") in by_key  # 6 < 8
        assert ("length.max", "advice") in by_key  # 16 < 64
        assert ("classes.required", "violation") in by_key
        assert ("lockout.max_failures", "unknown") in by_key
        # Both pages speak of guessable strings, so both presets have a blocklist;
        # monex's page (a third party's copy) does not.
        assert not any(f.key == "rules.blocklist" for f in findings)
        moomoo = credguard.audit_policy("moomoo", "nist-800-63b")
        assert not any(f.key == "rules.blocklist" for f in moomoo)
        monex = credguard.audit_policy("monex", "nist-800-63b")
        assert any(f.key == "rules.blocklist" and f.level == "violation" for f in monex)
        assert all(f.clause.startswith("SP 800-63B-4 §") for f in findings)

    def test_rotation_and_lockout(self) -> None:
        forced = credguard.parse_policy(
            "[rotation]\nmax_age_days = 90\n[lockout]\nmax_failures = 200\n"
        )
        nist = {(f.key, f.level, f.clause) for f in credguard.audit_policy(forced, "nist-800-63b")}
        assert ("rotation.max_age_days", "violation", "SP 800-63B-4 §3.1.1.2") in nist
        assert ("lockout.max_failures", "violation", "SP 800-63B-4 §3.2.2") in nist
        asvs = {(f.key, f.clause) for f in credguard.audit_policy(forced, "owasp-asvs")}
        assert ("rotation.max_age_days", "ASVS 5.0 V6.2.10") in asvs
        advised = credguard.audit_policy("gmo-click", "nist-800-63b")
        assert any(f.key == "rotation.advised" and f.level == "advice" for f in advised)

    def test_asvs_clauses(self) -> None:
        found = {(f.clause, f.key) for f in credguard.audit_policy("mizuho", "owasp-asvs")}
        assert ("ASVS 5.0 V6.2.9", "length.max") in found
        assert ("ASVS 5.0 V6.2.5", "classes.min_classes") in found
        assert ("ASVS 5.0 V6.2.5", "charset.symbols") in found
        assert ("ASVS 5.0 V6.2.12", "rules.breached") in found

    def test_kind_overrides_are_audited(self) -> None:
        found = credguard.audit_policy("smbc-nikko", "owasp-asvs")
        assert any(f.kind == "trade" and f.key == "classes.min_classes" for f in found)
        assert not any(f.kind == "login" and f.key.startswith("classes") for f in found)

    def test_baseline_meets_its_own_length_clauses(self) -> None:
        keys = {f.key for f in credguard.audit_policy("nist-800-63b", "nist-800-63b")}
        assert not keys & {"length.min", "length.max", "charset.allow", "classes.required"}

    def test_unknown_baseline(self) -> None:
        with pytest.raises(credguard.UnknownPresetError) as info:
            credguard.audit_policy("moomoo", "nist")
        assert "nist-800-63b" in info.value.suggestions

    def test_str_and_dict(self) -> None:
        finding = credguard.audit_policy("kabucom", "nist-800-63b")[0]
        assert str(finding).startswith(f"[{finding.level}] nist-800-63b {finding.clause}: login: ")
        assert finding.to_dict()["requirement"] == finding.requirement


class TestKindChanges:
    def test_only_what_differs_from_login(self) -> None:
        policy = credguard.parse_policy(
            "[rules.length]\nmin = 8\n[rules.sequence]\nmax_run = 3\n"
            "[kinds.trade.rules.length]\nmin = 10\n"
            "[kinds.trade.rules.sequence]\nenabled = false\n"
        )
        desc = credguard.describe_policy(policy)
        changed, dropped = desc.changes("trade")
        assert [(r.rule, r.params["min"]) for r in changed] == [("length", 10)]
        assert dropped == ("sequence",)
        text = desc.render()
        assert "[trade] login's rules, except:" in text
        assert "  sequence: off" in text


class TestJson:
    @pytest.mark.parametrize("name", credguard.list_presets())
    def test_every_preset_describes_diffs_and_audits_to_json(self, name: str) -> None:
        data = {
            "describe": credguard.describe_policy(name).to_dict(),
            "diff": [d.to_dict() for d in credguard.diff_policies("recommended", name)],
            "audit": [f.to_dict() for f in credguard.audit_policy(name, "owasp-asvs")],
        }
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert credguard.describe_policy(name).render("ja").startswith(name)
