"""Account-protection sections: [mfa.*], [notifications.*], [login_history],
[masking], [phishing], and the additions to [lockout] and [session]."""

from __future__ import annotations

from typing import Any

import pytest

import credguard
from credguard import PolicyError, parse_policy
from credguard._sections import (
    MFA_METHODS,
    PHISHING_RESISTANT,
    SECTIONS,
    ContactChangeNotice,
    LockoutSettings,
    MfaEvent,
    MfaSettings,
    Notice,
    section_tables,
)
from tests.helpers import error_of


class TestValidation:
    @pytest.mark.parametrize(
        ("text", "line", "key", "fragment"),
        [
            ('[mfa.login]\nmode = "requird"\n', 2, "mfa.login.mode", "did you mean 'required'"),
            ("[mfa.login]\nmode = 1\n", 2, "mfa.login.mode", "must be a string, not integer"),
            ('[mfa.logn]\nmode = "none"\n', 1, "mfa.logn", "unknown event; did you mean 'login'"),
            ('[mfa.login]\nmethods = ["otp"]\n', 2, "mfa.login.methods", "not one of passkey, pki"),
            (
                '[mfa.login]\nmethods = ["passkee"]\n',
                2,
                "mfa.login.methods",
                "did you mean 'passkey'",
            ),
            ('[mfa.login]\nmethods = "sms"\n', 2, "mfa.login.methods", "array of strings"),
            ('[mfa.login]\nmethods = ["sms", "sms"]\n', 2, "mfa.login.methods", "twice"),
            (
                '[mfa.trade]\nmode = "none"\nmethods = ["sms"]\n',
                3,
                "mfa.trade.methods",
                "mode = 'none'",
            ),
            (
                '[mfa.withdrawal]\nmethods = ["sms"]\ncombine = "all"\n',
                3,
                "mfa.withdrawal.combine",
                "at least two methods",
            ),
            (
                '[mfa.login]\nmethods = ["sms", "push"]\ncombine = "either"\n',
                3,
                "mfa.login.combine",
                "not one of any, all",
            ),
            ('[mfa]\nphishing_resistant_planned = ""\n', 2, "mfa.phishing_resistant_planned", ""),
            ("[mfa]\nlogin = 3\n", 2, "mfa.login", "must be a table"),
            ("[mfa.login]\nfido = true\n", 2, "mfa.login.fido", "unknown key"),
            (
                '[notifications.login]\nchannels = ["email"]\n',
                2,
                "notifications.login.channels",
                "needs sent = true",
            ),
            (
                "[notifications.login]\nsent = false\nopt_in = true\n",
                3,
                "notifications.login.opt_in",
                "sent is false",
            ),
            (
                '[notifications.login]\nsent = true\nchannels = ["fax"]\n',
                3,
                "notifications.login.channels",
                "not one of email, app, sms, post",
            ),
            (
                "[notifications.login]\nto_previous_address = true\n",
                2,
                "notifications.login.to_previous_address",
                "unknown key",
            ),
            (
                "[notifications.contact_change]\nto_previous_address = true\n",
                2,
                "notifications.contact_change.to_previous_address",
                "needs sent = true",
            ),
            ("[notifications.logon]\nsent = true\n", 1, "notifications.logon", "unknown event"),
            (
                "[login_history]\nretention_months = 0\n",
                2,
                "login_history.retention_months",
                "between 1 and",
            ),
            (
                "[login_history]\navailable = false\ndeletable = false\n",
                3,
                "login_history.deletable",
                "available = false",
            ),
            ('[masking]\nfields = ["mail"]\n', 2, "masking.fields", "did you mean 'email'"),
            (
                '[phishing]\nlogin_links_in_messages = "no"\n',
                2,
                "phishing.login_links_in_messages",
                "boolean",
            ),
            (
                "[lockout]\nlocks = false\nmax_failures = 5\n",
                3,
                "lockout.max_failures",
                "locks = false",
            ),
            (
                "[session]\nauto_logout = false\nidle_timeout_minutes = 30\n",
                3,
                "session.idle_timeout_minutes",
                "auto_logout = false",
            ),
        ],
    )
    def test_errors_name_file_line_and_key(
        self, text: str, line: int, key: str, fragment: str
    ) -> None:
        error = error_of(text, file="m.toml")
        assert (error.file, error.line, error.key) == ("m.toml", line, key), str(error)
        assert fragment in error.problem
        assert str(error).startswith(f"m.toml:{line}: {key}: ")

    def test_an_error_after_extends_points_at_the_child(self, tmp_path: Any) -> None:
        child = tmp_path / "child.toml"
        child.write_text(
            '[policy]\nextends = "kabucom"\n\n[mfa.withdrawal]\nmethods = ["sms", "sms"]\n',
            "utf-8",
        )
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(child)
        assert (info.value.file, info.value.line) == (str(child), 5)

    def test_code_construction_is_validated_too(self) -> None:
        with pytest.raises(PolicyError, match="must be a MfaEvent"):
            MfaSettings(login=Notice())  # type: ignore[arg-type]
        with pytest.raises(PolicyError):
            MfaEvent(mode="sometimes")


