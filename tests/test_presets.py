"""Golden tests: each preset rejects the firm's published examples for the
right reason, and accepts a table of passwords that meet its rules."""

from __future__ import annotations

from typing import ClassVar

import pytest

import credguard
from credguard import testing

#: (preset, kind, password, the codes expected).  Where the firm publishes
#: an example string, it is embedded in an otherwise acceptable password so
#: that the example's own rule is the only reason for rejection.
REJECTED: list[tuple[str, str, str, tuple[str, ...]]] = [
    # moomoo: 「5555555」「ccccccc」, 「123456」「abcdef」「987654」
    ("moomoo", "login", "Qz!5555555", ("repetition.same_character",)),
    ("moomoo", "login", "Qz!ccccccc", ("repetition.same_character",)),
    ("moomoo", "login", "Qz!123456", ("sequence.ascending",)),
    ("moomoo", "login", "Qz!abcdef", ("sequence.ascending",)),
    ("moomoo", "login", "Qz!987654", ("sequence.descending",)),
    ("moomoo", "login", "Tk!r8mw", ("length.too_short",)),
    ("moomoo", "login", "Tk!r8mwq2Lp5Zx7Vn4Bc9", ("length.too_long",)),
    ("moomoo", "login", "tkyr8mwq", ("classes.too_few",)),
    ("moomoo", "login", "Ｔｋｙｒ８ｍｗｑ", ("charset.fullwidth",)),
    # auカブコム: 例: 123456; digits, upper and lower all required; 14 symbols
    ("kabucom", "login", "Qz123456", ("sequence.ascending",)),
    ("kabucom", "trade", "Qz123456", ("sequence.ascending",)),
    ("kabucom", "login", "tkyr8mwq", ("classes.missing",)),
    ("kabucom", "login", "Tkyr8mw!", ("charset.disallowed_symbol",)),
    ("kabucom", "login", "Tk8mw", ("length.too_short",)),
    ("kabucom", "login", "Tkyr8mwqTkyr8mwqT", ("length.too_long",)),
    # GMOクリック: 二つ以上の連続した同一文字
    ("gmo-click", "login", "Tkyrr8mw", ("repetition.same_character",)),
    # みずほ: 半角8~16文字、英字・数字・記号の2種類以上; symbols # + - . / : _
    ("mizuho", "login", "Tkyrmwqz", ("classes.too_few",)),
    ("mizuho", "login", "28371946", ("classes.too_few",)),
    ("mizuho", "login", "Tkyr8mw!", ("charset.disallowed_symbol",)),
    ("mizuho", "login", "Tkyr8mwq2Lp5Zx7Vn", ("length.too_long",)),
    # フジトミ FX: 3 of 4 classes, 8-20
    ("fujitomi-fx", "login", "tkyr8mwq", ("classes.too_few",)),
    ("fujitomi-fx", "login", "Tk8mwq!", ("length.too_short",)),
    # フジトミ commodity: all 4 classes, 8-12
    ("fujitomi-commodity", "login", "Tkyr8mwq", ("classes.missing",)),
    ("fujitomi-commodity", "login", "Tk!r8mwqzz12", ()),  # 12 is the maximum: accepted
    ("fujitomi-commodity", "login", "Tk!r8mwqzz12x", ("length.too_long",)),
    # Monex: e.g. 111, aaa; 123, abc, cba; no leading or trailing space
    ("monex", "login", "Tk!r111mw", ("repetition.same_character",)),
    ("monex", "login", "Tk!raaamw9", ("repetition.same_character",)),
    ("monex", "login", "Tk!r123mw", ("sequence.ascending",)),
    ("monex", "login", "Tk!rabcm9", ("sequence.ascending",)),
    ("monex", "login", "Tk!rcbam9", ("sequence.descending",)),
    ("monex", "login", " Tk!r8mwq", ("charset.edge_space",)),
    ("monex", "login", "Tkyr8mwq", ("classes.missing",)),
    # 楽天: 2 of digit/upper/lower/symbol, 8-16
    ("rakuten", "login", "tkyrmwqz", ("classes.too_few",)),
    # 岩井コスモ: symbols ! " # $ % & + - @
    ("iwaicosmo", "login", "tkyr8mw*", ("charset.disallowed_symbol",)),
    ("iwaicosmo", "login", "tkyrmwqz", ("classes.too_few",)),
    # 松井: digits-only or letters-only
    ("matsui", "login", "28371946", ("classes.too_few",)),
    ("matsui", "login", "tkyrmwqz", ("classes.too_few",)),
    # 立花: 4-48 of a-z A-Z 0-9 # + - . / : _ =
    ("tachibana", "login", "tky~", ("charset.disallowed_symbol",)),
    ("tachibana", "login", "tk8", ("length.too_short",)),
    # SMBC日興: trade 8-16 with 2 classes; login 6-16
    ("smbc-nikko", "trade", "tkyrmwqz", ("classes.too_few",)),
    ("smbc-nikko", "trade", "Tk8mwq", ("length.too_short",)),
    ("smbc-nikko", "login", "Tk8mw", ("length.too_short",)),
    # 大和: 6桁以上かつ数字、アルファベット大文字、アルファベット小文字、記号から2種以上
    ("daiwa", "login", "tkyrmwqz", ("classes.too_few",)),
    ("daiwa", "login", "Tk8mw", ("length.too_short",)),
    # GMOクリック: the 取引暗証番号 has no published format, so no length rule;
    # 「二つ以上の連続した同一文字」 still applies to it
    ("gmo-click", "trade", "1377", ("repetition.same_character",)),
    # Guessable-password hints, enforced: 「その他の「パスワード」に用いられるもの」
    # (moomoo), 「、等」 (GMO), 「など」 (みずほ), 「“PASSWORD”等」 (松井) …
    ("moomoo", "login", "Password1!", ("blocklist.common",)),
    ("gmo-click", "login", "iloveyou", ("blocklist.common",)),
    ("mizuho", "login", "password1", ("blocklist.common",)),
    ("matsui", "login", "password1", ("blocklist.common",)),
    ("tachibana", "login", "password", ("blocklist.common",)),
    ("nomura", "login", "password", ("blocklist.common",)),
    # Baselines
    ("nist-800-63b", "login", "Tkyr8mwq", ("length.too_short",)),
    ("owasp-asvs", "login", "Tkyr8mw", ("length.too_short",)),
    ("owasp-asvs", "login", "x" * 65, ("length.too_long",)),
    # The strength rule estimates only what the other rules accept (the
    # preset's only_if_otherwise_accepted), so it adds nothing here.
    ("recommended", "login", "zaq12wsx", ("keyboard.walk",)),
    # JSDA investor page: 「11111」「aaaaa」「12345」「abcde」「password」
    ("jsda-2025", "login", "Tk11111r", ("repetition.same_character",)),
    # A run of letters is a pattern token for the blocklist too (numbers are not:
    # they are the repetition and sequence rules' business).
    ("jsda-2025", "login", "Tkaaaaar", ("repetition.same_character",)),
    ("jsda-2025", "login", "Tk12345r", ("sequence.ascending",)),
    ("jsda-2025", "login", "Tkabcder", ("sequence.ascending",)),
    ("jsda-2025", "login", "password", ("blocklist.custom",)),
    ("recommended", "login", "Sakura2024!", ("blocklist.common",)),
    # Listed in both lists: reported under the first the policy names.
    ("recommended", "login", "Tanaka1985", ("blocklist.common",)),
    ("recommended", "login", "Tkyr8mwq", ("strength.low_score",)),
    # 推測されやすい文字列 (auカブコム, フジトミ), 楽天's forbidden strings: the bundled lists
    ("kabucom", "login", "Password1", ("blocklist.common",)),
    ("kabucom", "login", "Sakura2024", ("blocklist.common",)),
    ("fujitomi-fx", "login", "P@ssw0rd1", ("blocklist.common",)),
    ("fujitomi-commodity", "login", "Passw0rd!", ("blocklist.common",)),
    ("rakuten", "login", "doraemon1", ("blocklist.common",)),
    ("nist-800-63b", "login", "iloveyou12345678", ("blocklist.common",)),
    # Seven points for a password used alone: three common words score five.
    ("nist-800-63b", "login", "correct horse battery", ("blocklist.common",)),
    ("nist-800-63b", "login", "seacercaeltiempo1!", ("blocklist.common",)),
    ("owasp-asvs", "login", "qwertyuiop", ("blocklist.common",)),
    ("recommended", "login", "Qz!aaaa9x", ("repetition.same_character",)),
    # xkcd 936's guessable example: troub + leet + `dor` (a top-3,000 short word).
    ("recommended", "login", "Tr0ub4dor&3", ("blocklist.common",)),
]

