"""Firm presets follow the firm's word, all of it (DESIGN.md).

Each test is built from the page's own words (research/firm-rules.md): a
firm preset refuses every password the page tells customers not to use,
says how strongly the page words each rule (``wording``), marks what the
page only announces (``status = "planned"``), and marks what it does not
say (``assumed``, or no rule at all).
"""

from __future__ import annotations

import datetime
from typing import Final

import pytest

import credguard

FIRMS: Final = (
    "moomoo", "kabucom", "gmo-click", "mizuho", "fujitomi-fx", "fujitomi-commodity",
    "monex", "rakuten", "iwaicosmo", "matsui", "tachibana", "smbc-nikko",
    "daiwa", "nomura", "sbi",
)  # fmt: skip
#: The presets whose page speaks of guessable strings (推測, 類推, 辞書に載っている単語 …).
GUESSABLE: Final = (
    "moomoo", "kabucom", "gmo-click", "mizuho", "fujitomi-fx", "fujitomi-commodity",
    "matsui", "tachibana", "nomura", "rakuten",
)  # fmt: skip


def _all_provenance(name: str) -> list[tuple[str, str, credguard.Provenance]]:
    policy = credguard.load_policy(name)
    return [
        (kind, rule, prov)
        for kind, by_rule in policy.provenance.items()
        for rule, prov in by_rule.items()
    ]


class TestEveryFirmRule:
    @pytest.mark.parametrize("name", FIRMS)
    def test_quoted_with_its_wording_or_assumed(self, name: str) -> None:
        for kind, rule, prov in _all_provenance(name):
            where = f"{name} {kind} {rule}"
            if prov.quote:
                assert prov.source.startswith("https://"), where
                assert prov.wording in ("required", "advised"), where
            else:
                assert prov.assumed, where
            # No summary in place of the page's own sentence any more.
            assert "summary of the page" not in prov.note, where

    @pytest.mark.parametrize("name", GUESSABLE)
    def test_a_page_on_guessable_strings_gets_the_blocklists(self, name: str) -> None:
        policy = credguard.load_policy(name)
        assert "blocklist" in {rule.NAME for rule in policy.rules}
        prov = policy.provenance_of("blocklist")
        assert prov.quote
        assert prov.assumed
        # A common password is refused (an error by default, whatever the wording).
        assert not policy.check("iloveyou").ok

    @pytest.mark.parametrize("name", FIRMS)
    def test_advice_warn_keeps_every_required_rule_an_error(self, name: str) -> None:
        letter = credguard.load_policy(name, advice="warn")
        for kind in ("login", "trade", "withdrawal"):
            for rule in letter.rules_for(kind):
                wording = letter.provenance_of(rule.NAME, kind).wording
                assert rule.severity == ("warning" if wording == "advised" else "error")


class TestQuotes:
    def test_gmo_keeps_the_open_end_of_its_list(self) -> None:
        # 「【類推されやすいパスワードの例】…生年月日と同一、等」
        for _, _, prov in _all_provenance("gmo-click"):
            if prov.quote:
                assert prov.quote.endswith("生年月日と同一、等")

    @pytest.mark.parametrize("name", ["fujitomi-fx", "fujitomi-commodity"])
    def test_fujitomi_quotes_whole_sentences(self, name: str) -> None:
        for _, rule, prov in _all_provenance(name):
            assert "…" not in prov.quote, rule
        length = credguard.load_policy(name).provenance_of("length").quote
        assert length.startswith("英大文字・英小文字・数字・記号の4種類から")
        assert length.endswith("文字で設定してください")

    def test_monex_is_marked_third_party(self) -> None:
        for _, rule, prov in _all_provenance("monex"):
            assert prov.source.startswith("https://faq.shinseibank.com/"), rule
            assert prov.note.startswith("third-party"), rule


class TestGmoClick:
    """「「ログインパスワード」と「取引暗証番号」は、他人から類推されにくいものを設定してください。」"""

    def test_the_trade_pin_has_no_length_rule(self) -> None:
        policy = credguard.load_policy("gmo-click")
        for kind in ("trade", "withdrawal"):
            assert "length" not in {rule.NAME for rule in policy.rules_for(kind)}
            assert "not published" in policy.provenance_of("length", kind).assumed
            assert "length.too_short" not in policy.check("1357", kind=kind).codes
        assert policy.check("1537", kind="trade").ok
        assert policy.check("1537").codes == ("length.too_short",)

    def test_the_guessable_examples_apply_to_the_trade_pin(self) -> None:
        policy = credguard.load_policy("gmo-click")
        context = credguard.UserContext(username="tky8r", birthdate="1985-07-23")
        assert policy.check("1155", kind="trade").codes == ("repetition.same_character",)
        found = policy.check("tky8r", kind="trade", context=context).codes
        assert found[0] == "personal.username"

    def test_two_identical_characters_are_compared_as_written(self) -> None:
        # 「二つ以上の連続した同一文字」: e and E are not the same character.
        policy = credguard.load_policy("gmo-click")
        assert policy.check("TkeEr8mw").ok
        assert policy.check("Tkeer8mw").codes == ("repetition.same_character",)


