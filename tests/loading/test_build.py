"""Building rules and sections: kinds, provenance, contradictions, path parameters."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import credguard
from credguard import parse_policy
from credguard.rules import LengthRule
from tests.helpers import error_of


class TestContradictions:
    @pytest.mark.parametrize(
        ("text", "key", "fragment"),
        [
            (
                "[rules.length]\nmin = 4\nmax = 4\n[rules.classes]\n"
                'required = ["upper", "lower", "digit", "symbol", "space"]\n',
                "rules.classes.required",
                "needs at least 5 characters but length.max is 4",
            ),
            (
                "[rules.length]\nmin = 2\nmax = 3\n[rules.classes]\nmin_counts = {digit = 4}\n",
                "rules.classes.min_counts",
                "length.max is 3",
            ),
            (
                '[rules.charset]\nallow = ["lower", "digit"]\n'
                '[rules.classes]\nrequired = ["upper"]\n',
                "rules.classes.required",
                "charset.allow excludes",
            ),
            (
                '[rules.charset]\nallow = ["lower", "digit"]\n[rules.classes]\nmin_classes = 3\n',
                "rules.classes.min_classes",
                "permits only 2",
            ),
            (
                '[rules.charset]\nallow = ["digit"]\n'
                '[kinds.trade.rules.classes]\nrequired = ["symbol"]\n',
                "kinds.trade.rules.classes.required",
                "excludes",
            ),
        ],
    )
    def test_contradictions(self, text: str, key: str, fragment: str) -> None:
        error = error_of(text)
        assert error.key == key
        assert fragment in error.problem
        assert error.line is not None


class TestKinds:
    def test_kind_inherits_login_and_overrides(self) -> None:
        policy = parse_policy(
            "[rules.length]\nmin = 6\nmax = 16\n"
            "[kinds.trade.rules.length]\nmin = 8\n"
            "[kinds.trade.rules.classes]\nmin_classes = 2\n"
        )
        trade = {r.NAME: r for r in policy.rules_for("trade")}
        assert trade["length"] == LengthRule(min=8, max=16)  # max is inherited
        assert "classes" in trade
        assert policy.rules_for("withdrawal") == policy.rules
        assert not policy.check("Ab3456", kind="trade").ok
        assert policy.check("Ab3456", kind="login").ok

    def test_kind_can_disable_a_rule(self) -> None:
        policy = parse_policy(
            "[rules.sequence]\nmax_run = 3\n[kinds.withdrawal.rules.sequence]\nenabled = false\n"
        )
        assert policy.check("x12345678").codes == ("sequence.ascending",)
        assert policy.check("x12345678", kind="withdrawal").ok


class TestProvenance:
    def test_rule_and_section_provenance_is_kept(self) -> None:
        policy = parse_policy(
            '[rules.length]\nmin = 8\nsource = "https://example.jp/"\nquote = "8文字以上"\n'
            "retrieved = 2025-01-02\n"
            '[kinds.trade.rules.length]\nmin = 10\nassumed = "trade is longer"\n'
            '[lockout]\nmax_failures = 5\nquote = "5回"\n',
            file="/x/firm.toml",
        )
        login = policy.provenance_of("length")
        assert login.quote == "8文字以上"
        assert login.retrieved == "2025-01-02"
        assert login.origin == "firm"
        # A table with its own provenance replaces the inherited one.
        trade = policy.provenance_of("length", "trade")
        assert trade.assumed == "trade is longer"
        assert trade.quote == ""
        assert policy.provenance_of("length", "withdrawal") == login
        assert policy.lockout.max_failures == 5
        assert policy.lockout.provenance.quote == "5回"
        assert policy.session.idle_timeout_minutes is None  # absent = unknown
        assert not policy.session.known

    def test_metadata(self) -> None:
        policy = parse_policy(
            '[policy]\nname = "firm"\ntitle = "T"\ntitle_ja = "題"\npublished = 2024-03-16\n'
            'source = "https://example.jp/"\n'
        )
        assert (policy.name, policy.title, policy.title_ja) == ("firm", "T", "題")
        assert policy.meta.published == "2024-03-16"
        assert policy.meta.source == "https://example.jp/"


class TestCredentialRuleTables:
    @pytest.mark.parametrize(
        ("text", "key", "fragment"),
        [
            (
                '[rules.separation]\ndiffer_from = ["trade"]\n',
                "rules.separation.differ_from",
                "the trade password cannot differ from itself (it inherits login's rules",
            ),
            (
                '[kinds.trade.rules.separation]\ndiffer_from = ["trade"]\n',
                "kinds.trade.rules.separation.differ_from",
                "the trade password cannot differ from itself",
            ),
            (
                '[rules.separation]\ndiffer_from = ["login"]\n',
                "rules.separation.differ_from",
                "the login password cannot differ from itself",
            ),
            (
                '[rules.history]\ngenerations = 5\nhasher = "argon2"\n',
                "rules.history.hasher",
                "is set in code",
            ),
        ],
    )
    def test_errors(self, text: str, key: str, fragment: str) -> None:
        error = error_of(text)
        assert error.key == key
        assert fragment in error.problem
        assert error.line is not None

    def test_both_sides_of_a_separation(self) -> None:
        policy = parse_policy(
            '[rules.separation]\ndiffer_from = ["trade"]\n'
            '[kinds.trade.rules.separation]\ndiffer_from = ["login"]\n'
            "[kinds.withdrawal.rules.separation]\nenabled = false\n"
        )
        assert [r.NAME for r in policy.rules_for("withdrawal")] == []
        trade = policy.rules_for("trade")[0]
        assert trade.NAME == "separation"
        assert trade == policy.kinds["trade"][0]


class TestPathParameters:
    def test_breach_file_is_relative_to_the_policy_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        leaked = "Zx9!leaked-pw"
        digests = sorted(
            hashlib.sha1(p.encode(), usedforsecurity=False).hexdigest().upper()
            for p in (leaked, "other-1", "other-2")
        )
        (tmp_path / "pwned.txt").write_text("".join(f"{d}:7\n" for d in digests), "utf-8")
        (tmp_path / "policy.toml").write_text(
            '[rules.breached]\nfile = "pwned.txt"\nassumed = "a local corpus"\n', "utf-8"
        )
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        policy = credguard.load_policy(tmp_path / "policy.toml")
        assert policy.check(leaked).codes == ("breached.found",)
        assert policy.check("Zx9!not-leaked").ok