ACCEPTED: list[tuple[str, str, str]] = [
    ("moomoo", "login", "Tkyr8mwq"),
    ("moomoo", "login", "Mu7#kp2Lq"),
    ("moomoo", "trade", "Zx9!Tp4Rw2Lm"),
    ("kabucom", "login", "Tkyr8mwq"),
    ("kabucom", "login", "Tk@r8m#q"),
    ("kabucom", "withdrawal", "Ab3456"),
    ("gmo-click", "login", "Tkyr8mwq"),
    ("mizuho", "login", "tkyr8mwq"),
    ("mizuho", "login", "tk/r8.mq"),
    ("fujitomi-fx", "login", "Tkyr8mwq"),
    ("fujitomi-commodity", "login", "Tk!r8mwq"),
    ("monex", "login", "Tk!r8mwq"),
    ("monex", "login", "Tk! r8mwq"),
    ("rakuten", "login", "tkyr8mwq"),
    ("iwaicosmo", "login", "tkyr8mw@"),
    ("matsui", "login", "tkyr8mwq"),
    ("tachibana", "login", "tk8="),
    ("smbc-nikko", "login", "tkyrmw"),
    ("smbc-nikko", "trade", "tkyr8mwq"),
    ("smbc-nikko", "withdrawal", "tkyr8mwq"),
    ("daiwa", "login", "tkyr8m"),
    ("daiwa", "login", "tkyr8m" * 10),  # no maximum is published
    ("gmo-click", "trade", "1537"),  # no length rule: the format is not published
    ("gmo-click", "login", "TkeEr8mw"),  # e and E are different characters
    ("nomura", "login", "Tk8"),  # no composition rule is published
    ("nomura", "trade", "Tk8"),
    ("sbi", "login", "Tk8"),
    ("sbi", "trade", "Tk8"),
    ("nist-800-63b", "login", "correct horse battery staple"),
    ("nist-800-63b", "login", "パスワードはとても長い文章です"),
    ("owasp-asvs", "login", "Tkyr8mwq"),
    ("jsda-2025", "login", "Tk1111r"),  # runs of 4 are under the examples' 5
    ("recommended", "login", "Gh7$kP2qW9zR"),
    ("recommended", "login", "Mu7#kp2Lq"),
]


