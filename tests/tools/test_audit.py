"""audit_policy against jsda-2025 and the measure clauses of nist-800-63b:
met / not met / unknown per requirement, with the firm's quote."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import AuditFinding, parse_policy
from credguard._sections import MFA_METHODS, MFA_MODES, MfaEvent, MfaSettings, Provenance
from credguard._tools.audit import BASELINES
from credguard._tools.audit.checks import Outcome
from credguard._tools.audit.jsda_2025 import JSDA_2025
from credguard._tools.audit.wording import WORDING
from tests.helpers import CANARY, GOLDEN, IDS

_STATUS = {"M": "met", "N": "not_met", "?": "unknown"}


def _jsda(policy: credguard.Policy | str) -> dict[str, AuditFinding]:
    findings = credguard.audit_policy(policy, "jsda-2025")
    by_id = {f.requirement_id: f for f in findings}
    assert len(by_id) == len(findings)  # one finding per requirement
    return by_id


class TestJsdaGolden:
    def test_every_preset_has_a_golden_row(self) -> None:
        assert set(GOLDEN) == set(credguard.list_presets())

    def test_the_requirements(self) -> None:
        assert tuple(r.id for r, _, _ in JSDA_2025) == IDS
        for requirement, _, per_kind in JSDA_2025:
            assert requirement.source.startswith("https://")
            assert requirement.requirement
            assert requirement.note  # how far the wording was verified
            assert requirement.obligation in (
                "mandatory",
                "desirable",
                "unverified",
                "conditional",
            )
            assert not per_kind
            # The Japanese words verbatim, apart from the English gloss, and
            # where they come from: never presented as the guideline's text.
            assert requirement.quote
            assert not requirement.quote.isascii()
            assert requirement.requirement.isascii() or "(" in requirement.requirement
            assert requirement.source_title
            assert requirement.source_party == "third_party"
            assert "third" in requirement.note
            assert requirement.effective == "2025-10-15"

    @pytest.mark.parametrize("name", sorted(GOLDEN))
    def test_status_per_requirement(self, name: str) -> None:
        found = _jsda(name)
        expected = dict(zip(IDS, (_STATUS[c] for c in GOLDEN[name].split()), strict=True))
        assert {i: found[i].status for i in IDS} == expected

    @pytest.mark.parametrize("name", sorted(GOLDEN))
    def test_levels_follow_obligation_and_status(self, name: str) -> None:
        for finding in _jsda(name).values():
            if finding.status == "not_met":
                expected = "violation" if finding.obligation == "mandatory" else "advice"
                assert finding.level == expected, finding
            else:
                assert finding.level == finding.status

    def test_moomoo_login_is_risk_based_and_phishable(self) -> None:
        login = _jsda("moomoo")["login-mfa"]
        assert login.level == "violation"
        assert login.key == "mfa.login"
        assert "risk-based" in login.problem
        assert "not phishing-resistant" in login.problem
        assert "新しい端末からのログイン時には" in login.evidence.quote
        assert login.evidence.source == "https://www.moomoo.com/jp/security-policy"
        assert "「当社はお客様が登録する時にデバイス認証" in str(login)

    def test_kabucom_withdrawal_can_be_none(self) -> None:
        withdrawal = _jsda("kabucom")["withdrawal-mfa"]
        assert withdrawal.status == "not_met"
        assert "optional" in withdrawal.problem
        assert "「なし」も選択可能" in withdrawal.evidence.quote

    def test_a_plan_is_not_a_measure(self) -> None:
        kabucom = credguard.load_policy("kabucom")
        # FIDO and passkeys are announced, not in force: no method records them.
        for event in ("login", "trade", "withdrawal"):
            assert "passkey" not in (kabucom.mfa.event(event).methods or ())
        found = _jsda(kabucom)
        # A season (2026年春) is not shown to be a concrete schedule: unknown, not met.
        assert found["interim-mfa-schedule"].status == "unknown"
        assert "2026年春" in found["interim-mfa-schedule"].problem
        # The lock and the login notification were only announced: unknown, with the quote.
        assert found["auto-lock"].status == "unknown"
        assert "回数未定" in found["auto-lock"].evidence.quote
        assert found["login-notification"].status == "unknown"
        assert "準備しております" in found["login-notification"].evidence.quote

    def test_verdicts_are_dated_against_the_effective_date(self) -> None:
        kabucom = _jsda("kabucom")["withdrawal-notification"]
        assert kabucom.status == "met"
        assert (kabucom.evidence_date_kind, kabucom.evidence_date) == ("published", "2022-03-15")
        assert kabucom.effective == "2025-10-15"
        assert kabucom.predates_effective is True
        assert "(published 2022-03-15, before 2025-10-15)" in str(kabucom)
        moomoo = _jsda("moomoo")["login-mfa"]
        assert (moomoo.evidence_date, moomoo.predates_effective) == ("2025-05-12", True)
        # The trade notice is on another, undated page: no date is borrowed.
        mizuho = _jsda("mizuho")["trade-notification"]
        assert mizuho.status == "met"
        assert "約定通知メール" in mizuho.evidence.quote
        assert (mizuho.evidence_date, mizuho.predates_effective) == ("", None)
        later = parse_policy("[lockout]\nlocks = true\npublished = 2026-01-05\n")
        assert _jsda(later)["auto-lock"].predates_effective is False

    def test_evidence_quality_is_recorded(self) -> None:
        gmo = _jsda("gmo-click")["withdrawal-mfa"]
        assert gmo.status == "not_met"
        assert gmo.evidence_quality == "third_party"
        assert "[third-party]" in str(gmo)
        assert _jsda("moomoo")["login-mfa"].evidence_quality == "first_party"
        assert gmo.to_dict()["evidence_quality"] == "third_party"
        assert gmo.to_dict()["quote"] == gmo.quote != ""

    @pytest.mark.parametrize(
        ("text", "ident", "status"),
        [
            ("[notifications.trade]\nsent = true\n", "trade-notification", "met"),
            ("[notifications.trade]\nsent = false\n", "trade-notification", "not_met"),
            ("[notifications.withdrawal]\nsent = true\n", "withdrawal-notification", "met"),
            ("[behaviour_detection]\ndetects = true\n", "behaviour-detection", "met"),
            ("[behaviour_detection]\ndetects = false\n", "behaviour-detection", "not_met"),
            ("[account_reopening]\nverifies_identity = true\n", "account-reopening", "met"),
            ("[account_reopening]\nverifies_identity = false\n", "account-reopening", "not_met"),
            ('[mfa.contact_change]\nmode = "required"\nmethods = ["passkey"]\n',
             "contact-change-mfa", "met"),
            ('[mfa.contact_change]\nmode = "required"\nmethods = ["sms"]\n',
             "contact-change-mfa", "not_met"),
        ],
    )  # fmt: skip
    def test_the_added_requirements(self, text: str, ident: str, status: str) -> None:
        finding = _jsda(parse_policy(text))[ident]
        assert finding.status == status
        if status == "not_met":
            # Only a mandatory point is a violation; an unverified or desirable one is advice.
            expected = "violation" if finding.obligation == "mandatory" else "advice"
            assert finding.level == expected

    def test_unknowns_stay_unknown(self) -> None:
        for finding in _jsda("monex").values():
            assert finding.status == "unknown"
            assert not finding.evidence

    def test_summaries_are_marked_as_notes(self) -> None:
        lock = _jsda("tachibana")["auto-lock"]
        assert lock.status == "met"
        assert "count is not stated" in lock.problem
        assert lock.evidence.quote == ""
        assert str(lock).endswith(f"| note: {lock.evidence.note}")


class TestMfaVerdicts:
    @pytest.mark.parametrize(
        ("table", "status", "fragment"),
        [
            ('mode = "required"\nmethods = ["passkey"]', "met", "phishing-resistant (passkey)"),
            ('mode = "required"\nmethods = ["pki", "passkey"]\ncombine = "any"', "met", "pki"),
            ('mode = "required"\nmethods = ["passkey", "sms"]\ncombine = "any"', "not_met", "not"),
            ('mode = "required"\nmethods = ["passkey", "sms"]\ncombine = "all"', "met", ""),
            ('mode = "required"\nmethods = ["passkey", "sms"]', "unknown", "alternatives"),
            ('mode = "required"\nmethods = ["authenticator_app"]', "not_met", "not phishing"),
            ('mode = "required"', "unknown", "methods are not stated"),
            ('mode = "optional"\nmethods = ["passkey"]', "not_met", "optional"),
            ('mode = "risk_based"\nmethods = ["passkey"]', "not_met", "risk-based"),
            ('mode = "none"', "not_met", "no second factor"),
            ('mode = "offline"', "met", "cannot be done online"),
            ('methods = ["sms"]', "not_met", "mode is not stated"),
            ('methods = ["passkey"]', "unknown", "mode is not stated"),
            ('note = "nothing said"', "unknown", "does not say"),
        ],
    )
    def test_login(self, table: str, status: str, fragment: str) -> None:
        finding = _jsda(parse_policy(f"[mfa.login]\n{table}\n"))["login-mfa"]
        assert finding.status == status
        assert fragment in finding.problem

    def test_interim_schedule(self) -> None:
        required = '[mfa.{}]\nmode = "required"\nmethods = ["passkey"]\n'
        every = "".join(
            required.format(e) for e in ("login", "withdrawal", "withdrawal_account_change")
        )
        assert _jsda(parse_policy(every))["interim-mfa-schedule"].status == "met"
        partial = parse_policy(required.format("login"))
        assert _jsda(partial)["interim-mfa-schedule"].status == "unknown"
        planned = parse_policy('[mfa]\nphishing_resistant_planned = "2026-03"\nnote = "x"\n')
        assert _jsda(planned)["interim-mfa-schedule"].status == "met"

    @pytest.mark.parametrize(
        ("planned", "status"),
        [
            ("2026年3月", "met"),
            ("2026年 5月18日以降", "met"),
            ("2026/3", "met"),
            ("2026年春", "unknown"),
            ("2026年度上期", "unknown"),
            ("来春", "unknown"),
            ("20260", "unknown"),
        ],
    )
    def test_a_season_is_not_a_concrete_schedule(self, planned: str, status: str) -> None:
        policy = parse_policy(f'[mfa]\nphishing_resistant_planned = "{planned}"\n')
        finding = _jsda(policy)["interim-mfa-schedule"]
        assert finding.status == status
        assert planned in finding.problem

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("[notifications.login]\nsent = true\n", "met"),
            ("[notifications.new_device_login]\nsent = true\n", "met"),
            ("[notifications.login]\nsent = false\n", "unknown"),
            ("[notifications.login]\nsent = false\n"
             "[notifications.new_device_login]\nsent = false\n", "not_met"),
            ("[lockout]\nlocks = false\n", "not_met"),
            ("[phishing]\nlogin_links_in_messages = true\n", "not_met"),
            ("[phishing]\nlogin_links_in_messages = false\n", "met"),
        ],
    )  # fmt: skip
    def test_other_measures(self, text: str, status: str) -> None:
        statuses = {f.status for f in _jsda(parse_policy(text)).values()}
        assert status in statuses


class TestNistMeasures:
    CLAUSES: ClassVar[tuple[str, ...]] = (
        "rate-limiting",
        "aal2-mfa",
        "aal2-phishing-resistant-option",
        "no-email-out-of-band",
        "restricted-pstn",
    )

    def _by_id(self, policy: credguard.Policy | str) -> dict[str, list[AuditFinding]]:
        out: dict[str, list[AuditFinding]] = {}
        for finding in credguard.audit_policy(policy, "nist-800-63b"):
            if finding.requirement_id:
                out.setdefault(finding.requirement_id, []).append(finding)
        return out

    def test_kabucom(self) -> None:
        found = self._by_id("kabucom")
        assert set(found) == set(self.CLAUSES)
        assert [f.status for f in found["rate-limiting"]] == ["unknown"]
        assert [f.level for f in found["aal2-mfa"]] == ["violation"]
        assert [f.level for f in found["aal2-phishing-resistant-option"]] == ["violation"]
        email = found["no-email-out-of-band"]
        assert {f.key for f in email} == {"mfa.login.methods", "mfa.withdrawal.methods"}
        assert all(f.level == "violation" and f.evidence.quote for f in email)
        assert [f.status for f in found["restricted-pstn"]] == ["met"]  # SMS has ended

    def test_lockout_met_is_reported_with_the_quote(self) -> None:
        (lock,) = self._by_id("moomoo")["rate-limiting"]
        assert (lock.level, lock.key) == ("met", "lockout.max_failures")
        assert "十回連続失敗" in lock.evidence.quote
        assert lock.clause == "SP 800-63B-4 §3.2.2"
        assert lock.obligation == "SHALL"
        (too_many,) = self._by_id(parse_policy("[lockout]\nmax_failures = 101\n"))["rate-limiting"]
        assert too_many.level == "violation"

    def test_sms_is_restricted_advice(self) -> None:
        pstn = self._by_id("moomoo")["restricted-pstn"]
        assert {(f.level, f.key) for f in pstn} == {
            ("advice", "mfa.login.methods"),
            ("advice", "mfa.withdrawal.methods"),
        }

    def test_a_passkey_policy_meets_the_mfa_clauses(self) -> None:
        found = self._by_id("jsda-2025")
        for clause in self.CLAUSES[1:]:
            assert [f.status for f in found[clause]] == ["met"], clause

    def test_unverified_wording_is_marked(self) -> None:
        found = self._by_id("moomoo")
        for clause in self.CLAUSES[1:]:
            assert "not verified" in found[clause][0].note
        assert all(f.clause.startswith("SP 800-63B-4 §") for fs in found.values() for f in fs)


class TestFindingShape:
    def test_old_shape_still_constructs_and_prints(self) -> None:
        finding = AuditFinding("b", "§1", "words", "violation", "login", "length.min", "short")
        assert str(finding) == "[violation] b §1: login: length.min: short"
        assert finding.status == "not_met"
        assert finding.to_dict()["evidence"] == {}

    @pytest.mark.parametrize("baseline", ["jsda-2025", "nist-800-63b", "owasp-asvs"])
    @pytest.mark.parametrize("name", credguard.list_presets())
    def test_every_preset_audits_to_json_and_text(self, baseline: str, name: str) -> None:
        findings = credguard.audit_policy(name, baseline)
        data = [f.to_dict() for f in findings]
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        for finding, item in zip(findings, data, strict=True):
            assert item["status"] == finding.status
            assert str(finding).startswith(f"[{finding.level}] {baseline} ")

    def test_unknown_baseline_suggests_jsda(self) -> None:
        with pytest.raises(credguard.UnknownPresetError) as info:
            credguard.audit_policy("moomoo", "jsda")
        assert "jsda-2025" in info.value.suggestions


class TestOddInput:
    @given(
        text=st.text(max_size=40),
        mode=st.sampled_from([*MFA_MODES, None]),
        methods=st.none() | st.lists(st.sampled_from(sorted(MFA_METHODS)), unique=True),
    )
    def test_any_measure_audits_without_crashing(
        self, text: str, mode: str | None, methods: list[str] | None
    ) -> None:
        try:
            listed = None if methods is None else tuple(methods)
            event = MfaEvent(mode=mode, methods=listed, provenance=Provenance(quote=text))
        except credguard.PolicyError:
            return  # e.g. methods with mode = "none": refused, with a key
        policy = credguard.Policy(mfa=MfaSettings(login=event, trade=event))
        for baseline in ("jsda-2025", "nist-800-63b"):
            for finding in credguard.audit_policy(policy, baseline):
                assert finding.status in ("met", "not_met", "unknown")
                str(finding)
                json.dumps(finding.to_dict(), ensure_ascii=False)

    @given(st.text(max_size=120))
    def test_lint_never_raises_on_a_measure_table(self, body: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "m.toml"
            path.write_text(f"[mfa.login]\n{body}\n", "utf-8", errors="surrogatepass")
            for finding in credguard.lint_policy(path):
                assert finding.file == str(path)
                str(finding)

    def test_a_pasted_secret_in_a_bad_value_is_not_echoed(self, tmp_path: Path) -> None:
        path = tmp_path / "m.toml"
        path.write_text(f'[mfa.login]\nmode = "{CANARY}"\nmethods = ["{CANARY}"]\n', "utf-8")
        (finding,) = credguard.lint_policy(path)
        assert finding.key == "mfa.login.mode"
        assert "not one of" in finding.problem
        assert CANARY not in str(finding)
        with pytest.raises(credguard.PolicyError) as info:
            parse_policy(f'[masking]\nfields = ["{CANARY}"]\n')
        assert CANARY not in str(info.value)


class TestFindingHoldsRequirement:
    def test_the_row_requirement_is_held_not_copied(self) -> None:
        findings = credguard.audit_policy("jsda-2025", "jsda-2025")
        for finding, (requirement, _check, _per_kind) in zip(findings, JSDA_2025, strict=True):
            assert finding.cited is requirement
            assert finding.requirement_id == requirement.id
            assert finding.requirement == requirement.requirement

    def test_old_constructor_equals_the_held_shape(self) -> None:
        finding = AuditFinding("b", "§1", "words", "advice", "", "k", "p", "id", "SHALL", "s", "n")
        assert (finding.clause, finding.obligation, finding.source, finding.note) == (
            "§1",
            "SHALL",
            "s",
            "n",
        )
        assert repr(finding).startswith("AuditFinding(baseline='b', clause='§1', requirement=")
        assert list(finding.to_dict())[7] == "status"


class TestWording:
    def test_every_message_renders_in_both_languages(self) -> None:
        params = {
            "minimum": 6, "floor": 8, "soft": 15, "why": "mfa_only", "maximum": 20,
            "ceiling": 64, "missing": ("space",), "days": 90, "what": "trade",
            "mode": "optional", "methods": ("sms", "passkey"), "planned": "2026年春",
            "count": 1, "channels": ("email",), "responses": ("notify",),
        }  # fmt: skip
        for code in WORDING:
            english = WORDING.render(code, params, "en")
            japanese = WORDING.render(code, params, "ja")
            assert english, code
            assert japanese, code
            assert english != japanese, code

    def test_findings_are_japanese_with_lang_ja(self) -> None:
        for name in ("kabucom", "moomoo", "gmo-click", "jsda-2025"):
            for baseline in ("jsda-2025", "nist-800-63b"):
                for finding in credguard.audit_policy(name, baseline):
                    assert finding.code, finding
                    japanese = finding.problem_in("ja")
                    assert japanese != finding.problem
                    assert finding.problem_in("en") == finding.problem

    @pytest.mark.parametrize("baseline", ["nist-800-63b", "owasp-asvs", "jsda-2025"])
    def test_every_requirement_has_japanese(self, baseline: str) -> None:
        for requirement, _, _ in BASELINES[baseline]:
            finding = AuditFinding.of(baseline, requirement, Outcome("met", "k", "p"), "")
            japanese = finding.requirement_in("ja")
            assert japanese != requirement.requirement, requirement
            assert not japanese.isascii()