class TestValues:
    def test_absent_is_unknown(self) -> None:
        policy = parse_policy("")
        for path, section in section_tables(policy):
            assert not section.known, path
        assert policy.mfa.login.mode is None
        assert policy.mfa.login.phishing_resistant is None
        assert policy.notifications.login.sent is None
        assert policy.lockout.locks_account is None

    def test_lists_become_tuples_and_provenance_is_kept_per_event(self) -> None:
        policy = parse_policy(
            '[mfa.login]\nmode = "risk_based"\nmethods = ["email_code", "push"]\n'
            'combine = "any"\nquote = "自動適用"\n'
            '[mfa.withdrawal]\nmode = "optional"\nnote = "なしも選択可能"\n'
            '[notifications.contact_change]\nsent = true\nchannels = ["email"]\n'
            "to_previous_address = true\n"
        )
        assert policy.mfa.login.methods == ("email_code", "push")
        assert policy.mfa.login.provenance.quote == "自動適用"
        assert policy.mfa.withdrawal.provenance.note == "なしも選択可能"
        assert policy.mfa.withdrawal.provenance.quote == ""
        assert isinstance(policy.notifications.contact_change, ContactChangeNotice)
        assert policy.notifications.contact_change.to_previous_address is True
        assert policy.mfa.event("withdrawal").mode == "optional"
        with pytest.raises(PolicyError, match="did you mean 'withdrawal'"):
            policy.mfa.event("withdrawl")

    def test_extends_layers_each_event_on_its_own(self) -> None:
        policy = parse_policy(
            '[policy]\nextends = "kabucom"\n[mfa.trade]\nmode = "required"\n'
            'methods = ["passkey"]\nquote = "取引時も必須"\n'
        )
        assert policy.mfa.trade.mode == "required"
        assert policy.mfa.trade.provenance.origin == "custom"
        # The parent's other events and their quotes are untouched.
        kabucom = credguard.load_policy("kabucom")
        assert policy.mfa.login == kabucom.mfa.login
        assert policy.mfa.login.provenance.origin == "kabucom"

    @pytest.mark.parametrize(
        ("methods", "combine", "expected"),
        [
            (None, None, None),
            (("passkey",), None, True),
            (("passkey", "pki"), "any", True),
            (("sms",), None, False),
            (("device_binding", "sms", "biometric"), None, False),
            (("passkey", "sms"), "any", False),  # a phisher picks the SMS
            (("passkey", "sms"), "all", True),  # the passkey is always needed
            (("passkey", "sms"), None, None),  # cannot tell
        ],
    )
    def test_phishing_resistance(
        self, methods: tuple[str, ...] | None, combine: str | None, expected: bool | None
    ) -> None:
        assert MfaEvent(methods=methods, combine=combine).phishing_resistant is expected

    def test_the_fixed_table(self) -> None:
        assert {"passkey", "pki"} == PHISHING_RESISTANT
        for name in ("sms", "email_code", "authenticator_app", "push", "phone_callback"):
            assert not MFA_METHODS[name].phishing_resistant
        assert not MFA_METHODS["biometric"].phishing_resistant
        assert "passkey" in MFA_METHODS["biometric"].why
        for method in MFA_METHODS.values():
            assert method.description
            assert method.description_ja
            assert method.why

    @pytest.mark.parametrize(
        ("settings", "expected"),
        [
            (LockoutSettings(), None),
            (LockoutSettings(locks=True), True),
            (LockoutSettings(max_failures=5), True),
            (LockoutSettings(auto_unlock=False), True),
            (LockoutSettings(locks=False), False),
        ],
    )
    def test_lockout_locks_account(self, settings: LockoutSettings, expected: bool | None) -> None:
        assert settings.locks_account is expected

    def test_every_section_is_a_policy_field(self) -> None:
        policy = parse_policy("")
        for name, cls in SECTIONS.items():
            assert isinstance(getattr(policy, name), cls)
        paths = [path for path, _ in section_tables(policy)]
        assert "mfa.withdrawal_account_change" in paths
        assert "notifications.new_device_login" in paths


class TestTools:
    def test_describe_lists_each_event_with_its_quote(self) -> None:
        description = credguard.describe_policy("moomoo")
        sections = {s.rule: s for s in description.sections}
        assert sections["mfa.login"].params["mode"] == "risk_based"
        assert "新しい端末" in sections["mfa.login"].provenance.quote
        text = description.render()
        assert "mfa.login: mode = " in text
        assert "combine = unknown" in text

    def test_diff_reads_mode_as_strictness(self) -> None:
        stricter = parse_policy(
            '[policy]\nextends = "kabucom"\n[mfa.withdrawal]\nmode = "required"\n'
            'methods = ["passkey"]\nquote = "x"\n'
        )
        found = {(d.rule, d.key): d.change for d in credguard.diff_policies("kabucom", stricter)}
        assert found[("mfa.withdrawal", "mode")] == "stricter"
        assert found[("mfa.withdrawal", "methods")] == "changed"
        other = {
            (d.rule, d.key): d.change for d in credguard.diff_policies("fujitomi-fx", "kabucom")
        }
        assert other[("notifications.login", "sent")] == "unknown"  # true -> not said: not looser
        assert other[("masking", "fields")] == "stricter"  # kabucom masks more
        opt_in = parse_policy("[notifications.login]\nsent = true\nopt_in = true\n")
        always = parse_policy("[notifications.login]\nsent = true\nopt_in = false\n")
        (change,) = credguard.diff_policies(opt_in, always)
        assert (change.rule, change.key, change.change) == (
            "notifications.login",
            "opt_in",
            "stricter",
        )

    def test_lint_wants_provenance_per_event(self, tmp_path: Any) -> None:
        path = tmp_path / "p.toml"
        path.write_text('[policy]\nname = "p"\n\n[mfa.login]\nmode = "required"\n', "utf-8")
        (finding,) = credguard.lint_policy(path)
        assert (finding.key, finding.line, finding.severity) == ("mfa.login", 4, "warning")