class TestGolden:
    @pytest.mark.parametrize(("preset", "kind", "password", "codes"), REJECTED)
    def test_published_examples_are_rejected_for_the_right_reason(
        self, preset: str, kind: str, password: str, codes: tuple[str, ...]
    ) -> None:
        result = credguard.load_policy(preset).check(password, kind=kind)
        assert result.codes == codes
        assert result.ok is (not codes)

    @pytest.mark.parametrize(("preset", "kind", "password"), ACCEPTED)
    def test_acceptable_passwords_pass(self, preset: str, kind: str, password: str) -> None:
        result = credguard.load_policy(preset).check(password, kind=kind)
        assert result.violations == ()

    @pytest.mark.parametrize("example", ["123456", "abcdef", "987654", "5555555", "ccccccc"])
    def test_bare_moomoo_examples_are_rejected(self, example: str) -> None:
        result = credguard.load_policy("moomoo").check(example)
        assert not result.ok

    def test_mizuho_advice_is_an_error_by_default_and_a_warning_on_request(self) -> None:
        # 「…同一または連続した英数字など、推測されやすい文字の組み合わせを使用しないでください。」
        result = credguard.load_policy("mizuho").check("tkyr1234")
        # tkyr1234 is also a leaked password (the page's 「など」): the
        # blocklist, gated, is reported only once nothing else refuses.
        assert result.codes == ("sequence.ascending",)
        assert not result.ok
        letter = credguard.load_policy("mizuho", advice="warn").check("tkyr1234")
        assert letter.ok
        assert {v.severity for v in letter.violations} == {"warning"}
        # A warning refuses nothing: the gated blocklist still advises.
        assert letter.codes == ("sequence.ascending", "blocklist.common")

    def test_every_preset_is_covered(self) -> None:
        covered = {row[0] for row in REJECTED} | {row[0] for row in ACCEPTED}
        assert covered == set(credguard.list_presets())


