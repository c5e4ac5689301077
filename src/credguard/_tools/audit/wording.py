"""What an audit finding says, in English and Japanese.

A check reports what it found as a message id and its parameters
(:func:`said`); the English text is the finding's ``problem``, and
:func:`render` gives either language.  Parameters are numbers, dates the
firm published, and vocabulary (MFA methods, modes, character classes,
channels), which :data:`TERMS` translates — never a password or personal
value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ..._catalogue import Catalogue, Lang

__all__ = ["GLOSS_JA", "TERMS", "WORDING", "render"]

#: Vocabulary in findings: (English, Japanese).
TERMS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        # MFA methods (English: the policy-file name, as written in the preset)
        "passkey": ("passkey", "パスキー"),
        "pki": ("pki", "電子証明書(PKI)"),
        "sms": ("sms", "SMSの認証コード"),
        "email_code": ("email_code", "メールの認証コード"),
        "authenticator_app": ("authenticator_app", "認証アプリのワンタイムパスワード"),
        "push": ("push", "アプリのプッシュ通知での承認"),
        "phone_callback": ("phone_callback", "電話番号認証"),
        "device_binding": ("device_binding", "端末認証"),
        "biometric": ("biometric", "アプリの生体認証"),
        # how an event asks for MFA
        "optional": ("optional (the customer may go without it)", "任意(使わない設定も選べる)"),
        "risk_based": (
            "asked only when the environment looks unusual (risk-based)",
            "いつもと違う環境からの操作のときだけ求められる(リスクベース)",
        ),
        "none": ("none", "なし"),
        # character classes
        "upper": ("upper", "英大文字"),
        "lower": ("lower", "英小文字"),
        "digit": ("digit", "数字"),
        "symbol": ("symbol", "記号"),
        "space": ("space", "空白"),
        # notice channels and detection responses
        "email": ("email", "メール"),
        "app": ("app", "アプリ内通知"),
        "post": ("post", "郵送"),
        "notify": ("notify", "お客様への通知"),
        "challenge": ("challenge", "追加の本人確認"),
        "block": ("block", "取引・ログインの遮断"),
        # notified events
        "trade": ("every trade (約定)", "約定"),
        "withdrawal": ("every withdrawal request", "出金依頼"),
        "login": ("every login", "ログイン"),
        "new_device_login": ("a login from a new environment", "いつもと違う環境からのログイン"),
        # what a baseline lacks (needs_rule)
        "no_blocklist": (
            "blocklist or breached-password check",
            "よく使われる・漏えいしたパスワードの照合",
        ),
        "no_common": ("common-password blocklist", "よく使われるパスワードの照合"),
        "no_context": (
            "context-specific (personal data) check",
            "氏名・生年月日など個人情報との照合",
        ),
        "no_breached": ("breached-password check", "漏えいしたパスワードとの照合"),
        # why a shorter minimum is allowed
        "mfa_only": (
            "allowed only when the password is one factor of MFA",
            "多要素認証の一要素として使う場合に限り可",
        ),
        "recommended": ("15 is strongly recommended", "15文字以上が強く推奨されています"),
    }
)

_WORDING: Final[Mapping[str, tuple[str, str]]] = {
    "unsaid": ("the policy does not say", "ポリシーに記載がありません"),
    # --- password rules
    "min.none": ("no minimum length is set", "最小文字数が決まっていません"),
    "min.under": (
        "minimum length {minimum} is under {floor}",
        "最小文字数が{minimum}文字で、{floor}文字に届きません",
    ),
    "min.soft": (
        "minimum length {minimum} is under {soft} ({why})",
        "最小文字数が{minimum}文字で、{soft}文字に届きません({why})",
    ),
    "max.under": (
        "maximum length {maximum} is under {ceiling}",
        "最大文字数が{maximum}文字で、{ceiling}文字まで入力できません",
    ),
    "classes.required": (
        "requires particular character classes",
        "特定の種類の文字(英大文字・数字など)を必ず含めるよう求めています",
    ),
    "classes.mixture": (
        "requires a mixture of character classes",
        "複数の種類の文字を組み合わせるよう求めています",
    ),
    "charset.classes": (
        "refuses printable ASCII classes: {missing}",
        "使えない半角文字があります:{missing}",
    ),
    "charset.symbols": ("accepts only some ASCII symbols", "使える記号が一部に限られています"),
    "charset.unicode": (
        "refuses Unicode (non-ASCII) characters",
        "全角文字など半角英数記号以外の文字が使えません",
    ),
    "rotation.forced": (
        "forces a password change every {days} days",
        "{days}日ごとにパスワードの変更を強制しています",
    ),
    "rotation.advised": (
        "asks users to change passwords periodically",
        "定期的なパスワード変更を呼びかけています",
    ),
    "rule.missing": ("no {what}", "{what}を行っていません"),
    # --- MFA
    "mfa.offline": (
        "cannot be done online (paper, phone or branch only)",
        "オンラインではできません(書面・電話・店頭のみ)",
    ),
    "mfa.none": ("no second factor", "追加の認証がありません"),
    "mfa.mode": ("MFA is {mode}", "多要素認証は{mode}"),
    "mfa.mode.resistant": (
        "MFA is {mode}; methods: {methods} (phishing-resistant)",
        "多要素認証は{mode}。方式:{methods}(フィッシング耐性あり)",
    ),
    "mfa.mode.phishable": (
        "MFA is {mode}; methods: {methods} (not phishing-resistant)",
        "多要素認証は{mode}。方式:{methods}(フィッシング耐性なし)",
    ),
    "mfa.required.resistant": (
        "required, phishing-resistant ({methods})",
        "必須で、フィッシング耐性のある方式です({methods})",
    ),
    "mfa.required.phishable": (
        "required, but not phishing-resistant ({methods})",
        "必須ですが、フィッシング耐性のない方式です({methods})",
    ),
    "mfa.required.either": (
        "required; cannot tell whether {methods} are alternatives",
        "必須ですが、{methods}のどれか一つでよいのか分かりません",
    ),
    "mfa.required.unnamed": (
        "required, but the methods are not stated",
        "必須ですが、方式の記載がありません",
    ),
    "mfa.phishable.no_mode": (
        "the methods named are not phishing-resistant ({methods}); the mode is not stated",
        "記載の方式はフィッシング耐性がありません({methods})。必須かどうかは記載がありません",
    ),
    "mfa.methods.no_mode": (
        "methods {methods}, but the mode is not stated",
        "方式は{methods}ですが、必須かどうかは記載がありません",
    ),
    "mfa.login.required": ("login requires a second factor", "ログインに追加の認証が必須です"),
    "mfa.login.not_always": (
        "login does not always require a second factor: {mode}",
        "ログインで追加の認証が必ず求められるわけではありません({mode})",
    ),
    "mfa.offers": ("offers {methods}", "{methods}が使えます"),
    "mfa.no_resistant_option": (
        "no phishing-resistant option ({methods})",
        "フィッシング耐性のある方式を選べません({methods})",
    ),
    "mfa.uses": ("uses {methods}", "{methods}を使っています"),
    "mfa.no_method": ("the policy names no MFA method", "多要素認証の方式の記載がありません"),
    "mfa.avoids": ("no event uses {methods}", "どの操作にも{methods}を使っていません"),
    "mfa.in_force": (
        "phishing-resistant MFA is in force where it is mandatory: no interim measure",
        "必須とされる操作すべてでフィッシング耐性のある多要素認証を導入済みで、暫定措置は不要です",
    ),
    "schedule.none": (
        "no published schedule for phishing-resistant MFA",
        "フィッシング耐性のある多要素認証の導入時期が公表されていません",
    ),
    "schedule.published": ("schedule published: {planned}", "導入時期を公表しています:{planned}"),
    "schedule.season": (
        "schedule given only as {planned}: not shown to be a concrete schedule",
        "導入時期は「{planned}」とだけあり、具体的なスケジュールとは言えません",
    ),
    # --- lockout
    "lock.unsaid": (
        "the policy does not say whether it locks",
        "ロックされるかどうか記載がありません",
    ),
    "lock.never": ("the account does not lock", "口座はロックされません"),
    "lock.after": (
        "locks after {count} consecutive failures",
        "{count}回続けて失敗するとロックされます",
    ),
    "lock.after.firm": (
        "locks after {count} consecutive failures; only the firm unlocks it",
        "{count}回続けて失敗するとロックされ、解除は証券会社への連絡が必要です",
    ),
    "lock.repeated": (
        "locks after repeated failures (the count is not stated)",
        "何度か失敗するとロックされます(回数の記載はありません)",
    ),
    "lock.repeated.firm": (
        "locks after repeated failures (the count is not stated); only the firm unlocks it",
        "何度か失敗するとロックされ(回数の記載はありません)、解除は証券会社への連絡が必要です",
    ),
    "lock.limit.unsaid": (
        "the policy does not state a failure limit",
        "失敗できる回数の上限が記載されていません",
    ),
    "lock.limit.over": (
        "allows {count} consecutive failures",
        "{count}回続けて失敗してもロックされません",
    ),
    # --- notices, detection, reopening, messages
    "notice.sent": ("notifies {what}", "{what}をお知らせしています"),
    "notice.sent.by": ("notifies {what} by {channels}", "{what}を{channels}でお知らせしています"),
    "notice.opt_in": (
        "notifies {what} (the customer turns it on)",
        "{what}をお知らせしています(お客様が設定した場合)",
    ),
    "notice.opt_in.by": (
        "notifies {what} by {channels} (the customer turns it on)",
        "{what}を{channels}でお知らせしています(お客様が設定した場合)",
    ),
    "notice.none": ("no notice of {what}", "{what}のお知らせはありません"),
    "notice.no_login": ("no login notification", "ログインのお知らせはありません"),
    "detect.none": ("no behaviour detection", "振る舞い検知を行っていません"),
    "detect.yes": ("detects unusual behaviour", "いつもと違う操作を検知しています"),
    "detect.then": (
        "detects unusual behaviour; then: {responses}",
        "いつもと違う操作を検知し、{responses}を行います",
    ),
    "reopen.no": (
        "a frozen account is reopened without a fresh identity verification",
        "凍結した口座を、本人確認をやり直さずに再開しています",
    ),
    "reopen.yes": (
        "a frozen account is reopened only after a fresh identity verification",
        "凍結した口座は、改めて本人確認をしてから再開しています",
    ),
    "links.yes": (
        "messages may link to a page asking for the password",
        "メールやSMSに、パスワードを入力させるページへのリンクが載ることがあります",
    ),
    "links.no": (
        "messages carry no links to login pages",
        "メールやSMSにログインページへのリンクを載せていません",
    ),
}
#: message id -> (English, Japanese).
WORDING: Final = Catalogue(_WORDING, TERMS)


def render(code: str, params: tuple[tuple[str, object], ...], lang: Lang) -> str:
    """The message *code* with *params* in *lang*."""
    return WORDING.render(code, dict(params), lang)


#: A Japanese rendering of each NIST and OWASP requirement (the English is the
#: standard's own words, shown with ``--lang en``), keyed by those words.
#: ``tests/tools/test_audit.py`` checks that every row has one.
GLOSS_JA: Final[Mapping[str, str]] = MappingProxyType(
    {
        "Verifiers and CSPs SHALL require passwords that are used as a single-factor"
        " authentication mechanism to be a minimum of 15 characters in length. Verifiers and"
        " CSPs MAY allow passwords that are only used as part of multi-factor authentication"
        " processes to be shorter but SHALL require them to be a minimum of eight characters"
        " in length.": "パスワードだけで認証する場合は15文字以上を必須とする。"
        "多要素認証の一要素としてだけ使う場合は短くてもよいが、8文字以上を必須とする。",
        "Verifiers and CSPs SHOULD permit a maximum password length of at least 64"
        " characters.": "パスワードの上限は64文字以上にすべきである。",
        "Verifiers and CSPs SHALL NOT impose other composition rules (e.g., requiring"
        " mixtures of different character types) for passwords.": "文字種の組み合わせを"
        "求めるなど、文字の構成に関するルールを課してはならない。",
        "Verifiers and CSPs SHOULD accept all printing ASCII [RFC20] characters and the space"
        " character in passwords. Verifiers and CSPs SHOULD accept Unicode [ISO/ISC 10646]"
        " characters in passwords.": "表示できる半角文字と空白をすべて受け付けるべきである。"
        "Unicode の文字(全角文字など)も受け付けるべきである。",
        "When processing a request to establish or change a password, verifiers SHALL compare"
        " the prospective secret against a blocklist that contains known commonly used,"
        " expected, or compromised passwords.": "パスワードの設定・変更時には、"
        "よく使われるもの・推測されやすいもの・漏えいしたものの一覧と照合しなければならない。",
        "Verifiers and CSPs SHALL NOT require subscribers to change passwords"
        " periodically.": "パスワードの定期的な変更を求めてはならない。",
        "the verifier SHALL limit consecutive failed authentication attempts on a single"
        " subscriber account to no more than 100": "1つのアカウントで続けて認証に失敗できる"
        "回数を100回以下に制限しなければならない。",
        "AAL2: proof of possession and control of two distinct authentication factors is"
        " required": "AAL2 では、異なる2つの認証要素を持っていることの証明が必要である。",
        "verifiers SHALL offer at least one phishing-resistant authentication option at"
        " AAL2": "AAL2 では、フィッシング耐性のある認証方式を少なくとも1つ選べるように"
        "しなければならない。",
        "methods that do not prove possession of a specific device, such as VoIP telephone"
        " numbers or email, SHALL NOT be used for out-of-band authentication": "IP電話の番号や"
        "メールなど、特定の端末を持っていることを証明できない手段を、別経路の認証に"
        "使ってはならない。",
        "out-of-band authentication over the public telephone network (SMS or voice) is a"
        " restricted authenticator: verifiers SHALL offer an alternative that is not"
        " restricted and SHALL tell subscribers of its risks": "SMSや音声通話による認証は"
        "制限付きの方式であり、制限のない代替手段を用意し、利用者にそのリスクを"
        "伝えなければならない。",
        "Verify that user set passwords are at least 8 characters in length although a"
        " minimum of 15 characters is strongly recommended.": "利用者が設定するパスワードが"
        "8文字以上であること(15文字以上を強く推奨)。",
        "Verify that passwords of at least 64 characters are permitted.": "64文字以上の"
        "パスワードを設定できること。",
        "Verify that passwords of any composition can be used, without rules limiting the"
        " type of characters permitted. There must be no requirement for a minimum number of"
        " upper or lower case characters, numbers, or special characters.": "文字種を制限する"
        "ルールなしに、どんな構成のパスワードも使えること。英大文字・英小文字・数字・記号の"
        "最低数を求めてはならない。",
        "Verify that passwords of any composition can be used, without rules limiting the"
        " type of characters permitted.": "文字種を制限するルールなしに、どんな構成の"
        "パスワードも使えること。",
        "Verify that passwords submitted during account registration or password change are"
        " checked against an available set of, at least, the top 3000 passwords which match"
        " the application's password policy, e.g. minimum length.": "登録・変更時のパスワードを、"
        "ポリシー(最小文字数など)を満たすよく使われるパスワード上位3000件以上と照合すること。",
        "Verify that the documented list of context specific words is used to prevent easy"
        " to guess passwords being created.": "サービスに固有の語の一覧を使い、"
        "推測されやすいパスワードが作られるのを防ぐこと。",
        "Verify that passwords submitted during account registration or password changes are"
        " checked against a set of breached passwords.": "登録・変更時のパスワードを、"
        "漏えいしたパスワードの一覧と照合すること。",
        "Verify that a user's password stays valid until it is discovered to be compromised"
        " or the user rotates it. The application must not require periodic credential"
        " rotation.": "パスワードは、漏えいが判明するか利用者が変更するまで有効であること。"
        "定期的な変更を求めてはならない。",
    }
)