class TestMizuho:
    """「生年月日、氏名、電話番号や同一または連続した英数字など、推測されやすい文字の組み合わせを使用しないでください。」"""

    CONTEXT: Final = credguard.UserContext(
        birthdate=datetime.date(1985, 7, 23),
        names=("やまだ たろう",),
        phone="090-3961-2475",
        customer_number="2753819",
    )

    @pytest.mark.parametrize(
        ("password", "field"),
        [("S600723x", "birthdate"), ("tarou1985", "names"), ("19850723a", "birthdate")],
    )
    def test_personal_data_advice_is_enforced(self, password: str, field: str) -> None:
        result = credguard.load_policy("mizuho").check(password, context=self.CONTEXT)
        assert f"personal.{field}" in result.codes
        assert not result.ok
        letter = credguard.load_policy("mizuho", advice="warn").check(
            password, context=self.CONTEXT
        )
        assert f"personal.{field}" in letter.codes
        assert letter.ok  # advice, in the letter of the page

    def test_the_phone_too(self) -> None:
        result = credguard.load_policy("mizuho").check("tk2475zq", context=self.CONTEXT)
        assert result.codes == ("personal.phone",)

    def test_equal_to_the_customer_code_stays_an_error(self) -> None:
        letter = credguard.load_policy("mizuho", advice="warn")
        result = letter.check("2753819a", context=self.CONTEXT)
        assert result.ok  # containing it is allowed: 「と同一の文字列は使用できません」
        result = letter.check("2753819", context=self.CONTEXT)
        severities = {v.code: v.severity for v in result.violations}
        assert severities["personal.customer_number"] == "error"

    def test_repetition_and_sequence_are_advised(self) -> None:
        policy = credguard.load_policy("mizuho")
        for rule in ("repetition", "sequence", "blocklist"):
            assert policy.provenance_of(rule).wording == "advised"
        for rule in ("length", "charset", "classes", "history", "separation"):
            assert policy.provenance_of(rule).wording == "required"


class TestKabucom:
    """The 2022-03-15 page's 「今後の対応予定」: announced, not confirmed in force."""

    @pytest.mark.parametrize("rule", ["classes", "sequence", "personal", "blocklist"])
    def test_the_announced_rules_are_planned(self, rule: str) -> None:
        prov = credguard.load_policy("kabucom").provenance_of(rule)
        assert (prov.status, prov.published) == ("planned", "2022-03-15")
        assert "not confirmed in force" in prov.note or "not in force" in prov.note

    def test_the_staff_answer_is_cited(self) -> None:
        note = credguard.load_policy("kabucom").provenance_of("classes").note
        assert "2023-01-30" in note
        assert "https://github.com/kabucom/kabusapi/issues/626" in note

    def test_what_is_in_force_says_so(self) -> None:
        policy = credguard.load_policy("kabucom")
        for rule in ("length", "charset"):
            assert policy.provenance_of(rule).status == "in_force"
            assert policy.provenance_of(rule).quote.startswith("2020/11/26")

    def test_show_and_the_presets_page_print_the_status(self) -> None:
        text = credguard.describe_policy("kabucom").render()
        assert "status: planned (2022-03-15)" in text
        assert "状況: 予定 (2022-03-15)" in credguard.describe_policy("kabucom").render("ja")


class TestNewFirms:
    def test_daiwa(self) -> None:
        # 「6桁以上かつ数字、アルファベット大文字、アルファベット小文字、記号から2種以上を利用」
        policy = credguard.load_policy("daiwa")
        assert policy.check("Tkyrmw").ok
        assert policy.check("tkyrmw").codes == ("classes.too_few",)
        assert policy.check("Tk8mw").codes == ("length.too_short",)
        assert policy.meta.published == "2022-03-25"
        assert "maximum" in policy.provenance_of("length").assumed

    def test_nomura_only_separates_the_trade_password(self) -> None:
        # 「ログインパスワードと取引パスワードは同一のパスワードを設定することができません。」
        policy = credguard.load_policy("nomura")
        trade = policy.rules_for("trade")
        assert {rule.NAME for rule in trade} == {"blocklist", "separation"}
        assert policy.provenance_of("separation", "trade").wording == "required"
        composition = {"length", "charset", "classes"}
        for kind in ("login", "trade", "withdrawal"):
            assert not composition & {rule.NAME for rule in policy.rules_for(kind)}
        assert "no composition rule" in policy.meta.assumed

    def test_sbi_only_advises_separation(self) -> None:
        # 「ログインパスワードと取引パスワードは別のものをご利用いただくことを
        # 強くお勧めいたします。」
        policy = credguard.load_policy("sbi")
        assert policy.rules == ()
        assert [rule.NAME for rule in policy.rules_for("trade")] == ["separation"]
        assert policy.provenance_of("separation", "trade").wording == "advised"
        warn = credguard.load_policy("sbi", advice="warn")
        assert warn.rules_for("trade")[0].severity == "warning"
        assert "conflict" in policy.meta.description

    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("moomoo", "trade"),
            ("mizuho", "trade"),
            ("fujitomi-fx", "trade"),
            ("rakuten", "trade"),
            ("monex", "trade"),
            ("daiwa", "trade"),
        ],
    )
    def test_login_rules_applied_to_a_kind_say_so(self, name: str, kind: str) -> None:
        policy = credguard.load_policy(name)
        assert "login's rules are applied" in policy.meta.assumed
        assert kind in policy.meta.assumed or "取引" in policy.meta.assumed