class TestPresetFiles:
    EXPECTED: ClassVar[set[str]] = {
        "moomoo", "kabucom", "gmo-click", "mizuho", "fujitomi-fx", "fujitomi-commodity",
        "monex", "rakuten", "iwaicosmo", "matsui", "tachibana", "smbc-nikko",
        "daiwa", "nomura", "sbi", "nist-800-63b", "owasp-asvs", "jsda-2025", "recommended",
    }  # fmt: skip

    def test_names(self) -> None:
        assert set(credguard.list_presets()) == self.EXPECTED

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_lint_clean_and_traced(self, name: str) -> None:
        assert credguard.lint_policy(name) == ()
        policy = credguard.load_policy(name)
        assert policy.name == name
        assert policy.title
        assert policy.title_ja
        assert policy.meta.source
        for kind in credguard.KINDS:
            for rule in policy.rules_for(kind):
                assert policy.provenance_of(rule.NAME, kind), (kind, rule.NAME)

    def test_lockout_and_session_from_the_pages(self) -> None:
        moomoo = credguard.load_policy("moomoo")
        assert (moomoo.lockout.max_failures, moomoo.lockout.auto_unlock) == (10, True)
        assert moomoo.lockout.lock_minutes is None  # 一定時間: not published
        assert "十回連続失敗" in moomoo.lockout.provenance.quote
        assert moomoo.session.auto_logout is True
        assert moomoo.session.idle_timeout_minutes is None  # 一定時間: not published
        assert moomoo.session.provenance.quote
        smbc = credguard.load_policy("smbc-nikko")
        assert (smbc.lockout.max_failures, smbc.lockout.auto_unlock) == (5, False)
        assert credguard.load_policy("nist-800-63b").lockout.max_failures == 100
        assert credguard.load_policy("gmo-click").rotation.advised is True


HASHER = testing.cheap_hasher()
PAST = ("Past1pw!ab", "Past2pw!cd", "Past3pw!ef", "Past4pw!gh", "Past5pw!ij", "Past6pw!kl")


def _history(count: int) -> tuple[str, ...]:
    """Stored hashes of the last *count* passwords, newest first."""
    return tuple(HASHER.hash(p) for p in PAST[:count])


class TestCredentialRules:
    """Published history and separation rules, with the INSECURE test hasher."""

    @pytest.mark.parametrize(
        ("preset", "generations"),
        [
            ("mizuho", 5),
            ("fujitomi-fx", 5),
            ("fujitomi-commodity", 5),
            ("monex", 1),
            ("iwaicosmo", 2),
        ],
    )
    def test_history_generations(self, preset: str, generations: int) -> None:
        policy = testing.cheap_policy(credguard.load_policy(preset))
        context = credguard.UserContext(password_history=_history(generations + 1))
        oldest_kept = PAST[generations - 1]
        result = policy.check(oldest_kept, context=context)
        assert "history.reused" in result.codes
        assert "history.reused" not in policy.check(PAST[generations], context=context).codes

    @pytest.mark.parametrize(
        ("preset", "kind", "other"),
        [
            ("mizuho", "login", "trade"),
            ("mizuho", "trade", "login"),
            ("fujitomi-fx", "trade", "login"),
            ("fujitomi-fx", "login", "trade"),
            ("fujitomi-commodity", "trade", "login"),
            ("iwaicosmo", "login", "trade"),
            ("matsui", "trade", "login"),
            ("tachibana", "trade", "login"),
            ("tachibana", "login", "trade"),
            ("recommended", "trade", "login"),
            ("recommended", "withdrawal", "trade"),
        ],
    )
    def test_login_and_trade_must_differ(self, preset: str, kind: str, other: str) -> None:
        policy = testing.cheap_policy(credguard.load_policy(preset))
        password = "Tk!r8mwq-Z2"[: 11 if preset != "fujitomi-commodity" else 10]
        context = credguard.UserContext(other_credentials={other: HASHER.hash(password)})
        assert "separation.same" in policy.check(password, context=context, kind=kind).codes
        assert policy.check("Zq#w7Lp2xY", context=context, kind=kind).ok


#: (preset, the UserContext fields, password, the codes expected): the firms'
#: personal-data sentences, each example embedded in an acceptable password.
PERSONAL: list[tuple[str, dict[str, object], str, tuple[str, ...]]] = [
    # moomoo: 2010年1月1日生まれの場合は「20100101」「201001」「100101」「201011」
    (
        "moomoo",
        {"birthdate": "2010-01-01"},
        "Qz!20100101",
        ("personal.birthdate",),
    ),
    (
        "moomoo",
        {"birthdate": "2010-01-01"},
        "Qz!201001",
        ("personal.birthdate",),
    ),
    ("moomoo", {"birthdate": "2010-01-01"}, "Qz!100101x", ("personal.birthdate",)),
    (
        "moomoo",
        {"birthdate": "2010-01-01"},
        "Qz!201011x",
        ("personal.birthdate",),
    ),
    # 「ユーザーネーム」または「お客様番号」(部店番号+口座番号)と同一もしくはそれらを含む
    ("moomoo", {"username": "taro_y"}, "Qz!taro_y9", ("personal.username",)),
    ("moomoo", {"customer_number": "275-381946"}, "Qz!275381946", ("personal.customer_number",)),
    # メールアドレスの @ より前の文字列; ペットなどの名前
    (
        "moomoo",
        {"email": "yamada.taro@example.co.jp"},
        "Qz!yamada9",
        ("personal.email",),
    ),
    ("moomoo", {"other_words": ("pochi",)}, "Qz!Pochi99", ("personal.other_words",)),
    ("moomoo", {"phone": "090-3961-2475"}, "Qz!39612475", ("personal.phone",)),
    # auカブコム: 例: 登録メールアドレス
    (
        "kabucom",
        {"email": "yamada.taro@example.co.jp"},
        "Yamada.taro1",
        ("personal.email",),
    ),
    # GMOクリック: 「ユーザーID(ログイン名)」と同じ文字列、生年月日と同一 (equal only)
    ("gmo-click", {"username": "Tkyr8mwq"}, "Tkyr8mwq", ("personal.username",)),
    ("gmo-click", {"username": "Tkyr8mwq"}, "Tkyr8mwq1", ()),
    (
        "gmo-click",
        {"birthdate": "1985-07-23"},
        "19850723",
        ("personal.birthdate",),
    ),
    ("gmo-click", {"birthdate": "1985-07-23"}, "x19850723", ("blocklist.common",)),
    # みずほ: お客様コードやメールアドレス(@の前の文字列)と同一 (equal only)
    ("mizuho", {"email": "Tkyr8mwq@example.co.jp"}, "Tkyr8mwq", ("personal.email",)),
    ("mizuho", {"email": "Tkyr8mwq@example.co.jp"}, "Tkyr8mwq9x", ()),
    ("mizuho", {"customer_number": "2753819"}, "x2753819y", ()),
    # Monex: login ID, birthdate
    ("monex", {"username": "taro_y"}, "Tk!rtaro_y9", ("personal.username",)),
    ("monex", {"birthdate": "1985-07-23"}, "Tk!r19850723", ("personal.birthdate",)),
    # 岩井コスモ: phone's last 4 digits; birthdate's YYYY or MMDD (1981-07-03: 1981, 0703)
    ("iwaicosmo", {"phone": "090-3961-2475"}, "tkyr2475x", ("personal.phone",)),
    ("iwaicosmo", {"birthdate": "1981-07-03"}, "tkyr0703x", ("personal.birthdate",)),
    ("iwaicosmo", {"birthdate": "1981-07-03"}, "tkyr1981x", ("personal.birthdate",)),
    ("matsui", {"username": "mt2048ab"}, "x1mt2048ab", ("personal.username",)),
    # 松井: ログインIDの末尾6文字を含むもの (the last 6 characters of the login ID)
    ("matsui", {"username": "kq93-zx7041"}, "Tb!zx7041m", ("personal.username",)),
    (
        "recommended",
        {"names": ("やまだ たろう",)},
        "Yamada-1985x",
        ("personal.names",),
    ),
]


class TestPersonalData:
    @pytest.mark.parametrize(("preset", "fields", "password", "codes"), PERSONAL)
    def test_published_personal_examples(
        self, preset: str, fields: dict[str, object], password: str, codes: tuple[str, ...]
    ) -> None:
        context = credguard.UserContext(**fields)  # type: ignore[arg-type]
        result = credguard.load_policy(preset).check(password, context=context)
        assert result.codes == codes

    def test_mizuho_customer_code_equal(self) -> None:
        context = credguard.UserContext(customer_number="2753819")
        result = credguard.load_policy("mizuho").check("2753819", context=context)
        assert "personal.customer_number" in result.codes
